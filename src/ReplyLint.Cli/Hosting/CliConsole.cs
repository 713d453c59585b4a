namespace ReplyLint.Cli.Hosting;

/// <summary>
/// The streams a command talks to. <see cref="System"/> is the real console; tests pass their own writers so
/// that commands run in-process and in parallel without touching the global <see cref="Console"/>.
/// </summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error, Func<TextReader> In, bool IsInteractive)
{
    public static CliConsole System { get; } = new(
        Console.Out, Console.Error, () => Console.In,
        IsInteractive: !Console.IsErrorRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")));
}
