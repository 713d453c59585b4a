using System.Text;
using Xunit;

namespace ReplyLint.Cli.Tests.Commands;

/// <summary>
/// <c>score</c> and <c>eval --replies</c> cut a JSONL file into lines by one rule (LF or CR LF ends a line, a lone CR
/// does not), so both name a malformed line by the same number, and <c>score --resume</c> finds its lines again.
/// </summary>
public sealed class JsonlLineEndingTests : IDisposable
{
    private readonly CliRun _run = new();

    // CR LF endings; line 2 has a lone CR between two members (whitespace in JSON, not a line break); line 3 is not
    // JSON; line 5, the last, has no line break and is cut short.
    private static readonly byte[] Replies = Encoding.UTF8.GetBytes(
        "{\"id\":\"1\",\"text\":\"Sorry about that, we will fix it.\",\"missing_empathy\":0}\r\n" +
        "{\"id\":\"2\",\r\"text\":\"You are wrong about the charge.\",\"missing_empathy\":1}\r\n" +
        "not json\r\n" +
        "{\"id\":\"4\",\"text\":\"Your refund is on its way.\",\"missing_empathy\":0}\r\n" +
        "{\"id\":\"5\",\"text\":\"cut short");

    private string WriteReplies()
    {
        var path = _run.PathOf("replies.jsonl");
        File.WriteAllBytes(path, Replies);
        return path;
    }

    private static List<string> SkippedLines(string error) =>
        error.Split('\n').Where(l => l.Contains(": skipped: ", StringComparison.Ordinal)).ToList();

    [Fact]
    public void Score_and_eval_name_the_same_lines_of_a_file_with_crlf_a_lone_cr_and_no_final_newline()
    {
        var path = WriteReplies();

        var score = CliRun.Invoke(["score", path, "--no-model", "--progress", "none", "--no-report"]);
        var eval = CliRun.Invoke(["eval", "--replies", path, "--no-model"]);

        Assert.True(score.ExitCode == ExitCodes.Clean, score.ToString());
        Assert.Equal(["replylint: replies.jsonl:3: skipped: not valid JSON (at byte 1)", "replylint: replies.jsonl:5: skipped: not valid JSON (at byte 27)"],
            SkippedLines(score.Error));
        var results = ArchiveFiles.ReadResults(_run.PathOf("replies.scores.jsonl"));
        Assert.Equal([("1", 1), ("2", 2), ("4", 4)], results.Select(r => (r.GetProperty("id").GetString(), r.GetProperty("line").GetInt32())));

        Assert.True(eval.ExitCode == ExitCodes.Clean, eval.ToString());
        Assert.Equal([$"replylint eval: {path}:3: skipped: not valid JSON (at byte 1)", $"replylint eval: {path}:5: skipped: not valid JSON (at byte 27)"],
            SkippedLines(eval.Error));
        Assert.Contains("3 replies from", eval.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_passes_over_a_line_too_long_to_hold_and_scores_the_rest()
    {
        // A file with a 65 MiB line (an export gone wrong, or one without line breaks) must not be read into memory.
        var path = _run.PathOf("huge-line.jsonl");
        using (var file = File.Create(path))
        {
            file.Write("{\"id\":\"1\",\"text\":\"Sorry about that, we will fix it.\"}\n"u8);
            file.Write("{\"id\":\"2\",\"text\":\""u8);
            var chunk = Encoding.ASCII.GetBytes(new string('x', 1 << 20));
            for (var i = 0; i < 65; i++) file.Write(chunk);
            file.Write("\"}\n{\"id\":\"3\",\"text\":\"Your refund is on its way.\"}\n"u8);
        }

        var score = CliRun.Invoke(["score", path, "--no-model", "--progress", "none", "--no-report"]);

        Assert.True(score.ExitCode == ExitCodes.Clean, score.ToString());
        Assert.Equal(["replylint: huge-line.jsonl:2: skipped: the line is over 67,108,864 bytes; passed over without reading it"],
            SkippedLines(score.Error));
        var results = ArchiveFiles.ReadResults(_run.PathOf("huge-line.scores.jsonl"));
        Assert.Equal([("1", 1), ("3", 3)], results.Select(r => (r.GetProperty("id").GetString(), r.GetProperty("line").GetInt32())));
    }

    [Fact]
    public void Score_resumes_after_a_lone_cr_with_the_same_results()
    {
        var path = WriteReplies();
        var whole = _run.PathOf("whole.jsonl");
        var sliced = _run.PathOf("sliced.jsonl");

        var all = CliRun.Invoke(["score", path, "--no-model", "--progress", "none", "--no-report", "--out", whole]);
        var first = CliRun.Invoke(["score", path, "--no-model", "--progress", "none", "--no-report", "--out", sliced, "--limit", "1"]);
        var resumed = CliRun.Invoke(["score", path, "--no-model", "--progress", "none", "--no-report", "--out", sliced, "--resume"]);

        Assert.True(all.ExitCode == ExitCodes.Clean, all.ToString());
        Assert.True(first.ExitCode == ExitCodes.Clean, first.ToString());
        Assert.True(resumed.ExitCode == ExitCodes.Clean, resumed.ToString());
        Assert.Contains("(up to archive line 1)", resumed.Error, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(whole), File.ReadAllBytes(sliced));
    }

    [Fact]
    public void A_file_whose_lines_end_with_cr_alone_is_one_line_and_the_message_says_why()
    {
        var path = _run.PathOf("old-mac.jsonl");
        File.WriteAllText(path, "{\"id\":\"1\",\"text\":\"Hi.\"}\r{\"id\":\"2\",\"text\":\"Bye.\"}\r");

        var score = CliRun.Invoke(["score", path, "--no-model", "--progress", "none", "--no-report"]);
        var eval = CliRun.Invoke(["eval", "--replies", path, "--no-model"]);

        Assert.Equal(["replylint: old-mac.jsonl:1: skipped: not valid JSON (at byte 24); the line holds a CR without an LF, and only LF ends a line"],
            SkippedLines(score.Error));
        Assert.Equal([$"replylint eval: {path}:1: skipped: not valid JSON (at byte 24); the line holds a CR without an LF, and only LF ends a line"],
            SkippedLines(eval.Error));
    }

    public void Dispose() => _run.Dispose();
}
