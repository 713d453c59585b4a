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

    public static ImmutableDictionary<RuleFamily, int> FamilyScores(IReadOnlyCollection<Diagnostic> diagnostics)
    {
        Span<double> penalties = stackalloc double[5];
        foreach (var diagnostic in diagnostics) penalties[(int)diagnostic.Family] += Penalty(diagnostic);
        var builder = ImmutableDictionary.CreateBuilder<RuleFamily, int>();
        foreach (var family in RuleFamilyNames.All) builder.Add(family, ToScore(penalties[(int)family]));
        return builder.ToImmutable();
    }

    public static int Overall(IReadOnlyCollection<Diagnostic> diagnostics)
    {
        var penalty = 0.0;
        foreach (var diagnostic in diagnostics) penalty += Penalty(diagnostic);
        return ToScore(penalty);
    }

    private static int ToScore(double penalty) => (int)Math.Round(Math.Clamp(100 - penalty, 0, 100));
}
