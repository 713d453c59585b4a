using System.Text;
using ReplyLint.Cli;
using ReplyLint.Cli.Hosting;

namespace ReplyLint.Cli.Tests;

/// <summary>Runs the real CLI in-process, with its own console writers, and a temp folder for its files.</summary>
public sealed class CliRun : IDisposable
{
    public CliRun()
    {
        Directory = Path.Combine(Path.GetTempPath(), "replylint-cli-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public string PathOf(string name) => Path.Combine(Directory, name);

    public string Write(string name, string contents)
    {
        var path = PathOf(name);
        File.WriteAllText(path, contents);
        return path;
    }

    public static CliResult Invoke(string[] args, string? stdin = null) => Invoke(args, Encoding.UTF8.GetBytes(stdin ?? ""));

    /// <summary>Runs the CLI with these exact bytes on standard input, as a pipe delivers them.</summary>
    public static CliResult Invoke(string[] args, byte[] stdin)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(output, error, () => new MemoryStream(stdin, writable: false), IsInteractive: false);
        var code = Program.Run(args, console);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { }
    }

    /// <summary>The repository root (for the real data files under data/).</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ReplyLint.sln"))) return dir.FullName;
        throw new InvalidOperationException("ReplyLint.sln not found above the test folder");
    }
}

public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}
