using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace ReplyLint.Server.Tests;

/// <summary>
/// The real server, started from its build output as a separate process on loopback ports: a gRPC endpoint
/// (HTTP/2 without TLS) and a JSON endpoint (HTTP/1.1), as shipped. Everything it prints is kept, so tests can
/// read its logs; it is stopped with SIGTERM, as a service manager would.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(90);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(Process process, int grpcPort, int httpPort)
    {
        _process = process;
        GrpcAddress = new Uri($"http://127.0.0.1:{grpcPort}");
        HttpAddress = new Uri($"http://127.0.0.1:{httpPort}");
        Channel = GrpcChannel.ForAddress(GrpcAddress, new GrpcChannelOptions { MaxReceiveMessageSize = 16 * 1024 * 1024, MaxSendMessageSize = 16 * 1024 * 1024 });
    }

    public Uri GrpcAddress { get; }
    public Uri HttpAddress { get; }
    public GrpcChannel Channel { get; }
    public int ProcessId => _process.Id;
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the server has printed so far.</summary>
    public string Output => string.Join('\n', _output);

    public static string ServerAssemblyPath =>
        typeof(ServerProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ServerAssemblyPath").Value!;

    /// <summary>Starts the server with extra configuration (command-line "--Key=Value" arguments) and waits until it listens.</summary>
    public static Task<ServerProcess> StartAsync(params string[] extraArguments) => StartAsync(debugLogging: true, extraArguments);

    /// <summary>As <see cref="StartAsync(string[])"/>, but with the log levels of the shipped appsettings.json, as an operator sees them.</summary>
    public static Task<ServerProcess> StartWithShippedLogLevelsAsync(params string[] extraArguments) => StartAsync(debugLogging: false, extraArguments);

    private static async Task<ServerProcess> StartAsync(bool debugLogging, string[] extraArguments)
    {
        var dll = ServerAssemblyPath;
        if (!File.Exists(dll)) throw new FileNotFoundException($"The server is not built at {dll}", dll);
        var grpcPort = FreePort();
        var httpPort = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add($"--Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:{grpcPort}");
        info.ArgumentList.Add($"--Kestrel:Endpoints:Http:Url=http://127.0.0.1:{httpPort}");
        foreach (var argument in extraArguments) info.ArgumentList.Add(argument);
        if (debugLogging)
        {
            // Everything down to Debug, so that the no-reply-text-in-logs test reads as much as the server can say.
            // appsettings.json quiets some categories by name, and a named category outranks Default: name them too.
            info.Environment["Logging__LogLevel__Default"] = "Debug";
            info.Environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Debug";
            info.Environment["Logging__LogLevel__Grpc.AspNetCore.Server.ServerCallHandler"] = "Debug";
            info.Environment["Logging__LogLevel__Grpc.AspNetCore.Grpc.JsonTranscoding.ServerCallHandler"] = "Debug";
            info.Environment["Logging__LogLevel__Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService"] = "Debug";
        }
        info.Environment["Logging__Console__FormatterName"] = "simple";
        info.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        info.Environment["DOTNET_NOLOGO"] = "1";

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var server = new ServerProcess(process, grpcPort, httpPort);
        process.OutputDataReceived += (_, e) => server.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => server.OnLine(e.Data);
        process.Exited += (_, _) => server._started.TrySetException(
            new InvalidOperationException($"The server exited before it started:\n{server.Output}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var timeout = Task.Delay(StartupTimeout);
        if (await Task.WhenAny(server._started.Task, timeout) == timeout)
        {
            await server.DisposeAsync();
            throw new TimeoutException($"The server did not start in {StartupTimeout}:\n{server.Output}");
        }
        await server._started.Task;
        return server;
    }

    /// <summary>Waits until the health service reports <paramref name="expected"/> for <paramref name="service"/>.</summary>
    public async Task<HealthCheckResponse.Types.ServingStatus> WaitForHealthAsync(string service, HealthCheckResponse.Types.ServingStatus expected)
    {
        var client = new Health.HealthClient(Channel);
        var deadline = DateTime.UtcNow + StartupTimeout;
        HealthCheckResponse.Types.ServingStatus status;
        do
        {
            status = (await client.CheckAsync(new HealthCheckRequest { Service = service })).Status;
            if (status == expected) return status;
            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        return status;
    }

    /// <summary>Asks the server to stop, as a service manager does (SIGTERM).</summary>
    public void SignalStop()
    {
        if (_process.HasExited) return;
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        if (!_process.HasExited)
        {
            SignalStop();
            if (!await WaitForExitAsync(TimeSpan.FromSeconds(30))) _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        if (line.Contains("Application started.", StringComparison.Ordinal)) _started.TrySetResult();
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
