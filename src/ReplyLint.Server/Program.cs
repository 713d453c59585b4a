using Google.Protobuf.Reflection;
using ReplyLint.Core.Catalog;
using ReplyLint.Core.Configuration;
using ReplyLint.Server.Hosting;
using ReplyLint.Server.Services;
using ReplyLint.Server.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

// appsettings.json is read from next to the app, whatever the working directory (dotnet run, a service manager, tests).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

// The rules' configuration: the same shape as the CLI's replylint.json, checked before anything listens, so a
// typo in a rule id stops the server with the key and the problem instead of serving the wrong rules.
var lintOptions = builder.Configuration.GetSection("ReplyLintOptions").Get<ReplyLintOptions>() ?? new ReplyLintOptions();
try
{
    OptionsFile.Validate(lintOptions, RuleCatalog.Default, "configuration section ReplyLintOptions");
}
catch (ReplyLintConfigurationException e)
{
    Console.Error.WriteLine($"replylint-server: invalid configuration: {e.Message}");
    return 2;
}
builder.Services.AddSingleton(lintOptions);

var serverSection = builder.Configuration.GetSection(ReplyLintServerOptions.SectionName);
ReplyLintServerOptions serverOptions;
try
{
    serverOptions = serverSection.Get<ReplyLintServerOptions>() ?? new ReplyLintServerOptions();
}
catch (InvalidOperationException e)
{
    // "MaxTextLength=abc": the binder's message names the key; its inner exception says why the value is wrong.
    Console.Error.WriteLine($"replylint-server: invalid configuration section {ReplyLintServerOptions.SectionName}: {e.Message}{(e.InnerException is { } inner ? $" ({inner.Message})" : "")}");
    return 2;
}
if (serverOptions.Validate() is { Count: > 0 } problems)
{
    foreach (var problem in problems) Console.Error.WriteLine($"replylint-server: invalid configuration: {ReplyLintServerOptions.SectionName}:{problem}");
    return 2;
}
builder.Services.Configure<ReplyLintServerOptions>(serverSection);
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = serverOptions.ShutdownTimeout);

builder.WebHost.ConfigureKestrel(kestrel =>
{
    // Without TLS there is no ALPN: an endpoint must be HTTP/2 only to speak gRPC. The endpoints (a gRPC one on
    // HTTP/2, a JSON one on HTTP/1.1) and the HTTP/2 default for any other are in appsettings.json under Kestrel.
    kestrel.Limits.MaxRequestBodySize = serverOptions.MaxReceiveMessageBytes;
});

builder.Services.AddSingleton<EngineHost>();
builder.Services.AddSingleton<AnalysisGate>();
builder.Services.AddSingleton<ServerMetrics>();
builder.Services.AddHostedService<ModelLoaderService>();

builder.Services
    .AddGrpc(o =>
    {
        o.MaxReceiveMessageSize = serverOptions.MaxReceiveMessageBytes;
        o.EnableDetailedErrors = false;
        o.Interceptors.Add<CallTelemetryInterceptor>();
    })
    // Without the error details in the type registry a rich error through a JSON route is an empty HTTP 500.
    .AddJsonTranscoding(o => o.TypeRegistry = TypeRegistry.FromFiles(Google.Rpc.ErrorDetailsReflection.Descriptor));
builder.Services.AddGrpcReflection();
builder.Services.AddHealthChecks()
    .AddCheck<EngineReadyHealthCheck>("engine", tags: [EngineReadyHealthCheck.Tag])
    .AddCheck<ModelHealthCheck>("model", tags: [ModelHealthCheck.Tag]);
builder.Services.AddGrpcHealthChecks(o =>
{
    o.Services.Map("", r => r.Tags.Contains(EngineReadyHealthCheck.Tag));
    o.Services.Map("replylint.v1.ReplyLinter", r => r.Tags.Contains(EngineReadyHealthCheck.Tag));
    o.Services.Map(ModelHealthCheck.ServiceName, r => r.Tags.Contains(ModelHealthCheck.Tag));
});

// Metrics leave the process only when an OTLP collector is configured, with the standard OpenTelemetry settings
// (environment variables or configuration keys): OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_EXPORTER_OTLP_PROTOCOL,
// OTEL_METRIC_EXPORT_INTERVAL. Instruments carry method, status and rule ids, never reply text.
if (ServerTelemetry.ExportIsConfigured(builder.Configuration))
{
    builder.Services.AddOpenTelemetry()
        .ConfigureResource(resource => resource.AddService(ServerTelemetry.ServiceName))
        .WithMetrics(metrics => metrics.AddMeter(ServerTelemetry.ExportedMeters).AddOtlpExporter());
}

var app = builder.Build();
app.UseMiddleware<JsonRequestPrecheck>();
app.MapGrpcService<ReplyLinterService>();
app.MapGrpcHealthChecksService();
app.MapGrpcReflectionService();
app.MapGet("/", () => "ReplyLint: gRPC service replylint.v1.ReplyLinter; JSON routes under /v1 (see docs/API.md).");
await app.RunAsync();
return 0;

/// <summary>The entry point; public so that tests and tools can name the assembly.</summary>
public partial class Program;
