using ReplyLint.Classifier;
using ReplyLint.Cli.Input;
using ReplyLint.Core.Catalog;
using ReplyLint.Core.Configuration;
using ReplyLint.Core.Engine;

namespace ReplyLint.Cli.Hosting;

/// <summary>
/// Builds the engine a command runs: options from <c>--config</c>, and the model. A configuration the user named
/// that cannot be used is an error; so is a <c>--model</c> file that cannot be loaded. The shipped model missing
/// or broken is not: the engine runs rules-only and says "degraded", with a warning that names the path.
/// </summary>
internal static class EngineFactory
{
    public static EngineSetup Create(EngineRequest request, TextWriter error)
    {
        if (request.ConfigPath is not null && FilePaths.CannotRead(request.ConfigPath) is { } unreadable)
            return EngineSetup.Failed($"replylint: configuration error: {unreadable}");
        ReplyLintOptions options;
        try
        {
            options = request.ConfigPath is null ? new ReplyLintOptions() : OptionsFile.Load(request.ConfigPath);
        }
        catch (ReplyLintConfigurationException e)
        {
            // Line 0 is a file that could not be read at all: no line or key to point at.
            return EngineSetup.Failed(e.Line > 0
                ? $"replylint: configuration error: {e.File}:{e.Line}: {e.Key}: {e.Problem}"
                : $"replylint: configuration error: {e.File}: {e.Problem}");
        }

        if (request.NoModel)
            return EngineSetup.Ok(new ReplyLintEngine(options, model: null, modelStatus: ModelStatus.NotConfigured), null);

        var (model, status, problem) = ModelLoader.Load(request.ModelPath ?? request.ShippedModelPath);
        if (problem is not null && request.ModelPath is not null)
            return EngineSetup.Failed($"replylint: cannot use the model: {problem}");
        if (problem is not null)
        {
            error.WriteLine($"replylint: warning: {problem}; continuing with rules only (results are marked degraded). Pass --no-model to silence this.");
            return EngineSetup.Ok(new ReplyLintEngine(options, model: null, modelStatus: ModelStatus.Failed(problem)), null);
        }
        if (model is ToneModel { CompiledFeaturizerProblem: { } slowPath })
            error.WriteLine($"replylint: warning: this model is {ToneModel.SlowFeaturizerNote}: {slowPath}");
        return EngineSetup.Ok(new ReplyLintEngine(options, model, status), model as IDisposable);
    }
}

/// <summary>The engine, or why there is none; disposes the model it loaded.</summary>
internal sealed class EngineSetup : IDisposable
{
    private readonly IDisposable? _model;

    private EngineSetup(ReplyLintEngine? engine, IDisposable? model, string? error)
    {
        Engine = engine;
        _model = model;
        Error = error;
    }

    public ReplyLintEngine? Engine { get; }
    public string? Error { get; }

    public static EngineSetup Ok(ReplyLintEngine engine, IDisposable? model) => new(engine, model, null);
    public static EngineSetup Failed(string error) => new(null, null, error);

    public void Dispose() => _model?.Dispose();
}
