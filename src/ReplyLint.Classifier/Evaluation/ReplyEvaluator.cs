using System.Collections.Concurrent;
using ReplyLint.Core.Configuration;
using ReplyLint.Core.Diagnostics;
using ReplyLint.Core.Engine;

namespace ReplyLint.Classifier.Evaluation;

/// <summary>Reply-level figures leave a metric with no denominator undefined (null), not 0 or 1.</summary>
public static class DefinedMetrics
{
    public static double? DefinedPrecision(this BinaryMetrics m) => m.TruePositives + m.FalsePositives == 0 ? null : m.Precision;
    public static double? DefinedRecall(this BinaryMetrics m) => m.Positives == 0 ? null : m.Recall;
    public static double? DefinedF1(this BinaryMetrics m) => m.DefinedPrecision() is { } p && m.DefinedRecall() is { } r && p + r > 0 ? m.F1 : null;
}

/// <summary>A reply where the linter and the reviewers disagree on a family.</summary>
public sealed record EvaluationError(string Id, RuleFamily Family, bool IsFalsePositive, string RuleIds, string FlaggedText);

public sealed record ReplyEvaluationReport(
    int Replies,
    IReadOnlyDictionary<RuleFamily, BinaryMetrics> Families,
    int UnlabelledReplies,
    int UnlabelledFlagged,
    IReadOnlyList<EvaluationError> Errors,
    string? ModelVersion,
    bool Degraded)
{
    /// <summary>The share of replies that reviewers left unlabelled on every family but that got a finding.</summary>
    public double? UnlabelledFlaggedShare => UnlabelledReplies == 0 ? null : (double)UnlabelledFlagged / UnlabelledReplies;
}

/// <summary>
/// Reply-level agreement between the linter and human reviewers: a reply counts as flagged for a family when it
/// has a finding of that family at or above the minimum severity and confidence in force.
/// </summary>
public static class ReplyEvaluator
{
    public static ReplyEvaluationReport Evaluate(ReplyLintEngine engine, IReadOnlyList<ReviewedReply> replies,
        Severity minimumSeverity = Severity.Info, double minimumConfidence = 0, CancellationToken cancellationToken = default)
    {
        var overrides = new AnalysisOverrides { MinimumSeverity = minimumSeverity, MinimumConfidence = minimumConfidence, IncludeFixes = false };
        var results = new AnalysisResult[replies.Count];
        Parallel.For(0, replies.Count, new ParallelOptions { CancellationToken = cancellationToken },
            i => results[i] = engine.Analyze(replies[i].Text, replies[i].Customer, overrides, cancellationToken));

        var counts = RuleFamilyNames.All.ToDictionary(f => f, _ => new int[4]); // tp, fp, fn, tn
        var errors = new List<EvaluationError>();
        int unlabelled = 0, unlabelledFlagged = 0;
        for (var i = 0; i < replies.Count; i++)
        {
            var reply = replies[i];
            var diagnostics = results[i].Diagnostics;
            var labelledNothing = RuleFamilyNames.All.All(f => reply.Label(f) == false);
            if (labelledNothing)
            {
                unlabelled++;
                if (diagnostics.Length > 0) unlabelledFlagged++;
            }
            foreach (var family in RuleFamilyNames.All)
            {
                if (reply.Label(family) is not { } label) continue;
                var found = diagnostics.Where(d => d.Family == family).ToList();
                var flagged = found.Count > 0;
                var c = counts[family];
                c[(label, flagged) switch { (true, true) => 0, (false, true) => 1, (true, false) => 2, _ => 3 }]++;
                if (label != flagged)
                {
                    errors.Add(new EvaluationError(reply.Id, family, flagged,
                        flagged ? string.Join(",", found.Select(d => d.Id).Distinct()) : "NONE",
                        flagged ? string.Join(" | ", found.Select(d => reply.Text.Substring(d.Span.Start, d.Span.Length))) : "NONE"));
                }
            }
        }
        return new ReplyEvaluationReport(replies.Count,
            counts.ToDictionary(kv => kv.Key, kv => new BinaryMetrics(kv.Value[0], kv.Value[1], kv.Value[2], kv.Value[3])),
            unlabelled, unlabelledFlagged, errors, engine.ModelStatus.Version, engine.IsDegraded);
    }
}
