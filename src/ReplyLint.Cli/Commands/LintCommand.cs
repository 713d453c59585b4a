using System.CommandLine;
using System.Text;
using ReplyLint.Cli.Hosting;
using ReplyLint.Cli.Input;
using ReplyLint.Cli.Output;
using ReplyLint.Core.Diagnostics;

namespace ReplyLint.Cli.Commands;

/// <summary><c>replylint lint &lt;files|globs|-&gt;</c>: lints drafts and canned responses like code.</summary>
internal static class LintCommand
{
    public static Command Create(CliConsole console)
    {
        var inputs = new Argument<string[]>("inputs")
        {
            Description = "Text or Markdown files, globs (drafts/**/*.md), directories, or - for standard input.",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = new Option<string>("--format", "-f") { Description = "human, json or sarif.", DefaultValueFactory = _ => "human" };
        format.AcceptOnlyFromAmong("human", "json", "sarif");
        var failOn = new Option<string>("--fail-on") { Description = "Exit 1 when a finding is at least this severe: info, warning, error, or never.", DefaultValueFactory = _ => "warning" };
        failOn.AcceptOnlyFromAmong("info", "warning", "error", "never");
        var output = new Option<FileInfo?>("--out", "-o") { Description = "Write the report to this file instead of standard output." };
        var helpBase = new Option<string?>("--help-base-uri") { Description = "Base URI for rule help links in SARIF (default: this checkout, else relative docs/rules/…)." };
        var draftOptions = new DraftOptions();
        var engineOptions = new EngineOptions();

        var command = new Command("lint", "Lint reply drafts or canned responses; exit 1 on findings at or above --fail-on.")
        {
            inputs, format, failOn, output, helpBase,
        };
        draftOptions.AddTo(command);
        engineOptions.AddTo(command);
        command.SetAction(parse => Run(new LintArguments(
            parse.GetValue(inputs) ?? [], parse.GetValue(format)!, parse.GetValue(failOn)!, draftOptions.CustomerPath(parse),
            parse.GetValue(output)?.FullName, draftOptions.IsMarkdown(parse), parse.GetValue(helpBase), engineOptions.Read(parse)), console));
        return command;
    }

    internal sealed record LintArguments(string[] Inputs, string Format, string FailOn, string? CustomerPath, string? OutputPath,
        bool? Markdown, string? HelpBaseUri, EngineRequest Engine);

    internal static int Run(LintArguments args, CliConsole console)
    {
        var cwd = Environment.CurrentDirectory;
        var sources = InputResolver.Resolve(args.Inputs, cwd, out var inputErrors);
        if (inputErrors.Count > 0)
        {
            foreach (var e in inputErrors) console.Error.WriteLine($"replylint: {e}");
            return ExitCodes.UsageOrInputError;
        }
        if (args.OutputPath is not null && OutputPaths.Overwrites(args.OutputPath, FilesRead(sources, args)) is { } overwritten)
        {
            console.Error.WriteLine($"replylint: --out names {overwritten}; the report would overwrite it. Write the report to another file.");
            return ExitCodes.UsageOrInputError;
        }
        if (args.OutputPath is not null && FilePaths.CannotWrite(args.OutputPath) is { } unwritable)
        {
            console.Error.WriteLine($"replylint: {unwritable}");
            return ExitCodes.UsageOrInputError;
        }

        string? customer = null;
        if (args.CustomerPath is not null)
        {
            if (!TryRead(args.CustomerPath, console, out customer)) return ExitCodes.UsageOrInputError;
        }

        using var setup = EngineFactory.Create(args.Engine, console.Error);
        if (setup.Engine is not { } engine)
        {
            console.Error.WriteLine(setup.Error);
            return ExitCodes.UsageOrInputError;
        }

        var files = new List<LintedFile>();
        var unreadable = 0;
        foreach (var source in sources)
        {
            // One unreadable draft is reported and skipped; the others are still linted (exit 2 at the end).
            if (!(source.IsStdin ? TryReadStdin(console, out var text) : TryRead(source.FullPath!, console, out text))) { unreadable++; continue; }
            var isMarkdown = args.Markdown ?? (!source.IsStdin && TextInput.IsMarkdown(source.FullPath!));
            var prose = isMarkdown ? MarkdownProse.Extract(text) : text;
            files.Add(new LintedFile(source.DisplayPath, source.FullPath, text, engine.Analyze(prose, customer)));
        }

        var run = new LintRun(files, engine.Rules, engine.ModelStatus, engine.IsDegraded);
        if (!TryWriteReport(args, run, cwd, console)) return ExitCodes.UsageOrInputError;
        if (unreadable > 0) return ExitCodes.UsageOrInputError;

        if (!SeverityParser.TryParse(args.FailOn, out var threshold) || args.FailOn == "never") return ExitCodes.Clean;
        return files.Any(f => f.Result.Diagnostics.Any(d => d.Severity >= threshold)) ? ExitCodes.Findings : ExitCodes.Clean;
    }

    /// <summary>Every file the run reads, which the report must not be written over.</summary>
    private static IEnumerable<(string, string?)> FilesRead(IReadOnlyList<InputSource> sources, LintArguments args) =>
    [
        .. sources.Where(s => !s.IsStdin).Select(s => ($"the input file '{s.DisplayPath}'", s.FullPath)),
        ("the --customer file", args.CustomerPath),
        ("the --config file", args.Engine.ConfigPath),
        ("the --model file", args.Engine.ModelPath),
    ];

    private static bool TryWriteReport(LintArguments args, LintRun run, string cwd, CliConsole console)
    {
        try
        {
            if (args.Format == "human")
            {
                if (args.OutputPath is null)
                {
                    HumanFormatter.Write(run, console.Out);
                }
                else
                {
                    // Through AtomicFile, as every report: a hard link to a draft keeps the draft, a crash the old report.
                    using var writer = new StringWriter();
                    HumanFormatter.Write(run, writer);
                    AtomicFile.WriteAllText(args.OutputPath, writer.ToString(), new UTF8Encoding(false));
                }
                return true;
            }

            using var buffer = new MemoryStream();
            if (args.Format == "json") JsonLintWriter.Write(run, buffer);
            else new SarifWriter(cwd, args.HelpBaseUri ?? SarifWriter.DefaultHelpBase(cwd)).Write(run, buffer);
            buffer.WriteByte((byte)'\n');
            if (args.OutputPath is null)
            {
                console.Out.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
                console.Out.Flush();
            }
            else
            {
                AtomicFile.WriteAllText(args.OutputPath, Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), new UTF8Encoding(false));
            }
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"replylint: cannot write '{args.OutputPath}': {e.Message}");
            return false;
        }
    }

    internal static bool TryRead(string path, CliConsole console, out string text)
    {
        if (Directory.Exists(path))
        {
            console.Error.WriteLine($"replylint: cannot read '{path}': it is a directory, not a file");
            text = "";
            return false;
        }
        return TryDecode(path, () => TextInput.ReadFile(path), console, out text);
    }

    /// <summary>Standard input, decoded as strictly as a file: bytes that are not UTF-8 are refused, not replaced.</summary>
    internal static bool TryReadStdin(CliConsole console, out string text) =>
        TryDecode(InputSource.Stdin.DisplayPath, () =>
        {
            using var stdin = console.In();
            return TextInput.ReadStream(stdin);
        }, console, out text);

    private static bool TryDecode(string name, Func<string> read, CliConsole console, out string text)
    {
        try
        {
            text = read();
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            console.Error.WriteLine($"replylint: cannot read '{name}': {e.Message}");
            text = "";
            return false;
        }
    }
}
