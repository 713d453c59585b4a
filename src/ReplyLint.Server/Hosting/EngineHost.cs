using ReplyLint.Core.Engine;

namespace ReplyLint.Server.Hosting;

/// <summary>
/// Holds the one <see cref="ReplyLintEngine"/> the services share. It is empty until the model loader has
/// built the engine (with the model, or rules-only and degraded when the model could not be loaded), so that
/// health reports NOT_SERVING and calls get UNAVAILABLE until then, instead of answers that silently lack the model.
/// </summary>
public sealed class EngineHost
{
    private volatile ReplyLintEngine? _engine;
    private readonly TaskCompletionSource<ReplyLintEngine> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The engine, or null while the model is loading.</summary>
    public ReplyLintEngine? Engine => _engine;

    /// <summary>Completes when the engine is there.</summary>
    public Task<ReplyLintEngine> Ready => _ready.Task;

    internal void Publish(ReplyLintEngine engine)
    {
        _engine = engine;
        _ready.TrySetResult(engine);
    }

    internal void Fail(Exception exception) => _ready.TrySetException(exception);
}
