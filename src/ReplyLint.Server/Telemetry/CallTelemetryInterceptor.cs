using System.Diagnostics;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace ReplyLint.Server.Telemetry;

/// <summary>Counts and times every call, and logs its outcome: method, status, duration. Never a message body.</summary>
internal sealed partial class CallTelemetryInterceptor(ServerMetrics metrics, ILogger<CallTelemetryInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var start = Stopwatch.GetTimestamp();
        var status = StatusCode.OK;
        try
        {
            return await continuation(request, context);
        }
        catch (Exception e)
        {
            status = StatusOf(e, context);
            throw;
        }
        finally
        {
            Finish(context, status, start);
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var start = Stopwatch.GetTimestamp();
        var status = StatusCode.OK;
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (Exception e)
        {
            status = StatusOf(e, context);
            throw;
        }
        finally
        {
            Finish(context, status, start);
        }
    }

    private void Finish(ServerCallContext context, StatusCode status, long start)
    {
        var elapsed = Stopwatch.GetElapsedTime(start);
        var method = context.Method;
        metrics.CallFinished(method, status.ToString(), elapsed.TotalSeconds);
        if (status is StatusCode.OK) LogCall(logger, method, status, elapsed.TotalMilliseconds);
        else LogFailedCall(logger, method, status, elapsed.TotalMilliseconds);
    }

    private static StatusCode StatusOf(Exception e, ServerCallContext context) => e switch
    {
        RpcException rpc => rpc.StatusCode,
        // A cancelled or expired call surfaces as OperationCanceledException, or as an IOException from a stream the
        // client reset, which can come before the call's token is cancelled.
        _ when context.CancellationToken.IsCancellationRequested || e is IOException =>
            context.Deadline <= DateTime.UtcNow ? StatusCode.DeadlineExceeded : StatusCode.Cancelled,
        _ => StatusCode.Unknown,
    };

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} finished {Status} in {ElapsedMs:0.###} ms")]
    private static partial void LogCall(ILogger logger, string method, StatusCode status, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} failed {Status} after {ElapsedMs:0.###} ms")]
    private static partial void LogFailedCall(ILogger logger, string method, StatusCode status, double elapsedMs);
}
