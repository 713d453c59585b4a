namespace ReplyLint.Classifier.Data;

/// <summary>
/// One training or evaluation row: a sentence and, per <see cref="ToneFamily"/>, 1, 0 or unknown (a blank cell:
/// the row is not used for that family).
/// </summary>
public sealed record LabelledSentence(string Text, LabelSet Labels, string Source)
{
    /// <summary>Core features computed in the sentence's reply (real replies); null: computed from the text alone.</summary>
    internal float[]? ContextFeatures { get; init; }
}

/// <summary>Per-family labels; null = unknown for that family.</summary>
public readonly record struct LabelSet(bool? Defensive, bool? PerceptionDenial, bool? Jargon, bool? Acknowledgement)
{
    public bool? this[ToneFamily family] => family switch
    {
        ToneFamily.Defensive => Defensive,
        ToneFamily.PerceptionDenial => PerceptionDenial,
        ToneFamily.Jargon => Jargon,
        _ => Acknowledgement,
    };

    public LabelSet With(ToneFamily family, bool? value) => family switch
    {
        ToneFamily.Defensive => this with { Defensive = value },
        ToneFamily.PerceptionDenial => this with { PerceptionDenial = value },
        ToneFamily.Jargon => this with { Jargon = value },
        _ => this with { Acknowledgement = value },
    };

    public static LabelSet Unknown => default;
    public static LabelSet AllZero => new(false, false, false, false);
}
