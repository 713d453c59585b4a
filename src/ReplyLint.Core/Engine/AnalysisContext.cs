using System.Collections.Immutable;
using ReplyLint.Core.Catalog;
using ReplyLint.Core.Diagnostics;
using ReplyLint.Core.Matching;
using ReplyLint.Core.Structure;
using ReplyLint.Core.Text;

namespace ReplyLint.Core.Engine;

/// <summary>What the customer's message says, as far as the empathy rules need to know.</summary>
/// <param name="WasGiven">Whether a customer message came with the reply.</param>
/// <param name="ReportsProblem">Whether it reports a problem, frustration or complaint.</param>
/// <param name="ProblemEvidence">The words of the customer's message that show the problem, for explanations.</param>
/// <param name="AlreadyTriedEvidence">
/// The words that say the customer already took a step ("I submitted a ticket", "my second tweet"), or null.
/// </param>
/// <param name="AlreadyContacted">Whether that step was contacting the company ("I've emailed you three times").</param>
public sealed record CustomerMessageInfo(bool WasGiven, bool ReportsProblem, string? ProblemEvidence = null,
    string? AlreadyTriedEvidence = null, bool AlreadyContacted = false)
{
    /// <summary>The customer's words (normalized, in order), kept only when they say they already tried something: RL1006
    /// compares the reply's instructions with them ("I've restarted the router three times" / "Please restart your router").</summary>
    public IReadOnlyList<string>? WordsWhenAlreadyTried { get; init; }

    public static CustomerMessageInfo NotGiven { get; } = new(false, false);
}

/// <summary>Everything one analysis knows about one reply; passed to every rule.</summary>
internal sealed class AnalysisContext
{
    private readonly bool[] _sentenceSets;
    private readonly List<Diagnostic> _diagnostics = [];

    public AnalysisContext(ReplyDocument document, PhraseRuleSet phrases, List<PhraseMatch> matches,
        CustomerMessageInfo customer, ToneScores[]? modelScores, ToneScores thresholds, bool includeFixes)
    {
        Document = document;
        Phrases = phrases;
        Matches = matches;
        Customer = customer;
        ModelScores = modelScores;
        ModelThresholds = thresholds;
        IncludeFixes = includeFixes;
        _sentenceSets = new bool[document.Sentences.Count * phrases.SetCount];
        foreach (var match in matches)
            if (match.Pattern.Owner < 0)
                _sentenceSets[match.Sentence * phrases.SetCount + ~match.Pattern.Owner] = true;

        var acknowledgement = phrases.SetIndex("acknowledgement");
        var apology = phrases.SetIndex("apology");
        var validation = phrases.SetIndex("validation");
        ClearApologiesInsideNonApologies(matches, phrases, acknowledgement, apology);
        Acknowledges = new bool[document.Sentences.Count];
        for (var s = 0; s < Acknowledges.Length; s++)
        {
            var byPhrase = HasSet(s, acknowledgement) || HasSet(s, validation);
            var byModel = modelScores is not null && modelScores[s].Acknowledgement >= thresholds.Acknowledgement;
            Acknowledges[s] = byPhrase || byModel;
            if (Acknowledges[s] && _firstAcknowledgement < 0) _firstAcknowledgement = s;
        }
        AcknowledgesExperience = AcknowledgingWhatTheCustomerSaw(matches, phrases, acknowledgement, validation);
        _firstExperienceAcknowledgement = Array.IndexOf(AcknowledgesExperience, true);
        // Whole-reply lookups are asked once per match or sentence: answer them from one pass, not a scan each time
        // (a reply of 80,000 sentences otherwise takes seconds).
        _replySets = new bool[phrases.SetCount];
        for (var i = 0; i < _sentenceSets.Length; i++)
            if (_sentenceSets[i]) _replySets[i % phrases.SetCount] = true;
    }

    private readonly bool[] _replySets;
    private readonly int _firstAcknowledgement = -1;
    private readonly int _firstExperienceAcknowledgement;

