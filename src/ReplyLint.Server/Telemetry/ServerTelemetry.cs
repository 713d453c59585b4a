namespace ReplyLint.Server.Telemetry;

/// <summary>What the server exports to an OpenTelemetry collector, and when.</summary>
internal static class ServerTelemetry
{
    public const string ServiceName = "replylint-server";

    /// <summary>The server's own meter and ASP.NET Core's request and connection meters.</summary>
    public static readonly string[] ExportedMeters =
        [ServerMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel"];

    /// <summary>
    /// Export is opt-in: without an OTLP endpoint the exporter would keep trying localhost:4317 and log a failure
    /// every interval on machines that run no collector.
    /// </summary>
    public static bool ExportIsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])
        || !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"]);
}
