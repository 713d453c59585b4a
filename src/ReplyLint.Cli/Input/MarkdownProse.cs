using System.Text.RegularExpressions;

namespace ReplyLint.Cli.Input;

/// <summary>
/// Keeps the prose of a Markdown file and blanks the rest (code blocks, inline code, HTML, link targets, front
/// matter, block markers, blockquotes) with spaces. A blockquote in a reply quotes someone else, the customer or an
/// earlier message, so it is not the agent's wording: blanked, as <c>&gt;</c> lines are skipped in plain text. Line breaks and length are kept, so every offset, line and column the
/// engine reports on the result points into the original file, and a fix's edits apply to the original as is.
/// </summary>
internal static partial class MarkdownProse
{
    public static string Extract(string markdown)
    {
        var chars = markdown.ToCharArray();
        var lines = SplitLines(markdown);
        var inFence = false;
        var fenceChar = '\0';
        var fenceLength = 0;
        var previousBlank = true;
        var inIndentedCode = false;
        var inQuote = false;

        for (var i = 0; i < lines.Count; i++)
        {
            var (start, length) = lines[i];
            var line = markdown.AsSpan(start, length);
            var trimmed = line.TrimStart(' ');
            var indent = line.Length - trimmed.Length;

            if (i == 0 && line.SequenceEqual("---") && TryMaskFrontMatter(markdown, lines, chars, out var endLine))
            {
                i = endLine;
                previousBlank = true;
                continue;
            }

            if (inFence)
            {
                Blank(chars, start, length);
                if (IsFence(trimmed, indent, out var c, out var n) && c == fenceChar && n >= fenceLength && trimmed.Trim().Length == n)
                    inFence = false;
                continue;
            }
            if (IsFence(trimmed, indent, out fenceChar, out fenceLength))
            {
                inFence = true;
                inQuote = false;
                Blank(chars, start, length);
                continue;
            }

            var isBlank = line.IsWhiteSpace();
            // A '>' line opens or continues a blockquote; a plain line right after one continues its paragraph ("lazy"
            // continuation), but a heading, list item or rule starts the reply's own text again.
            inQuote = !isBlank && ((indent <= 3 && trimmed.StartsWith(">")) || (inQuote && !StartsBlock(trimmed)));
            if (inQuote)
            {
                Blank(chars, start, length);
                previousBlank = false;
                continue;
            }
            var isIndentedCode = !isBlank && (line.StartsWith("    ") || line.StartsWith("\t")) && (previousBlank || inIndentedCode);
            inIndentedCode = isIndentedCode || (inIndentedCode && isBlank);
            previousBlank = isBlank;
            if (isIndentedCode)
            {
                Blank(chars, start, length);
                continue;
            }

            MaskBlockMarkers(markdown, chars, start, length);
        }

        var text = new string(chars);
        foreach (var regex in new[] { HtmlComment(), InlineCode(), LinkTarget(), HtmlTag(), Emphasis() })
            text = regex.Replace(text, m => MaskMatch(m));
        return text;
    }

    private static string MaskMatch(Match m)
    {
        // A link target keeps its "](" "... ")" shape blanked too; only the link text stays as prose.
        var value = m.Value.ToCharArray();
        for (var i = 0; i < value.Length; i++)
            if (value[i] is not ('\n' or '\r')) value[i] = ' ';
        if (m.Groups["keep"].Success)
        {
            var keep = m.Groups["keep"];
            m.Value.CopyTo(keep.Index - m.Index, value, keep.Index - m.Index, keep.Length);
        }
        return new string(value);
    }

