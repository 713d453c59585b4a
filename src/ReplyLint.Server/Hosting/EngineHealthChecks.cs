using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ReplyLint.Server.Hosting;

/// <summary>Whether the engine is there to answer (overall health: "" and "replylint.v1.ReplyLinter").</summary>
internal sealed class EngineReadyHealthCheck(EngineHost host) : IHealthCheck
{
    public const string Tag = "ready";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(host.Engine is null
            ? HealthCheckResult.Unhealthy(host.Ready.IsFaulted ? "the engine could not be built" : "loading the model")
            : HealthCheckResult.Healthy());
}

/// <summary>Whether the tone model is loaded (health service name "replylint.model"): NOT_SERVING when degraded.</summary>
internal sealed class ModelHealthCheck(EngineHost host) : IHealthCheck
{
    public const string Tag = "model";
    public const string ServiceName = "replylint.model";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var engine = host.Engine;
        if (engine is null) return Task.FromResult(HealthCheckResult.Unhealthy("loading the model"));
        return Task.FromResult(engine.ModelStatus.IsLoaded
            ? HealthCheckResult.Healthy($"model {engine.ModelStatus.Version}")
            : HealthCheckResult.Unhealthy($"degraded: {engine.ModelStatus.Problem}"));
    }
}
