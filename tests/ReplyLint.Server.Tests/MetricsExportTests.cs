using System.Net;
using System.Text;
using Grpc.Health.V1;
using ReplyLint.Protocol.V1;

namespace ReplyLint.Server.Tests;

/// <summary>
/// With an OTLP endpoint configured, the server pushes its metrics to the collector there: a real server process and
/// a loopback receiver standing in for the OpenTelemetry Collector's OTLP/HTTP port.
/// </summary>
public sealed class MetricsExportTests
{
    [Fact]
    public async Task Metrics_reach_an_OTLP_collector_and_carry_no_reply_text()
    {
        using var collector = new LoopbackCollector();
        await using var server = await ServerProcess.StartAsync(
            $"--OTEL_EXPORTER_OTLP_ENDPOINT={collector.Address}",
            "--OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf",
            "--OTEL_METRIC_EXPORT_INTERVAL=300");
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, await server.WaitForHealthAsync("", HealthCheckResponse.Types.ServingStatus.Serving));

        var marker = $"Zebracorn{Guid.NewGuid():N}";
        var client = new ReplyLinter.ReplyLinterClient(server.Channel);
        await client.AnalyzeAsync(new AnalyzeRequest { Text = $"As I already explained, {marker} you are wrong." });

        var export = await collector.WaitForExportAsync(body => Contains(body, "replylint.server.findings"), TimeSpan.FromSeconds(30));
        Assert.True(export is not null, "no OTLP metrics export with the server's instruments arrived within 30 s");
        Assert.EndsWith("/v1/metrics", export.Value.Path, StringComparison.Ordinal);
        Assert.Equal("application/x-protobuf", export.Value.ContentType);
        foreach (var name in new[] { "replylint.server.calls", "replylint.server.call.duration", "replylint.server.replies", "RL2001", "replylint-server" })
            Assert.True(Contains(export.Value.Body, name), $"the export lacks '{name}'");
        Assert.False(collector.Received.Any(e => Contains(e.Body, marker)), "reply text reached the metrics export");
    }

    [Fact]
    public async Task Without_an_endpoint_nothing_is_exported_and_nothing_is_logged_about_it()
    {
        // OTLP/HTTP's default endpoint is localhost:4318: a receiver there would see any export the server attempted
        // with the protocol and a short interval set but no endpoint.
        using var collector = LoopbackCollector.TryOn(port: 4318);
        await using var server = await ServerProcess.StartAsync("--OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf", "--OTEL_METRIC_EXPORT_INTERVAL=200");
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, await server.WaitForHealthAsync("", HealthCheckResponse.Types.ServingStatus.Serving));
        await new ReplyLinter.ReplyLinterClient(server.Channel).AnalyzeAsync(new AnalyzeRequest { Text = "You are wrong." });

        // (Another program holding 4318 on this machine leaves only the log check.)
        if (collector is not null) Assert.Null(await collector.WaitForExportAsync(_ => true, TimeSpan.FromSeconds(2)));
        Assert.DoesNotContain("OpenTelemetry", server.Output, StringComparison.OrdinalIgnoreCase);
    }

    private static bool Contains(byte[] body, string text) => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    /// <summary>Accepts OTLP/HTTP posts on a free loopback port and keeps what arrived.</summary>
    private sealed class LoopbackCollector : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly List<(string Path, string? ContentType, byte[] Body)> _received = [];
        private readonly SemaphoreSlim _arrived = new(0);
        private readonly Task _loop;

        public LoopbackCollector(int? port = null)
        {
            Address = $"http://127.0.0.1:{port ?? ServerProcess.FreePort()}";
            _listener.Prefixes.Add(Address + "/");
            _listener.Start();
            _loop = Task.Run(ServeAsync);
        }

        public string Address { get; }

        public static LoopbackCollector? TryOn(int port)
        {
            try { return new LoopbackCollector(port); }
            catch (HttpListenerException) { return null; }
        }

        public IReadOnlyList<(string Path, string? ContentType, byte[] Body)> Received
        {
            get { lock (_received) return [.. _received]; }
        }

        public async Task<(string Path, string? ContentType, byte[] Body)?> WaitForExportAsync(Func<byte[], bool> wanted, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < deadline)
            {
                foreach (var export in Received)
                    if (wanted(export.Body)) return export;
                await _arrived.WaitAsync(TimeSpan.FromMilliseconds(200));
            }
            return null;
        }

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                lock (_received) _received.Add((context.Request.Url!.AbsolutePath, context.Request.ContentType, body.ToArray()));
                _arrived.Release();
                // An empty ExportMetricsServiceResponse is a success.
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
                context.Response.Close();
            }
        }

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
    }
}
