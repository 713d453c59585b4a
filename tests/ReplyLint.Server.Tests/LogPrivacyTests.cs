using System.Net.Http.Json;
using Grpc.Core;
using ReplyLint.Protocol.V1;

namespace ReplyLint.Server.Tests;

/// <summary>Reply and customer text is personal data: the server's logs (at Debug, every category) never contain it.</summary>
[Collection(ServerCollection.Name)]
public sealed class LogPrivacyTests(ServerFixture fixture)
{
    [Fact]
    public async Task Logs_never_contain_reply_or_customer_text_on_any_path()
    {
        var marker = $"Zebracorn{Guid.NewGuid():N}";
        var reply = $"As I already explained, {marker} you are wrong about the charge.";
        var customer = $"My name is {marker} and I was charged twice.";
        var client = fixture.Client;
        var before = fixture.Server.Output.Length;

        await client.AnalyzeAsync(new AnalyzeRequest { Text = reply, CustomerMessage = customer, RequestId = "privacy-1" });
        await client.ApplyFixesAsync(new ApplyFixesRequest { Text = reply, CustomerMessage = customer, All = true });
        await Assert.ThrowsAsync<RpcException>(() => client.AnalyzeAsync(new AnalyzeRequest { Text = reply + "\0" }).ResponseAsync);
        await Assert.ThrowsAsync<RpcException>(() => client.AnalyzeAsync(new AnalyzeRequest
        {
            Text = reply,
            Options = new AnalysisOptions { DisabledRules = { "RL9999" } },
        }).ResponseAsync);
        await Assert.ThrowsAsync<RpcException>(() =>
            client.AnalyzeAsync(new AnalyzeRequest { Text = reply + Replies.OfLength(70_000) }).ResponseAsync);

        using (var call = client.AnalyzeStream())
        {
            await call.RequestStream.WriteAsync(new AnalyzeRequest { Text = reply, CustomerMessage = customer });
            await call.RequestStream.WriteAsync(new AnalyzeRequest { Text = reply + "\u0007" });
            await call.RequestStream.CompleteAsync();
            await foreach (var _ in call.ResponseStream.ReadAllAsync()) { }
        }

        using var http = new HttpClient { BaseAddress = fixture.Server.HttpAddress };
        (await http.PostAsJsonAsync("/v1/replies:analyze", new { text = reply, customerMessage = customer })).Dispose();
        (await http.PostAsJsonAsync("/v1/replies:analyze", new { text = reply + "\u0001" })).Dispose();

        // Console logging is asynchronous: wait until the last call's log line is out.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && CountOccurrences(fixture.Server.Output[before..], "Analyze failed InvalidArgument") < 3)
            await Task.Delay(100);

        var logs = fixture.Server.Output[before..];
        Assert.Contains("privacy-1", logs, StringComparison.Ordinal); // the logs were captured at all
        Assert.DoesNotContain(marker, logs, StringComparison.Ordinal);
        Assert.DoesNotContain("you are wrong about the charge", logs, StringComparison.Ordinal);
    }

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal)) count++;
        return count;
    }
}
