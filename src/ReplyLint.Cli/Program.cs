using System.CommandLine;
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
        if (parse.Errors.Count > 0)
        {
            // System.CommandLine exits 1 on a parse error; 1 means "findings" here, so usage errors are 2.
            foreach (var error in parse.Errors) console.Error.WriteLine($"replylint: {error.Message}");
            console.Error.WriteLine("Run 'replylint --help' (or 'replylint <command> --help') for usage.");
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
}
