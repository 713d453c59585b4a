using System.CommandLine;

namespace ReplyLint.Cli.Hosting;

/// <summary>The options of the commands that read a draft (lint, fix): the customer message it answers, and Markdown.</summary>
internal sealed class DraftOptions
{
    public Option<FileInfo?> Customer { get; } = new("--customer")
    {
        Description = "A file holding the customer message the draft answers.",
    };

    public Option<bool?> Markdown { get; } = new("--markdown")
    {
        Description = "Treat input as Markdown (default: by extension .md/.markdown; stdin is plain text).",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Customer);
        command.Options.Add(Markdown);
    }

    public string? CustomerPath(ParseResult parse) => parse.GetValue(Customer)?.FullName;

    public bool? IsMarkdown(ParseResult parse) => parse.GetValue(Markdown);
}
