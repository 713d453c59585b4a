using Grpc.Health.V1;
using ReplyLint.Protocol.V1;

namespace ReplyLint.Server.Tests;

/// <summary>One real server shared by the tests of the "server" collection, with the shipped model.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    /// <summary>Kept small so the over-the-limit stream test stays quick.</summary>
    public const int MaxStreamRequests = 40;

    public ServerProcess Server { get; private set; } = null!;
    public ReplyLinter.ReplyLinterClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await ServerProcess.StartAsync($"--ReplyLintServer:MaxStreamRequests={MaxStreamRequests}");
        var status = await Server.WaitForHealthAsync("", HealthCheckResponse.Types.ServingStatus.Serving);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, status);
        Client = new ReplyLinter.ReplyLinterClient(Server.Channel);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "server";
}

/// <summary>Replies the tests send.</summary>
internal static class Replies
{
    /// <summary>Defensive, denying and jargon-laden, with no apology: several rules fire, most with fixes.</summary>
    public const string Bad =
        "As I already explained, you are wrong about the charge. Pursuant to our policy we cannot refund the order.";

    public const string Customer = "I was charged twice for my order and nobody answers my emails. This is really frustrating.";

    public const string Good =
        "Hi Sam,\nI'm sorry about the double charge, and thank you for your patience. I have refunded the second payment today; " +
        "you will see it on your statement within three days. Let me know if there is anything else I can do.";

    /// <summary>A realistic reply of about <paramref name="length"/> characters.</summary>
    public static string OfLength(int length)
    {
        var text = new System.Text.StringBuilder();
        while (text.Length < length) text.Append(Bad).Append(' ').Append(Good).Append("\n\n");
        return text.ToString(0, length);
    }
}
