using System.Net;
using System.Net.Http.Json;
using Grpc.Core;
using Grpc.Health.V1;
using ReplyLint.Protocol.V1;

namespace ReplyLint.Server.Tests;

/// <summary>
/// What an operator sees at the shipped log levels: a failed call is one line that does not echo what the caller
/// sent, and a degraded server says so once at startup, not again on every health probe.
/// </summary>
public sealed class ShippedLogLevelsTests
{
    private const string FailedLine = "Analyze failed InvalidArgument";
    private const string UnknownRule = "ZQX";

    [Fact]
    public async Task Failed_calls_log_one_line_each_and_health_probes_of_a_degraded_server_log_nothing()
    {
        await using var server = await ServerProcess.StartWithShippedLogLevelsAsync("--ReplyLintServer:DisableModel=true");
        await server.WaitForHealthAsync("", HealthCheckResponse.Types.ServingStatus.Serving);

        var health = new Health.HealthClient(server.Channel);
        for (var i = 0; i < 5; i++)
        {
            var probe = await health.CheckAsync(new HealthCheckRequest { Service = "replylint.model" });
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, probe.Status);
        }

        var client = new ReplyLinter.ReplyLinterClient(server.Channel);
        var options = new AnalysisOptions { DisabledRules = { UnknownRule } };
        await Assert.ThrowsAsync<RpcException>(() => client.AnalyzeAsync(new AnalyzeRequest { Text = "M", Options = options }).ResponseAsync);
        using (var http = new HttpClient { BaseAddress = server.HttpAddress })
        using (var response = await http.PostAsJsonAsync("/v1/replies:analyze", new { text = "M", options = new { disabledRules = new[] { UnknownRule } } }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        // A last failed call: console logging keeps order, so once its line is out, every line the calls and
        // probes above caused (each written before its answer was sent) is out too.
        await Assert.ThrowsAsync<RpcException>(() => client.AnalyzeAsync(new AnalyzeRequest { Text = "" }).ResponseAsync);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && CountOccurrences(server.Output, FailedLine) < 3) await Task.Delay(100);

        var logs = server.Output;
        Assert.Equal(3, CountOccurrences(logs, FailedLine));
        Assert.DoesNotContain(UnknownRule, logs, StringComparison.Ordinal);
        Assert.DoesNotContain("Error status code", logs, StringComparison.Ordinal);
        Assert.Equal(1, CountOccurrences(logs, "Serving rules only (degraded)"));
        Assert.DoesNotContain("HealthCheck", logs, StringComparison.Ordinal);
    }

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal)) count++;
        return count;
    }
}
