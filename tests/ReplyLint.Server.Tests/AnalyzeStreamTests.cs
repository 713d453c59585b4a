using Grpc.Core;
using ReplyLint.Protocol.V1;

namespace ReplyLint.Server.Tests;

[Collection(ServerCollection.Name)]
public sealed class AnalyzeStreamTests(ServerFixture fixture)
{
    private readonly ReplyLinter.ReplyLinterClient _client = fixture.Client;

    [Fact]
    public async Task Every_request_gets_one_response_in_order_and_a_bad_one_fails_alone()
    {
        const int count = 30;
        using var call = _client.AnalyzeStream();
        var reading = ReadAllAsync(call.ResponseStream);
        for (var i = 0; i < count; i++)
        {
            var text = i == 7 ? "" : i % 2 == 0 ? Replies.Bad : Replies.Good;
            await call.RequestStream.WriteAsync(new AnalyzeRequest { Text = text, RequestId = $"r{i}" });
        }
        await call.RequestStream.CompleteAsync();
        var responses = await reading;

        Assert.Equal(count, responses.Count);
        Assert.Equal(Enumerable.Range(0, count).Select(i => (long)i), responses.Select(r => r.Sequence));
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"r{i}"), responses.Select(r => r.RequestId));
        var failed = Assert.Single(responses, r => r.OutcomeCase == AnalyzeStreamResponse.OutcomeOneofCase.Error);
        Assert.Equal(7, failed.Sequence);
        Assert.Equal((int)StatusCode.InvalidArgument, failed.Error.Code);
        Assert.Contains(failed.Error.Details, d => d.Is(Google.Rpc.BadRequest.Descriptor));
        Assert.All(responses.Where(r => r.Sequence % 2 == 0 && r.Sequence != 7), r => Assert.NotEmpty(r.Response.Diagnostics));
        Assert.All(responses.Where(r => r.Response is not null), r => Assert.Equal(r.RequestId, r.Response.RequestId));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task An_empty_stream_ends_ok()
    {
        using var call = _client.AnalyzeStream();
        await call.RequestStream.CompleteAsync();
        Assert.Empty(await ReadAllAsync(call.ResponseStream));
    }

    [Fact]
    public async Task A_stream_over_the_limit_answers_the_limit_then_ends_resource_exhausted()
    {
        using var call = _client.AnalyzeStream();
        var reading = ReadAllAsync(call.ResponseStream, stopOnError: true);
        try
        {
            for (var i = 0; i < ServerFixture.MaxStreamRequests + 5; i++)
                await call.RequestStream.WriteAsync(new AnalyzeRequest { Text = Replies.Good, RequestId = $"r{i}" });
            await call.RequestStream.CompleteAsync();
        }
        catch (Exception writeError) when (EndedByTheServer(writeError))
        {
            // The server may end the call before the client has finished writing.
        }

        var e = await Assert.ThrowsAsync<RpcException>(() => reading);
        AnalyzeTests.AssertViolation(e, StatusCode.ResourceExhausted, "requests");
        Assert.Equal(ServerFixture.MaxStreamRequests, _lastCount);
    }

    [Fact]
    public async Task A_stream_cancelled_half_way_ends_cancelled_and_the_server_carries_on()
    {
        using var cts = new CancellationTokenSource();
        using var call = _client.AnalyzeStream(cancellationToken: cts.Token);
        for (var i = 0; i < 10; i++) await call.RequestStream.WriteAsync(new AnalyzeRequest { Text = Replies.Bad, RequestId = $"c{i}" });
        for (var i = 0; i < 3; i++) Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        await cts.CancelAsync();

        var e = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None)) { }
        });
        Assert.True(e is RpcException { StatusCode: StatusCode.Cancelled } or OperationCanceledException, e.ToString());

        // The server saw the cancellation, and still answers.
        await WaitForAsync(() => fixture.Server.Output.Contains("AnalyzeStream failed Cancelled", StringComparison.Ordinal));
        Assert.NotEmpty((await _client.AnalyzeAsync(new AnalyzeRequest { Text = Replies.Bad })).Diagnostics);
    }

    [Fact]
    public async Task A_stream_deadline_that_expires_ends_the_call()
    {
        using var call = _client.AnalyzeStream(deadline: DateTime.UtcNow.AddSeconds(2));
        try
        {
            // Slower than the deadline, and well under the stream limit.
            for (var i = 0; i < 30; i++)
            {
                await call.RequestStream.WriteAsync(new AnalyzeRequest { Text = Replies.Good, RequestId = $"d{i}" });
                await Task.Delay(250);
            }
        }
        catch (Exception writeError) when (EndedByTheServer(writeError))
        {
            // Writing fails once the deadline has ended the call.
        }
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None)) { }
        });
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        await _client.PingAsync(new PingRequest());
    }

    private int _lastCount;

    // A write racing the end of the call fails in one of three ways, depending on which side noticed first:
    // the gRPC client's status, a write after completion, or the HTTP/2 stream reset itself
    // (HttpProtocolException, an IOException).
    private static bool EndedByTheServer(Exception e) =>
        e is RpcException or InvalidOperationException or IOException;

    private async Task<List<AnalyzeStreamResponse>> ReadAllAsync(IAsyncStreamReader<AnalyzeStreamResponse> stream, bool stopOnError = false)
    {
        var responses = new List<AnalyzeStreamResponse>();
        try
        {
            await foreach (var response in stream.ReadAllAsync()) responses.Add(response);
        }
        finally
        {
            _lastCount = responses.Count;
        }
        return responses;
    }

    private async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition() && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.True(condition(), fixture.Server.Output);
    }
}
