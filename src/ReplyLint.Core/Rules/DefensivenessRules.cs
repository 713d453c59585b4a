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
        // "I can see you've already tried this", "if you haven't already": the reply owns the attempt.
        if (context.ReplyHasSet("acknowledges_attempt")) return;
        // A set's matches carry the complement of the set index as their owner (rule matches carry the rule's index).
        var selfHelpOwner = ~context.Phrases.SetIndex("self_help_instruction");
        var contactChannel = context.Phrases.SetIndex("contact_channel");
        var document = context.Document;
        foreach (var match in context.Matches)
        {
            if (match.Pattern.Owner != selfHelpOwner) continue;
            var sentence = document.Sentences[match.Sentence];
            // "Did you try the steps here?" asks politely, which LABELLING does not count.
            if (PhraseRuleAnalyzer.IsQuestion(document, sentence)) continue;
            // "Please follow this link so that we can help you one-on-one" hands over to a person: not self-help.
            if (context.HasSet(match.Sentence, contactChannel)) continue;
            var span = TextSpan.FromBounds(document.Words[match.FirstWord].Span.Start, document.Words[match.LastWord].Span.End);
            // Before the instruction; in the opening sentence, after the greeting ("Hi Jo, I can see … Please follow").
            var opening = document.OpeningInsertionPoint;
            var position = opening >= sentence.Span.Start && opening < sentence.Span.End ? opening : sentence.Span.Start;
            context.Report(Descriptor, span, Rule.File.Confidence, InsertFixes(context, position),
                messageArgument: $"the customer said: '{CustomerWords(tried)}'");
            return; // one finding a reply: it is one step sent back
        }
    }
}
