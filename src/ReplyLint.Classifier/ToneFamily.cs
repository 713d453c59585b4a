using ReplyLint.Core.Engine;

namespace ReplyLint.Classifier;

/// <summary>The four things the classifier scores per sentence, in <see cref="ToneScores"/> order.</summary>
public enum ToneFamily
{
    Defensive = 0,
    PerceptionDenial = 1,
    Jargon = 2,
    Acknowledgement = 3,
}

public static class ToneFamilies
{
    public static IReadOnlyList<ToneFamily> All { get; } =
        [ToneFamily.Defensive, ToneFamily.PerceptionDenial, ToneFamily.Jargon, ToneFamily.Acknowledgement];

    /// <summary>The column name in the training CSV (and in the model manifest).</summary>
    public static string ColumnName(this ToneFamily family) => family switch
    {
        ToneFamily.Defensive => "defensive",
        ToneFamily.PerceptionDenial => "perception_denial",
        ToneFamily.Jargon => "legal_jargon",
        ToneFamily.Acknowledgement => "acknowledgement",
        _ => throw new ArgumentOutOfRangeException(nameof(family)),
    };

    public static bool TryParse(string name, out ToneFamily family)
    {
        foreach (var f in All)
        {
            if (string.Equals(f.ColumnName(), name, StringComparison.OrdinalIgnoreCase))
            {
                family = f;
                return true;
            }
        }
        family = default;
        return false;
    }

    public static float Get(this ToneScores scores, ToneFamily family) => family switch
    {
        ToneFamily.Defensive => scores.Defensive,
        ToneFamily.PerceptionDenial => scores.PerceptionDenial,
        ToneFamily.Jargon => scores.Jargon,
        _ => scores.Acknowledgement,
    };

    public static ToneScores From(ReadOnlySpan<float> values) => new(values[0], values[1], values[2], values[3]);
}
