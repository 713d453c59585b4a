using Microsoft.Extensions.Options;

namespace ReplyLint.Server.Hosting;

/// <summary>
/// Lets at most <see cref="ReplyLintServerOptions.MaxConcurrentAnalyses"/> engine calls run at once; the rest wait
/// their turn without holding a thread. Linting is pure CPU work: more analyses at once than cores only makes them
/// fight over the caches and the scheduler (measured: ~20% more CPU per request and a longer tail at 64 concurrent
/// calls, BENCHMARKS.md). A call whose deadline passes, or that is cancelled, while it waits leaves the queue
/// without being linted.
/// </summary>
public sealed class AnalysisGate(IOptions<ReplyLintServerOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.EffectiveMaxConcurrentAnalyses);

    /// <summary>Runs <paramref name="analysis"/> once a slot is free.</summary>
    public async Task<T> RunAsync<T>(Func<T> analysis, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            return analysis();
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
