using System.Diagnostics;
using Xunit;

namespace ReplyLint.Cli.Tests.Commands;

/// <summary>The built tool as a real process: real console streams, real exit codes.</summary>
public sealed class ProcessTests
{
    private static (int ExitCode, string Out, string Error) Run(string stdin, params string[] args) =>
        Run(System.Text.Encoding.UTF8.GetBytes(stdin), args);

    private static (int ExitCode, string Out, string Error) Run(byte[] stdin, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "replylint.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["CI"] = "true";
        using var process = Process.Start(start)!;
        process.StandardInput.BaseStream.Write(stdin);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "replylint did not exit");
        return (process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }

    [Fact]
    public void Lint_from_stdin_exits_one_with_findings_and_zero_when_clean()
    {
        var dirty = Run("As previously explained, you are wrong.", "lint", "-", "--no-model");
        Assert.Equal(1, dirty.ExitCode);
        Assert.Contains("<stdin>:1:1: warning RL1003", dirty.Out, StringComparison.Ordinal);

        var clean = Run("Thanks for your patience. I've refunded the charge and it will arrive by Friday.", "lint", "-", "--no-model", "--fail-on", "error");
        Assert.Equal(0, clean.ExitCode);
    }

    [Fact]
    public void Fix_refuses_stdin_that_is_not_utf8_instead_of_writing_replacement_characters_back()
    {
        var result = Run([.. "Caf"u8, 0xE9, .. ": as I already said, you are wrong.\n"u8], "fix", "-", "--no-model");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cannot read '<stdin>': not valid UTF-8 (byte 0xE9 at offset 3)", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void Usage_error_exits_two()
    {
        var result = Run("", "lint", "-", "--format", "yaml");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--help", result.Error, StringComparison.Ordinal);
    }
}
