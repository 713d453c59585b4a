using System.Globalization;
using ReplyLint.Core.Text;

namespace ReplyLint.Core.Structure;

/// <summary>
/// Splits text into tokens in one forward pass. URLs, e-mail addresses and handles stay whole so that their
/// dots never end a sentence; known abbreviations keep their dot for the same reason.
/// </summary>
public static class Tokenizer
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "etc", "inc", "ltd", "co", "corp", "no", "nos",
        "approx", "dept", "est", "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
        "nov", "dec", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "acct", "ref", "min", "max", "pt", "ext",
    };

    /// <summary>Tokenizes <paramref name="span"/> of <paramref name="text"/>, appending to <paramref name="tokens"/>.</summary>
    public static void Tokenize(string text, TextSpan span, List<Token> tokens)
    {
        var i = span.Start;
        var end = span.End;
        while (i < end)
        {
            var c = text[i];
            if (c is '\n' or '\r' or '\u2028' or '\u2029')
            {
                var start = i;
                var breaks = 0;
                while (i < end && (text[i] is '\n' or '\r' or '\u2028' or '\u2029' || (text[i] is ' ' or '\t' && breaks > 0)))
                {
                    if (text[i] == '\r' && i + 1 < end && text[i + 1] == '\n') i++;
                    if (text[i] is '\n' or '\r' or '\u2028' or '\u2029') breaks++;
                    i++;
                }
                tokens.Add(new Token(TextSpan.FromBounds(start, i), breaks > 1 ? "\n\n" : "\n", TokenKind.LineBreak));
                continue;
            }
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c == '\uFEFF' || c == '\u200B')
            {
                i++;
                continue;
            }
            if (StartsUrl(text, i, end))
            {
                var start = i;
                while (i < end && !char.IsWhiteSpace(text[i])) i++;
                // A URL at the end of a sentence does not own the sentence's full stop.
                while (i > start + 1 && text[i - 1] is '.' or ',' or ')' or '!' or '?' or ';' or ':' or '"' or '\'') i--;
                tokens.Add(new Token(TextSpan.FromBounds(start, i), "<url>", TokenKind.Url));
                continue;
            }
            if (c == '@' && i + 1 < end && IsWordChar(text[i + 1]))
            {
                var start = i++;
                while (i < end && (IsWordChar(text[i]) || text[i] == '_')) i++;
                tokens.Add(new Token(TextSpan.FromBounds(start, i), "<handle>", TokenKind.Handle));
                continue;
            }
            if (IsWordChar(c))
            {
                i = ReadWord(text, i, end, tokens);
                continue;
            }
            // Punctuation and symbols: a surrogate pair (emoji) stays one token; a lone surrogate is a symbol too.
            var length = char.IsHighSurrogate(c) && i + 1 < end && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            var kind = IsPunctuation(c) ? TokenKind.Punctuation : TokenKind.Symbol;
            var norm = c switch
            {
                '’' or '‘' or '`' => "'",
                '“' or '”' => "\"",
                _ => length == 1 ? PunctuationStrings.Get(c) : text.Substring(i, length),
            };
            tokens.Add(new Token(new TextSpan(i, length), norm, kind));
            i += length;
        }
    }

    private static int ReadWord(string text, int i, int end, List<Token> tokens)
    {
        var start = i;
        var allDigits = true;
        while (i < end)
        {
            var c = text[i];
            if (IsWordChar(c))
            {
                allDigits &= char.IsAsciiDigit(c);
                i++;
            }
            else if (c is '-' or '‑' && i > start && char.IsLetter(text[i - 1]) && i + 1 < end && char.IsLetterOrDigit(text[i + 1]))
            {
                allDigits = false;
                i++; // "one-time", "e-mail", "top-rated": one word, as patterns write it
            }
            else if (IsApostrophe(c) && i + 1 < end && char.IsLetter(text[i + 1]) && i > start)
            {
                allDigits = false;
                i++;
            }
            else if ((c is '.' or ',') && allDigits && i + 1 < end && char.IsAsciiDigit(text[i + 1]))
            {
                i++; // 3.50, 1,000
            }
            else if (c == '.' && i + 2 < end && char.IsLetter(text[i + 1]) && text[i + 2] == '.' && i - start == 1)
            {
                i += 3; // e.g. i.e. a.m. p.m.
                while (i + 1 < end && char.IsLetter(text[i]) && text[i + 1] == '.') i += 2;
                tokens.Add(new Token(TextSpan.FromBounds(start, i), text[start..i].ToLowerInvariant(), TokenKind.Word));
                return i;
            }
            else if (c == '@' && i + 1 < end && IsWordChar(text[i + 1]) && LooksLikeEmail(text, i + 1, end))
            {
                i++;
                while (i < end && (IsWordChar(text[i]) || text[i] is '.' or '-' or '_') && !(text[i] == '.' && (i + 1 >= end || !IsWordChar(text[i + 1])))) i++;
                tokens.Add(new Token(TextSpan.FromBounds(start, i), "<email>", TokenKind.Email));
                return i;
            }
            else if ((c is '.' or '_' or '-' or '+') && i + 1 < end && IsWordChar(text[i + 1]) && EmailAhead(text, i, end))
            {
                i++; // first.last@example.com
            }
            else
            {
                break;
            }
        }
        var wordSpan = TextSpan.FromBounds(start, i);
        if (i < end && text[i] == '.' && Abbreviations.Contains(text.AsSpan(start, i - start).ToString()) && !allDigits)
        {
            // "Mr." keeps its dot so it does not end the sentence.
            i++;
            tokens.Add(new Token(TextSpan.FromBounds(start, i), text[start..i].ToLowerInvariant(), TokenKind.Word));
            return i;
        }
        AddWord(text, wordSpan, allDigits, tokens);
        return i;
    }

    private static void AddWord(string text, TextSpan span, bool number, List<Token> tokens)
    {
        if (number)
        {
            tokens.Add(new Token(span, text.Substring(span.Start, span.Length), TokenKind.Number));
            return;
        }
        var raw = text.AsSpan(span.Start, span.Length);
        Span<char> buffer = raw.Length <= 128 ? stackalloc char[raw.Length] : new char[raw.Length];
        for (var k = 0; k < raw.Length; k++)
            buffer[k] = IsApostrophe(raw[k]) ? '\'' : char.ToLowerInvariant(raw[k]);
        var parts = Contractions.Expand(buffer);
        if (parts.Length == 1)
        {
            tokens.Add(new Token(span, parts[0], TokenKind.Word));
            return;
        }
        foreach (var part in parts)
            tokens.Add(new Token(span, part, TokenKind.Word));
    }

    private static bool LooksLikeEmail(string text, int i, int end)
    {
        var sawDot = false;
        for (; i < end && !char.IsWhiteSpace(text[i]); i++)
        {
            if (text[i] == '.' && i + 1 < end && IsWordChar(text[i + 1])) sawDot = true;
            else if (!IsWordChar(text[i]) && text[i] is not '-' and not '_') break;
        }
        return sawDot;
    }

    private static bool EmailAhead(string text, int i, int end)
    {
        for (; i < end && !char.IsWhiteSpace(text[i]); i++)
            if (text[i] == '@') return LooksLikeEmail(text, i + 1, end);
        return false;
    }

    private static bool StartsUrl(string text, int i, int end)
    {
        var rest = text.AsSpan(i, end - i);
        return (rest.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ||
                rest.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ||
                (rest.StartsWith("www.", StringComparison.OrdinalIgnoreCase) && rest.Length > 4 && IsWordChar(rest[4])))
               && (i == 0 || !IsWordChar(text[i - 1]));
    }

    internal static bool IsWordChar(char c) =>
        char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    internal static bool IsApostrophe(char c) => c is '\'' or '’' or '‘' or 'ʼ';

    private static bool IsPunctuation(char c) =>
        char.IsPunctuation(c) || c is '<' or '>' or '=' or '+' or '|' or '~' or '^' or '$' or '`';

    /// <summary>Cached one-character strings so punctuation costs no allocation.</summary>
    private static class PunctuationStrings
    {
        private static readonly string[] Ascii = Enumerable.Range(0, 128).Select(c => ((char)c).ToString()).ToArray();
        public static string Get(char c) => c < 128 ? Ascii[c] : c.ToString();
    }
}
