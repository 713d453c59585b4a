using ReplyLint.Core.Diagnostics;
using ReplyLint.Core.Engine;
using ReplyLint.Core.Matching;
using ReplyLint.Core.Structure;
using ReplyLint.Core.Text;

namespace ReplyLint.Core.Rules;

/// <summary>
/// Runs every phrase rule of the catalog: turns pattern matches into findings once the rule's guards
/// (negation, acknowledgement before, explanation after, alternatives in the reply) let them stand.
/// </summary>
internal static class PhraseRuleAnalyzer
{
    public static void Analyze(AnalysisContext context, Func<string, bool> isEnabled)
    {
        var document = context.Document;
        var words = document.Words;
        // Matches arrive in word order; keep the first, longest match of each rule where two overlap.
        var taken = new Dictionary<int, TextSpan>();
        var ruleMatches = new List<PhraseMatch>(context.Matches.Count);
        foreach (var match in context.Matches)
            if (match.Pattern.Owner >= 0) ruleMatches.Add(match);
        ruleMatches.Sort(static (a, b) => a.FirstWord != b.FirstWord ? a.FirstWord.CompareTo(b.FirstWord) : b.LastWord.CompareTo(a.LastWord));
        foreach (var match in ruleMatches)
        {
            var compiled = context.Phrases.Rules[match.Pattern.Owner];
            var rule = compiled.Rule;
            var file = rule.File;
            if (!isEnabled(rule.Descriptor.Id)) continue;
            var sentence = document.Sentences[match.Sentence];
            var span = TextSpan.FromBounds(words[match.FirstWord].Span.Start, words[match.LastWord].Span.End);
            if (taken.TryGetValue(match.Pattern.Owner, out var previous) && previous.OverlapsWith(span)) continue;

            // Whether the customer objected is a lexicon's guess about another message: it holds the rule back,
            // but does not clear the sentence for the model.
            if (file.OnlyAgainstComplaint && context.Customer is { WasGiven: true, ReportsProblem: false }) continue;
            if ((file.UnlessNegated && IsNegatedBefore(words, match.FirstWord, sentence.FirstWord))
                || (file.UnlessQuestion && IsQuestion(document, sentence))
                || (file.UnlessGlossed && IsGlossed(document, span))
                || context.HasAny(match.Sentence, compiled.UnlessSentence)
                || (!compiled.UnlessReply.IsEmpty && context.ReplyHasAny(compiled.UnlessReply))
                || (file.UnlessAcknowledgedBefore && context.ExperienceAcknowledgedByOrBefore(match.Sentence)))
            {
                context.ClearedByGuard.Add((match.Sentence, rule.Descriptor.Family));
                continue;
            }

            taken[match.Pattern.Owner] = span;
            context.Report(rule.Descriptor, span, file.Confidence, BuildFixes(context, compiled, match, span, sentence));
        }
    }

    private static IEnumerable<CodeFix> BuildFixes(AnalysisContext context, CompiledPhraseRule compiled, PhraseMatch match, TextSpan span, Sentence sentence)
    {
        var fix = compiled.Rule.File.Fix;
        if (fix is null || !context.IncludeFixes) yield break;
        var text = context.Document.Text;
        switch (fix.Kind)
        {
            case "replace":
                var entry = match.Pattern.Entry;
                var replacements = entry >= 0 && compiled.Rule.File.Patterns[entry].Replacements.Count > 0
                    ? compiled.Rule.File.Patterns[entry].Replacements
                    : fix.Replacements;
                foreach (var replacement in replacements)
                {
                    yield return replacement.Length == 0
                        ? TextFixes.Remove($"Remove '{text.ToString(span)}'", text, span, sentence)
                        : TextFixes.Replace(string.IsNullOrEmpty(fix.Title) ? "Replace with '{0}'" : fix.Title, text, span, replacement);
                }
                break;
            case "insert":
                // Acknowledge before the sentence: the finding's guard (acknowledged before) then lets it stand.
                foreach (var replacement in fix.Replacements)
                    yield return new CodeFix(fix.Title.Replace("{0}", replacement, StringComparison.Ordinal),
                        context.Document.InsertBefore(sentence, replacement));
                break;
            case "remove":
                yield return TextFixes.Remove((string.IsNullOrEmpty(fix.Title) ? "Remove '{0}'" : fix.Title).Replace("{0}", text.ToString(span), StringComparison.Ordinal), text, span, sentence);
                foreach (var replacement in fix.Replacements)
                    yield return TextFixes.Replace("Replace with '{0}'", text, span, replacement);
                break;
        }
    }

    private static bool IsNegatedBefore(ReadOnlySpan<Token> words, int first, int sentenceFirst)
    {
        for (var k = first - 1; k >= Math.Max(sentenceFirst, first - 2); k--)
            if (PhraseIndex.Negations.Contains(words[k].Norm)) return true;
        return false;
    }

    internal static bool IsQuestion(ReplyDocument document, Sentence sentence)
    {
        var tokens = document.TokensOf(sentence);
        for (var k = tokens.Length - 1; k >= 0; k--)
        {
            if (tokens[k].Kind is TokenKind.Symbol or TokenKind.Url or TokenKind.Handle) continue;
            if (tokens[k].Norm == "?") return true;
            if (tokens[k].Kind != TokenKind.Punctuation || tokens[k].Norm is "." or "!") return false;
        }
        return false;
    }

    private static bool IsGlossed(ReplyDocument document, TextSpan match) =>
        Gloss.IsExplained(document.Text.Text, match.Start, match.End);
}
