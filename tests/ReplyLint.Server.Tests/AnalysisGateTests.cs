using Grpc.Core;
using Grpc.Health.V1;
using ReplyLint.Protocol.V1;

namespace ReplyLint.Server.Tests;

/// <summary>A server that lints one reply at a time (ReplyLintServer:MaxConcurrentAnalyses=1): calls queue, none is lost.</summary>
public sealed class SingleSlotServerFixture : IAsyncLifetime
{
    public ServerProcess Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await ServerProcess.StartAsync("--ReplyLintServer:MaxConcurrentAnalyses=1");
        await Server.WaitForHealthAsync("", HealthCheckResponse.Types.ServingStatus.Serving);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

public sealed class AnalysisGateTests(SingleSlotServerFixture fixture) : IClassFixture<SingleSlotServerFixture>
{
    private readonly ReplyLinter.ReplyLinterClient _client = new(fixture.Server.Channel);

    [Fact]
    public async Task Concurrent_calls_beyond_the_limit_wait_their_turn_and_each_gets_its_own_answer()
    {
        var expected = await _client.AnalyzeAsync(new AnalyzeRequest { Text = Replies.Bad });
        var calls = Enumerable.Range(0, 24).Select(async i =>
        {
            var id = $"queued-{i}";
            if (i % 3 == 0)
            {
                var fixes = await _client.ApplyFixesAsync(new ApplyFixesRequest { Text = Replies.Bad, All = true, RequestId = id });
                return (id, fixes.RequestId, fixes.Remaining.Diagnostics.Count < expected.Diagnostics.Count);
            }
            var response = await _client.AnalyzeAsync(new AnalyzeRequest { Text = Replies.Bad, RequestId = id });
            return (id, response.RequestId, response.Diagnostics.Select(d => (d.RuleId, d.Span.Start)).SequenceEqual(expected.Diagnostics.Select(d => (d.RuleId, d.Span.Start))));
        }).ToList();

        foreach (var (id, answeredId, sameFindings) in await Task.WhenAll(calls))
        {
            Assert.Equal(id, answeredId);
            Assert.True(sameFindings, id);
        }
    }

    [Fact]
    public async Task A_bad_request_is_rejected_at_once_not_after_queueing_behind_busy_slots()
    {
        // The first rejection pays for loading the error-details code in the server and here; pay it before the
        // queue is filled, so what is compared below is queueing, not a cold start (CI once saw the whole queue
        // finish before a cold first rejection came back).
        await AssertBothRejectedAsync();

        // Fill the one slot's queue with long replies, several seconds of work (FIFO: a call that queued would
        // finish after all of them), then send invalid requests: they are validated before they queue, so their
        // answers come while the queue is still busy.
        var longReply = string.Concat(Enumerable.Repeat(Replies.Bad + " ", 60_000 / (Replies.Bad.Length + 1)));
        var busy = Enumerable.Range(0, 48).Select(_ => _client.AnalyzeAsync(new AnalyzeRequest { Text = longReply }).ResponseAsync).ToList();
        await Task.WhenAny(busy); // the server is working through them; the rest have had time to arrive and queue

        await AssertBothRejectedAsync();
        Assert.Contains(busy, call => !call.IsCompleted);

        await Task.WhenAll(busy);
    }

    private async Task AssertBothRejectedAsync()
    {
        var analyze = await Assert.ThrowsAsync<RpcException>(() => _client.AnalyzeAsync(new AnalyzeRequest { Text = "" }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, analyze.StatusCode);
        var fixes = await Assert.ThrowsAsync<RpcException>(() => _client.ApplyFixesAsync(new ApplyFixesRequest { Text = Replies.Bad }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, fixes.StatusCode); // neither fixes nor all: nothing to apply
    }

    [Fact]
    public async Task A_stream_goes_through_the_same_single_slot_in_order()
    {
        using var call = _client.AnalyzeStream();
        for (var i = 0; i < 10; i++) await call.RequestStream.WriteAsync(new AnalyzeRequest { Text = Replies.Bad, RequestId = $"s{i}" });
        await call.RequestStream.CompleteAsync();
        var ids = new List<string>();
        await foreach (var response in call.ResponseStream.ReadAllAsync()) ids.Add(response.RequestId);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"s{i}"), ids);
    }
}
