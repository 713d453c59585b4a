using System.Diagnostics.Metrics;
using ReplyLint.Core.Engine;

namespace ReplyLint.Server.Telemetry;

/// <summary>
/// The server's instruments (meter "ReplyLint.Server"): calls and their latency per RPC and status, linted
/// replies, and findings per rule. Read them with dotnet-counters or an OpenTelemetry exporter.
/// </summary>
public sealed class ServerMetrics
{
    public const string MeterName = "ReplyLint.Server";

    private readonly Counter<long> _calls;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _replies;
    private readonly Counter<long> _findings;

    public ServerMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _calls = meter.CreateCounter<long>("replylint.server.calls", "{call}", "Finished RPCs, by method and gRPC status.");
        _duration = meter.CreateHistogram<double>("replylint.server.call.duration", "s", "Time from the start to the end of an RPC.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 5] });
        _replies = meter.CreateCounter<long>("replylint.server.replies", "{reply}", "Replies linted (one per Analyze, per stream item, two per ApplyFixes).");
        _findings = meter.CreateCounter<long>("replylint.server.findings", "{finding}", "Findings reported, by rule id and source.");
    }

    public void CallFinished(string method, string status, double seconds)
    {
        var tags = new KeyValuePair<string, object?>[] { new("rpc.method", method), new("rpc.grpc.status_code", status) };
        _calls.Add(1, tags);
        _duration.Record(seconds, tags);
    }

    public void Linted(AnalysisResult result)
    {
        _replies.Add(1);
        if (!_findings.Enabled) return;
        foreach (var diagnostic in result.Diagnostics)
            _findings.Add(1, new KeyValuePair<string, object?>("rule_id", diagnostic.Id),
                new KeyValuePair<string, object?>("source", diagnostic.Source == Core.Diagnostics.FindingSource.Model ? "model" : "rule"));
    }
}
