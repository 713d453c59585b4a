using ReplyLint.Core.Catalog;
using ReplyLint.Core.Engine;
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
    }
}
