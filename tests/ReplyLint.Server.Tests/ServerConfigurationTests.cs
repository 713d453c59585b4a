using System.Diagnostics;
using Xunit;

namespace ReplyLint.Server.Tests;

/// <summary>Bad server settings stop the server before it listens, naming the key, instead of serving wrongly.</summary>
public sealed class ServerConfigurationTests
{
    [Theory]
    [InlineData("--ReplyLintServer:MaxTextLength=-5", "ReplyLintServer:MaxTextLength: -5 must be at least 1")]
    [InlineData("--ReplyLintServer:MaxTextLength=abc", "ReplyLintServer:MaxTextLength")]
    [InlineData("--ReplyLintServer:StreamWindow=-1", "ReplyLintServer:StreamWindow: -1 cannot be negative")]
    [InlineData("--ReplyLintOptions:Severity:RL9999=warning", "RL9999")]
    public async Task Invalid_settings_exit_two_with_the_key_and_the_problem(string argument, string expected)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ServerProcess.ServerAssemblyPath);
        start.ArgumentList.Add(argument);
        start.ArgumentList.Add($"--Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:{ServerProcess.FreePort()}");
        start.ArgumentList.Add($"--Kestrel:Endpoints:Http:Url=http://127.0.0.1:{ServerProcess.FreePort()}");
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true); // it started serving: never leave it behind
            throw;
        }

        Assert.Equal(2, process.ExitCode);
        Assert.Contains(expected, await error + await output, StringComparison.Ordinal);
    }
}
