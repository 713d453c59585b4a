using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Grpc.Health.V1;
using Grpc.Net.Client;
using ReplyLint.Core.Engine;
using ReplyLint.LoadTest;
using ReplyLint.Protocol.V1;

// Load benchmark of the ReplyLinter service, against 127.0.0.1 only, bounded in requests and time.
//   dotnet run -c Release --project benchmarks/ReplyLint.LoadTest [-- --seconds 5 --warmup 2 --max-requests 200000 --rules-only --address http://127.0.0.1:5180]
// Without --address it starts the built server (Release) on a free loopback port and stops it at the end.
// --rules-only runs server and in-process engine without the tone model (the transport's share of a cheap engine).
var settings = Settings.Parse(args);
var replies = ReplyCorpus.Build(settings.RepoRoot, count: 256, length: 1000);
Console.WriteLine($"# ReplyLint service load: {replies.Length} replies of {replies[0].Length} chars, {settings.Seconds} s per scenario " +
    $"(+{settings.WarmupSeconds} s warm-up), at most {settings.MaxRequests} requests; {Environment.ProcessorCount} cores; " +
    $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");

await using var server = settings.Address is null ? await ServerUnderTest.StartAsync(settings.RulesOnly) : null;
var address = settings.Address ?? server!.Address;
if (!IPAddress.IsLoopback(Dns.GetHostAddresses(address.Host)[0]))
    throw new ArgumentException($"Load tests run against 127.0.0.1 / ::1 only, not {address.Host}");

using var channel = GrpcChannel.ForAddress(address);
await WaitForServingAsync(channel);
var client = new ReplyLinter.ReplyLinterClient(channel);
var probe = await client.AnalyzeAsync(new AnalyzeRequest { Text = replies[0] });
Console.WriteLine($"Server model: {(probe.Degraded ? "NONE (degraded: " + probe.DegradedReason + ")" : probe.ModelVersion)}; " +
    $"{probe.Diagnostics.Count} findings on the first reply");

// The engine alone, in-process, same replies, same model, one thread per core: the ceiling the service is held to.
var (model, status) = settings.RulesOnly ? (null, ModelStatus.Failed("--rules-only")) : LocalModel.Load();
var engine = new ReplyLintEngine(model: model, modelStatus: status);
Console.WriteLine($"In-process model: {(status.IsLoaded ? status.Version : "NONE (" + status.Problem + ")")}");

// The engine runs first and last: on a shared machine the spread between the two says how disturbed the run was.
// CPU time per request, split between the server process and this one (the client, or the in-process engine):
// on 2 shared cores, this says where a request's cost goes.
Runner.ServerCpu = server is null ? null : server.CpuTime;
var results = new List<Result>
{
    Runner.InProcess("Engine in-process, before", Environment.ProcessorCount, settings, i => engine.Analyze(replies[i % replies.Length])),
};
foreach (var concurrency in new[] { 1, 64 })
    results.Add(await Runner.RunAsync($"Ping (empty RPC)", concurrency, settings,
        async i => await client.PingAsync(new PingRequest())));
foreach (var concurrency in new[] { 1, 16, 64 })
    results.Add(await Runner.RunAsync($"Analyze", concurrency, settings,
        async i => await client.AnalyzeAsync(new AnalyzeRequest { Text = replies[i % replies.Length] })));
// Last, while the server is idle: the load generator's process competes for the same cores during the RPC scenarios.
results.Add(Runner.InProcess("Engine in-process, after", Environment.ProcessorCount, settings,
    i => engine.Analyze(replies[i % replies.Length])));

Console.WriteLine();
Console.WriteLine("| Scenario | Concurrency | Requests | Requests/s | p50 (ms) | p99 (ms) | server CPU µs/req | client CPU µs/req |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
foreach (var r in results) Console.WriteLine(r.ToMarkdownRow());
var engineRps = Math.Max(results[0].RequestsPerSecond, results[^1].RequestsPerSecond);
var at64 = results[^2];
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Analyze at 64 concurrent calls: {at64.RequestsPerSecond / engineRps:P0} of the in-process engine's (better) throughput, p99 {at64.P99Ms:0.00} ms " +
    $"(target: at least 60%, p99 under 20 ms)."));
return 0;

static async Task WaitForServingAsync(GrpcChannel channel)
{
    var health = new Health.HealthClient(channel);
    var deadline = DateTime.UtcNow.AddSeconds(60);
    while (true)
    {
        try
        {
            if ((await health.CheckAsync(new HealthCheckRequest())).Status == HealthCheckResponse.Types.ServingStatus.Serving) return;
        }
        catch (Grpc.Core.RpcException) when (DateTime.UtcNow < deadline)
        {
        }
        if (DateTime.UtcNow > deadline) throw new TimeoutException("The server did not report SERVING within 60 s");
        await Task.Delay(100);
    }
}

