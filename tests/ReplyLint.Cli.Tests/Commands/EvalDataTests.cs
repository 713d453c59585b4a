using Xunit;

namespace ReplyLint.Cli.Tests.Commands;

/// <summary>
/// <c>eval --data</c> on labelled sentence files with mistakes in them, as people make them: every malformed record is
/// named with its file and line (or the lines it took up), in the words <c>score</c> uses, and the rest is evaluated.
/// </summary>
public sealed class EvalDataTests : IDisposable
{
    private const string Header = "text,defensive,perception_denial,legal_jargon,acknowledgement";
    private readonly CliRun _run = new();

    /// <summary>The result, and the file's name as the messages give it.</summary>
    private (CliResult Result, string Name) Eval(string name, byte[] contents)
    {
        var path = _run.PathOf(name);
        File.WriteAllBytes(path, contents);
        return (CliRun.Invoke(["eval", "--data", path]), name);
    }

    private static byte[] Lines(params string[] lines) => System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");

    [Fact]
    public void A_quote_that_swallows_the_rows_after_it_is_named_with_every_line_it_took()
    {
        var (result, path) = Eval("sentences.csv", Lines(Header,
            "You should have read the manual.,1,0,0,0",
            "\"stray quote start,0,0,0,0",
            "Your parcel ships Monday.,0,0,0,0",
            "Say \"hi\" to Sam.,0,0,0,0",
            "We are not liable.,0,0,1,0",
            "Sorry about the delay!,0,0,0,1"));

        Assert.True(result.ExitCode == ExitCodes.Clean, result.ToString());
        Assert.Contains($"skipped {path}:3-5: text after the closing quote of a field, in a record that runs over 3 lines", result.Error, StringComparison.Ordinal);
        Assert.Contains("3 rows from", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_kind_of_malformed_row_is_named_by_line_and_the_rest_is_evaluated()
    {
        var (result, path) = Eval("mixed.csv", [.. Lines(Header,
            "You should have read the manual.,1,0,0,0",
            "Bad label.,2,0,0,0",
            "Another.,yes,0,0,0",
            ",0,0,0,0",
            "Too, many,0,0,0,0",
            "Too few,0,0"), .. "Caf"u8, 0xE9, .. " is shut.,0,0,0,0\n"u8, .. Lines("Sorry about the delay!,0,0,0,1")]);

        Assert.True(result.ExitCode == ExitCodes.Clean, result.ToString());
        var skipped = result.Error.Split('\n').Where(l => l.Contains(" skipped ", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, skipped.Count);
        Assert.Contains($"{path}:3: defensive is '2'", skipped[0], StringComparison.Ordinal);
        Assert.Contains($"{path}:4: defensive is 'yes'", skipped[1], StringComparison.Ordinal);
        Assert.Contains($"{path}:5: the text column 'text' is empty or blank", skipped[2], StringComparison.Ordinal);
        Assert.Contains($"{path}:6: expected 5 fields", skipped[3], StringComparison.Ordinal);
        Assert.Contains($"{path}:7: expected 5 fields", skipped[4], StringComparison.Ordinal);
        Assert.Contains($"{path}:8: not valid UTF-8 (byte 0xE9 at offset 3 of the record); save the file as UTF-8", skipped[5], StringComparison.Ordinal);
        Assert.Contains("2 rows from", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_or_a_header_without_a_training_column_is_an_input_error()
    {
        var (empty, emptyPath) = Eval("empty.csv", []);
        var (typo, typoPath) = Eval("typo.csv", Lines("text,defensive,perception_denial,legal_jargon,acknowledgment", "Sorry!,0,0,0,1"));

        Assert.Equal(ExitCodes.UsageOrInputError, empty.ExitCode);
        Assert.Contains($"{emptyPath}:1: the file is empty", empty.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.UsageOrInputError, typo.ExitCode);
        Assert.Contains($"{typoPath}:1: the header lacks column(s) acknowledgement", typo.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _run.Dispose();
}
