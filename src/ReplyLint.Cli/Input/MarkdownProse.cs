using System.Text;
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
        var quote = new BlockQuote();

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
                if (IsClosingFence(trimmed, indent, fenceChar, fenceLength))
                    inFence = false;
                continue;
            }
            if (quote.Takes(line))
            {
                Blank(chars, start, length);
                // An indented line after a quote line is either lazy (taken above) or follows a block that is not a
                // paragraph, so it starts a code block, as after a blank line.
                previousBlank = true;
                continue;
            }
            if (IsFence(trimmed, indent, out fenceChar, out fenceLength))
            {
                inFence = true;
                Blank(chars, start, length);
                continue;
            }

            var isBlank = line.IsWhiteSpace();
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

    /// <summary>
    /// Whether a line starts a block of its own where a quoted paragraph is open but its quote (or list item) does not go
    /// on, so that the line ends the paragraph rather than continuing it lazily. As in CommonMark's reference parsers, any
    /// list item does, even an empty one or one not numbered 1. HTML blocks are not recognised: such a line continues.
    /// </summary>
    private static bool StartsBlock(ReadOnlySpan<char> line)
    {
        var trimmed = line.TrimStart(' ');
        var indent = line.Length - trimmed.Length;
        if (indent > 3 || trimmed.IsEmpty) return false;
        return IsFence(trimmed, indent, out _, out _) || IsAtxHeading(trimmed) || IsRule(trimmed) || TryListItem(trimmed, out _, out _);
    }

    private static bool IsAtxHeading(ReadOnlySpan<char> trimmed)
    {
        var n = 0;
        while (n < trimmed.Length && trimmed[n] == '#') n++;
        return n is >= 1 and <= 6 && (n == trimmed.Length || trimmed[n] == ' ');
    }

    // A thematic break; "===" is only ever a setext underline, never a rule of its own.
    private static bool IsRule(ReadOnlySpan<char> trimmed) => trimmed.Length > 0 && trimmed[0] != '=' && IsThematicBreak(trimmed);

    private static bool IsSetextUnderline(ReadOnlySpan<char> trimmed)
    {
        var t = trimmed.TrimEnd(' ');
        return t.Length > 0 && t[0] is '=' or '-' && !t.ContainsAnyExcept(t[0]);
    }

    /// <summary>A bullet (<c>-</c>, <c>+</c>, <c>*</c>) or numbered (<c>1.</c>, <c>1)</c>) list item, and what follows its marker.</summary>
    private static bool TryListItem(ReadOnlySpan<char> trimmed, out ReadOnlySpan<char> content, out bool numberedOtherThanOne)
    {
        content = default;
        numberedOtherThanOne = false;
        var marker = 0;
        if (trimmed.Length > 0 && trimmed[0] is '-' or '+' or '*') marker = 1;
        else
        {
            var digits = 0;
            while (digits < trimmed.Length && char.IsAsciiDigit(trimmed[digits])) digits++;
            if (digits is 0 or > 9 || digits == trimmed.Length || trimmed[digits] is not ('.' or ')')) return false;
            marker = digits + 1;
            numberedOtherThanOne = !trimmed[..digits].TrimStart('0').SequenceEqual("1");
        }
        if (marker < trimmed.Length && trimmed[marker] != ' ') return false;
        content = trimmed[marker..];
        return true;
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

    private static bool IsClosingFence(ReadOnlySpan<char> trimmed, int indent, char fenceChar, int fenceLength) =>
        IsFence(trimmed, indent, out var c, out var n) && c == fenceChar && n >= fenceLength && trimmed.Trim().Length == n;

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

    /// <summary>
    /// Follows blockquotes line by line as CommonMark does (spec 0.31, "Block quotes"): a line belongs to a quote if it
    /// starts with <c>&gt;</c>, or if it is a lazy continuation line, a plain line that continues a paragraph the quote's
    /// last line left open. Only a paragraph continues lazily: after a quoted heading, rule, code block or blank
    /// <c>&gt;</c> line, the next plain line is the reply's own text again, and so is a plain line that starts a block
    /// of its own (heading, list item, rule, fence). A list item inside a quote is followed as far as the paragraph or
    /// code block it holds; its later indented blocks are read as if outside the item (they are blanked all the same).
    /// </summary>
    private sealed class BlockQuote
    {
        private enum Leaf { None, Paragraph, Fence }

        // The quote's innermost open block, which decides what the next line can continue; the number of '>' around it;
        // the column (inside the quote) where the list item holding it starts its content, 0 outside a list.
        private Leaf open;
        private int openDepth;
        private int openColumn;
        private char fenceChar;
        private int fenceLength;

        /// <summary>Reads the next line; true if it is part of a blockquote.</summary>
        public bool Takes(ReadOnlySpan<char> line)
        {
            if (line.Contains('\t')) line = ExpandTabs(line);
            var content = line;
            var depth = 0;
            // Inside a quoted code block, a '>' past the block's own markers is code, not a deeper quote.
            while ((open != Leaf.Fence || depth < openDepth) && TryStripMarker(ref content)) depth++;

            if (depth == 0)
            {
                if (open == Leaf.Paragraph && !line.IsWhiteSpace() && !StartsBlock(line)) return true;
                open = Leaf.None;
                return false;
            }

            if (open == Leaf.Fence)
            {
                if (depth == openDepth && (content.IsWhiteSpace() || Indent(content) >= openColumn))
                {
                    var inner = content[Math.Min(openColumn, content.Length)..];
                    var trimmed = inner.TrimStart(' ');
                    if (IsClosingFence(trimmed, inner.Length - trimmed.Length, fenceChar, fenceLength)) open = Leaf.None;
                    return true;
                }
                // The quote or list item holding the code block ends, and the block with it: code has no lazy lines.
                while (TryStripMarker(ref content)) depth++;
                open = Leaf.None;
            }

            if (open == Leaf.Paragraph && depth <= openDepth && !content.IsWhiteSpace())
            {
                if (depth == openDepth && Indent(content) >= openColumn)
                {
                    Read(content[openColumn..], depth, openColumn, inParagraph: true);
                    return true;
                }
                // The quote or list item holding the paragraph does not go on here, but the paragraph does, lazily,
                // unless the line starts a block of its own.
                if (!StartsBlock(content)) return true;
            }

            open = Leaf.None;
            Read(content, depth, 0, inParagraph: false);
            return true;
        }

        // Reads quoted content that starts at a column of the quote, inside or after an open paragraph.
        private void Read(ReadOnlySpan<char> content, int depth, int column, bool inParagraph)
        {
            var trimmed = content.TrimStart(' ');
            var indent = content.Length - trimmed.Length;
            if (trimmed.IsEmpty)
            {
                open = Leaf.None;
                return;
            }
            // Indented by four or more: more of the paragraph's text, or else an indented code block.
            if (indent >= 4)
            {
                if (!inParagraph) open = Leaf.None;
                return;
            }
            if (IsFence(trimmed, indent, out var c, out var n))
            {
                (open, openDepth, openColumn, fenceChar, fenceLength) = (Leaf.Fence, depth, column, c, n);
                return;
            }
            // An underline makes the paragraph a heading; a heading or rule leaves no paragraph.
            if ((inParagraph && IsSetextUnderline(trimmed)) || IsAtxHeading(trimmed) || IsRule(trimmed))
            {
                open = Leaf.None;
                return;
            }
            if (TryListItem(trimmed, out var item, out var numberedOtherThanOne))
            {
                // An empty item, or one numbered other than 1, cannot interrupt a paragraph: it is more of its text.
                if (inParagraph && (item.IsWhiteSpace() || numberedOtherThanOne)) return;
                // The item's content starts after the marker and up to four spaces; five or more are one space and code.
                var spaces = item.Length - item.TrimStart(' ').Length;
                var offset = content.Length - item.Length + (spaces is >= 1 and <= 4 && !item.IsWhiteSpace() ? spaces : 1);
                Read(content[Math.Min(offset, content.Length)..], depth, column + offset, inParagraph: false);
                return;
            }
            if (!inParagraph) (open, openDepth, openColumn) = (Leaf.Paragraph, depth, column);
        }

        // A '>' after at most three spaces, and the one space after it that belongs to the marker.
        private static bool TryStripMarker(ref ReadOnlySpan<char> content)
        {
            var trimmed = content.TrimStart(' ');
            if (content.Length - trimmed.Length > 3 || trimmed.IsEmpty || trimmed[0] != '>') return false;
            content = trimmed[1..];
            if (!content.IsEmpty && content[0] == ' ') content = content[1..];
            return true;
        }

        private static int Indent(ReadOnlySpan<char> content) => content.Length - content.TrimStart(' ').Length;

        // Tab stops every four columns, as CommonMark reads indentation; the quote's lines are blanked whole, so the
        // expanded copy is only read, never mapped back to offsets.
        private static string ExpandTabs(ReadOnlySpan<char> line)
        {
            var expanded = new StringBuilder(line.Length + 8);
            foreach (var ch in line)
            {
                if (ch == '\t') expanded.Append(' ', 4 - (expanded.Length % 4));
                else expanded.Append(ch);
            }
            return expanded.ToString();
        }
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
