using System.Text.Json;
using ReplyLint.Classifier.Evaluation;
using Xunit;

namespace ReplyLint.Cli.Tests.Commands;

/// <summary>
/// <c>eval --replies</c> on tiny hand-made files whose every count is known, so the precision and recall are exact.
/// Rules only, so the expected findings follow from the catalog alone.
/// </summary>
public sealed class EvalRepliesTests
{
    private const string Replies = """
        {"id": "r1", "text": "You are wrong about the charge.", "customer": "I was charged twice!", "defensive": 0, "perception_denial": 1, "legal_jargon": 0, "missing_empathy": 1}
        {"id": "r2", "text": "Sorry about that! We've refunded you.", "customer": "I was charged twice!", "defensive": 0, "perception_denial": 0, "legal_jargon": 0, "missing_empathy": 0}
        {"id": "r3", "text": "We hereby confirm the refund.", "customer": "Thanks, that's all.", "defensive": 0, "perception_denial": 0, "legal_jargon": 0, "missing_empathy": 0}
        {"id": "r4", "text": "Your refund is on its way.", "customer": "Where is my refund? It's late again.", "defensive": 0, "perception_denial": 0, "legal_jargon": 0, "missing_empathy": 0}
        {"id": "r5", "text": "Thanks for letting us know! It is fixed now, so let us know if it happens again.", "customer": "the app keeps crashing", "defensive": 1, "perception_denial": 0, "legal_jargon": 0, "missing_empathy": 0}
        """;

    private static JsonElement Family(JsonElement report, string name) => report.GetProperty("families").GetProperty(name);

    [Fact]
    public void Counts_precision_and_recall_are_exact_on_a_tiny_file()
    {
        using var run = new CliRun();
        var path = run.Write("reviewed.jsonl", Replies);
        var result = CliRun.Invoke(["eval", "--replies", path, "--no-model", "--format", "json"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        var report = JsonDocument.Parse(result.Out).RootElement;

        var denial = Family(report, "perception_denial");
        Assert.Equal((1, 0, 0), (denial.GetProperty("tp").GetInt32(), denial.GetProperty("fp").GetInt32(), denial.GetProperty("fn").GetInt32()));
        Assert.Equal(1.0, denial.GetProperty("precision").GetDouble());
        Assert.Equal(1.0, denial.GetProperty("recall").GetDouble());

        var jargon = Family(report, "legal_jargon");
        Assert.Equal((0, 1, 0), (jargon.GetProperty("tp").GetInt32(), jargon.GetProperty("fp").GetInt32(), jargon.GetProperty("fn").GetInt32()));
        Assert.Equal(0.0, jargon.GetProperty("precision").GetDouble());
        Assert.Equal(JsonValueKind.Null, jargon.GetProperty("recall").ValueKind); // no positives: recall is undefined, not 0

        var empathy = Family(report, "missing_empathy");
        Assert.Equal((1, 1, 0), (empathy.GetProperty("tp").GetInt32(), empathy.GetProperty("fp").GetInt32(), empathy.GetProperty("fn").GetInt32()));
        Assert.Equal(0.5, empathy.GetProperty("precision").GetDouble());
        Assert.Equal(1.0, empathy.GetProperty("recall").GetDouble());

        var defensive = Family(report, "defensive");
        Assert.Equal((0, 0, 1), (defensive.GetProperty("tp").GetInt32(), defensive.GetProperty("fp").GetInt32(), defensive.GetProperty("fn").GetInt32()));
        Assert.Equal(0.0, defensive.GetProperty("recall").GetDouble());

        // r2, r3 and r4 carry no label; r3 (jargon) and r4 (no acknowledgement) got a finding.
        Assert.Equal(3, report.GetProperty("unlabelledReplies").GetInt32());
        Assert.Equal(2, report.GetProperty("unlabelledFlagged").GetInt32());

        var errors = report.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("kind").GetString(), e.GetProperty("id").GetString(), e.GetProperty("ruleIds").GetString())).ToList();
        Assert.Contains(errors, e => e is ("FP", "r3", "RL3001"));
        Assert.Contains(errors, e => e.Item1 == "FP" && e.Item2 == "r4" && e.Item3!.Contains("RL4001", StringComparison.Ordinal));
        Assert.Contains(errors, e => e is ("FN", "r5", "NONE"));
    }

