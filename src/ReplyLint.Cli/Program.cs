using System.CommandLine;
using ReplyLint.Cli.Commands;

namespace ReplyLint.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("ReplyLint: a tone linter for customer-support replies.")
        {
            RulesCommand.Create(),
            TrainCommand.Create(),
            EvalCommand.Create(),
        };
        return root.Parse(args).Invoke();
    }
}
