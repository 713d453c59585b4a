using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ReplyLint.Classifier.Evaluation;
using ReplyLint.Core.Diagnostics;

namespace ReplyLint.Cli.Evaluation;

/// <summary>Writes a reply-level evaluation as a table with the disagreements, or as a JSON report.</summary>
internal static class ReplyEvaluationOutput
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static void WriteTable(ReplyEvaluationReport report, string description, TextWriter output, int maxErrors)
    {
        output.WriteLine(description);
        output.WriteLine($"model: {report.ModelVersion ?? "none (rules only)"}{(report.Degraded ? " (DEGRADED: model failed to load)" : "")}");
        output.WriteLine();
        output.WriteLine("| family | positives | TP | FP | FN | precision | recall | F1 |");
        output.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var family in RuleFamilyNames.All)
        {
            var c = report.Families[family];
            output.WriteLine($"| {family.LabelName()} | {c.Positives} | {c.TruePositives} | {c.FalsePositives} | {c.FalseNegatives} | {Format(c.DefinedPrecision())} | {Format(c.DefinedRecall())} | {Format(c.DefinedF1())} |");
        }
        output.WriteLine();
        output.WriteLine($"Replies with no label that got any finding: {report.UnlabelledFlagged} of {report.UnlabelledReplies} ({Percent(report.UnlabelledFlaggedShare)})");
        if (maxErrors <= 0 || report.Errors.Count == 0) return;
        output.WriteLine();
        output.WriteLine($"Disagreements ({report.Errors.Count}{(report.Errors.Count > maxErrors ? $", first {maxErrors}" : "")}):");
        output.WriteLine("kind\tfamily\tid\trule\tflagged text");
        foreach (var error in report.Errors.Take(maxErrors))
            output.WriteLine($"{(error.IsFalsePositive ? "FP" : "FN")}\t{error.Family.LabelName()}\t{error.Id}\t{error.RuleIds}\t{OneLine(error.FlaggedText)}");
    }

    public static void WriteJson(ReplyEvaluationReport report, string description, Stream output)
    {
        var document = new
        {
            description,
            modelVersion = report.ModelVersion,
            degraded = report.Degraded,
            replies = report.Replies,
            families = RuleFamilyNames.All.ToDictionary(f => f.LabelName(), f =>
            {
                var c = report.Families[f];
                return new { positives = c.Positives, tp = c.TruePositives, fp = c.FalsePositives, fn = c.FalseNegatives, tn = c.TrueNegatives, precision = c.DefinedPrecision(), recall = c.DefinedRecall(), f1 = c.DefinedF1() };
            }),
            unlabelledReplies = report.UnlabelledReplies,
            unlabelledFlagged = report.UnlabelledFlagged,
            unlabelledFlaggedShare = report.UnlabelledFlaggedShare,
            errors = report.Errors.Select(e => new { kind = e.IsFalsePositive ? "FP" : "FN", family = e.Family.LabelName(), id = e.Id, ruleIds = e.RuleIds, flaggedText = e.FlaggedText }),
        };
        JsonSerializer.Serialize(output, document, Json);
    }

    private static string Format(double? value) => value?.ToString("0.00", CultureInfo.InvariantCulture) ?? "n/a";
    private static string Percent(double? value) => value is { } v ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "n/a";
    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
