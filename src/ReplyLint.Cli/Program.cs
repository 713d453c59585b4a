using System.CommandLine;
using System.CommandLine.Parsing;
using ReplyLint.Cli.Commands;
using ReplyLint.Cli.Hosting;

namespace ReplyLint.Cli;

public static class Program
{
    public static int Main(string[] args) => Run(args, CliConsole.System);

    /// <summary>Runs the tool against the given console; tests call this in-process.</summary>
    public static int Run(string[] args, CliConsole console)
    {
        var root = new RootCommand("ReplyLint: a tone linter for customer-support replies.")
        {
            LintCommand.Create(console),
            FixCommand.Create(console),
            ScoreCommand.Create(console),
            RulesCommand.Create(),
            TrainCommand.Create(),
            EvalCommand.Create(),
        };
        // Without an action of its own the root reports "Required command was not provided" as well as the useful
        // "Unrecognized command or argument 'frob'"; with one, a mistyped command gets only the latter.
        root.SetAction(parse =>
        {
            console.Error.WriteLine("replylint: name a command: lint, fix, score, rules, train or eval.");
            console.Error.WriteLine(UsageHint);
            return ExitCodes.UsageOrInputError;
        });
        var parse = root.Parse(args);
        // On Ctrl+C/SIGTERM the command's token is cancelled; give `score` time to flush and write its summary and report.
        var configuration = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            ProcessTerminationTimeout = TimeSpan.FromSeconds(15),
            // Its handler exits 1, which means "findings" here; a bug gets its own exit code and a one-line message
            // (type and message only, no stack trace).
            EnableDefaultExceptionHandler = false,
        };
        var unknownOptions = UnknownOptions(parse);
        if (parse.Errors.Count > 0 || unknownOptions.Count > 0)
        {
            // System.CommandLine exits 1 on a parse error; 1 means "findings" here, so usage errors are 2. A mistyped
            // option is the cause of whatever else went wrong (it took an argument's place), so it is all that is said.
            var messages = unknownOptions.Count > 0 ? unknownOptions.Select(o => $"Unrecognized option '{o}'.") : parse.Errors.Select(e => e.Message);
            foreach (var message in messages) console.Error.WriteLine($"replylint: {message}");
            console.Error.WriteLine(UsageHint);
            return ExitCodes.UsageOrInputError;
        }
        try
        {
            return parse.Invoke(configuration);
        }
        catch (OperationCanceledException)
        {
            console.Error.WriteLine("replylint: interrupted.");
            return ExitCodes.Interrupted;
        }
        catch (Exception exception)
        {
            console.Error.WriteLine($"replylint: internal error ({exception.GetType().Name}): {exception.Message}");
            console.Error.WriteLine("This is a bug in ReplyLint; please report it with the command line that caused it.");
            return ExitCodes.InternalError;
        }
    }

    private const string UsageHint = "Run 'replylint --help' (or 'replylint <command> --help') for usage.";

    /// <summary>
    /// Arguments that look like options (<c>--bogus</c>, <c>-x</c>) and name no file or directory. System.CommandLine
    /// gives them to an argument that takes any string (lint's inputs, fix's file, rules' id), so the command would
    /// report "'--bogus': no such file" instead of the unknown option it is. A file that really is called that is
    /// still read, and so is anything after <c>--</c>, which ends the options.
    /// </summary>
    private static List<string> UnknownOptions(ParseResult parse)
    {
        var endOfOptions = parse.Tokens.ToList().FindIndex(token => token.Type == TokenType.DoubleDash);
        var literal = endOfOptions < 0 ? [] : parse.Tokens.Skip(endOfOptions + 1).Select(token => token.Value).ToHashSet(StringComparer.Ordinal);
        // Taken in an argument's place, or left over when no argument could take it (train --bogus).
        return parse.CommandResult.Children.OfType<ArgumentResult>()
            .SelectMany(argument => argument.Tokens)
            .Select(token => token.Value)
            .Concat(parse.UnmatchedTokens)
            .Distinct(StringComparer.Ordinal)
            .Where(value => value.Length > 1 && value[0] == '-' && !char.IsAsciiDigit(value[1]) && value[1] != '.' &&
                            !literal.Contains(value) && !File.Exists(value) && !Directory.Exists(value))
            .ToList();
    }
}
