using System.Text.Json;
using ReplyLint.Cli.Archives;
using ReplyLint.Cli.Commands;
using ReplyLint.Cli.Hosting;
using ReplyLint.Cli.Reports;
using ReplyLint.Cli.Scoring;
using ReplyLint.Core.Engine;
using Xunit;

namespace ReplyLint.Cli.Tests.Commands;

public sealed class ScoreCommandTests : IDisposable
{
    private readonly CliRun _run = new();

    [Fact]
    public void Scores_every_reply_and_writes_results_summary_and_report()
    {
        var archive = ArchiveFiles.Jsonl(_run.PathOf("archive.jsonl"), 300);

        var result = CliRun.Invoke(["score", archive, "--no-model", "--progress", "plain"]);

        Assert.True(result.ExitCode == ExitCodes.Clean, result.ToString());
        var results = ArchiveFiles.ReadResults(_run.PathOf("archive.scores.jsonl"));
        Assert.Equal(Enumerable.Range(0, 300).Select(i => $"r{i}"), results.Select(r => r.GetProperty("id").GetString()));
        Assert.Contains(results, r => r.GetProperty("findings").GetArrayLength() > 0);
        foreach (var r in results)
        {
            Assert.InRange(r.GetProperty("score").GetInt32(), 0, 100);
            Assert.Equal(4, r.GetProperty("familyScores").EnumerateObject().Count());
            foreach (var f in r.GetProperty("findings").EnumerateArray())
            {
                Assert.Matches("^RL[1-4][0-9]{3}$", f.GetProperty("ruleId").GetString());
                foreach (var key in new[] { "family", "severity", "span", "confidence", "source" }) Assert.True(f.TryGetProperty(key, out _), key);
            }
        }

        using var summary = JsonDocument.Parse(File.ReadAllText(_run.PathOf("archive.scores.summary.json")));
        Assert.Equal(300, summary.RootElement.GetProperty("replies").GetInt64());
        Assert.Equal("completed", summary.RootElement.GetProperty("outcome").GetString());
        Assert.Equal(5, summary.RootElement.GetProperty("agents").EnumerateObject().Count());
        Assert.NotEmpty(summary.RootElement.GetProperty("rules").EnumerateObject());
        Assert.True(File.Exists(_run.PathOf("archive.scores.report.html")));
    }

    [Fact]
    public void Progress_and_log_output_never_contain_reply_text()
    {
        var archive = ArchiveFiles.Jsonl(_run.PathOf("archive.jsonl"), 120, malformedLines: new HashSet<int> { 7, 8 });

        var result = CliRun.Invoke(["score", archive, "--no-model", "--progress", "plain"]);

        Assert.Equal(ExitCodes.Clean, result.ExitCode);
        foreach (var (text, customer) in ArchiveFiles.RealReplies.Take(120))
        {
            var probe = text.Length > 30 ? text[..30] : text;
            Assert.DoesNotContain(probe, result.Error, StringComparison.Ordinal);
            Assert.DoesNotContain(probe, result.Out, StringComparison.Ordinal);
            if (customer is { Length: > 20 }) Assert.DoesNotContain(customer[..20], result.Error, StringComparison.Ordinal);
        }
        Assert.DoesNotContain(probeOf(ArchiveFiles.RealReplies[0].Text), File.ReadAllText(_run.PathOf("archive.scores.summary.json")), StringComparison.Ordinal);

        static string probeOf(string text) => text.Length > 30 ? text[..30] : text;
    }

    /// <summary>An archive whose row <paramref name="hugeRow"/> (0-based) is a 30,000-character reply.</summary>
    private string ArchiveWithOneHugeReply(int rows, int hugeRow)
    {
        var archive = ArchiveFiles.Jsonl(_run.PathOf("archive.jsonl"), rows);
        var lines = File.ReadAllLines(archive);
        lines[hugeRow] = JsonSerializer.Serialize(new { id = "huge", text = string.Concat(Enumerable.Repeat("You are wrong. ", 2_000)) });
        File.WriteAllLines(archive, lines);
        return archive;
    }