    /// <summary>
    /// <see cref="Acknowledges"/> less the sentences whose only acknowledgement is an apology for the reply's lateness
    /// ("Sorry for the late reply", set <c>response_delay_apology</c>): it apologises, but acknowledges nothing the
    /// customer saw, so it does not excuse a denial after it. The sentence still counts with another acknowledgement
    /// outside that apology (and outside a non-apology), or with the apology stretched to the problem ("…and for the
    /// hassle", set <c>apology_also_for_the_problem</c>). The model's acknowledgement score does not count there, as it
    /// reads the apology's "sorry".
    /// </summary>
    private bool[] AcknowledgingWhatTheCustomerSaw(List<PhraseMatch> matches, PhraseRuleSet phrases, int acknowledgement, int validation)
    {
        var responseDelay = phrases.SetIndex("response_delay_apology");
        List<PhraseMatch>? notAcknowledging = null;
        foreach (var match in matches)
            if (match.Pattern.Owner == ~responseDelay && Acknowledges[match.Sentence])
                (notAcknowledging ??= []).Add(match);
        if (notAcknowledging is null) return Acknowledges;

        var experience = (bool[])Acknowledges.Clone();
        foreach (var delay in notAcknowledging)
            experience[delay.Sentence] = HasSet(delay.Sentence, phrases.SetIndex("apology_also_for_the_problem"));
        int nonApology = phrases.SetIndex("non_apology"), minimising = phrases.SetIndex("minimising_apology");
        foreach (var match in matches)
            if (match.Pattern.Owner < 0 && ~match.Pattern.Owner is var set && (set == nonApology || set == minimising))
                notAcknowledging.Add(match);
        foreach (var match in matches)
        {
            if (match.Pattern.Owner >= 0 || ~match.Pattern.Owner is var set && set != acknowledgement && set != validation) continue;
            if (experience[match.Sentence] || !Acknowledges[match.Sentence]) continue;
            if (!notAcknowledging.Any(d => Overlap(d, match)))
                experience[match.Sentence] = true;
        }
        return experience;
    }

    /// <summary>
    /// "Sorry if our policy upset you", "we regret that you came away with that impression": an apology that makes
    /// the customer's feelings small is not an acknowledgement (LABELLING: "sorry you feel that way"), nor the apology
    /// that quiets RL1002 and RL1005. So the sets <c>acknowledgement</c> and <c>apology</c> count in a sentence only
    /// for a match outside every non-apology there: "Sorry for the mix-up, and sorry if my reply seemed abrupt" still
    /// apologises.
    /// </summary>
    private void ClearApologiesInsideNonApologies(List<PhraseMatch> matches, PhraseRuleSet phrases, int acknowledgement, int apology)
    {
        int nonApology = phrases.SetIndex("non_apology"), minimising = phrases.SetIndex("minimising_apology");
        List<PhraseMatch>? vetoes = null;
        foreach (var match in matches)
            if (match.Pattern.Owner < 0 && ~match.Pattern.Owner is var set && (set == nonApology || set == minimising))
                (vetoes ??= []).Add(match);
        if (vetoes is null) return;

        var sentences = Document.Sentences.Count;
        var genuine = new bool[sentences * 2]; // [s * 2]: acknowledgement, [s * 2 + 1]: apology
        var vetoesBySentence = vetoes.ToLookup(v => v.Sentence);
        foreach (var match in matches)
        {
            if (match.Pattern.Owner >= 0 || ~match.Pattern.Owner is var set && set != acknowledgement && set != apology) continue;
            if (vetoesBySentence[match.Sentence].Any(v => Overlap(v, match))) continue;
            genuine[match.Sentence * 2 + (~match.Pattern.Owner == apology ? 1 : 0)] = true;
        }
        foreach (var veto in vetoes)
        {
            _sentenceSets[veto.Sentence * phrases.SetCount + acknowledgement] = genuine[veto.Sentence * 2];
            _sentenceSets[veto.Sentence * phrases.SetCount + apology] = genuine[veto.Sentence * 2 + 1];
        }
    }