namespace ReplyLint.LoadTest
{
    internal sealed record Settings(double Seconds, double WarmupSeconds, int MaxRequests, Uri? Address, string RepoRoot, bool RulesOnly)
    {
        public static Settings Parse(string[] args)
        {
            string? Value(string name)
            {
                var i = Array.IndexOf(args, name);
                return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
            }
            var repoRoot = typeof(Settings).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;
            return new Settings(
                double.Parse(Value("--seconds") ?? "5", CultureInfo.InvariantCulture),
                double.Parse(Value("--warmup") ?? "2", CultureInfo.InvariantCulture),
                int.Parse(Value("--max-requests") ?? "200000", CultureInfo.InvariantCulture),
                Value("--address") is { } a ? new Uri(a) : null,
                repoRoot,
                RulesOnly: args.Contains("--rules-only"));
        }
    }

    internal sealed record Result(string Name, int Concurrency, long Requests, double Seconds, double P50Ms, double P99Ms,
        double ServerCpuUsPerRequest, double ClientCpuUsPerRequest)
    {
        public double RequestsPerSecond => Requests / Seconds;

        public string ToMarkdownRow() => string.Create(CultureInfo.InvariantCulture,
            $"| {Name} | {Concurrency} | {Requests} | {RequestsPerSecond:0} | {Format(P50Ms, "0.00")} | {Format(P99Ms, "0.00")} | {Format(ServerCpuUsPerRequest, "0")} | {Format(ClientCpuUsPerRequest, "0")} |");

        private static string Format(double value, string format) =>
            double.IsNaN(value) ? "–" : value.ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>CPU time used by a process between two points.</summary>
    internal readonly record struct CpuMeter(TimeSpan Server, TimeSpan Client)
    {
        public static CpuMeter Now(Func<TimeSpan>? serverCpu) =>
            new(serverCpu?.Invoke() ?? TimeSpan.Zero, Process.GetCurrentProcess().TotalProcessorTime);

        public (double ServerUs, double ClientUs) PerRequestSince(CpuMeter start, long requests, bool hasServer) => requests == 0
            ? (double.NaN, double.NaN)
            : (hasServer ? (Server - start.Server).TotalMicroseconds / requests : double.NaN, (Client - start.Client).TotalMicroseconds / requests);
    }

    internal static class Runner
    {
        /// <summary>The server process's CPU time so far, when this run started the server.</summary>
        public static Func<TimeSpan>? ServerCpu { get; set; }

        /// <summary>Closed loop: <paramref name="concurrency"/> callers, each starting its next call when the last ends.</summary>
        public static async Task<Result> RunAsync(string name, int concurrency, Settings settings, Func<int, Task> call)
        {
            await Phase(TimeSpan.FromSeconds(settings.WarmupSeconds), int.MaxValue, null);
            var latencies = new List<long>[concurrency];
            for (var i = 0; i < concurrency; i++) latencies[i] = new List<long>(1 << 14);
            var cpu = CpuMeter.Now(ServerCpu);
            var elapsed = await Phase(TimeSpan.FromSeconds(settings.Seconds), settings.MaxRequests, latencies);
            var result = Summarize(name, concurrency, latencies, elapsed, cpu, hasServer: ServerCpu is not null);
            Console.WriteLine(result.ToMarkdownRow());
            return result;

            async Task<TimeSpan> Phase(TimeSpan duration, int maxRequests, List<long>[]? record)
            {
                var counter = -1;
                var stopwatch = Stopwatch.StartNew();
                var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
                {
                    while (stopwatch.Elapsed < duration)
                    {
                        var i = Interlocked.Increment(ref counter);
                        if (i >= maxRequests) break;
                        var start = Stopwatch.GetTimestamp();
                        await call(i);
                        record?[w].Add(Stopwatch.GetTimestamp() - start);
                    }
                })).ToArray();
                await Task.WhenAll(workers);
                return stopwatch.Elapsed;
            }
        }

