extern alias server;

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using ReplyLint.Core.Engine;
using server::ReplyLint.Server.Telemetry;

namespace ReplyLint.Server.Tests;

/// <summary>The server's instruments as a metrics listener (dotnet-counters, OpenTelemetry) sees them.</summary>
public sealed class ServerMetricsTests
{
    [Fact]
    public void Calls_latency_replies_and_findings_per_rule_are_measured_with_their_tags()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new ServerMetrics(services.GetRequiredService<IMeterFactory>());
        var seen = new ConcurrentBag<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ServerMetrics.MeterName) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => seen.Add((i.Name, v, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => seen.Add((i.Name, v, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        listener.Start();

        var result = new ReplyLintEngine().Analyze(Replies.Bad);
        metrics.Linted(result);
        metrics.CallFinished("/replylint.v1.ReplyLinter/Analyze", "OK", 0.0042);

        Assert.Contains(seen, m => m.Instrument == "replylint.server.replies" && m.Value == 1);
        var findings = seen.Where(m => m.Instrument == "replylint.server.findings").ToList();
        Assert.Equal(result.Diagnostics.Length, findings.Count);
        Assert.Equal(result.Diagnostics.Select(d => d.Id).Order(), findings.Select(f => (string)f.Tags["rule_id"]!).Order());
        Assert.All(findings, f => Assert.Equal("rule", f.Tags["source"]));
        Assert.Contains(seen, m => m.Instrument == "replylint.server.calls" && m.Value == 1
            && (string)m.Tags["rpc.method"]! == "/replylint.v1.ReplyLinter/Analyze" && (string)m.Tags["rpc.grpc.status_code"]! == "OK");
        Assert.Contains(seen, m => m.Instrument == "replylint.server.call.duration" && m.Value == 0.0042);
        // Reply text never becomes a tag.
        Assert.DoesNotContain(seen.SelectMany(m => m.Tags.Values), v => v is string s && s.Length > 0 && Replies.Bad.Contains(s, StringComparison.Ordinal) && s.Length > 12);
    }
}
