namespace ReplyLint.Cli.Hosting;

/// <summary>
/// The streams a command talks to. <see cref="System"/> is the real console; tests pass their own writers so
/// that commands run in-process and in parallel without touching the global <see cref="Console"/>.
/// <see cref="In"/> opens standard input as bytes, not as text: a draft piped in is decoded as strictly as a draft
/// read from a file (Console.In would put U+FFFD in place of bytes that are not UTF-8, and fix would write them back).
/// </summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error, Func<Stream> In, bool IsInteractive)
{
    public static CliConsole System { get; } = new(
        Console.Out, Console.Error, Console.OpenStandardInput,
        IsInteractive: !Console.IsErrorRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")));
}
