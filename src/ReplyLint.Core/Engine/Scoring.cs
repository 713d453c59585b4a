using System.Collections.Immutable;
using ReplyLint.Core.Diagnostics;

namespace ReplyLint.Core.Engine;

/// <summary>
/// 0..100 scores for QA dashboards: 100 minus a penalty per finding, weighted by severity and confidence,
/// so one sure error costs more than a doubtful suggestion.
/// </summary>
public static class Scoring
{
    public static double Penalty(Diagnostic diagnostic) => diagnostic.Severity switch
    {
        Severity.Error => 40,
        Severity.Warning => 25,
        Severity.Info => 8,
        _ => 0,
    } * diagnostic.Confidence;

    public static ImmutableDictionary<RuleFamily, int> FamilyScores(IReadOnlyCollection<Diagnostic> diagnostics) =>
        RuleFamilyNames.All.ToImmutableDictionary(f => f,
            f => ToScore(diagnostics.Where(d => d.Family == f).Sum(Penalty)));

    public static int Overall(IReadOnlyCollection<Diagnostic> diagnostics) => ToScore(diagnostics.Sum(Penalty));

    private static int ToScore(double penalty) => (int)Math.Round(Math.Clamp(100 - penalty, 0, 100));
}
