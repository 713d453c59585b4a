using ReplyLint.Core.Catalog;
using ReplyLint.Core.Engine;
using ReplyLint.Core.Structure;
using ReplyLint.Core.Text;

namespace ReplyLint.Core.Rules;

/// <summary>
/// RL1006: the customer says they already took a step (contacted support before, did the self-help) and the reply
/// tells them, as an instruction, to do it again: read the article, visit the help site, try the steps. LABELLING.md,
/// defensive: "telling them, as an instruction, to redo or read something they evidently already did or read".
/// </summary>
internal sealed class RL1006SentBackToAStepAlreadyTaken(CatalogRule rule) : CodeRule(rule)
{
    public override void Analyze(AnalysisContext context)
    {
        if (context.Customer.AlreadyTriedEvidence is not { } tried) return;
        // "I can see you've already tried this", "if you haven't already": the reply owns the attempt. A reply that
        // also offers something concrete ("I've refunded you") does not leave the customer with the redo alone.
        if (context.ReplyHasSet("acknowledges_attempt") || context.ReplyHasSet("alternative")) return;
        // A set's matches carry the complement of the set index as their owner (rule matches carry the rule's index).
        var selfHelpOwner = ~context.Phrases.SetIndex("self_help_instruction");
        // A customer who already contacted the company and is told to contact it again is sent back too.
        int? contactAgainOwner = context.Customer.AlreadyContacted ? ~context.Phrases.SetIndex("contact_instruction") : null;
        int contactChannel = context.Phrases.SetIndex("contact_channel"), serviceLink = context.Phrases.SetIndex("service_link"),
            asksWhetherTried = context.Phrases.SetIndex("asks_whether_tried"), conditional = context.Phrases.SetIndex("conditional_offer");
        var document = context.Document;
        foreach (var match in context.Matches)
        {
            var contactAgain = match.Pattern.Owner == contactAgainOwner;
            if (match.Pattern.Owner != selfHelpOwner && !contactAgain) continue;
            var sentence = document.Sentences[match.Sentence];
            // "Did you try the steps here?" asks politely, which LABELLING does not count; "Could you try the steps
            // here?" is the instruction again.
            if (PhraseRuleAnalyzer.IsQuestion(document, sentence) && context.HasSet(match.Sentence, asksWhetherTried)) continue;
            // "Please follow this link so that we can help you one-on-one" hands over to a person, "here's the tracking
            // link" gives a service: neither is self-help.
            if (!contactAgain && (context.HasSet(match.Sentence, contactChannel) || context.HasSet(match.Sentence, serviceLink))) continue;
            // "Try these tips if you're unable to receive a code" offers an option on a condition.
            if (context.HasSet(match.Sentence, conditional)) continue;
            var span = TextSpan.FromBounds(document.Words[match.FirstWord].Span.Start, document.Words[match.LastWord].Span.End);
            context.Report(Descriptor, span, Rule.File.Confidence, InsertFixes(context, document.InsertionPointBefore(sentence)),
                messageArgument: $"the customer said: '{CustomerWords(tried)}'");
            return; // one finding a reply: it is one step sent back
        }
        if (context.Customer.WordsWhenAlreadyTried is { } customerWords && SameStepAgain(document, customerWords) is { } again)
            context.Report(Descriptor, again.Span, Rule.File.Confidence, InsertFixes(context, document.InsertionPointBefore(again.Sentence)),
                messageArgument: $"the customer said: '{CustomerWords(tried)}'");
    }

    /// <summary>
    /// The step the customer reported, given back as an instruction: "I've restarted the router three times" answered
    /// with "Please restart your router…", "already tried 3 different cables" with "Try a different cable". Only an
    /// instruction counts (the sentence's first word, or after "please", "then"…), never a question: "Have you tried
    /// restarting it at the wall?" asks politely, which LABELLING does not count.
    /// </summary>
    private static (TextSpan Span, Sentence Sentence)? SameStepAgain(ReplyDocument document, IReadOnlySet<string> customerWords)
    {
        var words = document.Words;
        foreach (var sentence in document.Sentences)
        {
            if (sentence.WordCount == 0 || PhraseRuleAnalyzer.IsQuestion(document, sentence)) continue;
            var end = sentence.FirstWord + sentence.WordCount;
            var first = sentence.FirstWord;
            while (first < end - 1 && InstructionLeads.Contains(words[first].Norm)) first++;
            for (var i = first; i < end; i++)
            {
                var instruction = i == first || words[i - 1].Norm is "please" or "kindly" or "then";
                if (!instruction || !ReportedForms.TryGetValue(words[i].Norm, out var forms)) continue;
                if (!forms.Any(customerWords.Contains)) continue;
                // "try" and "check" say little on their own: the thing tried must be the customer's too ("a different cable").
                if (words[i].Norm is "try" or "check" && !NextContentWordIsCustomers(document, i + 1, end, customerWords)) continue;
                return (TextSpan.FromBounds(words[i].Span.Start, words[end - 1].Span.End), sentence);
            }
        }
        return null;
    }

    private static bool NextContentWordIsCustomers(ReplyDocument document, int from, int end, IReadOnlySet<string> customerWords)
    {
        var words = document.Words;
        for (var k = from; k < end; k++)
            if (!FunctionWords.Contains(words[k].Norm)) return customerWords.Contains(words[k].Norm);
        return false;
    }

    private static readonly HashSet<string> InstructionLeads = new(StringComparer.Ordinal)
        { "please", "kindly", "just", "simply", "then", "first", "now", "so", "and" };

    private static readonly HashSet<string> FunctionWords = new(StringComparer.Ordinal)
        { "a", "an", "the", "your", "another", "one", "some", "it", "this", "that", "to", "again", "out", "in", "on" };

    /// <summary>An instruction's verb, and the words a customer uses to say they already did it.</summary>
    private static readonly Dictionary<string, string[]> ReportedForms = new(StringComparer.Ordinal)
    {
        ["restart"] = ["restarted"], ["reboot"] = ["rebooted"], ["reset"] = ["reset"], ["reinstall"] = ["reinstalled"],
        ["uninstall"] = ["uninstalled"], ["unplug"] = ["unplugged"], ["update"] = ["updated"], ["clear"] = ["cleared"],
        ["upload"] = ["uploaded", "sent", "submitted"], ["send"] = ["sent", "uploaded", "submitted"], ["resend"] = ["sent", "resent"],
        ["submit"] = ["submitted", "sent", "uploaded"], ["resubmit"] = ["submitted", "resubmitted", "sent"],
        ["try"] = ["tried"], ["check"] = ["checked"],
    };
}
