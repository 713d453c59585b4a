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
        document.Sentences.FirstOrDefault(s => s.IsBody);

    protected IEnumerable<CodeFix> InsertFixes(AnalysisContext context, int position) =>
        SuggestionFixes(text => TextFixes.InsertSentence(context.Document.Text, position, text));

    protected IEnumerable<CodeFix> InsertFixesBefore(AnalysisContext context, Sentence sentence) =>
        SuggestionFixes(text => context.Document.InsertBefore(sentence, text));

    private IEnumerable<CodeFix> SuggestionFixes(Func<string, Text.TextEdit> insert) =>
        Suggestions.Select(text => new CodeFix(FixTitle.Replace("{0}", text, StringComparison.Ordinal), insert(text)));

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

    /// <summary>
    /// The customer's words for a message: on one line, cut to about 40 characters at a space, so a word or an emoji
    /// sequence (skin tone, joiner) is never cut in two; a single longer word is cut between text elements.
    /// </summary>
    protected static string CustomerWords(string evidence)
    {
        const int MaxEvidence = 40;
        var words = string.Join(' ', evidence.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (words.Length <= MaxEvidence) return words;
        var space = words.LastIndexOf(' ', MaxEvidence);
        if (space > 0) return words[..space] + "…";
        var elements = System.Globalization.StringInfo.ParseCombiningCharacters(words);
        var cut = elements.LastOrDefault(start => start <= MaxEvidence);
        return (cut > 0 ? words[..cut] : words) + "…";
    }
}
