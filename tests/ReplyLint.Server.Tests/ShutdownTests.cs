using Grpc.Core;
using Grpc.Health.V1;
using ReplyLint.Protocol.V1;

namespace ReplyLint.Server.Tests;

public sealed class ShutdownTests
{
    [Fact]
    public async Task Sigterm_finishes_an_open_stream_with_every_answer_then_unavailable_and_exits_cleanly()
    {
        await using var server = await ServerProcess.StartAsync();
        await server.WaitForHealthAsync("", HealthCheckResponse.Types.ServingStatus.Serving);
        var client = new ReplyLinter.ReplyLinterClient(server.Channel);

        using var call = client.AnalyzeStream();
        for (var i = 0; i < 5; i++) await call.RequestStream.WriteAsync(new AnalyzeRequest { Text = Replies.Bad, RequestId = $"s{i}" });
        for (var i = 0; i < 5; i++)
        {
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal($"s{i}", call.ResponseStream.Current.RequestId);
        }

        server.SignalStop();

        var e = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None)) { }
        });
        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
        Assert.Contains("resend from sequence 5", e.Status.Detail, StringComparison.Ordinal);

        Assert.True(await server.WaitForExitAsync(TimeSpan.FromSeconds(60)), server.Output);
        Assert.Equal(0, server.ExitCode);
    }
}