    private static void MaskBlockMarkers(string text, char[] chars, int start, int length)
    {
        var i = start;
        var end = start + length;
        while (i < end && text[i] == ' ') i++;
        // Blockquote markers, possibly nested, then a heading, list bullet or numbered item.
        while (i < end && text[i] == '>')
        {
            chars[i++] = ' ';
            while (i < end && text[i] == ' ') i++;
        }
        if (i < end && text[i] == '#')
        {
            var j = i;
            while (j < end && text[j] == '#') j++;
            if (j == end || text[j] == ' ') for (var k = i; k < j; k++) chars[k] = ' ';
            // A closing run of #s is decoration too.
            var tail = end;
            while (tail > j && text[tail - 1] == ' ') tail--;
            var hashes = tail;
            while (hashes > j && text[hashes - 1] == '#') hashes--;
            if (hashes < tail && hashes > j && text[hashes - 1] == ' ') for (var k = hashes; k < tail; k++) chars[k] = ' ';
            return;
        }
        if (i + 1 < end && text[i] is '-' or '*' or '+' && text[i + 1] == ' ') { chars[i] = ' '; return; }
        if (i < end && IsThematicBreak(text.AsSpan(i, end - i))) { for (var k = i; k < end; k++) chars[k] = ' '; return; }
        var digits = i;
        while (digits < end && char.IsAsciiDigit(text[digits])) digits++;
        if (digits > i && digits - i <= 9 && digits + 1 < end && text[digits] is '.' or ')' && text[digits + 1] == ' ')
            for (var k = i; k <= digits; k++) chars[k] = ' ';
    }

    private static bool IsThematicBreak(ReadOnlySpan<char> line)
    {
        var t = line.Trim();
        if (t.Length < 3) return false;
        var c = t[0];
        if (c is not ('-' or '*' or '_' or '=')) return false;
        var count = 0;
        foreach (var ch in t)
        {
            if (ch == c) count++;
            else if (ch != ' ') return false;
        }
        return count >= 3;
    }

    private static bool StartsBlock(ReadOnlySpan<char> trimmed)
    {
        if (trimmed.IsEmpty) return false;
        if (trimmed[0] == '#' || IsThematicBreak(trimmed)) return true;
        if (trimmed.Length > 1 && trimmed[0] is '-' or '*' or '+' && trimmed[1] == ' ') return true;
        var digits = 0;
        while (digits < trimmed.Length && char.IsAsciiDigit(trimmed[digits])) digits++;
        return digits is > 0 and <= 9 && digits + 1 < trimmed.Length && trimmed[digits] is '.' or ')' && trimmed[digits + 1] == ' ';
    }

    private static bool IsFence(ReadOnlySpan<char> trimmed, int indent, out char fenceChar, out int length)
    {
        fenceChar = '\0';
        length = 0;
        if (indent > 3 || trimmed.Length < 3 || trimmed[0] is not ('`' or '~')) return false;
        var c = trimmed[0];
        var n = 0;
        while (n < trimmed.Length && trimmed[n] == c) n++;
        if (n < 3) return false;
        if (c == '`' && trimmed[n..].Contains('`')) return false;
        fenceChar = c;
        length = n;
        return true;
    }

    private static bool TryMaskFrontMatter(string text, List<(int Start, int Length)> lines, char[] chars, out int endLine)
    {
        for (var j = 1; j < lines.Count; j++)
        {
            var line = text.AsSpan(lines[j].Start, lines[j].Length);
            if (line.SequenceEqual("---") || line.SequenceEqual("..."))
            {
                for (var k = 0; k <= j; k++) Blank(chars, lines[k].Start, lines[k].Length);
                endLine = j;
                return true;
            }
        }
        endLine = 0;
        return false;
    }

    private static void Blank(char[] chars, int start, int length) => Array.Fill(chars, ' ', start, length);

    private static List<(int Start, int Length)> SplitLines(string text)
    {
        var lines = new List<(int, int)>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '\n' or '\r')
            {
                lines.Add((start, i - start));
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                start = i + 1;
            }
        }
        lines.Add((start, text.Length - start));
        return lines;
    }

    [GeneratedRegex(@"<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex HtmlComment();

    [GeneratedRegex(@"(`+)[^`\r\n]*?\1")]
    private static partial Regex InlineCode();

    // [text](target "title"): the text stays, the rest is blanked. Also images ![alt](src).
    [GeneratedRegex(@"!?\[(?<keep>[^\]\r\n]*)\]\([^)\r\n]*\)")]
    private static partial Regex LinkTarget();

    [GeneratedRegex(@"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<(?:https?|mailto):[^>\s]+>")]
    private static partial Regex HtmlTag();

    // Emphasis markers next to words (**bold**, _it_): blank the markers, keep the words.
    [GeneratedRegex(@"(?<![\w*_])(\*{1,3}|_{1,3})(?=\S)|(?<=\S)(\*{1,3}|_{1,3})(?![\w*_])")]
    private static partial Regex Emphasis();
}
