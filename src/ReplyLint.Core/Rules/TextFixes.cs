using ReplyLint.Core.Diagnostics;
using ReplyLint.Core.Structure;
using ReplyLint.Core.Text;

namespace ReplyLint.Core.Rules;

/// <summary>Builds edits that keep the surrounding capitalization and punctuation intact.</summary>
internal static class TextFixes
{
    /// <summary>
    /// Replaces <paramref name="span"/>, capitalized like the text it replaces. An article just before it is made to
    /// agree: "an RCA" becomes "a review of what went wrong", not "an review".
    /// </summary>
    public static CodeFix Replace(string title, ReplyText text, TextSpan span, string replacement)
    {
        var original = text[span];
        var cased = MatchCase(original, replacement);
        var fixTitle = title.Replace("{0}", cased, StringComparison.Ordinal);
        if (ArticleBefore(text.Text, span.Start) is { } article && cased.Length > 0)
        {
            var wanted = StartsWithVowelSound(cased) ? "an" : "a";
            if (!article.Word.Equals(wanted, StringComparison.OrdinalIgnoreCase))
            {
                // Two edits, not one across the gap: in Markdown the gap may hold markup ("an **RCA**").
                var fixedArticle = char.IsUpper(article.Word[0]) ? char.ToUpperInvariant(wanted[0]) + wanted[1..] : wanted;
                return new CodeFix(fixTitle, [new TextEdit(new TextSpan(article.Start, article.Word.Length), fixedArticle), new TextEdit(span, cased)]);
            }
        }
        return new CodeFix(fixTitle, new TextEdit(span, cased));
    }

    private static (int Start, string Word)? ArticleBefore(string text, int position)
    {
        var end = position;
        while (end > 0 && text[end - 1] is ' ' or '\t') end--;
        if (end == position) return null;
        var start = end;
        while (start > 0 && char.IsLetter(text[start - 1])) start--;
        if (start > 0 && (char.IsLetterOrDigit(text[start - 1]) || text[start - 1] is '\'' or '-')) return null;
        var word = text[start..end];
        return word.Equals("a", StringComparison.OrdinalIgnoreCase) || word.Equals("an", StringComparison.OrdinalIgnoreCase) ? (start, word) : null;
    }

    // By spelling, which is right for the plain-word glosses the fixes insert; "uni-", "use", "one" and a silent "h"
    // are the common exceptions.
    private static bool StartsWithVowelSound(string phrase)
    {
        var lower = phrase.ToLowerInvariant();
        if (lower.StartsWith("hour", StringComparison.Ordinal) || lower.StartsWith("honest", StringComparison.Ordinal)) return true;
        if (lower.StartsWith("uni", StringComparison.Ordinal) || lower.StartsWith("use", StringComparison.Ordinal)
            || lower.StartsWith("usu", StringComparison.Ordinal) || lower.StartsWith("one", StringComparison.Ordinal)
            || lower.StartsWith("eu", StringComparison.Ordinal)) return false;
        return lower[0] is 'a' or 'e' or 'i' or 'o' or 'u';
    }

    public static string MatchCase(ReadOnlySpan<char> original, string replacement)
    {
        if (replacement.Length == 0 || original.IsEmpty) return replacement;
        var letters = 0;
        var upper = 0;
        foreach (var c in original)
        {
            if (!char.IsLetter(c)) continue;
            letters++;
            if (char.IsUpper(c)) upper++;
        }
        // "RCA" is an acronym, not shouting: only whole phrases in capitals keep capitals.
        if (letters > 3 && upper == letters && original.Contains(' ')) return replacement.ToUpperInvariant();
        if (upper == letters && !original.Contains(' ')) return replacement; // an acronym ("RCA") says nothing about case
        if (char.IsUpper(original[0]) && char.IsLower(replacement[0])) return char.ToUpperInvariant(replacement[0]) + replacement[1..];
        if (char.IsLower(original[0]) && char.IsUpper(replacement[0]) && !(replacement.Length > 1 && char.IsUpper(replacement[1])) && !replacement.StartsWith("I ", StringComparison.Ordinal))
            return char.ToLowerInvariant(replacement[0]) + replacement[1..];
        return replacement;
    }

    /// <summary>
    /// Removes a phrase with the punctuation and space that belonged to it: "As I said, the refund" becomes
    /// "The refund"; "it is obviously broken" becomes "it is broken".
    /// </summary>
    public static CodeFix Remove(string title, ReplyText text, TextSpan span, Sentence sentence)
    {
        var s = text.Text;
        var start = span.Start;
        var end = span.End;
        // Take a comma (and the spaces) that followed the phrase.
        var after = end;
        while (after < sentence.Span.End && s[after] == ' ') after++;
        if (after < sentence.Span.End && s[after] == ',')
        {
            end = after + 1;
            while (end < sentence.Span.End && s[end] == ' ') end++;
        }
        else if (start == sentence.Span.Start)
        {
            end = after;
        }
        else
        {
            while (start > sentence.Span.Start && s[start - 1] == ' ') start--;
            if (start > sentence.Span.Start && s[start - 1] == ',' && (after >= sentence.Span.End || !char.IsLetterOrDigit(s[after])))
                start--; // "…, obviously." drops its comma
        }
        if (start == sentence.Span.Start && end < sentence.Span.End && char.IsLower(s[end]) && char.IsUpper(s[span.Start]))
        {
            // The next word now opens the sentence.
            return new CodeFix(title, new TextEdit(TextSpan.FromBounds(start, end + 1), char.ToUpperInvariant(s[end]).ToString()));
        }
        return new CodeFix(title, new TextEdit(TextSpan.FromBounds(start, end), ""));
    }

    /// <summary>Inserts a sentence at <paramref name="position"/>, with the space or line break that the spot needs.</summary>
    public static TextEdit InsertSentence(ReplyText text, int position, string sentence)
    {
        var s = text.Text;
        var before = position > 0 ? s[position - 1] : '\n';
        var after = position < s.Length ? s[position] : '\n';
        var prefix = char.IsWhiteSpace(before) ? "" : " ";
        var suffix = char.IsWhiteSpace(after) ? "" : " ";
        // After an inline greeting ("Hi Jo, please follow …") the word that now starts a sentence takes a capital,
        // unless it has capitals of its own ("iPhone").
        if (char.IsLower(after) && LastNonSpace(s, position) == ',' && !HasCapitalInWord(s, position))
            return new TextEdit(new TextSpan(position, 1), prefix + sentence + suffix + char.ToUpperInvariant(after));
        return TextEdit.Insert(position, prefix + sentence + suffix);
    }

    private static bool HasCapitalInWord(string s, int start)
    {
        for (var i = start; i < s.Length && char.IsLetterOrDigit(s[i]); i++)
            if (char.IsUpper(s[i])) return true;
        return false;
    }

    private static char LastNonSpace(string s, int position)
    {
        for (var i = position - 1; i >= 0; i--)
            if (!char.IsWhiteSpace(s[i])) return s[i];
        return '\n';
    }
}
