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
        Assert.Contains($"replylint eval: {path}:3-5: skipped: text after the closing quote of a field, in a record that runs over 3 lines", result.Error, StringComparison.Ordinal);
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
        var skipped = result.Error.Split('\n').Where(l => l.Contains(": skipped: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, skipped.Count);
        Assert.Equal($"replylint eval: {path}:3: skipped: defensive is '2' (expected 0, 1 or blank)", skipped[0]);
        Assert.Contains($"{path}:3: skipped: defensive is '2'", skipped[0], StringComparison.Ordinal);
        Assert.Contains($"{path}:4: skipped: defensive is 'yes'", skipped[1], StringComparison.Ordinal);
        Assert.Contains($"{path}:5: skipped: the text column 'text' is empty or blank", skipped[2], StringComparison.Ordinal);
        Assert.Contains($"{path}:6: skipped: expected 5 fields", skipped[3], StringComparison.Ordinal);
        Assert.Contains($"{path}:7: skipped: expected 5 fields", skipped[4], StringComparison.Ordinal);
        Assert.Contains($"{path}:8: skipped: not valid UTF-8 (byte 0xE9 at offset 3 of the record); save the file as UTF-8", skipped[5], StringComparison.Ordinal);
        Assert.Contains("2 rows from", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_or_a_header_without_a_training_column_is_an_input_error()
    {
        var (empty, emptyPath) = Eval("empty.csv", []);
        var (typo, typoPath) = Eval("typo.csv", Lines("text,defensive,perception_denial,legal_jargon,acknowledgment", "Sorry!,0,0,0,1"));

        Assert.Equal(ExitCodes.UsageOrInputError, empty.ExitCode);
        Assert.Contains($"{emptyPath}:1: skipped: the file is empty", empty.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.UsageOrInputError, typo.ExitCode);
        Assert.Contains($"{typoPath}:1: skipped: the header lacks column(s) acknowledgement", typo.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void At_most_50_malformed_rows_are_named_and_one_line_counts_the_lines_not_shown()
    {
        // 60 bad labels, then a quote never closed that takes the last line with it: 10 records and 2 lines not shown.
        var bad = Enumerable.Range(1, 60).Select(i => $"Bad label {i}.,2,0,0,0");
        var (result, path) = Eval("many.csv", Lines([Header, "You should have read the manual.,1,0,0,0", .. bad,
            "\"never closed,0,0,0,0", "swallowed,0,0,0,0"]));

        Assert.True(result.ExitCode == ExitCodes.Clean, result.ToString());
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(51, lines.Length);
        Assert.Equal($"replylint eval: {path}:3: skipped: defensive is '2' (expected 0, 1 or blank)", lines[0]);
        Assert.StartsWith($"replylint eval: {path}:52: skipped: ", lines[49], StringComparison.Ordinal);
        Assert.Equal("replylint eval: 12 more malformed line(s) were skipped and not shown", lines[50]);
        Assert.Contains("1 rows from", result.Out, StringComparison.Ordinal);
    }

    public void Dispose() => _run.Dispose();
}
