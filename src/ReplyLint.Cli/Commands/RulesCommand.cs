using System.CommandLine;
using ReplyLint.Core.Catalog;
using ReplyLint.Core.Diagnostics;

namespace ReplyLint.Cli.Commands;

/// <summary><c>replylint rules [ID]</c>: lists the catalog, or explains one rule with its examples.</summary>
internal static partial class RulesCommand
{
    public static Command Create()
    {
        var id = new Argument<string?>("id") { Description = "A rule id such as RL2001; omit to list every rule.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("rules", "List the rule catalog, or explain one rule.") { id };
        command.SetAction(parse => Run(parse.GetValue(id), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    internal static int Run(string? id, TextWriter output, TextWriter error)
    {
        var catalog = RuleCatalog.Default;
        if (string.IsNullOrWhiteSpace(id))
        {
            foreach (var d in catalog.Descriptors)
                output.WriteLine($"{d.Id}  {d.DefaultSeverity.ToConfigString(),-7}  {(d.IsEnabledByDefault ? "on " : "off")}  {d.Family,-16}  {d.Title}");
            return ExitCodes.Clean;
        }
        var rule = catalog.Describe(id.Trim().ToUpperInvariant());
        if (rule is null)
        {
            error.WriteLine($"replylint: no rule '{id}'. Run 'replylint rules' for the list.");
            return ExitCodes.UsageOrInputError;
        }
        var descriptor = rule.Descriptor;
        output.WriteLine($"{descriptor.Id}: {descriptor.Title}");
        output.WriteLine($"Family: {descriptor.Family}   Default severity: {descriptor.DefaultSeverity.ToConfigString()}   Enabled by default: {(descriptor.IsEnabledByDefault ? "yes" : "no")}");
        output.WriteLine();
        output.WriteLine(descriptor.Description);
        output.WriteLine();
        if (rule.Flagged.Count > 0)
        {
            output.WriteLine("Flagged (the flagged words between **):");
            foreach (var example in rule.Flagged) WriteExample(output, Readable(example.Markup), example.Customer);
        }
        if (rule.NotFlagged.Count > 0)
        {
            output.WriteLine("Not flagged:");
            foreach (var example in rule.NotFlagged) WriteExample(output, example.Markup, example.Customer);
        }
        if (rule.Fixes.Count > 0)
        {
            output.WriteLine("Suggested rewrites:");
            foreach (var fix in rule.Fixes)
            {
                WriteExample(output, fix.Before, fix.Customer);
                output.WriteLine($"    => {Indent(fix.After)}");
            }
        }
        if (rule.NoFixReason is { } reason) output.WriteLine($"No rewrite is offered: {reason}");
        output.WriteLine();
        output.WriteLine($"More: {descriptor.HelpLink}");
        return ExitCodes.Clean;
    }

    private static void WriteExample(TextWriter output, string text, string? customer)
    {
        if (customer is not null) output.WriteLine($"  - customer: {Indent(customer)}\n    reply:    {Indent(text)}");
        else output.WriteLine($"  - {Indent(text)}");
    }

    private static string Indent(string text) => text.Replace("\n", "\n      ", StringComparison.Ordinal);

    // The catalog's examples are test markup, "{|RL2001:you are wrong|}"; people read "**you are wrong**".
    private static string Readable(string markup) => ExampleMarkup().Replace(markup, "**$1**");

    [System.Text.RegularExpressions.GeneratedRegex(@"\{\|RL\d{4}:(.*?)\|\}", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex ExampleMarkup();
}