    [Fact]
    public void A_reply_over_the_length_limit_is_reported_with_its_line_and_skipped()
    {
        var archive = ArchiveWithOneHugeReply(rows: 10, hugeRow: 2);

        var result = CliRun.Invoke(["score", archive, "--no-model", "--progress", "none", "--max-text-length", "10000"]);

        Assert.Equal(ExitCodes.Clean, result.ExitCode);
        Assert.Contains("archive.jsonl:3: skipped: the reply is 30,000 characters, over the limit of 10,000", result.Error, StringComparison.Ordinal);
        Assert.Equal(9, ArchiveFiles.ReadResults(_run.PathOf("archive.scores.jsonl")).Count);
    }

    [Fact]
    public void A_csv_quote_left_open_over_64_MiB_stops_reading_with_one_report_and_keeps_what_was_read()
    {
        // The quote opened on line 5 is never closed: by CSV's rules the rest of the file is one field. CsvHelper's
        // buffer would grow to 2 GiB; past the limit the reader stops, once (it used to report the same record forever).
        var archive = _run.PathOf("open-quote.csv");
        using (var file = File.Create(archive))
        {
            // Record 1 runs over three lines (a quoted line break): the open quote of record 2 is on line 5.
            file.Write("id,text\n1,\"Sorry about that.\nThanks for waiting.\nBest, Sam\"\n2,\"Your refund"u8);
            var chunk = System.Text.Encoding.ASCII.GetBytes(new string('x', 1 << 20) + "\n");
            for (var i = 0; i < 65; i++) file.Write(chunk);
            file.Write("3,fine\n"u8);
        }

        var result = CliRun.Invoke(["score", archive, "--no-model", "--progress", "none"]);

        // What was read is scored and reported, and the run says it is incomplete: exit 2, not a clean day.
        Assert.Equal(ExitCodes.UsageOrInputError, result.ExitCode);
        Assert.Contains("open-quote.csv:5: skipped: the CSV record from here on cannot be parsed (over 64 MiB: a quote that is never closed?); " +
            "the rest of the file was not read", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Split('\n'), l => l.Contains(": skipped: ", StringComparison.Ordinal));
        Assert.Contains("replylint: incomplete: 1 replies scored", result.Error, StringComparison.Ordinal);
        Assert.Contains("open-quote.csv was not read to the end, line 5:", result.Error, StringComparison.Ordinal);
        Assert.Equal(["1"], ArchiveFiles.ReadResults(_run.PathOf("open-quote.scores.jsonl")).Select(r => r.GetProperty("id").GetString()));
        using var summary = JsonDocument.Parse(File.ReadAllText(_run.PathOf("open-quote.scores.summary.json")));
        Assert.Equal("incomplete", summary.RootElement.GetProperty("outcome").GetString());
        Assert.Contains("could not be read to the end: line 5,", File.ReadAllText(_run.PathOf("open-quote.scores.report.html")), StringComparison.Ordinal);
    }

    /// <summary>A CSV archive whose last record opens a quote that is never closed, over 64 MiB, after <paramref name="before"/>.</summary>
    private string ArchiveThatStopsReading(string name, string before)
    {
        var archive = _run.PathOf(name);
        using var file = File.Create(archive);
        file.Write(System.Text.Encoding.UTF8.GetBytes(before));
        file.Write("9,\"Your refund"u8);
        var chunk = System.Text.Encoding.ASCII.GetBytes(new string('x', 1 << 20) + "\n");
        for (var i = 0; i < 65; i++) file.Write(chunk);
        file.Write("10,fine\n"u8);
        return archive;
    }

    [Fact]
    public void Where_reading_stopped_is_in_the_summary_and_the_report_however_many_rows_were_malformed_before()
    {
        // The malformed rows kept for the summary and report are the first 200: the stop must not depend on them.
        var before = new System.Text.StringBuilder("id,text\n1,Thanks for waiting.\n");
        for (var i = 0; i < 205; i++) before.Append(",no id\n");
        var archive = ArchiveThatStopsReading("late-stop.csv", before.ToString());

        var result = CliRun.Invoke(["score", archive, "--no-model", "--progress", "none"]);

        Assert.Equal(ExitCodes.UsageOrInputError, result.ExitCode);
        using var summary = JsonDocument.Parse(File.ReadAllText(_run.PathOf("late-stop.scores.summary.json")));
        var stop = summary.RootElement.GetProperty("stoppedAt");
        Assert.Equal(208, stop.GetProperty("line").GetInt64());
        Assert.StartsWith("the CSV record from here on cannot be parsed", stop.GetProperty("problem").GetString(), StringComparison.Ordinal);
        Assert.Contains("could not be read to the end: line 208, the CSV record from here on cannot be parsed",
            File.ReadAllText(_run.PathOf("late-stop.scores.report.html")), StringComparison.Ordinal);
    }

