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
        ["acknowledgement", "non_apology", "apology", "thanks_for_report", "alternative", "reason", "next_step", "problem_context",
         // Cue classes (lexicons.json): general wording of each family, for paraphrases that share no n-gram with training rows.
         "cue_counterfactual", "cue_customer_choice", "cue_documentation", "cue_lecture", "cue_not_us",
         "cue_bare_policy", "cue_repetition", "cue_record_defence", "cue_minimising", "cue_evidence_claim", "cue_flat_denial", "cue_customer_perception", "cue_legal_register"];

    // Cue sets that put the outcome on the customer or shut the matter (defensive) and that contradict the customer's
    // account (perception denial). LABELLING.md: either is fine when the reply acknowledges first or gives a reason
    // or an alternative, so each also has a feature that fires only without those; a linear model cannot build
    // that conjunction itself.
    /// <summary>Cue sets that put the fault on the customer; ModelFindings keeps blame flagged after an apology with them.</summary>
    internal static readonly string[] CustomerFaultCueSets =
        ["cue_counterfactual", "cue_customer_choice", "cue_documentation", "cue_lecture", "cue_repetition"];
    private static readonly int[] BlameCues = SetColumnsOf([.. CustomerFaultCueSets, "cue_not_us", "cue_record_defence"]);
    private static readonly int[] PolicyCues = SetColumnsOf("cue_bare_policy");
    private static readonly int[] DenialCues = SetColumnsOf("cue_evidence_claim", "cue_flat_denial", "cue_customer_perception");
    private static readonly int[] Softeners = SetColumnsOf("acknowledgement", "apology", "alternative");
    private static readonly int[] Reasons = SetColumnsOf("reason");

    private static int[] SetColumnsOf(params string[] sets) => [.. sets.Select(s => FirstSetColumn + Array.IndexOf(SetNames, s))];

    // The column of the first lexicon set, after the per-word features below.
    private const int FirstSetColumn = 10;
    // Defensiveness, perception denial, jargon: one "a rule of this family matched" column each (not empathy).
    private const int ProblemFamilies = 3;

    // Abbreviations most customers know (LABELLING.md: "an abbreviation that is explained or widely known" is not jargon).
    private static readonly HashSet<string> WidelyKnownAbbreviations = new(StringComparer.Ordinal)
    {
        "ok", "id", "ids", "pin", "pins", "tv", "pc", "us", "uk", "eu", "usa", "faq", "faqs", "pdf", "url", "sms", "dm", "dms", "ups", "usb",
        "gps", "atm", "atms", "vat", "eta", "am", "pm", "ios", "vpn", "ps4", "ps5", "hd", "4k", "wifi", "mb", "gb", "tb", "kb", "5g", "4g", "3g",
        "lte", "sim", "app", "ceo", "it", "dvd", "cd", "asap", "fyi", "btw", "lol", "omg", "thx", "pls", "pst", "est", "gmt", "utc", "cst", "mst",
        "pdt", "edt", "bst", "cet", "ny", "nyc", "la", "dc", "dhl", "usps", "irs", "cvv", "html", "jpg", "png", "mp3", "mp4", "xl", "xxl",
        "suv", "nhs", "bbc", "vip", "ps", "ac", "dob", "otp", "mph", "km", "kg", "lb", "lbs", "hr", "hrs", "qr", "ai", "mac", "xbox", "ev",
        "os", "cpu", "gpu", "ram", "sd", "ssd", "hdd", "hdmi", "led", "lcd", "nfc", "isp", "ip", "2fa", "tsa", "aaa", "ssn", "apr", "iphone", "ipad",
    };

    private static readonly HashSet<string> SecondPerson = new(StringComparer.Ordinal) { "you", "your", "yours", "yourself" };
    private static readonly HashSet<string> FirstPersonPlural = new(StringComparer.Ordinal) { "we", "our", "us", "ours", "ourselves" };
    private static readonly HashSet<string> FirstPersonSingular = new(StringComparer.Ordinal) { "i", "my", "me", "mine" };
    private static readonly HashSet<string> Modals = new(StringComparer.Ordinal)
        { "should", "must", "need", "needs", "required", "require", "requires", "have", "ought", "supposed", "only" };


    /// <summary>The feature names, in the order <see cref="Compute"/> writes them.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "words_log", "is_question", "has_exclamation", "second_person", "second_person_subject", "first_person_plural",
        "first_person_singular", "negations", "modals", "unexplained_abbreviations",
        .. SetNames.Select(s => "set_" + s),
        .. RuleFamilyNames.All.Take(ProblemFamilies).Select(f => "rule_" + f.LabelName()),
        "blame_unsoftened", "policy_without_reason_or_alternative", "denial_unacknowledged",
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
                column = FirstSetColumn + index;
            }
            else
            {
                var family = phrases.Rules[match.Pattern.Owner].Rule.Descriptor.Family;
                if (family == RuleFamily.Empathy) continue;
                column = FirstSetColumn + SetNames.Length + ((int)family - 1);
            }
            features[column] = 1;
        }
        foreach (var features in result) AddConjunctions(features);
        return result;
    }

    private static readonly int FirstConjunction = FirstSetColumn + SetNames.Length + ProblemFamilies;

    private static void AddConjunctions(float[] features)
    {
        var softened = AnyOf(features, Softeners);
        features[FirstConjunction] = AnyOf(features, BlameCues) && !softened ? 1 : 0;
        features[FirstConjunction + 1] = AnyOf(features, PolicyCues) && !softened && !AnyOf(features, Reasons) ? 1 : 0;
        features[FirstConjunction + 2] = AnyOf(features, DenialCues) && !softened ? 1 : 0;
    }

    private static bool AnyOf(float[] features, int[] columns)
    {
        foreach (var column in columns)
            if (features[column] != 0) return true;
        return false;
    }

    /// <summary>Features of a whole text taken as one unit (a training sentence that may parse as two).</summary>
    public static float[] ComputeWhole(string text)
    {
        var document = ReplyDocument.Parse(text);
        var all = ComputeAll(document);
        var whole = new float[Count];
        foreach (var sentence in all)
            for (var i = 0; i < Count; i++) whole[i] = Math.Max(whole[i], sentence[i]);
        AddConjunctions(whole); // over the whole text: a softener in either sentence softens both
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
            if (features[9] < 3 && IsUnexplainedAbbreviation(document, words[i])) features[9]++;
        }
    }

    /// <summary>
    /// "RMA", "AWB", "CDRs": two to six capitals (digits allowed, a plural "s"), outside the signature, not a widely
    /// known abbreviation and not explained where it stands (<see cref="Gloss.IsExplained"/>, the check RL3004's guard
    /// makes too).
    /// </summary>
    private static bool IsUnexplainedAbbreviation(ReplyDocument document, Token word)
    {
        var raw = document.Text[word.Span];
        if (raw.Length is < 2 or > 7 || word.Kind != TokenKind.Word) return false;
        if (raw[^1] == 's' && raw.Length > 2) raw = raw[..^1];
        var capitals = 0;
        foreach (var c in raw)
        {
            if (c is >= 'A' and <= 'Z') capitals++;
            else if (c is < '0' or > '9') return false;
        }
        if (capitals < 2 || raw.Length > 6) return false;
        if (WidelyKnownAbbreviations.Contains(word.Norm.EndsWith('s') && word.Norm.Length > 2 ? word.Norm[..^1] : word.Norm)
            || WidelyKnownAbbreviations.Contains(word.Norm)) return false;
        if (document.SignatureSpan is { } signature && signature.Contains(word.Span.Start)) return false;
        if (Gloss.IsExplained(document.Text.Text, word.Span.Start, word.Span.Start + word.Span.Length)) return false;
        return true;
    }
}
