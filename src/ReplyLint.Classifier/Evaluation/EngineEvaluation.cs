using ReplyLint.Classifier.Data;
using ReplyLint.Core.Diagnostics;
using ReplyLint.Core.Engine;

namespace ReplyLint.Classifier.Evaluation;

/// <summary>Catch rate per problem family and clean-sentence flag rate, for one engine over a sentence file.</summary>
public sealed record SentenceCatchReport(IReadOnlyDictionary<string, (int Caught, int Positives)> PerFamily, int CleanFlagged, int Clean)
{
    public int Caught => PerFamily.Values.Sum(v => v.Caught);
    public int Positives => PerFamily.Values.Sum(v => v.Positives);
    public double CatchRate => Positives == 0 ? 0 : (double)Caught / Positives;
    public double CleanFlagRate => Clean == 0 ? 0 : (double)CleanFlagged / Clean;
}

/// <summary>How many replies get any finding, and any problem-family finding.</summary>
public sealed record ReplyFindingsReport(int Replies, int WithAnyFinding, int WithProblemFinding,
    IReadOnlyDictionary<string, BinaryMetrics> PerFamily)
{
    public double AnyShare => Replies == 0 ? 0 : (double)WithAnyFinding / Replies;
    public double ProblemShare => Replies == 0 ? 0 : (double)WithProblemFinding / Replies;
}

/// <summary>Measures the whole engine (rules, or rules + model) the way users meet it: findings on text.</summary>
public static class EngineEvaluation
{
    public static readonly (ToneFamily Tone, RuleFamily Rule)[] ProblemFamilies =
    [
        (ToneFamily.Defensive, RuleFamily.Defensiveness),
        (ToneFamily.PerceptionDenial, RuleFamily.PerceptionDenial),
        (ToneFamily.Jargon, RuleFamily.Jargon),
    ];

    /// <summary>
    /// Each row is analysed as a reply on its own. A positive is caught when the engine reports a finding of its
    /// family; a clean row (0 in every problem family) is flagged by any problem-family finding.
    /// </summary>
    public static SentenceCatchReport CatchRate(ReplyLintEngine engine, IReadOnlyList<LabelledSentence> rows)
    {
        var perFamily = ProblemFamilies.ToDictionary(f => f.Tone.ColumnName(), _ => (Caught: 0, Positives: 0));
        int clean = 0, cleanFlagged = 0;
        foreach (var row in rows)
        {
            var families = engine.Analyze(row.Text).Diagnostics.Select(d => d.Family).ToHashSet();
            var anyPositive = false;
            var allKnownZero = true;
            foreach (var (tone, rule) in ProblemFamilies)
            {
                var label = row.Labels[tone];
                if (label != false) allKnownZero = false;
                if (label != true) continue;
                anyPositive = true;
                var (caught, positives) = perFamily[tone.ColumnName()];
                perFamily[tone.ColumnName()] = (caught + (families.Contains(rule) ? 1 : 0), positives + 1);
            }
            if (!anyPositive && allKnownZero)
            {
                clean++;
                if (ProblemFamilies.Any(f => families.Contains(f.Rule))) cleanFlagged++;
            }
        }
        return new SentenceCatchReport(perFamily, cleanFlagged, clean);
    }

    /// <summary>Reply-level: share of replies with findings, and per problem family precision/recall against the reply labels.</summary>
    public static ReplyFindingsReport ReplyFindings(ReplyLintEngine engine, IEnumerable<LabelledReply> replies)
    {
        int count = 0, any = 0, problem = 0;
        var pairs = ProblemFamilies.ToDictionary(f => f.Tone.ColumnName(), _ => new List<(bool, bool)>());
        foreach (var reply in replies)
        {
            var result = engine.Analyze(reply.Reply, string.IsNullOrEmpty(reply.Customer) ? null : reply.Customer);
            var families = result.Diagnostics.Select(d => d.Family).ToHashSet();
            count++;
            if (result.Diagnostics.Length > 0) any++;
            if (ProblemFamilies.Any(f => families.Contains(f.Rule))) problem++;
            foreach (var (tone, rule) in ProblemFamilies)
                pairs[tone.ColumnName()].Add((reply.Labels.GetValueOrDefault(tone.ColumnName()) == 1, families.Contains(rule)));
        }
        return new ReplyFindingsReport(count, any, problem, pairs.ToDictionary(p => p.Key, p => BinaryMetrics.From(p.Value)));
    }
}