    /// <summary>Cancels, as Ctrl+C does, when the first skipped row is reported.</summary>
    private sealed class CancelOnFirstSkipped(CancellationTokenSource cancel) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value?.Contains(": skipped: ", StringComparison.Ordinal) == true) cancel.Cancel();
        }
    }

    [Fact]
    public async Task An_interrupted_run_is_interrupted_even_when_reading_stopped_further_on()
    {
        // The reader runs ahead of the scoring: it may have met the stop before Ctrl+C, which still decides the outcome.
        var archive = ArchiveThatStopsReading("interrupted.csv", "id,text\n,no id here\n1,Thanks for waiting.\n2,Your order ships Monday.\n");
        using var cancel = new CancellationTokenSource();
        var error = new CancelOnFirstSkipped(cancel);
        var console = new CliConsole(new StringWriter(), error, () => Stream.Null, false);

        var code = await ScoreCommand.RunAsync(new ScoreCommand.ScoreArguments
        {
            Archive = archive, Progress = "none", BatchSize = 1, Parallelism = 1,
            Engine = new EngineRequest(null, true, null),
        }, console, cancel.Token);

        Assert.True(code == ExitCodes.Interrupted, error.ToString());
        Assert.DoesNotContain("was not read to the end", error.ToString(), StringComparison.Ordinal);
        using var summary = JsonDocument.Parse(File.ReadAllText(_run.PathOf("interrupted.scores.summary.json")));
        Assert.Equal("interrupted", summary.RootElement.GetProperty("outcome").GetString());
        Assert.False(summary.RootElement.TryGetProperty("stoppedAt", out _));
    }

    [Fact]
    public void Resume_steps_over_a_reply_the_earlier_run_skipped_as_too_long()
    {
        var archive = ArchiveWithOneHugeReply(rows: 6, hugeRow: 1);

        var first = CliRun.Invoke(["score", archive, "--no-model", "--progress", "none", "--max-text-length", "10000", "--limit", "3"]);
        Assert.Equal(ExitCodes.Clean, first.ExitCode);
        var resumed = CliRun.Invoke(["score", archive, "--no-model", "--progress", "none", "--max-text-length", "10000", "--resume"]);

        Assert.True(resumed.ExitCode == ExitCodes.Clean, resumed.ToString());
        Assert.Equal(5, ArchiveFiles.ReadResults(_run.PathOf("archive.scores.jsonl")).Count);
    }

    [Fact]
    public void Malformed_rows_are_reported_with_their_line_and_skipped()
    {
        var archive = ArchiveFiles.Jsonl(_run.PathOf("archive.jsonl"), 50, malformedLines: new HashSet<int> { 4, 17 });

        var result = CliRun.Invoke(["score", archive, "--no-model", "--progress", "none"]);

        Assert.Equal(ExitCodes.Clean, result.ExitCode);
        Assert.Contains("archive.jsonl:4: skipped: not valid JSON", result.Error, StringComparison.Ordinal);
        Assert.Contains("archive.jsonl:17: skipped: missing the text property", result.Error, StringComparison.Ordinal);
        Assert.Equal(48, ArchiveFiles.ReadResults(_run.PathOf("archive.scores.jsonl")).Count);
        using var summary = JsonDocument.Parse(File.ReadAllText(_run.PathOf("archive.scores.summary.json")));
        Assert.Equal(2, summary.RootElement.GetProperty("malformedRows").GetInt64());
        Assert.Equal([4L, 17L], summary.RootElement.GetProperty("malformed").EnumerateArray().Select(m => m.GetProperty("line").GetInt64()));
    }

    [Theory]
    [InlineData("archive.jsonl", "{\"id\": \"1\", \"text\": \"As I already said, you are wrong.\"}\n{\"id\": \"2\", \"text\": \"Caf", "\"}\n{\"id\": \"3\", \"text\": \"Thanks!\"}\n")]
    [InlineData("archive.csv", "id,text\n1,\"As I already said, you are wrong.\"\n2,Caf", "\n3,Thanks!\n")]
    public void A_record_that_is_not_utf8_is_reported_with_its_line_and_the_rest_is_scored(string name, string before, string after)
    {
        var archive = _run.PathOf(name);
        File.WriteAllBytes(archive, [.. System.Text.Encoding.UTF8.GetBytes(before), 0xE9, .. " order: you are wrong."u8, .. System.Text.Encoding.UTF8.GetBytes(after)]);

        var result = CliRun.Invoke(["score", archive, "--no-model", "--progress", "none"]);

        Assert.True(result.ExitCode == ExitCodes.Clean, result.ToString());
        Assert.Contains($"{name}:{(name.EndsWith(".csv", StringComparison.Ordinal) ? 3 : 2)}: skipped: not valid UTF-8 (byte 0xE9 at offset", result.Error, StringComparison.Ordinal);
        Assert.Equal(["1", "3"], ArchiveFiles.ReadResults(_run.PathOf("archive.scores.jsonl")).Select(r => r.GetProperty("id").GetString()));
        Assert.DoesNotContain('\uFFFD', File.ReadAllText(_run.PathOf("archive.scores.report.html")));
    }

    [Theory]
    [InlineData("archive.csv", "id,text,agent\n1,\"As I already said, you are wrong.\",a1\n2,,a2\n3,\"  \",a3\n4,Thanks!,a4\n")]
    [InlineData("archive.jsonl", "{\"id\": \"1\", \"text\": \"As I already said, you are wrong.\"}\n{\"id\": \"2\", \"text\": \"\"}\n{\"id\": \"3\", \"text\": \"  \"}\n{\"id\": \"4\", \"text\": \"Thanks!\"}\n")]
    public void An_empty_reply_text_is_a_malformed_row_not_a_perfect_score(string name, string contents)
    {
        var archive = _run.Write(name, contents);

        var result = CliRun.Invoke(["score", archive, "--no-model", "--progress", "none", "--no-report"]);

        Assert.True(result.ExitCode == ExitCodes.Clean, result.ToString());
        var first = name.EndsWith(".csv", StringComparison.Ordinal) ? 3 : 2;
        Assert.Contains($"{name}:{first}: skipped: the text", result.Error, StringComparison.Ordinal);
        Assert.Contains($"{name}:{first + 1}: skipped: the text", result.Error, StringComparison.Ordinal);
        Assert.Equal(["1", "4"], ArchiveFiles.ReadResults(_run.PathOf("archive.scores.jsonl")).Select(r => r.GetProperty("id").GetString()));
        using var summary = JsonDocument.Parse(File.ReadAllText(_run.PathOf("archive.scores.summary.json")));
        Assert.Equal(2, summary.RootElement.GetProperty("malformedRows").GetInt64());
    }

    [Fact]
    public void Csv_results_defuse_spreadsheet_formulas_and_resume_reads_them_back_exactly()
    {
        var archive = _run.PathOf("archive.jsonl");
        File.WriteAllLines(archive,
        [
            JsonSerializer.Serialize(new { id = "=HYPERLINK(\"http://example.com\")", text = "As previously explained, you are wrong.", agent = "@bob" }),
            JsonSerializer.Serialize(new { id = "'=already quoted", text = "Thanks for your patience." }),
            JsonSerializer.Serialize(new { id = "plain", text = "Sorry about that! Here's what we can do." }),
        ]);
        var output = _run.PathOf("results.csv");

        Assert.Equal(ExitCodes.Clean, CliRun.Invoke(["score", archive, "--no-model", "--out", output, "--progress", "none", "--limit", "2"]).ExitCode);
        var rows = File.ReadAllLines(output);
        Assert.StartsWith("\"'=HYPERLINK(", rows[1], StringComparison.Ordinal);
        Assert.Contains(",'@bob,", rows[1], StringComparison.Ordinal);
        Assert.StartsWith("''=already quoted,", rows[2], StringComparison.Ordinal);

        // Resume matches the ids it reads back against the archive: the apostrophes come off again.
        var resumed = CliRun.Invoke(["score", archive, "--no-model", "--out", output, "--progress", "none", "--resume"]);
        Assert.True(resumed.ExitCode == ExitCodes.Clean, resumed.ToString());
        Assert.Equal(["=HYPERLINK(\"http://example.com\")", "'=already quoted", "plain"], ArchiveFiles.ReadCsvIds(output));
    }

    [Fact]
    public void The_report_carries_no_control_characters_from_the_archive()
    {
        var archive = _run.PathOf("archive.jsonl");
        File.WriteAllLines(archive, [JsonSerializer.Serialize(new { id = "r1", text = "As previously explained\u0000, you are wrong\u001b[2J about it\u0085." })]);

        Assert.Equal(ExitCodes.Clean, CliRun.Invoke(["score", archive, "--no-model", "--progress", "none"]).ExitCode);

        var report = File.ReadAllText(_run.PathOf("archive.scores.report.html"));
        Assert.DoesNotContain('\u0000', report);
        Assert.DoesNotContain('\u001b', report);
        Assert.DoesNotContain('\u0085', report);
        Assert.Contains("you are wrong", report, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_archive_with_a_renamed_text_column_and_multiline_fields_gives_csv_results()
    {
        var path = _run.PathOf("archive.csv");
        ArchiveFiles.Csv(path, 40, textColumn: "reply");
        // A record with a quoted line break, and one with a stray quote, appended by hand.
        File.AppendAllText(path, "c-multi,\"Line one,\nline two: you are wrong.\",agent-9,chat\nc-bad,you \"are\" wrong\"x,agent-9,chat\nc-last,Thanks for your patience.,agent-9,chat\n");
        var output = _run.PathOf("results.csv");

        var missingColumn = CliRun.Invoke(["score", path, "--no-model", "--out", output, "--progress", "none"]);
        Assert.Equal(ExitCodes.UsageOrInputError, missingColumn.ExitCode);
        Assert.Contains("--text-column", missingColumn.Error, StringComparison.Ordinal);

        var result = CliRun.Invoke(["score", path, "--no-model", "--text-column", "reply", "--out", output, "--progress", "none"]);

        Assert.True(result.ExitCode == ExitCodes.Clean, result.ToString());
        var rows = File.ReadAllLines(output);
        Assert.StartsWith("id,line,agent,channel,created_at,score,", rows[0], StringComparison.Ordinal);
        var ids = rows.Skip(1).Select(r => r.Split(',')[0]).ToList();
        Assert.Equal(42, ids.Count);
        Assert.Contains("c-multi", ids);
        Assert.Contains("c-last", ids);
        Assert.DoesNotContain("c-bad", ids);
        // Line numbers are the file's physical lines (quoted line breaks count): the header is line 1, record c0 is line 2.
        var content = File.ReadAllText(path);
        int LineOf(string start) => content[..content.IndexOf("\n" + start, StringComparison.Ordinal)].Count(c => c == '\n') + 2;
        Assert.Equal("2", rows[1].Split(',')[1]);
        Assert.Equal(LineOf("c-multi,").ToString(System.Globalization.CultureInfo.InvariantCulture),
            rows.Single(r => r.StartsWith("c-multi,", StringComparison.Ordinal)).Split(',')[1]);
        Assert.Contains($"archive.csv:{LineOf("c-bad,")}: skipped:", result.Error, StringComparison.Ordinal);
    }

    /// <summary>
    /// A CSV archive of <paramref name="rows"/> replies (ids 1…, record i on line i + 1) where record 3 opens a quote it
    /// never closes: the line break after it becomes part of the field, and record 4 with it.
    /// </summary>
    private string CsvWithAStrayOpeningQuote(int rows)
    {
        var lines = new List<string> { "id,text,agent" };
        for (var i = 1; i <= rows; i++) lines.Add(i == 3 ? "3,\"stray quote start,a" : $"{i},\"reply {i}, you are wrong\",a");
        var path = _run.PathOf("archive.csv");
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return path;
    }

    [Fact]
    public void A_quote_that_swallows_the_next_record_is_reported_with_the_lines_it_took_and_both_are_counted()
    {
        var archive = CsvWithAStrayOpeningQuote(1000);

        var result = CliRun.Invoke(["score", archive, "--no-model", "--progress", "none", "--no-report"]);

        Assert.True(result.ExitCode == ExitCodes.Clean, result.ToString());
        Assert.Contains("archive.csv:4-5: skipped: ", result.Error, StringComparison.Ordinal);
        var ids = ArchiveFiles.ReadResults(_run.PathOf("archive.scores.jsonl")).Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.DoesNotContain("3", ids);
        Assert.DoesNotContain("4", ids);
        using var summary = JsonDocument.Parse(File.ReadAllText(_run.PathOf("archive.scores.summary.json")));
        var root = summary.RootElement;
        // Every record of the archive is either scored or counted as skipped.
        Assert.Equal(1000, root.GetProperty("replies").GetInt64() + root.GetProperty("malformedRows").GetInt64());
        var malformed = Assert.Single(root.GetProperty("malformed").EnumerateArray());
        Assert.Equal((4L, 5L), (malformed.GetProperty("line").GetInt64(), malformed.GetProperty("endLine").GetInt64()));
    }

    [Theory]
    [InlineData(2)]     // stops just before the swallowing record
    [InlineData(600)]   // stops a few batches after it
    public void Resume_around_a_swallowing_quote_gives_the_same_results_byte_for_byte(int limit)
    {
        var archive = CsvWithAStrayOpeningQuote(1000);
        var whole = _run.PathOf("whole.jsonl");
        var sliced = _run.PathOf("sliced.jsonl");
        Assert.Equal(ExitCodes.Clean, CliRun.Invoke(["score", archive, "--no-model", "--progress", "none", "--no-report", "--out", whole]).ExitCode);

        var first = CliRun.Invoke(["score", archive, "--no-model", "--progress", "none", "--no-report", "--out", sliced, "--limit", $"{limit}", "-j", "2"]);
        var resumed = CliRun.Invoke(["score", archive, "--no-model", "--progress", "none", "--no-report", "--out", sliced, "--resume"]);

        Assert.True(first.ExitCode == ExitCodes.Clean, first.ToString());
        Assert.True(resumed.ExitCode == ExitCodes.Clean, resumed.ToString());
        Assert.Equal(File.ReadAllBytes(whole), File.ReadAllBytes(sliced));
        Assert.Contains("archive.csv:4-5: skipped: ", resumed.Error, StringComparison.Ordinal);
        using var summary = JsonDocument.Parse(File.ReadAllText(_run.PathOf("sliced.summary.json")));
        Assert.Equal((998L, 2L), (summary.RootElement.GetProperty("replies").GetInt64(), summary.RootElement.GetProperty("malformedRows").GetInt64()));
    }

    [Fact]
    public void Existing_results_are_never_overwritten_without_asking()
    {
        var archive = ArchiveFiles.Jsonl(_run.PathOf("archive.jsonl"), 20);
        Assert.Equal(ExitCodes.Clean, CliRun.Invoke(["score", archive, "--no-model", "--progress", "none"]).ExitCode);
        var before = File.ReadAllText(_run.PathOf("archive.scores.jsonl"));

        var again = CliRun.Invoke(["score", archive, "--no-model", "--progress", "none"]);

        Assert.Equal(ExitCodes.UsageOrInputError, again.ExitCode);
        Assert.Contains("--resume", again.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(_run.PathOf("archive.scores.jsonl")));
        Assert.Equal(ExitCodes.Clean, CliRun.Invoke(["score", archive, "--no-model", "--progress", "none", "--overwrite"]).ExitCode);
    }

    [Theory]
    [InlineData("--summary", "archive.jsonl")]
    [InlineData("--report", "archive.jsonl")]
    [InlineData("--summary", "archive.scores.jsonl")]
    [InlineData("--report", "archive.summary.json")]
    public void No_output_may_overwrite_the_archive_or_another_output(string option, string target)
    {
        var archive = ArchiveFiles.Jsonl(_run.PathOf("archive.jsonl"), 20);
        var before = File.ReadAllBytes(archive);
        var extra = target == "archive.summary.json" ? new[] { "--summary", _run.PathOf("archive.summary.json") } : [];

        var run = CliRun.Invoke(["score", archive, "--no-model", "--progress", "none", option, _run.PathOf(target), .. extra]);

        Assert.Equal(ExitCodes.UsageOrInputError, run.ExitCode);
        Assert.Contains("would overwrite", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(archive));
        Assert.False(File.Exists(_run.PathOf("archive.scores.jsonl")));
    }

    [Fact]
    public void Resume_after_a_row_limit_scores_each_id_exactly_once()
    {
        var archive = ArchiveFiles.Jsonl(_run.PathOf("archive.jsonl"), 400, malformedLines: new HashSet<int> { 100, 350 });

        var first = CliRun.Invoke(["score", archive, "--no-model", "--progress", "none", "--limit", "150", "-j", "2"]);
        Assert.Equal(ExitCodes.Clean, first.ExitCode);
        Assert.Equal(150, ArchiveFiles.ReadResults(_run.PathOf("archive.scores.jsonl")).Count);

        var second = CliRun.Invoke(["score", archive, "--no-model", "--progress", "none", "--resume"]);

        Assert.True(second.ExitCode == ExitCodes.Clean, second.ToString());
        AssertEachIdOnce(398);
        using var summary = JsonDocument.Parse(File.ReadAllText(_run.PathOf("archive.scores.summary.json")));
        Assert.Equal(398, summary.RootElement.GetProperty("replies").GetInt64());
        Assert.Equal(150, summary.RootElement.GetProperty("resumedFromPreviousRun").GetInt64());
        Assert.Equal(248, summary.RootElement.GetProperty("scoredThisRun").GetInt64());
        Assert.Equal(2, summary.RootElement.GetProperty("malformedRows").GetInt64());
    }

    [Fact]
    public async Task Resume_after_cancellation_and_a_torn_last_line_scores_each_id_exactly_once()
    {
        var archive = ArchiveFiles.Jsonl(_run.PathOf("archive.jsonl"), 600);
        var output = _run.PathOf("archive.scores.jsonl");

        // Interrupt a real run once the first batches are written (as Ctrl+C does).
        using (var cancel = new CancellationTokenSource())
        using (var reader = ArchiveReaders.Open(archive, ArchiveFormat.Jsonl, ArchiveColumns.Default))
        using (var writer = ResultFiles.OpenWriter(output, ResultFormat.Jsonl, append: false))
        {
            var runner = new ScoreRunner(new ReplyLintEngine(), new ScoreRunOptions { BatchSize = 16, Parallelism = 2 });
            var outcome = await runner.RunAsync(reader, writer, null, new ScoreSummary(), new CancelOnFirstReport(cancel),
                TextWriter.Null, "archive.jsonl", cancel.Token);
            Assert.Equal(ScoreOutcome.Interrupted, outcome);
        }
        var written = ArchiveFiles.ReadResults(output).Count;
        Assert.InRange(written, 16, 599);
        // A kill in the middle of a write leaves half a line; resume must cut it off, not choke on it or keep it.
        File.AppendAllText(output, "{\"id\":\"r99999\",\"line\":4");

        var resumed = CliRun.Invoke(["score", archive, "--no-model", "--progress", "none", "--resume"]);

        Assert.True(resumed.ExitCode == ExitCodes.Clean, resumed.ToString());
        Assert.Contains($"{written:N0} results already", resumed.Error, StringComparison.Ordinal);
        AssertEachIdOnce(600);
    }

    [Fact]
    public void Csv_results_cut_inside_a_quoted_line_break_resume_to_the_same_results_byte_for_byte()
    {
        // An id with a line break is written as a quoted field over two lines of the results; a kill can cut the file
        // just after that line break, which is not the end of a result.
        var archive = _run.Write("archive.csv", "id,text\n1,Sorry about that.\n\"two\nlines\",You are wrong.\n3,Thanks for waiting.\n");
        var whole = _run.PathOf("whole.csv");
        var cut = _run.PathOf("cut.csv");
        Assert.Equal(ExitCodes.Clean, CliRun.Invoke(["score", archive, "--no-model", "--progress", "none", "--no-report", "--out", whole]).ExitCode);
        var bytes = File.ReadAllBytes(whole);
        File.WriteAllBytes(cut, bytes[..(bytes.AsSpan().IndexOf("\"two\n"u8) + 5)]);

        var resumed = CliRun.Invoke(["score", archive, "--no-model", "--progress", "none", "--no-report", "--out", cut, "--resume"]);

        Assert.True(resumed.ExitCode == ExitCodes.Clean, resumed.ToString());
        Assert.Equal(bytes, File.ReadAllBytes(cut));
    }

    // Someone's files whose last line has no line break, which a resume would take for a torn result and cut off.
    [Theory]
    [InlineData("budget.csv", "item,cost\n\"desk, oak\",120\nchair,45")]
    [InlineData("budget.jsonl", "{\"item\": \"desk\", \"cost\": 120}\n{\"item\": \"chair\", \"cost\": 45}")]
    [InlineData("notes.jsonl", "{\"item\": \"desk\", \"cost\": 120}")]
    public void Resume_into_a_file_that_is_not_a_results_file_refuses_it_before_cutting_anything(string name, string contents)
    {
        var archive = ArchiveFiles.Jsonl(_run.PathOf("archive.jsonl"), 5);
        var other = _run.Write(name, contents);

        var result = CliRun.Invoke(["score", archive, "--no-model", "--progress", "none", "--no-report", "--out", other, "--resume"]);

        Assert.Equal(ExitCodes.UsageOrInputError, result.ExitCode);
        Assert.Contains("not a replylint result", result.Error, StringComparison.Ordinal);
        Assert.Equal(contents, File.ReadAllText(other));
    }

    [Fact]
    public void Resume_refuses_results_from_another_archive()
    {
        var archive = ArchiveFiles.Jsonl(_run.PathOf("archive.jsonl"), 30);
        File.WriteAllText(_run.PathOf("archive.scores.jsonl"),
            "{\"id\":\"other\",\"line\":1,\"score\":100,\"familyScores\":{\"defensive\":100,\"perception_denial\":100,\"legal_jargon\":100,\"missing_empathy\":100},\"findings\":[]}\n");

        var result = CliRun.Invoke(["score", archive, "--no-model", "--progress", "none", "--resume"]);

        Assert.Equal(ExitCodes.UsageOrInputError, result.ExitCode);
        Assert.Contains("not made from this archive", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("archive.jsonl", "")]
    [InlineData("archive.jsonl", "\n  \n")]
    [InlineData("archive.csv", "")]
    [InlineData("archive.csv", "id,text\n")]
    public void An_archive_without_records_is_an_input_error_and_nothing_is_written(string name, string contents)
    {
        var archive = _run.Write(name, contents);

        var result = CliRun.Invoke(["score", archive, "--no-model", "--progress", "none"]);

        Assert.Equal(ExitCodes.UsageOrInputError, result.ExitCode);
        Assert.Contains($"{name}: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("empty", result.Error, StringComparison.Ordinal);
        Assert.Equal([name], Directory.GetFiles(_run.Directory).Select(Path.GetFileName));
    }

    [Fact]
    public void Missing_archive_and_unknown_format_exit_two()
    {
        Assert.Equal(ExitCodes.UsageOrInputError, CliRun.Invoke(["score", _run.PathOf("none.jsonl"), "--no-model"]).ExitCode);
        var odd = _run.Write("archive.dat", "id,text\n1,hello\n");
        Assert.Equal(ExitCodes.UsageOrInputError, CliRun.Invoke(["score", odd, "--no-model"]).ExitCode);
        Assert.Equal(ExitCodes.Clean, CliRun.Invoke(["score", odd, "--no-model", "--input-format", "csv", "--progress", "none"]).ExitCode);
    }

    private void AssertEachIdOnce(int expected)
    {
        var ids = ArchiveFiles.ReadResults(_run.PathOf("archive.scores.jsonl")).Select(r => r.GetProperty("id").GetString()!).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(expected, ids.Count);
        var lines = ArchiveFiles.ReadResults(_run.PathOf("archive.scores.jsonl")).Select(r => r.GetProperty("line").GetInt64()).ToList();
        Assert.Equal(lines.Order(), lines);
    }

    private sealed class CancelOnFirstReport(CancellationTokenSource cancel) : IScoreProgress
    {
        public void Report(long scored, long skipped, long bytesRead, long totalBytes) => cancel.Cancel();
        public void Complete(long scored, long skipped, long bytesRead, long totalBytes) { }
    }

    public void Dispose() => _run.Dispose();
}
