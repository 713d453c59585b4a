using System.CommandLine;
using System.Text;
using ReplyLint.Cli.Hosting;
using ReplyLint.Cli.Input;
using ReplyLint.Cli.Output;
using ReplyLint.Core.Diagnostics;

namespace ReplyLint.Cli.Commands;

/// <summary>
/// <c>replylint fix &lt;file&gt;</c>: applies the first suggested rewrite of each finding. The original is never lost:
/// the result goes to stdout or <c>--out</c>; only <c>--in-place</c> replaces the file, atomically.
/// </summary>
internal static class FixCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<string>("file") { Description = "The reply or canned response to fix (- for stdin)." };
        var rules = new Option<string[]>("--rule", "-r") { Description = "Only apply fixes of these rule ids (repeatable).", AllowMultipleArgumentsPerToken = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show a diff of what would change; write nothing." };
        var inPlace = new Option<bool>("--in-place", "-i") { Description = "Replace the file (atomically: temp file + rename)." };
        var output = new Option<FileInfo?>("--out", "-o") { Description = "Write the fixed text to this file." };
        var draftOptions = new DraftOptions();
        var engineOptions = new EngineOptions();
        var command = new Command("fix", "Apply the suggested rewrites (first alternative of each finding).")
        {
            file, rules, dryRun, inPlace, output,
        };
        draftOptions.AddTo(command);
        engineOptions.AddTo(command);
        command.SetAction(parse => Run(new FixArguments(
            parse.GetValue(file)!, parse.GetValue(rules) ?? [], parse.GetValue(dryRun), parse.GetValue(inPlace),
            parse.GetValue(output)?.FullName, draftOptions.CustomerPath(parse), draftOptions.IsMarkdown(parse), engineOptions.Read(parse)), console));
        return command;
    }

    internal sealed record FixArguments(string File, string[] Rules, bool DryRun, bool InPlace, string? OutputPath,
        string? CustomerPath, bool? Markdown, EngineRequest Engine);

    internal static int Run(FixArguments args, CliConsole console)
    {
        var isStdin = args.File == "-";
        if (args.InPlace && (args.OutputPath is not null || isStdin))
        {
            console.Error.WriteLine("replylint: --in-place cannot be combined with --out or stdin.");
            return ExitCodes.UsageOrInputError;
        }
        var unknown = args.Rules.Where(id => RuleCatalogLookup(id) is null).ToList();
        if (unknown.Count > 0)
        {
            console.Error.WriteLine($"replylint: unknown rule id(s): {string.Join(", ", unknown)}. Run 'replylint rules' for the list.");
            return ExitCodes.UsageOrInputError;
        }

        var path = isStdin ? null : Path.GetFullPath(args.File);
        if (path is not null && args.OutputPath is not null && OutputPaths.SameFile(args.OutputPath, path))
        {
            console.Error.WriteLine("replylint: --out names the input file; use --in-place to replace it.");
            return ExitCodes.UsageOrInputError;
        }
        if (args.OutputPath is not null && OutputPaths.Overwrites(args.OutputPath,
                [("the --customer file", args.CustomerPath), ("the --config file", args.Engine.ConfigPath), ("the --model file", args.Engine.ModelPath)]) is { } overwritten)
        {
            console.Error.WriteLine($"replylint: --out names {overwritten}; write the fixed text to another file.");
            return ExitCodes.UsageOrInputError;
        }
        if (args.OutputPath is not null && FilePaths.CannotWrite(args.OutputPath) is { } unwritable)
        {
            console.Error.WriteLine($"replylint: {unwritable}");
            return ExitCodes.UsageOrInputError;
        }
        string text;
        if (isStdin)
        {
            if (!LintCommand.TryReadStdin(console, out text)) return ExitCodes.UsageOrInputError;
        }
        else if (FilePaths.CannotRead(path!, args.File) is { } unreadable)
        {
            console.Error.WriteLine($"replylint: {unreadable}");
            return ExitCodes.UsageOrInputError;
        }
        else if (!LintCommand.TryRead(path!, console, out text)) return ExitCodes.UsageOrInputError;

        string? customer = null;
        if (args.CustomerPath is not null && !LintCommand.TryRead(args.CustomerPath, console, out customer!)) return ExitCodes.UsageOrInputError;

        using var setup = EngineFactory.Create(args.Engine, console.Error);
        if (setup.Engine is not { } engine)
        {
            console.Error.WriteLine(setup.Error);
            return ExitCodes.UsageOrInputError;
        }

        var selected = new HashSet<string>(args.Rules.Select(r => r.Trim().ToUpperInvariant()), StringComparer.Ordinal);
        Func<Diagnostic, bool>? select = selected.Count == 0 ? null : d => selected.Contains(d.Id);
        var isMarkdown = args.Markdown ?? (!isStdin && TextInput.IsMarkdown(path!));
        // Markdown: fix-all analyses the prose view and applies the edits to the Markdown itself (the prose view keeps
        // offsets, and no edit touches code because code was blanked before analysis).
        var result = engine.FixAll(text, customer, select, analysedView: isMarkdown ? MarkdownProse.Extract : null);
        var fixedText = result.Text;
        var applied = result.Applied.Count;
        var remaining = result.Remaining.Diagnostics.Length;

        var display = isStdin ? "<stdin>" : args.File;
        try
        {
            if (args.DryRun) DiffRenderer.Write(display, text, fixedText, console.Out);
            else if (args.InPlace)
            {
                if (!string.Equals(fixedText, text, StringComparison.Ordinal))
                    AtomicFile.WriteAllText(path!, fixedText, DetectEncoding(path!));
            }
            else if (args.OutputPath is not null) AtomicFile.WriteAllText(args.OutputPath, fixedText, new UTF8Encoding(false));
            else
            {
                console.Out.Write(fixedText);
                console.Out.Flush();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"replylint: cannot write the result: {e.Message}");
            return ExitCodes.UsageOrInputError;
        }

        // Said once the result is written: a failed write must not be preceded by "2 fixes applied".
        console.Error.WriteLine($"replylint: {applied} fix{(applied == 1 ? "" : "es")} {(args.DryRun ? "would be applied" : "applied")} to {display}; {remaining} {(remaining == 1 ? "finding remains" : "findings remain")}.");
        if (engine.IsDegraded) console.Error.WriteLine($"replylint: degraded: {engine.ModelStatus.Problem}");
        return ExitCodes.Clean;
    }

    private static RuleDescriptor? RuleCatalogLookup(string id) =>
        Core.Catalog.RuleCatalog.Default.Find(id.Trim().ToUpperInvariant());

    private static Encoding DetectEncoding(string path)
    {
        using var reader = new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        reader.Peek();
        var encoding = reader.CurrentEncoding;
        // Keep a BOM only if the file had one.
        var preamble = new byte[3];
        using var stream = File.OpenRead(path);
        var hasBom = stream.Read(preamble) == 3 && preamble[0] == 0xEF && preamble[1] == 0xBB && preamble[2] == 0xBF;
        return encoding is UTF8Encoding ? new UTF8Encoding(hasBom) : encoding;
    }
}
