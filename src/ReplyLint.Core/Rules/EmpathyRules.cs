using ReplyLint.Core.Catalog;
using ReplyLint.Core.Diagnostics;
using ReplyLint.Core.Engine;
using ReplyLint.Core.Structure;

namespace ReplyLint.Core.Rules;

/// <summary>A rule written in C# because it judges the reply as a whole: position, absence, the customer's message.</summary>
internal abstract class CodeRule(CatalogRule rule)
{
    public CatalogRule Rule { get; } = rule;
    public RuleDescriptor Descriptor => Rule.Descriptor;
    /// <summary>The catalog's fix replacements: the sentences this rule offers to insert.</summary>
    protected IReadOnlyList<string> Suggestions => Rule.File.Fix?.Replacements ?? [];
    protected string FixTitle => Rule.File.Fix?.Title is { Length: > 0 } title ? title : "Insert '{0}'";

    public abstract void Analyze(AnalysisContext context);

    /// <summary>Does the reply deal with a problem? Used instead of the customer's message when none was given.</summary>
    protected static bool ReplyAddressesProblem(AnalysisContext context) => context.ReplyHasSet("problem_context");

    protected static Sentence? FirstBodySentence(ReplyDocument document) =>
        document.Sentences.FirstOrDefault(s => !s.IsGreeting);

    protected IEnumerable<CodeFix> InsertFixes(AnalysisContext context, int position) =>
        Suggestions.Select(text => new CodeFix(FixTitle.Replace("{0}", text, StringComparison.Ordinal),
            TextFixes.InsertSentence(context.Document.Text, position, text)));

    /// <summary>
    /// Whether an absence rule should judge this reply, and how sure it can be: sure when the customer's
    /// message reports a problem, less sure when there is no message and the reply itself deals with one.
    /// </summary>
    protected static (bool Applies, double Confidence, string Context) ProblemContext(AnalysisContext context, double sure)
    {
        if (context.Customer.WasGiven)
            return (context.Customer.ReportsProblem, sure, CustomerReported(context.Customer.ProblemEvidence));
        return ReplyAddressesProblem(context)
            ? (true, sure * 0.55, "no customer message was given; the reply deals with a problem")
            : (false, 0, "");
    }

    /// <summary>"the customer reported a problem: 'keeps crashing'": the words that showed it, so the agent sees why.</summary>
    private static string CustomerReported(string? evidence) => string.IsNullOrWhiteSpace(evidence)
        ? "the customer reported a problem"
        : $"the customer reported a problem: '{CustomerWords(evidence)}'";

    /// <summary>The customer's words for a message: on one line, cut to 40 characters, never inside an emoji.</summary>
    protected static string CustomerWords(string evidence)
    {
        const int MaxEvidence = 40;
        var words = string.Join(' ', evidence.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (words.Length <= MaxEvidence) return words;
        var cut = char.IsHighSurrogate(words[MaxEvidence - 1]) ? MaxEvidence - 1 : MaxEvidence;
        return words[..cut].TrimEnd() + "…";
    }
}

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
        context.Report(Descriptor, first.Span, confidence, InsertFixes(context, context.Document.OpeningInsertionPoint), messageArgument: why);
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
        if (context.IncludeFixes)
        {
            // Move the acknowledgement to the opening: delete it where it is, insert it after the greeting.
            var text = document.Text.Text;
            var deleteEnd = ackSentence.Span.End;
            while (deleteEnd < text.Length && text[deleteEnd] is ' ' or '\t') deleteEnd++;
            var deleteStart = ackSentence.Span.Start;
            if (deleteEnd == ackSentence.Span.End)
                while (deleteStart > 0 && text[deleteStart - 1] is ' ' or '\t') deleteStart--;
            var moved = document.Text.ToString(ackSentence.Span);
            var insert = TextFixes.InsertSentence(document.Text, document.OpeningInsertionPoint, moved);
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
        if (document.Sentences.Count == 0 || document.Sentences.All(s => s.IsGreeting)) return;
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
