using System.Text.Json;
using ReplyLint.Core.Diagnostics;

namespace ReplyLint.Cli.Reports;

/// <summary>The machine-readable summary (<c>*.summary.json</c>): counts only, no reply text.</summary>
internal static class SummaryJsonWriter
{
    public static void Write(ScoreSummary summary, ReportContext context, Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("archive", context.ArchiveName);
        json.WriteString("results", context.ResultsPath);
        json.WriteString("generatedAt", context.GeneratedAt);
        json.WriteString("outcome", context.Outcome);
        if (context.StoppedAt is { } stop)
        {
            // Named here as well as among the malformed rows, which keep only the first 200.
            json.WriteStartObject("stoppedAt");
            json.WriteNumber("line", stop.Line);
            json.WriteString("problem", stop.Problem);
            json.WriteEndObject();
        }
        json.WriteNumber("elapsedSeconds", Math.Round(context.Elapsed.TotalSeconds, 3));
        json.WriteBoolean("degraded", context.Degraded);
        if (context.DegradedReason is not null) json.WriteString("degradedReason", context.DegradedReason);
        if (context.ModelVersion is not null) json.WriteString("modelVersion", context.ModelVersion);

        json.WriteNumber("replies", summary.Total);
        json.WriteNumber("scoredThisRun", summary.Scored);
        json.WriteNumber("resumedFromPreviousRun", summary.Resumed);
        json.WriteNumber("malformedRows", summary.Malformed);
        json.WriteNumber("repliesWithFindings", summary.RepliesWithFindings);
        json.WriteNumber("findings", summary.TotalFindings);

        json.WriteStartObject("score");
        json.WriteNumber("mean", Math.Round(summary.MeanScore, 2));
        json.WriteNumber("p10", summary.Percentile(0.10));
        json.WriteNumber("p25", summary.Percentile(0.25));
        json.WriteNumber("median", summary.Percentile(0.50));
        json.WriteNumber("p75", summary.Percentile(0.75));
        json.WriteStartObject("histogram");
        for (var i = 0; i < summary.Histogram.Count; i++)
            if (summary.Histogram[i] > 0) json.WriteNumber(i.ToString(System.Globalization.CultureInfo.InvariantCulture), summary.Histogram[i]);
        json.WriteEndObject();
        json.WriteEndObject();

        json.WriteStartObject("families");
        foreach (var family in RuleFamilyNames.All)
        {
            json.WriteStartObject(family.LabelName());
            json.WriteNumber("findings", summary.FindingsBy(family));
            json.WriteNumber("replies", summary.RepliesWith(family));
            json.WriteNumber("meanScore", Math.Round(summary.MeanFamilyScore(family), 2));
            json.WriteEndObject();
        }
        json.WriteEndObject();

        json.WriteStartObject("rules");
        foreach (var (rule, count) in summary.FindingsByRule.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal))
            json.WriteNumber(rule, count);
        json.WriteEndObject();

        json.WriteStartObject("severities");
        foreach (var severity in new[] { Severity.Error, Severity.Warning, Severity.Info })
            json.WriteNumber(severity.ToConfigString(), summary.FindingsBy(severity));
        json.WriteEndObject();
        json.WriteStartObject("sources");
        json.WriteNumber("rule", summary.FindingsBy(FindingSource.Rule));
        json.WriteNumber("model", summary.FindingsBy(FindingSource.Model));
        json.WriteEndObject();

        WriteGroups(json, "agents", summary.Agents);
        WriteGroups(json, "channels", summary.Channels);

        json.WriteStartArray("malformed");
        foreach (var problem in summary.Problems)
        {
            json.WriteStartObject();
            json.WriteNumber("line", problem.Line);
            if (problem.EndLine > problem.Line) json.WriteNumber("endLine", problem.EndLine);
            json.WriteString("problem", problem.Problem);
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteStartArray("worst");
        foreach (var worst in summary.Worst.ToList())
        {
            json.WriteStartObject();
            json.WriteString("id", worst.Reply.Id);
            json.WriteNumber("line", worst.Reply.Line);
            json.WriteNumber("score", worst.Reply.Score);
            json.WriteNumber("findings", worst.Reply.Findings.Length);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteGroups(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, GroupStats> groups)
    {
        json.WriteStartObject(name);
        foreach (var (key, stats) in groups.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            json.WriteStartObject(key);
            json.WriteNumber("replies", stats.Replies);
            json.WriteNumber("meanScore", Math.Round(stats.MeanScore, 2));
            json.WriteNumber("minScore", stats.MinScore);
            json.WriteNumber("findings", stats.Findings);
            json.WriteNumber("repliesWithFindings", stats.RepliesWithFindings);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }
}
