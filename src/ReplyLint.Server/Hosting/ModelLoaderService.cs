using System.Diagnostics;
using Microsoft.Extensions.Options;
using ReplyLint.Classifier;
using ReplyLint.Core.Configuration;
using ReplyLint.Core.Engine;

namespace ReplyLint.Server.Hosting;

/// <summary>
/// Loads the tone model off the startup path, then builds the shared engine. A missing or corrupt model does
/// not stop the server: it serves rules-only answers marked degraded, and health says so.
/// </summary>
internal sealed partial class ModelLoaderService(
    EngineHost host,
    ReplyLintOptions lintOptions,
    IOptions<ReplyLintServerOptions> serverOptions,
    ILogger<ModelLoaderService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var stopwatch = Stopwatch.StartNew();
            var (model, status) = ModelSource.Load(serverOptions.Value);
            stoppingToken.ThrowIfCancellationRequested();
            var engine = new ReplyLintEngine(lintOptions, model, status);
            host.Publish(engine);
            if (engine.IsDegraded || !status.IsLoaded)
                LogDegraded(logger, status.Problem ?? "unknown", stopwatch.ElapsedMilliseconds);
            else
                LogLoaded(logger, status.Version ?? "", stopwatch.ElapsedMilliseconds);
            if (model is ToneModel { CompiledFeaturizerProblem: { } slowPath })
                LogSlowFeaturizer(logger, status.Version ?? "", slowPath);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Options were validated at startup, so this is unexpected: keep health NOT_SERVING and say why.
            LogFailed(logger, e);
            host.Fail(e);
        }
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tone model {ModelVersion} loaded in {ElapsedMs} ms; serving")]
    private static partial void LogLoaded(ILogger logger, string modelVersion, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tone model {ModelVersion} is " + ToneModel.SlowFeaturizerNote + ": {Problem}")]
    private static partial void LogSlowFeaturizer(ILogger logger, string modelVersion, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Serving rules only (degraded) after {ElapsedMs} ms: {Problem}")]
    private static partial void LogDegraded(ILogger logger, string problem, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The engine could not be built; the server will not serve")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
