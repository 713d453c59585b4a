using ReplyLint.Core.Diagnostics;
using ReplyLint.Core.Matching;
using ReplyLint.Core.Structure;

namespace ReplyLint.Core.Engine;

/// <summary>
/// Numeric features the core already knows how to compute, for the tone model: who the sentence is about,
/// negation, modal pressure, and which phrase sets and rule families the catalog finds in it. The classifier
/// adds word and character n-grams on top.
/// </summary>
public static class SentenceFeatures
{
    private static readonly string[] SetNames =
        ["acknowledgement", "non_apology", "apology", "thanks_for_report", "alternative", "reason", "next_step", "problem_context"];

    private static readonly HashSet<string> SecondPerson = new(StringComparer.Ordinal) { "you", "your", "yours", "yourself" };
    private static readonly HashSet<string> FirstPersonPlural = new(StringComparer.Ordinal) { "we", "our", "us", "ours", "ourselves" };
    private static readonly HashSet<string> FirstPersonSingular = new(StringComparer.Ordinal) { "i", "my", "me", "mine" };
    private static readonly HashSet<string> Modals = new(StringComparer.Ordinal)
        { "should", "must", "need", "needs", "required", "require", "requires", "have", "ought", "supposed", "only" };


    /// <summary>The feature names, in the order <see cref="Compute"/> writes them.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "words_log", "is_question", "has_exclamation", "second_person", "second_person_subject", "first_person_plural",
        "first_person_singular", "negations", "modals",
        .. SetNames.Select(s => "set_" + s),
        .. RuleFamilyNames.All.Take(3).Select(f => "rule_" + f.LabelName()),
    ];

    public static int Count => Names.Count;

    /// <summary>Features for each sentence of <paramref name="document"/>.</summary>
    public static float[][] ComputeAll(ReplyDocument document)
    {
        var phrases = PhraseRuleSet.Default;
        // The engine already matched this document against the same phrase set: reuse its matches.
        var matches = document.CachedMatches is { } cached && ReferenceEquals(cached.Set, phrases) ? cached.Matches : null;
        if (matches is null)
        {
            matches = new List<PhraseMatch>();
            phrases.Index.FindAll(document, matches);
        }
        var result = new float[document.Sentences.Count][];
        for (var s = 0; s < result.Length; s++)
        {
            result[s] = new float[Count];
            Compute(document, document.Sentences[s], result[s]);
        }
        foreach (var match in matches)
        {
            var features = result[match.Sentence];
            int column;
            if (match.Pattern.Owner < 0)
            {
                var index = SetColumns(phrases).GetValueOrDefault(~match.Pattern.Owner, -1);
                if (index < 0) continue;
                column = 9 + index;
            }
            else
            {
                var family = phrases.Rules[match.Pattern.Owner].Rule.Descriptor.Family;
                if (family == RuleFamily.Empathy) continue;
                column = 9 + SetNames.Length + ((int)family - 1);
            }
            features[column] = 1;
        }
        return result;
    }

    /// <summary>Features of a whole text taken as one unit (a training sentence that may parse as two).</summary>
    public static float[] ComputeWhole(string text)
    {
        var document = ReplyDocument.Parse(text);
        var all = ComputeAll(document);
        var whole = new float[Count];
        foreach (var sentence in all)
            for (var i = 0; i < Count; i++) whole[i] = Math.Max(whole[i], sentence[i]);
        if (all.Length > 0) whole[0] = MathF.Log(1 + document.Words.Length);
        return whole;
    }

    // Lexicon set index -> position in SetNames, for the phrase set last asked about (the default one in practice).
    // (A reference, so that threads swap it whole.)
    private static SetColumnCache? _setColumns;

    private sealed record SetColumnCache(PhraseRuleSet Phrases, Dictionary<int, int> Columns);

    private static Dictionary<int, int> SetColumns(PhraseRuleSet phrases)
    {
        if (_setColumns is { } cached && ReferenceEquals(cached.Phrases, phrases)) return cached.Columns;
        var columns = new Dictionary<int, int>();
        for (var i = 0; i < SetNames.Length; i++)
            if (TrySetIndex(phrases, SetNames[i]) is var set and >= 0) columns.TryAdd(set, i);
        _setColumns = new SetColumnCache(phrases, columns);
        return columns;
    }

    private static int TrySetIndex(PhraseRuleSet phrases, string name)
    {
        try { return phrases.SetIndex(name); }
        catch (InvalidOperationException) { return -1; }
    }

    private static void Compute(ReplyDocument document, Sentence sentence, float[] features)
    {
        var words = document.WordsOf(sentence);
        features[0] = MathF.Log(1 + words.Length);
        features[1] = Rules.PhraseRuleAnalyzer.IsQuestion(document, sentence) ? 1 : 0;
        foreach (var token in document.TokensOf(sentence))
            if (token.Norm == "!") features[2] = 1;
        for (var i = 0; i < words.Length; i++)
        {
            var norm = words[i].Norm;
            if (SecondPerson.Contains(norm))
            {
                features[3]++;
                // "you should", "you are", "you didn't": the customer as the subject of a verb.
                if (norm == "you" && i + 1 < words.Length && words[i + 1].Norm is "should" or "must" or "are" or "were" or "did" or "do"
                        or "have" or "had" or "need" or "failed" or "forgot" or "can" or "will" or "would")
                    features[4]++;
            }
            else if (FirstPersonPlural.Contains(norm)) features[5]++;
            else if (FirstPersonSingular.Contains(norm)) features[6]++;
            if (PhraseIndex.Negations.Contains(norm)) features[7]++;
            if (Modals.Contains(norm)) features[8]++;
        }
    }
}