    [Fact]
    public void A_labels_file_is_joined_to_a_texts_file_by_id_and_the_text_column_can_be_called_reply()
    {
        using var run = new CliRun();
        var texts = run.Write("texts.csv", "id,reply,customer\nr1,You are wrong about the charge.,I was charged twice!\nr2,\"Sorry about that, we've refunded you.\",I was charged twice!\nr9,No labels for this one.,Hi\n");
        var labels = run.Write("labels.jsonl", """
            {"id": "r2", "defensive": 0, "perception_denial": 0, "legal_jargon": 0, "missing_empathy": 0}
            {"id": "r1", "defensive": 0, "perception_denial": 1, "legal_jargon": 0, "missing_empathy": 1}
            """);
        var result = CliRun.Invoke(["eval", "--replies", texts, "--labels", labels, "--no-model", "--format", "json"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        var report = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal(2, report.GetProperty("replies").GetInt32());
        Assert.Equal(1, Family(report, "perception_denial").GetProperty("tp").GetInt32());
        Assert.Contains("no labels for id 'r9'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Replies_skipped_for_their_labels_are_named_by_their_own_line_in_line_order()
    {
        using var run = new CliRun();
        var texts = run.Write("texts.jsonl", string.Join('\n',
            """{"id": "e1", "text": "You are wrong about the charge."}""",
            """{"id": "e2", "text": "broken""",
            """{"id": "e3", "text": "We hereby confirm the refund."}""",
            """{"id": "e4", "text": "Your refund is on its way."}""",
            """{"id": "e1", "text": "A second e1."}"""));
        var labels = run.Write("labels.jsonl", string.Join('\n',
            """{"id": "e1", "defensive": 0, "perception_denial": 1, "legal_jargon": 0, "missing_empathy": 0}""",
            """{"id": "e4", "defensive": 0, "perception_denial": 0, "legal_jargon": 0, "missing_empathy": 9}""",
            """{"defensive": 1}"""));

        var result = CliRun.Invoke(["eval", "--replies", texts, "--labels", labels, "--no-model"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var skipped = result.Error.Split('\n').Where(l => l.Contains(": skipped: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, skipped.Count);
        Assert.StartsWith($"replylint eval: {texts}:2: skipped: ", skipped[0], StringComparison.Ordinal);
        Assert.StartsWith($"replylint eval: {texts}:3: skipped: no labels for id 'e3' in {labels}", skipped[1], StringComparison.Ordinal);
        Assert.StartsWith($"replylint eval: {texts}:4: skipped: missing_empathy is '9'", skipped[2], StringComparison.Ordinal);
        Assert.EndsWith($"({labels}:2)", skipped[2].TrimEnd(), StringComparison.Ordinal);
        Assert.StartsWith($"replylint eval: {texts}:5: skipped: duplicate id 'e1'", skipped[3], StringComparison.Ordinal);
        Assert.StartsWith($"replylint eval: {labels}:3: skipped: ", skipped[4], StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_lines_are_reported_with_their_number_and_the_rest_is_evaluated()
    {
        using var run = new CliRun();
        var lines = Replies.Split('\n');
        var path = run.Write("broken.jsonl", string.Join('\n', lines[0], "{not json", lines[1], "{\"id\": \"x\", \"text\": \"Hi\", \"defensive\": 7}"));
        var result = CliRun.Invoke(["eval", "--replies", path, "--no-model"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("broken.jsonl:2: skipped: not valid JSON", result.Error, StringComparison.Ordinal);
        Assert.Contains("broken.jsonl:4: skipped: defensive is '7' (expected 0, 1, true, false or blank)", result.Error, StringComparison.Ordinal);
        Assert.Contains("2 replies from", result.Out, StringComparison.Ordinal);
        Assert.Contains("| perception_denial | 1 | 1 | 0 | 0 | 1.00 | 1.00 | 1.00 |", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_csv_record_a_quote_swallowed_and_a_line_that_is_not_utf8_are_named_with_their_lines_as_score_names_them()
    {
        using var run = new CliRun();
        // r2 opens a quote that the quote opening r4's text closes: lines 3 to 5 are one broken record.
        var csv = run.Write("reviewed.csv", string.Join('\n',
            "id,text,customer,defensive,perception_denial,legal_jargon,missing_empathy",
            "r1,You are wrong about the charge.,I was charged twice!,0,1,0,1",
            "r2,\"Sorry about that,hi,0,0,0,0",
            "r3,We hereby confirm the refund.,Thanks,0,0,0,0",
            "r4,\"Your refund is on its way.\",Where is it?,0,0,0,0",
            "r5,Thanks for letting us know!,It crashes,0,0,0,0") + "\n");
        var jsonl = run.PathOf("reviewed.jsonl");
        // A Windows-1252 export: the apostrophe of "we've" is the single byte 0x92.
        File.WriteAllBytes(jsonl, [.. System.Text.Encoding.UTF8.GetBytes(Replies.Split('\n')[0] + "\n"),
            .. "{\"id\": \"w1\", \"text\": \"Sorry, we"u8, 0x92, .. "ve refunded you.\", \"missing_empathy\": 0}\n"u8]);

        var fromCsv = CliRun.Invoke(["eval", "--replies", csv, "--no-model"]);
        var fromJsonl = CliRun.Invoke(["eval", "--replies", jsonl, "--no-model"]);

        Assert.True(fromCsv.ExitCode == 0, fromCsv.ToString());
        Assert.Contains($"replylint eval: {csv}:3-5: skipped: text after the closing quote of a field, in a record that runs over 3 lines", fromCsv.Error, StringComparison.Ordinal);
        Assert.Contains("2 replies from", fromCsv.Out, StringComparison.Ordinal);
        Assert.True(fromJsonl.ExitCode == 0, fromJsonl.ToString());
        Assert.Contains($"replylint eval: {jsonl}:2: skipped: not valid UTF-8 (byte 0x92 at offset 31 of the line); save the file as UTF-8", fromJsonl.Error, StringComparison.Ordinal);
        Assert.Contains("1 replies from", fromJsonl.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void At_most_50_malformed_lines_are_named_and_one_line_counts_the_rest()
    {
        using var run = new CliRun();
        var path = run.Write("many.jsonl", string.Join('\n', [Replies.Split('\n')[0], .. Enumerable.Repeat("{not json", 55)]) + "\n");

        var result = CliRun.Invoke(["eval", "--replies", path, "--no-model"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(51, lines.Length);
        Assert.Equal($"replylint eval: {path}:2: skipped: not valid JSON (at byte 1)", lines[0]);
        Assert.StartsWith($"replylint eval: {path}:51: skipped: ", lines[49], StringComparison.Ordinal);
        Assert.Equal("replylint eval: 5 more malformed line(s) were skipped and not shown", lines[50]);
        Assert.Contains("1 replies from", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_options_and_missing_files_are_usage_errors()
    {
        Assert.Equal(2, CliRun.Invoke(["eval", "--replies", "/nonexistent.jsonl", "--no-model"]).ExitCode);
        using var run = new CliRun();
        var path = run.Write("r.jsonl", Replies);
        Assert.Equal(2, CliRun.Invoke(["eval", "--replies", path, "--split", "sideways"]).ExitCode);
        Assert.Equal(2, CliRun.Invoke(["eval", "--replies", path, "--min-severity", "loud"]).ExitCode);
        Assert.Equal(2, CliRun.Invoke(["eval", "--replies", path, "--data", path]).ExitCode);
    }

    [Fact]
    public void Out_naming_the_replies_file_is_refused_and_the_file_kept()
    {
        using var run = new CliRun();
        var path = run.Write("r.jsonl", Replies);

        var result = CliRun.Invoke(["eval", "--replies", path, "--out", path, "--no-model"]);

        Assert.Equal(ExitCodes.UsageOrInputError, result.ExitCode);
        Assert.Contains("--out names the --replies file", result.Error, StringComparison.Ordinal);
        Assert.Equal(Replies, File.ReadAllText(path));
    }

    [Fact]
    public void The_dev_split_halves_are_disjoint_and_cover_every_id()
    {
        using var run = new CliRun();
        var dev = Path.Combine(CliRun.RepoRoot(), "..", "shared", "data", "real-replies");
        if (!File.Exists(Path.Combine(dev, "ibm-twitter-dev.jsonl"))) return; // the shared data sits beside the repository on dev machines and CI
        int Count(string split)
        {
            var result = CliRun.Invoke(["eval", "--replies", Path.Combine(dev, "ibm-twitter-dev.jsonl"), "--labels", Path.Combine(dev, "ibm-twitter-dev.labels.jsonl"), "--no-model", "--split", split, "--format", "json"]);
            Assert.True(result.ExitCode == 0, result.ToString());
            return JsonDocument.Parse(result.Out).RootElement.GetProperty("replies").GetInt32();
        }
        Assert.Equal(Count("all"), Count("tuning") + Count("reporting"));
    }

    [Fact]
    public void Metrics_with_no_denominator_are_undefined_rather_than_zero()
    {
        var none = new BinaryMetrics(0, 0, 0, 5);
        Assert.Null(none.DefinedPrecision());
        Assert.Null(none.DefinedRecall());
        Assert.Null(none.DefinedF1());
        var some = new BinaryMetrics(3, 1, 2, 4);
        Assert.Equal(0.75, some.DefinedPrecision());
        Assert.Equal(0.6, some.DefinedRecall());
        Assert.Equal(2 * 0.75 * 0.6 / 1.35, some.DefinedF1()!.Value, 10);
    }
}
