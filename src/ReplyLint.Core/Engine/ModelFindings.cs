using ReplyLint.Core.Catalog;
using ReplyLint.Core.Diagnostics;
using ReplyLint.Core.Rules;
using ReplyLint.Core.Text;

namespace ReplyLint.Core.Engine;

/// <summary>
/// Merges the tone model's sentence scores with the rules: a rule finding carries the model's probability for
/// its sentence; a sentence only the model flags gets a model finding (RL1900, RL2900, RL3900), unless a phrase
/// rule of the same family matched there and its guard cleared it.
/// </summary>
internal static class ModelFindings
{
    private static readonly (RuleFamily Family, string RuleId)[] ModelRules =
    [
        (RuleFamily.Defensiveness, RuleIds.ModelDefensiveness),
        (RuleFamily.PerceptionDenial, RuleIds.ModelPerceptionDenial),
        (RuleFamily.Jargon, RuleIds.ModelJargon),
    ];

    private const string AlternativeSet = "alternative", NextStepSet = "next_step", ExpectedReceiptSet = "expected_receipt",
        AdmissionSet = "admission";

    public static bool IsModelRule(string id) => ModelRules.Any(r => r.RuleId == id);

    public static float ScoreFor(ToneScores scores, RuleFamily family) => family switch
    {
        RuleFamily.Defensiveness => scores.Defensive,
        RuleFamily.PerceptionDenial => scores.PerceptionDenial,
        RuleFamily.Jargon => scores.Jargon,
        _ => scores.Acknowledgement,
    };

    public static void Merge(AnalysisContext context, ToneScores[] scores, ToneScores thresholds, RuleCatalog catalog,
        Func<string, bool> isEnabled)
    {
        var document = context.Document;
        var sentences = document.Sentences;
        var flagged = new HashSet<(int Sentence, RuleFamily Family)>();
        var expectedReceipt = context.Phrases.SetIndex(ExpectedReceiptSet);
        var admission = context.Phrases.SetIndex(AdmissionSet);
        var firstAdmission = -1;
        for (var s = 0; s < sentences.Count && firstAdmission < 0; s++)
            if (context.HasSet(s, admission)) firstAdmission = s;

        // Rule findings carry the model's view of their sentence.
        for (var i = 0; i < context.Diagnostics.Count; i++)
        {
            var diagnostic = context.Diagnostics[i];
            var sentence = SentenceAt(document, diagnostic.Span.Start);
            if (sentence < 0 || diagnostic.Family == RuleFamily.Empathy) continue;
            flagged.Add((sentence, diagnostic.Family));
            context.Replace(i, diagnostic with { ModelConfidence = ScoreFor(scores[sentence], diagnostic.Family) });
        }

        foreach (var (family, ruleId) in ModelRules)
        {
            if (!isEnabled(ruleId) || catalog.FindRule(ruleId) is not { } rule) continue;
            // LABELLING: a reply defends the company "at the customer's expense" and denies what the customer "said,
            // saw or experienced"; to a message that reports no problem ("can I move my delivery?") there is nothing
            // to deny or defend against, and "Yes, no problem." is an answer. The phrase rules of these families that
            // need a complaint say so themselves (onlyAgainstComplaint).
            if (family is RuleFamily.Defensiveness or RuleFamily.PerceptionDenial && context.Customer is { WasGiven: true, ReportsProblem: false })
                continue;
            var threshold = ScoreFor(thresholds, family);
            for (var s = 0; s < sentences.Count; s++)
            {
                var sentence = sentences[s];
                if (sentence.IsGreeting || sentence.WordCount < 3 || !HasWordsToJudge(document, sentence) || flagged.Contains((s, family))) continue;
                // A rule's guard already judged this sentence for this family by LABELLING's definition (a policy
                // with an alternative is not defensive); the model, trained on its words, does not overrule it.
                if (context.ClearedByGuard.Contains((s, family))) continue;
                var probability = ScoreFor(scores[s], family);
                if (probability < threshold) continue;
                // LABELLING's hard negatives: after "you're right" or "that was our mistake", what follows explains the
                // admission; it neither defends the company nor denies the customer's account.
                if (family is RuleFamily.Defensiveness or RuleFamily.PerceptionDenial && firstAdmission >= 0 && firstAdmission <= s) continue;
                var acknowledged = context.Acknowledges[s] || context.AcknowledgedBefore(s);
                // LABELLING: the facts after an acknowledgement are not a denial.
                if (family == RuleFamily.PerceptionDenial && context.ExperienceAcknowledgedByOrBefore(s)) continue;
                // "You should have received an email" tells the customer what to expect; LABELLING's "you should have"
                // blames them for their own act, and receiving is not one (RL1001 makes the same exception).
                if (family == RuleFamily.Defensiveness && context.HasSet(s, expectedReceipt)) continue;
                // LABELLING: denying responsibility is defensive only "with no apology and no real alternative";
                // blaming the customer stays defensive after "sorry, but".
                if (family == RuleFamily.Defensiveness && acknowledged && !HasAnySet(context, s, SentenceFeatures.CustomerFaultCueSets)
                    && (context.ReplyHasSet(AlternativeSet) || context.ReplyHasSet(NextStepSet))) continue;
                var fixes = family == RuleFamily.PerceptionDenial && context.IncludeFixes
                    ? (rule.File.Fix?.Replacements ?? []).Select(text => new CodeFix($"Acknowledge first: '{text}'",
                        document.InsertBefore(sentence, text)))
                    : [];
                context.Report(rule.Descriptor, sentence.Span, probability, fixes, FindingSource.Model,
                    modelConfidence: probability);
            }
        }
    }

    // A tweet's tail ("^JL 2/2") splits off as a sentence of initials and numbers: nothing there for the model to judge.
    // Any word with a lower-case letter or longer than three letters is something to judge ("No, it is not.").
    private static bool HasWordsToJudge(Structure.ReplyDocument document, Structure.Sentence sentence)
    {
        foreach (var word in document.WordsOf(sentence))
        {
            if (word.Kind != Structure.TokenKind.Word) continue;
            var text = document.Text[word.Span];
            if (text.Length > 3 || text.ContainsAnyInRange('a', 'z')) return true;
        }
        return false;
    }

    // Only reached for an acknowledged, model-flagged sentence: a few lookups, no allocation on the common path.
    private static bool HasAnySet(AnalysisContext context, int sentence, string[] sets)
    {
        foreach (var name in sets)
            if (context.HasSet(sentence, context.Phrases.SetIndex(name))) return true;
        return false;
    }

    // Sentences are in text order: a binary search keeps a reply with thousands of findings linear.
    private static int SentenceAt(Structure.ReplyDocument document, int offset)
    {
        // The first sentence ending at or after the offset is the only one that can hold it.
        var sentences = document.Sentences;
        int low = 0, high = sentences.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (sentences[mid].Span.End < offset) low = mid + 1;
            else high = mid;
        }
        return low < sentences.Count && sentences[low].Span.Start <= offset ? sentences[low].Index : -1;
    }
}