        public static Result InProcess(string name, int threads, Settings settings, Action<int> work)
        {
            Run(TimeSpan.FromSeconds(settings.WarmupSeconds), null);
            var latencies = new List<long>[threads];
            for (var i = 0; i < threads; i++) latencies[i] = new List<long>(1 << 14);
            var cpu = CpuMeter.Now(ServerCpu);
            var elapsed = Run(TimeSpan.FromSeconds(settings.Seconds), latencies);
            var result = Summarize(name, threads, latencies, elapsed, cpu, hasServer: false);
            Console.WriteLine(result.ToMarkdownRow());
            return result;

            TimeSpan Run(TimeSpan duration, List<long>[]? record)
            {
                var counter = -1;
                var stopwatch = Stopwatch.StartNew();
                var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
                {
                    while (stopwatch.Elapsed < duration)
                    {
                        var i = Interlocked.Increment(ref counter);
                        if (i >= settings.MaxRequests) break;
                        var start = Stopwatch.GetTimestamp();
                        work(i);
                        record?[t].Add(Stopwatch.GetTimestamp() - start);
                    }
                })).ToList();
                workers.ForEach(w => w.Start());
                workers.ForEach(w => w.Join());
                return stopwatch.Elapsed;
            }
        }

        private static Result Summarize(string name, int concurrency, List<long>[] latencies, TimeSpan elapsed, CpuMeter cpuAtStart, bool hasServer)
        {
            var (serverUs, clientUs) = CpuMeter.Now(ServerCpu).PerRequestSince(cpuAtStart, latencies.Sum(l => l.Count), hasServer);
            var all = latencies.SelectMany(l => l).Order().ToArray();
            double Percentile(double p) => all.Length == 0 ? double.NaN
                : all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)] * 1000.0 / Stopwatch.Frequency;
            return new Result(name, concurrency, all.Length, elapsed.TotalSeconds, Percentile(0.50), Percentile(0.99), serverUs, clientUs);
        }
    }

    /// <summary>1,000-character replies made of the hand-written evaluation replies, cut at a word boundary.</summary>
    internal static class ReplyCorpus
    {
        public static string[] Build(string repoRoot, int count, int length)
        {
            var texts = new List<string>();
            foreach (var file in Directory.GetFiles(Path.Combine(repoRoot, "data", "eval"), "*.jsonl").Order(StringComparer.Ordinal))
                foreach (var line in File.ReadLines(file))
                    if (line.Length > 0) texts.Add(JsonDocument.Parse(line).RootElement.GetProperty("text").GetString()!);
            var random = new Random(20251123);
            var replies = new string[count];
            for (var i = 0; i < count; i++)
            {
                var reply = new StringBuilder();
                while (reply.Length < length + 200) reply.Append(texts[random.Next(texts.Count)]).Append(' ');
                var cut = reply.ToString(0, length + 1).LastIndexOf(' ');
                replies[i] = reply.ToString(0, cut).PadRight(length, '.');
            }
            return replies;
        }
    }

    /// <summary>The built server, started on a free loopback port.</summary>
    internal sealed class ServerUnderTest : IAsyncDisposable
    {
        private readonly Process _process;

        private ServerUnderTest(Process process, Uri address)
        {
            _process = process;
            Address = address;
        }

        public Uri Address { get; }

        public TimeSpan CpuTime()
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }

        public static async Task<ServerUnderTest> StartAsync(bool rulesOnly)
        {
            var dll = typeof(ServerUnderTest).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ServerAssemblyPath").Value!;
            var grpcPort = FreePort();
            var httpPort = FreePort();
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            info.ArgumentList.Add(dll);
            info.ArgumentList.Add($"--Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:{grpcPort}");
            info.ArgumentList.Add($"--Kestrel:Endpoints:Http:Url=http://127.0.0.1:{httpPort}");
            if (rulesOnly) info.ArgumentList.Add("--ReplyLintServer:DisableModel=true");
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var process = new Process { StartInfo = info };
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data?.Contains("Application started.", StringComparison.Ordinal) == true) started.TrySetResult();
            };
            process.ErrorDataReceived += (_, _) => { };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await started.Task.WaitAsync(TimeSpan.FromSeconds(90));
            Console.WriteLine($"Started the server (pid {process.Id}) on 127.0.0.1:{grpcPort}");
            return new ServerUnderTest(process, new Uri($"http://127.0.0.1:{grpcPort}"));
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                try { await _process.WaitForExitAsync(cts.Token); }
                catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
            }
            _process.Dispose();
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }

    /// <summary>The model the server would load, for the in-process reference.</summary>
    internal static class LocalModel
    {
        public static (IToneModel? Model, ModelStatus Status) Load() =>
            ReplyLint.Classifier.ToneModel.TryLoad(ReplyLint.Classifier.ModelPaths.DefaultModelPath());
    }
}
