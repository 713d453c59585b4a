using System.Collections.Frozen;

namespace ReplyLint.Core.Matching;

/// <summary>One position of a compiled pattern.</summary>
internal sealed class PatternSlot
{
    public FrozenSet<string>? Words { get; init; }
    public string[] Prefixes { get; init; } = [];
    public bool Optional { get; init; }
    /// <summary>A gap of 0..GapMax words that are not negations.</summary>
    public int GapMax { get; init; }
    public bool IsGap => GapMax > 0;
}

/// <summary>
/// A compiled phrase pattern. The syntax, for catalog authors:
/// words are matched after normalization (case, curly apostrophes, contractions: "you're" = "you are");
/// <c>a|b</c> alternatives; <c>word?</c> optional; <c>word*</c> any word starting with "word";
/// <c>{be}</c> a macro from lexicons.json; <c>...</c> up to three words in between (never a negation),
/// <c>...5</c> up to five.
/// </summary>
internal sealed class PhrasePattern
{
    public PhrasePattern(string source, PatternSlot[] slots, int owner, int entry)
    {
        Source = source;
        Slots = slots;
        Owner = owner;
        Entry = entry;
    }

    public string Source { get; }
    public PatternSlot[] Slots { get; }
    /// <summary>The rule or lexicon set the pattern belongs to (see <see cref="PhraseIndex"/>).</summary>
    public int Owner { get; }
    /// <summary>The catalog entry within the owner, for its replacements.</summary>
    public int Entry { get; }
}
