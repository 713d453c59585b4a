using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using ReplyLint.Core.Structure;

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
        // Whether a line indented by four or more spaces here starts an indented code block: at the top, after a blank
        // line, and after a quote line (a quoted paragraph takes such a line lazily in Takes; any other quoted block
        // leaves no paragraph for it to continue). After the reply's own text it is more of that paragraph.
        var indentedLineStartsCode = true;
        var inIndentedCode = false;
        var quote = new BlockQuote();

        // Whether the line before is paragraph text, and whether it starts that paragraph (an underline makes such a
        // line a heading): not after a list item's marker, whose lines the item carries on.
        var paragraphAbove = false;
        var titleAbove = false;
        var inListParagraph = false;
        var underlines = new List<(int Line, int Start, int Length)>();
        for (var i = 0; i < lines.Count; i++)
        {
            var wasParagraph = paragraphAbove;
            var wasTitle = titleAbove;
            var wasListParagraph = inListParagraph;
            paragraphAbove = titleAbove = inListParagraph = false;
            var (start, length) = lines[i];
            var line = markdown.AsSpan(start, length);
            var trimmed = line.TrimStart(' ');
            var indent = line.Length - trimmed.Length;

            if (i == 0 && line.SequenceEqual("---") && TryMaskFrontMatter(markdown, lines, chars, out var endLine))
            {
                i = endLine;
                indentedLineStartsCode = true;
                continue;
            }

            if (inFence)
            {
                Blank(chars, start, length);
                if (IsClosingFence(trimmed, indent, fenceChar, fenceLength))
                    inFence = false;
                continue;
            }
            if (quote.Takes(line, indentedLineStartsCode || inIndentedCode))
            {
                Blank(chars, start, length);
                indentedLineStartsCode = true;
                continue;
            }
            if (IsFence(trimmed, indent, out fenceChar, out fenceLength))
            {
                inFence = true;
                Blank(chars, start, length);
                continue;
            }

            var isBlank = line.IsWhiteSpace();
            var isIndentedCode = !isBlank && (line.StartsWith("    ") || line.StartsWith("\t")) && (indentedLineStartsCode || inIndentedCode);
            inIndentedCode = isIndentedCode || (inIndentedCode && isBlank);
            indentedLineStartsCode = isBlank;
            if (isIndentedCode)
            {
                Blank(chars, start, length);
                continue;
            }

            // A setext underline stays, as a heading's #s do, so the engine reads the line above as a heading. The
            // engine takes "===" only ("---" in plain text is more often a separator), so a "---" underline is written
            // as "===" here; edits never touch it, as the engine does not lint it. Like the engine, only a one-line
            // title is taken (a longer paragraph's underline is blanked, as before).
            var isUnderline = wasTitle && indent <= 3 && IsSetextUnderline(trimmed) && trimmed.TrimEnd(' ').Length >= 3;
            if (isUnderline)
            {
                for (var k = start + indent; k < start + length; k++)
                    if (chars[k] == '-') chars[k] = '=';
                underlines.Add((i, start, length));
            }
            else MaskBlockMarkers(markdown, chars, start, length);
            // "* * *" is a rule, not a list item (CommonMark: the break wins).
            var listItem = !isBlank && !IsRule(trimmed) && TryListItem(trimmed, out _, out _);
            // A heading or rule is no more of a list item's paragraph (CommonMark), so a title right under it can be
            // underlined.
            inListParagraph = !isBlank && !isUnderline && (listItem || (wasListParagraph && !StartsBlock(line)));
            paragraphAbove = !isBlank && !isUnderline && !inListParagraph && !StartsBlock(line);
            titleAbove = paragraphAbove && !wasParagraph;
        }

        // In this order, each on the result of the one before. Comments and link targets are found by hand rather
        // than by a regex, whose retry at every "<!--" or '[' made a long unclosed run quadratic.
        MaskHtmlComments(chars);
        var text = InlineCode().Replace(new string(chars), m => MaskMatch(m));
        var linked = text.ToCharArray();
        MaskLinkTargets(linked);
        text = new string(linked);
        foreach (var regex in new[] { HtmlTag(), Emphasis() })
            text = regex.Replace(text, m => MaskMatch(m));
        return KeepUnderlinesUnderTitles(text, lines, underlines);
    }

    // An underline is kept only where the engine will read the line above, as masked, as a title
    // (Underlines.CanUnderline): under a line that was all markup (inline code, an HTML comment), a "•" item or a
    // sentence, it is blanked, as a rule would be, so it is not read as a stray "===" sentence.
    private static string KeepUnderlinesUnderTitles(string text, List<(int Start, int Length)> lines, List<(int Line, int Start, int Length)> underlines)
    {
        char[]? chars = null;
        foreach (var (line, start, length) in underlines)
        {
            var (aboveStart, aboveLength) = lines[line - 1];
            if (Underlines.CanUnderline(text.AsSpan(aboveStart, aboveLength))) continue;
            chars ??= text.ToCharArray();
            BlankKeepingLineBreaks(chars, start, start + length);
        }
        return chars is null ? text : new string(chars);
    }

    private static string MaskMatch(Match m)
    {
        var value = m.Value.ToCharArray();
        BlankKeepingLineBreaks(value, 0, value.Length);
        return new string(value);
    }

    // <!-- … -->, across lines. Where no "-->" follows a "<!--", none follows a later one either, so the search stops
    // there: one pass over the text however many "<!--" it holds.
    private static void MaskHtmlComments(char[] chars)
    {
        ReadOnlySpan<char> text = chars;
        var from = 0;
        while (true)
        {
            var open = text[from..].IndexOf("<!--");
            if (open < 0) return;
            open += from;
            var close = text[(open + 4)..].IndexOf("-->");
            if (close < 0) return;
            from = open + 4 + close + 3;
            BlankKeepingLineBreaks(chars, open, from);
        }
    }

    // [text](target "title") and images ![alt](src), on one line: the text stays; brackets, target and title are
    // blanked. A '[' is closed by the first ']' after it, which must be followed by "(", and the target by the first
    // ')' after that. Every '[' before the same ']' (or line break) gets the same answer, and so does every "](" before
    // the same ')', so each answer is kept while it holds and a line of '[' or "[](" is read once, not once per '['.
    private static void MaskLinkTargets(char[] chars)
    {
        ReadOnlySpan<char> text = chars;
        int closeBracket = -1, closeParen = -1;
        var from = 0;
        while (true)
        {
            var open = text[from..].IndexOf('[');
            if (open < 0) return;
            open += from;
            from = open + 1;
            if (closeBracket < from) closeBracket = NextOnLine(text, from, ']');
            if (closeBracket + 1 >= text.Length || text[closeBracket] != ']' || text[closeBracket + 1] != '(') continue;
            if (closeParen < closeBracket + 2) closeParen = NextOnLine(text, closeBracket + 2, ')');
            if (closeParen == text.Length || text[closeParen] != ')') continue;
            // The '!' of an image; it cannot be part of an earlier link, which ends with ')'.
            var start = open > 0 && text[open - 1] == '!' ? open - 1 : open;
            from = closeParen + 1;
            BlankKeepingLineBreaks(chars, start, open + 1);
            BlankKeepingLineBreaks(chars, closeBracket, from);
        }
    }

    // The first c or line break at or after from; the text's length if there is none.
    private static int NextOnLine(ReadOnlySpan<char> text, int from, char c)
    {
        var next = text[from..].IndexOfAny(c, '\r', '\n');
        return next < 0 ? text.Length : from + next;
    }

    private static void BlankKeepingLineBreaks(char[] chars, int start, int end)
    {
        for (var i = start; i < end; i++)
            if (chars[i] is not ('\n' or '\r')) chars[i] = ' ';
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
            // A heading keeps its #s: the engine reads "# Refund" as a heading, leaves the #s out of its sentences, and
            // puts an opening acknowledgement after the heading rather than inside it. Seven or more #s are no heading.
            if (j - i <= 6 && (j == end || text[j] == ' ')) return;
            if (j == end || text[j] == ' ') for (var k = i; k < j; k++) chars[k] = ' ';
            // A closing run of #s is decoration too.
            var tail = end;
            while (tail > j && text[tail - 1] == ' ') tail--;
            var hashes = tail;
            while (hashes > j && text[hashes - 1] == '#') hashes--;
            if (hashes < tail && hashes > j && text[hashes - 1] == ' ') for (var k = hashes; k < tail; k++) chars[k] = ' ';
            return;
        }
        var rest = text.AsSpan(i, end - i);
        // A rule first: "* * *" and "- - -" are rules, not list items (CommonMark gives the rule precedence).
        if (IsThematicBreak(rest))
        {
            Blank(chars, i, rest.Length);
            return;
        }
        // A list marker with text after it; a bare "-" stays.
        if (TryListItem(rest, out var item, out _) && !item.IsEmpty)
            Blank(chars, i, rest.Length - item.Length);
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
    /// A list item's line can open a quote too (<c>- &gt; …</c>). HTML blocks are not recognised: <c>&gt; &lt;div&gt;</c>
    /// is read as a quoted paragraph.
    /// </summary>
    private sealed class BlockQuote
    {
        private enum Leaf { None, Paragraph, Fence }

        // List items nested deeper on one line are read as text: no reply needs more, and it bounds what a crafted
        // line of markers ("> - - - …") can cost.
        private const int MaxListNesting = 100;

        // The quote's innermost open block, which decides what the next line can continue; the number of '>' around it;
        // the column (inside the quote) where the list item holding it starts its content, 0 outside a list.
        private Leaf open;
        private int openDepth;
        private int openColumn;
        private char fenceChar;
        private int fenceLength;

        /// <summary>
        /// Reads the next line; true if it is part of a blockquote. <paramref name="indentedLineIsCode"/>: a line
        /// indented by four or more spaces here would be an indented code block, not a list item that can hold a quote.
        /// </summary>
        public bool Takes(ReadOnlySpan<char> line, bool indentedLineIsCode)
        {
            line = ExpandLeadingTabs(line);
            var content = line;
            var depth = 0;
            // Inside a quoted code block, a '>' past the block's own markers is code, not a deeper quote.
            while ((open != Leaf.Fence || depth < openDepth) && TryStripMarker(ref content)) depth++;

            if (depth == 0)
            {
                if (open == Leaf.Paragraph && !line.IsWhiteSpace() && !StartsBlock(line)) return true;
                open = Leaf.None;
                // A list item whose content is a quote ("- > You are wrong, she wrote.") quotes someone just the same.
                if (!TryQuoteInListItem(line, indentedLineIsCode, out content)) return false;
                while (TryStripMarker(ref content)) depth++;
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

        // Reads quoted content that starts at a column of the quote, inside or after an open paragraph. The list items a
        // line nests ("- - x") are followed in a loop, not by recursion, and the rest of the line is checked for a rule
        // without rescanning it at each one: a crafted line of markers costs one pass and no stack.
        private void Read(ReadOnlySpan<char> content, int depth, int column, bool inParagraph)
        {
            var ruleTail = RuleTailLength(content);
            for (var nesting = 0; ; nesting++)
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
                if ((inParagraph && IsSetextUnderline(trimmed)) || IsAtxHeading(trimmed) || (trimmed.Length <= ruleTail && IsRule(trimmed)))
                {
                    open = Leaf.None;
                    return;
                }
                if (nesting < MaxListNesting && TryListItem(trimmed, out var item, out var numberedOtherThanOne))
                {
                    // An empty item, or one numbered other than 1, cannot interrupt a paragraph: it is more of its text.
                    if (inParagraph && (item.IsWhiteSpace() || numberedOtherThanOne)) return;
                    // The item's content starts after the marker and up to four spaces; five or more are one space and code.
                    var spaces = item.Length - item.TrimStart(' ').Length;
                    var offset = content.Length - item.Length + (spaces is >= 1 and <= 4 && !item.IsWhiteSpace() ? spaces : 1);
                    content = content[Math.Min(offset, content.Length)..];
                    column += offset;
                    inParagraph = false;
                    continue;
                }
                if (!inParagraph) (open, openDepth, openColumn) = (Leaf.Paragraph, depth, column);
                return;
            }
        }

        // A line that is a list item, or items nested on one line ("1. - > …"), whose content starts with a '>': then
        // quote is the line from that '>' on. The first marker may be indented four or more in a nested list, but not
        // where such a line is an indented code block.
        private static bool TryQuoteInListItem(ReadOnlySpan<char> line, bool indentedLineIsCode, out ReadOnlySpan<char> quote)
        {
            quote = default;
            var trimmed = line.TrimStart(' ');
            if (line.Length - trimmed.Length >= 4 && indentedLineIsCode) return false;
            var ruleTail = RuleTailLength(line);
            for (var nesting = 0; nesting < MaxListNesting; nesting++)
            {
                if ((trimmed.Length <= ruleTail && IsRule(trimmed)) || !TryListItem(trimmed, out var item, out _) || item.IsWhiteSpace())
                    return false;
                // Five spaces or more after the marker make the item's content a code block.
                var spaces = item.Length - item.TrimStart(' ').Length;
                if (spaces > 4) return false;
                trimmed = item[spaces..];
                if (trimmed[0] == '>')
                {
                    quote = trimmed;
                    return true;
                }
            }
            return false;
        }

        // The length of the line's closing run of one character a rule is drawn with, and spaces (with any whitespace
        // before it, which IsRule trims). A rule runs to the end of the line, so only a rest of the line that fits in
        // this run can be one: measured once, it spares a rescan of the rest of the line at every nested list marker.
        private static int RuleTailLength(ReadOnlySpan<char> line)
        {
            var end = line.TrimEnd().Length;
            if (end == 0 || line[end - 1] is not ('-' or '*' or '_' or '=')) return 0;
            var c = line[end - 1];
            var start = end;
            while (start > 0 && (line[start - 1] == c || line[start - 1] == ' ')) start--;
            while (start > 0 && char.IsWhiteSpace(line[start - 1])) start--;
            return line.Length - start;
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

        // Tab stops every four columns, as CommonMark reads indentation. Only the line's opening run of whitespace and
        // marker characters ('>', list markers, and the '#', '=', '-', '*', '_' of a heading, underline or rule, which
        // a tab may separate) is read column by column; past its first other character no check tells a tab from
        // spaces, so only that run is expanded, and only if it holds a tab. The quote's lines are blanked whole, so the
        // expanded copy is only read, never mapped back to offsets.
        private static ReadOnlySpan<char> ExpandLeadingTabs(ReadOnlySpan<char> line)
        {
            var run = 0;
            while (run < line.Length && (char.IsWhiteSpace(line[run]) || Marks.Contains(line[run]))) run++;
            if (!line[..run].Contains('\t')) return line;
            var expanded = new StringBuilder(line.Length + 8);
            foreach (var ch in line[..run])
            {
                if (ch == '\t') expanded.Append(' ', 4 - (expanded.Length % 4));
                else expanded.Append(ch);
            }
            return expanded.Append(line[run..]).ToString();
        }

        private static readonly SearchValues<char> Marks = SearchValues.Create(">-+*#=_.)0123456789");
    }

    [GeneratedRegex(@"(`+)[^`\r\n]*?\1")]
    private static partial Regex InlineCode();

    // A tag, or an autolink; an autolink holds no '<' (as in CommonMark), which also ends each try at the next '<',
    // so a line of "<http:" is one pass.
    [GeneratedRegex(@"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<(?:https?|mailto):[^<>\s]+>")]
    private static partial Regex HtmlTag();

    // Emphasis markers next to words (**bold**, _it_): blank the markers, keep the words.
    [GeneratedRegex(@"(?<![\w*_])(\*{1,3}|_{1,3})(?=\S)|(?<=\S)(\*{1,3}|_{1,3})(?![\w*_])")]
    private static partial Regex Emphasis();
}
