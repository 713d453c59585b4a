namespace ReplyLint.Core.Diagnostics;

/// <summary>The four families of tone problems; the rule id's first digit is the family.</summary>
public enum RuleFamily
{
    Defensiveness = 1,
    PerceptionDenial = 2,
    Jargon = 3,
    Empathy = 4,
}

public static class RuleFamilyNames
{
    /// <summary>The label name used in LABELLING.md and in evaluation files.</summary>
    public static string LabelName(this RuleFamily family) => family switch
    {
        RuleFamily.Defensiveness => "defensive",
        RuleFamily.PerceptionDenial => "perception_denial",
        RuleFamily.Jargon => "legal_jargon",
        RuleFamily.Empathy => "missing_empathy",
        _ => throw new ArgumentOutOfRangeException(nameof(family)),
    };

    public static IReadOnlyList<RuleFamily> All { get; } =
        [RuleFamily.Defensiveness, RuleFamily.PerceptionDenial, RuleFamily.Jargon, RuleFamily.Empathy];

    public static bool TryParse(string value, out RuleFamily family)
    {
        foreach (var f in All)
        {
            if (string.Equals(value, f.ToString(), StringComparison.OrdinalIgnoreCase) ||
                string.Equals(value, f.LabelName(), StringComparison.OrdinalIgnoreCase))
            {
                family = f;
                return true;
            }
        }
        family = default;
        return false;
    }
}
