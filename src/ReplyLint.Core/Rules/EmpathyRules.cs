using ReplyLint.Core.Catalog;
using ReplyLint.Core.Diagnostics;
using ReplyLint.Core.Engine;
using ReplyLint.Core.Structure;

namespace ReplyLint.Core.Rules;

/// <summary>
/// A reply-level absence at the opening: when the customer reported a problem and the reply lacks something
/// (an acknowledgement, thanks), the finding sits on the first sentence and the fix inserts it after the greeting.
/// </summary>
internal abstract class OpeningAbsenceRule(CatalogRule rule) : CodeRule(rule)
{
    protected abstract bool IsPresent(AnalysisContext context);

    public sealed override void Analyze(AnalysisContext context)
    {
        var first = FirstBodySentence(context.Document);
        if (first is null || IsPresent(context)) return;
        var (applies, confidence, why) = ProblemContext(context, Rule.File.Confidence);
        if (!applies) return;
        var fixes = DefendingHeadingAbove(context, first) is { } heading
            ? InsertFixesBefore(context, heading)
            : InsertFixes(context, context.Document.OpeningInsertionPoint);
        context.Report(Descriptor, first.Span, confidence, fixes, messageArgument: why);
    }

    /// <summary>
    /// A heading before the body that defends or denies ("# There is no outage"): what opens the reply has to come
    /// before it, where the finding's own acknowledgement goes too, so fix-all adds one, not two.
    /// </summary>
    private static Sentence? DefendingHeadingAbove(AnalysisContext context, Sentence firstBody)
    {
        foreach (var sentence in context.Document.Sentences)
        {
            if (sentence == firstBody) return null;
            if (sentence.IsHeading && context.Diagnostics.Any(d =>
                    d.Family is RuleFamily.Defensiveness or RuleFamily.PerceptionDenial && sentence.Span.Contains(d.Span.Start)))
                return sentence;
        }
        return null;
    }
}

/// <summary>RL4001: the customer reported a problem and the reply acknowledges none of it.</summary>
internal sealed class RL4001NoAcknowledgement(CatalogRule rule) : OpeningAbsenceRule(rule)
{
    protected override bool IsPresent(AnalysisContext context) => Array.IndexOf(context.Acknowledges, true) >= 0;
}

/// <summary>RL4002: the acknowledgement only comes after a defensive or denying sentence.</summary>
internal sealed class RL4002LateAcknowledgement(CatalogRule rule) : CodeRule(rule)
{
    public override void Analyze(AnalysisContext context)
    {
        var document = context.Document;
        var firstAck = Array.IndexOf(context.Acknowledges, true);
        if (firstAck < 0) return;
        var ackSentence = document.Sentences[firstAck];
        var earlier = context.Diagnostics.FirstOrDefault(d =>
            d.Family is RuleFamily.Defensiveness or RuleFamily.PerceptionDenial && d.Span.End <= ackSentence.Span.Start);
        if (earlier is null) return;

        var fixes = new List<CodeFix>();
        // A heading's words stay in the heading (moving them would leave an empty "#"), and an acknowledgement already
        // where the opening goes (a reply with no body: the opening falls back to its end) has nowhere to move.
        var opening = document.OpeningInsertionPoint;
        if (context.IncludeFixes && !ackSentence.IsHeading && opening < ackSentence.Span.Start)
        {
            // Move the acknowledgement to the opening: delete it where it is, insert it after the greeting.
            var text = document.Text.Text;
            var deleteEnd = ackSentence.Span.End;
            while (deleteEnd < text.Length && text[deleteEnd] is ' ' or '\t') deleteEnd++;
            var deleteStart = ackSentence.Span.Start;
            if (deleteEnd == ackSentence.Span.End)
                while (deleteStart > opening && text[deleteStart - 1] is ' ' or '\t') deleteStart--;
            var moved = document.Text.ToString(ackSentence.Span);
            var insert = TextFixes.InsertSentence(document.Text, opening, moved);
            fixes.Add(new CodeFix("Open the reply with the acknowledgement",
                [insert, Text.TextEdit.Delete(Text.TextSpan.FromBounds(deleteStart, deleteEnd))]));
        }
        context.Report(Descriptor, ackSentence.Span, Rule.File.Confidence, fixes, messageArgument: earlier.Id);
    }
}

/// <summary>RL4003: a problem was reported and the reply never thanks the customer for raising it.</summary>
internal sealed class RL4003NoThanks(CatalogRule rule) : OpeningAbsenceRule(rule)
{
    protected override bool IsPresent(AnalysisContext context) => context.ReplyHasSet("thanks_for_report");
}

/// <summary>RL4004: a problem was reported and the reply leaves the customer with no next step, plan or option.</summary>
internal sealed class RL4004NoNextStep(CatalogRule rule) : CodeRule(rule)
{
    public override void Analyze(AnalysisContext context)
    {
        var document = context.Document;
        if (document.Sentences.Count == 0 || !document.Sentences.Any(s => s.IsBody)) return;
        if (context.ReplyHasSet("next_step")) return;
        if (document.Sentences.Any(s => PhraseRuleAnalyzer.IsQuestion(document, s))) return; // asking is a next step
        foreach (var token in document.Tokens)
            if (token.Kind is TokenKind.Url or TokenKind.Email) return; // so is a link to follow
        var (applies, confidence, why) = ProblemContext(context, Rule.File.Confidence);
        if (!applies) return;
        var last = document.Sentences[^1];
        context.Report(Descriptor, last.Span, confidence, InsertFixes(context, document.ClosingInsertionPoint), messageArgument: why);
    }
}