    /// <summary>Whether two matches share a word (so one is inside the other's phrase).</summary>
    private static bool Overlap(PhraseMatch a, PhraseMatch b) =>
        a.Sentence == b.Sentence && a.FirstWord <= b.LastWord && b.FirstWord <= a.LastWord;

    public ReplyDocument Document { get; }
    public PhraseRuleSet Phrases { get; }
    public List<PhraseMatch> Matches { get; }

    /// <summary>
    /// Sentences where a phrase rule of a family matched but a guard on the reply's own words cleared it (a reason or
    /// an alternative given, the term explained, an acknowledgement first...): the tone model does not flag that
    /// family there either.
    /// </summary>
    public HashSet<(int Sentence, RuleFamily Family)> ClearedByGuard { get; } = [];
    public CustomerMessageInfo Customer { get; }
    public ToneScores[]? ModelScores { get; }
    public ToneScores ModelThresholds { get; }
    public bool IncludeFixes { get; }
    /// <summary>Per sentence: does it acknowledge the customer (phrase sets, or the model where one runs)?</summary>
    public bool[] Acknowledges { get; }
    public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;

    /// <summary>Whether the sentence matched the set (for acknowledgement and apology: outside a non-apology).</summary>
    public bool HasSet(int sentence, int set) => _sentenceSets[sentence * Phrases.SetCount + set];

    public bool HasAny(int sentence, GuardSet guard)
    {
        foreach (var set in guard.SetIndexes)
            if (HasSet(sentence, set)) return true;
        return false;
    }

    public bool ReplyHasAny(GuardSet guard)
    {
        foreach (var set in guard.SetIndexes)
            if (_replySets[set]) return true;
        return false;
    }

    public bool ReplyHasSet(string name) => ReplyHasSet(Phrases.SetIndex(name));

    public bool ReplyHasSet(int set) => _replySets[set];

    public bool AcknowledgedBefore(int sentence) => _firstAcknowledgement >= 0 && _firstAcknowledgement < sentence;

    /// <summary>Per sentence: does it acknowledge what the customer saw or went through? <see cref="Acknowledges"/>,
    /// less an apology only for the reply's lateness.</summary>
    public bool[] AcknowledgesExperience { get; }

    /// <summary>Whether what the customer saw was acknowledged in the sentence or before it: then facts in it are no
    /// denial of their account (LABELLING).</summary>
    public bool ExperienceAcknowledgedByOrBefore(int sentence) =>
        AcknowledgesExperience[sentence] || (_firstExperienceAcknowledgement >= 0 && _firstExperienceAcknowledgement < sentence);

    public void Report(RuleDescriptor descriptor, TextSpan span, double confidence, IEnumerable<CodeFix> fixes,
        FindingSource source = FindingSource.Rule, string? messageArgument = null, double? modelConfidence = null)
    {
        var text = Document.Text;
        _diagnostics.Add(new Diagnostic
        {
            Descriptor = descriptor,
            Span = span,
            LineSpan = text.GetLinePositionSpan(span),
            Message = descriptor.FormatMessage(messageArgument ?? Flatten(text.ToString(span))),
            Severity = descriptor.DefaultSeverity,
            Source = source,
            Confidence = Math.Clamp(confidence, 0, 1),
            ModelConfidence = modelConfidence,
            Fixes = IncludeFixes ? [.. fixes] : ImmutableArray<CodeFix>.Empty,
        });
    }

    public void Replace(int index, Diagnostic diagnostic) => _diagnostics[index] = diagnostic;

    /// <summary>Messages quote the flagged text on one line, shortened.</summary>
    private static string Flatten(string text)
    {
        var flat = text.AsSpan().IndexOfAny('\r', '\n', '\t') < 0
            ? text
            : string.Join(' ', text.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= 80 ? flat : flat[..77] + "...";
    }
}
