using ReplyLint.Core.Text;

namespace ReplyLint.Core.Structure;

/// <summary>Finds, line by line, the parts of a reply that are not the agent's own words.</summary>
internal sealed class ReplyRegions
{
    private static readonly string[] SignOffPhrases =
    [
        "best regards", "kind regards", "warm regards", "warmest regards", "regards", "best wishes", "best",
        "all the best", "thanks", "thank you", "many thanks", "thanks again", "cheers", "sincerely",
        "yours sincerely", "yours truly", "respectfully", "take care", "talk soon", "with thanks", "thx", "ty",
    ];

    public List<TextSpan> Lintable { get; } = [];
    public List<TextSpan> Quoted { get; } = [];
    /// <summary>The words of each heading, in text order.</summary>
    public List<TextSpan> Headings { get; } = [];
    /// <summary>Heading marks (#s, underlines) and separator lines ("====="), in text order: not linted, and no sentence runs across them.</summary>
    public List<TextSpan> Markup { get; } = [];
    public TextSpan? Signature { get; private set; }
    public TextSpan? SignOff { get; private set; }

    public static ReplyRegions Find(ReplyText text)
    {
        var regions = new ReplyRegions();
        var length = text.Length;
        var lineCount = text.LineCount;
        var contentEnd = length; // where quoted history or the signature starts
        var excluded = new bool[lineCount];

        for (var line = 0; line < lineCount; line++)
        {
            var span = text.GetLineSpan(line);
            var content = text[span].Trim();
            if (content.StartsWith('>'))
            {
                excluded[line] = true;
                regions.Quoted.Add(span);
                continue;
            }
            if (StartsQuotedHistory(text, line, content))
            {
                var start = span.Start;
                regions.Quoted.Add(TextSpan.FromBounds(start, length));
                contentEnd = start;
                for (var rest = line; rest < lineCount; rest++) excluded[rest] = true;
                break;
            }
            if (content.SequenceEqual("--") || content.SequenceEqual("—"))
            {
                regions.Signature = TextSpan.FromBounds(span.Start, contentEnd);
                contentEnd = span.Start;
                for (var rest = line; rest < lineCount; rest++) excluded[rest] = true;
                break;
            }
        }

        regions.FindSignOff(text, excluded, ref contentEnd);

        var lintEnd = Math.Min(contentEnd, regions.FindTrailingInitials(text.Text, contentEnd));
        regions.FindHeadings(text, excluded, lintEnd);
        var markup = regions.Markup;
        var runStart = -1;
        var nextMarker = 0;
        void AddRun(int end)
        {
            if (end > runStart) regions.Lintable.Add(TextSpan.FromBounds(runStart, end));
        }
        for (var line = 0; line < lineCount; line++)
        {
            var span = text.GetLineSpan(line);
            var lineEnd = line + 1 < lineCount ? text.GetLineSpan(line + 1).Start : length;
            if (excluded[line] || span.Start >= lintEnd)
            {
                if (runStart >= 0) AddRun(Math.Min(span.Start, lintEnd));
                runStart = -1;
                continue;
            }
            if (runStart < 0) runStart = span.Start;
            // Heading marks and separator lines are markup, not words: the run stops before them.
            for (; nextMarker < markup.Count && markup[nextMarker].Start < lineEnd; nextMarker++)
            {
                AddRun(markup[nextMarker].Start);
                runStart = markup[nextMarker].End;
            }
            if (line == lineCount - 1) AddRun(Math.Min(lineEnd, lintEnd));
        }
        return regions;
    }

    /// <summary>
    /// Headings, as Markdown writes them and plain-text mail often does too: "# Refund" (one to six #s and a space, at
    /// most three spaces in; closing #s are decoration) or a title line underlined with "===" (see
    /// <see cref="Underlines.CanUnderline"/>). "---" under a line is more often a separator in plain text; Markdown input
    /// turns its own "---" underlines into "===" for the engine.
    /// Fills <see cref="Headings"/> with each heading's words and <see cref="Markup"/> with the marks around them and
    /// with separator lines, which are not linted and end any sentence.
    /// </summary>
    private void FindHeadings(ReplyText text, bool[] excluded, int lintEnd)
    {
        var inParagraph = false; // the line before is text that the next line would carry on
        var titleAbove = false; // the line before starts a paragraph: an underline makes it a heading
        for (var line = 0; line < text.LineCount; line++)
        {
            var underlines = titleAbove;
            titleAbove = false;
            var span = text.GetLineSpan(line);
            if (excluded[line] || span.Start >= lintEnd)
            {
                inParagraph = false;
                continue;
            }
            // Up to the signature's initials ("# Refund ^QA"), without a Unicode line separator the line may keep.
            var content = text.Text.AsSpan(span.Start, Math.Min(span.End, lintEnd) - span.Start).TrimEnd("\u2028\u2029");
            if (TryAtxHeading(content, out var open, out var words, out var close))
            {
                Markup.Add(new TextSpan(span.Start + open.Start, open.Length));
                if (!words.IsEmpty) Headings.Add(new TextSpan(span.Start + words.Start, words.Length));
                if (!close.IsEmpty) Markup.Add(new TextSpan(span.Start + close.Start, close.Length));
                inParagraph = false;
            }
            else if (underlines && IsUnderline(content) && Underlines.CanUnderline(text[text.GetLineSpan(line - 1)]))
            {
                var above = text.GetLineSpan(line - 1);
                var title = text[above];
                var first = title.Length - title.TrimStart().Length;
                Headings.Add(new TextSpan(above.Start + first, title.Trim().Length));
                Markup.Add(new TextSpan(span.Start, content.Length));
                inParagraph = false;
            }
            else if (IsSeparator(content))
            {
                // "=====", "-----", "* * *": decoration between parts, not words, and no sentence runs across it.
                Markup.Add(new TextSpan(span.Start, content.Length));
                inParagraph = false;
            }
            else if (content.IsWhiteSpace()) inParagraph = false;
            else
            {
                // A list item is no title (CanUnderline says so), and the lines that carry it on start no paragraph.
                titleAbove = !inParagraph;
                inParagraph = true;
            }
        }
    }

    /// <summary>"## Refund ##": the opening #s with their space, the words, and the closing #s (possibly empty).</summary>
    private static bool TryAtxHeading(ReadOnlySpan<char> line, out TextSpan open, out TextSpan words, out TextSpan close)
    {
        open = words = close = default;
        var start = line.Length - line.TrimStart(' ').Length;
        if (start > 3) return false; // indented further, it carries on a paragraph (or is code)
        var hashes = start;
        while (hashes < line.Length && line[hashes] == '#') hashes++;
        if (hashes - start is < 1 or > 6 || (hashes < line.Length && line[hashes] is not (' ' or '\t'))) return false;
        var wordsStart = hashes;
        while (wordsStart < line.Length && line[wordsStart] is ' ' or '\t') wordsStart++;
        var end = line.Length;
        while (end > wordsStart && line[end - 1] is ' ' or '\t') end--;
        var wordsEnd = end;
        while (wordsEnd > wordsStart && line[wordsEnd - 1] == '#') wordsEnd--;
        // Closing #s count only after a space: "# C#" keeps its #.
        if (wordsEnd < end && wordsEnd > wordsStart && line[wordsEnd - 1] is not (' ' or '\t')) wordsEnd = end;
        var closeStart = wordsEnd;
        while (wordsEnd > wordsStart && line[wordsEnd - 1] is ' ' or '\t') wordsEnd--;
        open = TextSpan.FromBounds(start, wordsStart);
        words = TextSpan.FromBounds(wordsStart, wordsEnd);
        close = TextSpan.FromBounds(closeStart, end);
        return true;
    }

    /// <summary>A setext underline: three or more "=", at most three spaces in, nothing else but trailing spaces.</summary>
    private static bool IsUnderline(ReadOnlySpan<char> line)
    {
        var trimmed = line.TrimEnd(" \t");
        var indent = trimmed.Length - trimmed.TrimStart(' ').Length;
        return indent <= 3 && trimmed.Length - indent >= 3 && !trimmed[indent..].ContainsAnyExcept('=');
    }

    /// <summary>A line of three or more of one of '=', '-', '_', '*', '~', spaces between them allowed.</summary>
    private static bool IsSeparator(ReadOnlySpan<char> line)
    {
        var trimmed = line.Trim();
        if (trimmed.IsEmpty || trimmed[0] is not ('=' or '-' or '_' or '*' or '~')) return false;
        var count = 0;
        foreach (var c in trimmed)
        {
            if (c == trimmed[0]) count++;
            else if (c is not (' ' or '\t')) return false;
        }
        return count >= 3;
    }

    internal static bool IsAtxHeading(ReadOnlySpan<char> line) => TryAtxHeading(line, out _, out _, out _);

    /// <summary>"- item", "* item", "• item", "1. item", "2) item", "a) item".</summary>
    internal static bool StartsListItem(ReadOnlySpan<char> line)
    {
        var trimmed = line.TrimStart(" \t");
        if (trimmed.Length >= 2 && trimmed[0] is '-' or '*' or '+' or '•' && trimmed[1] is ' ' or '\t') return true;
        var marker = 0;
        while (marker < trimmed.Length && marker < 10 && char.IsAsciiDigit(trimmed[marker])) marker++;
        if (marker == 0 && trimmed.Length > 0 && char.IsAsciiLetter(trimmed[0])) marker = 1;
        return marker > 0 && marker + 1 < trimmed.Length && trimmed[marker] is '.' or ')' && trimmed[marker + 1] is ' ' or '\t';
    }

    private static bool StartsQuotedHistory(ReplyText text, int line, ReadOnlySpan<char> content)
    {
        if (content.StartsWith("-----Original Message", StringComparison.OrdinalIgnoreCase) ||
            content.StartsWith("----- Original Message", StringComparison.OrdinalIgnoreCase) ||
            content.StartsWith("-------- Forwarded", StringComparison.OrdinalIgnoreCase))
            return true;
        if (content.StartsWith("On ", StringComparison.Ordinal))
        {
            if (content.EndsWith("wrote:", StringComparison.OrdinalIgnoreCase)) return true;
            // Mail clients wrap long attributions: "On Mon, 3 Jun 2024 at 10:02, Sam <sam@x.com>\nwrote:"
            if (line + 1 < text.LineCount && text[text.GetLineSpan(line + 1)].Trim().EndsWith("wrote:", StringComparison.OrdinalIgnoreCase)
                && content.Length < 200)
                return true;
        }
        if (content.StartsWith("From:", StringComparison.OrdinalIgnoreCase) && line + 1 < text.LineCount)
        {
            var next = text[text.GetLineSpan(line + 1)].Trim();
            return next.StartsWith("Sent:", StringComparison.OrdinalIgnoreCase) ||
                   next.StartsWith("Date:", StringComparison.OrdinalIgnoreCase) ||
                   next.StartsWith("To:", StringComparison.OrdinalIgnoreCase);
        }
        return false;
    }

    /// <summary>A sign-off line near the end, followed only by a few short lines (name, title, company).</summary>
    private void FindSignOff(ReplyText text, bool[] excluded, ref int contentEnd)
    {
        var lastContentLine = -1;
        for (var line = text.LineCount - 1; line >= 0; line--)
        {
            if (excluded[line]) continue;
            var span = text.GetLineSpan(line);
            if (span.Start >= contentEnd) continue;
            if (!text[span].Trim().IsEmpty) { lastContentLine = line; break; }
        }
        if (lastContentLine < 1) return; // a one-line reply has no sign-off to split off

        var linesAfter = 0;
        for (var line = lastContentLine; line >= 1 && linesAfter <= 4; line--)
        {
            if (excluded[line]) continue;
            var span = text.GetLineSpan(line);
            var content = text[span].Trim();
            if (content.IsEmpty) continue;
            if (IsSignOffLine(content))
            {
                SignOff = TextSpan.FromBounds(span.Start, span.Start + text[span].Length);
                var signatureStart = span.Start;
                Signature = TextSpan.FromBounds(signatureStart, Signature?.End ?? contentEnd);
                contentEnd = signatureStart;
                for (var rest = line; rest < excluded.Length; rest++) excluded[rest] = true;
                return;
            }
            if (content.Length > 60) return; // a long line is body text, not a name or title
            linesAfter++;
        }
    }

    private static bool IsSignOffLine(ReadOnlySpan<char> content)
    {
        var trimmed = content.TrimEnd(",.!- ");
        foreach (var phrase in SignOffPhrases)
        {
            if (trimmed.Equals(phrase, StringComparison.OrdinalIgnoreCase)) return true;
            // "Best regards, Sam" / "Thanks, the Acme team" on one line
            if (trimmed.StartsWith(phrase, StringComparison.OrdinalIgnoreCase) && trimmed.Length > phrase.Length &&
                trimmed[phrase.Length] == ',' && trimmed.Length - phrase.Length < 40 && phrase != "thanks" && phrase != "thank you")
                return true;
        }
        return false;
    }

    /// <summary>Tweet sign-offs: trailing agent initials such as "^QA", "-KC", "~Sam", "*JS".</summary>
    private int FindTrailingInitials(string text, int contentEnd)
    {
        var end = contentEnd;
        while (end > 0 && char.IsWhiteSpace(text[end - 1])) end--;
        var start = end;
        while (start > 0 && (char.IsLetter(text[start - 1]) || text[start - 1] == ' ') && end - start < 24) start--;
        if (start <= 0 || start == end) return contentEnd;
        var marker = text[start - 1];
        if (marker is not ('^' or '-' or '~' or '*' or '–' or '—')) return contentEnd;
        var initials = text.AsSpan(start, end - start).Trim();
        if (initials.IsEmpty || initials.Length > 20 || !char.IsUpper(initials[0])) return contentEnd;
        // "-KC" or "^QA" or "~Sam B": capitalized name-like words only.
        foreach (var part in initials.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries))
            if (!char.IsUpper(part[0])) return contentEnd;
        var signatureStart = start - 1;
        if (marker is '-' or '–' or '—' && signatureStart > 0 && char.IsLetterOrDigit(text[signatureStart - 1])) return contentEnd; // "e-Mail"
        Signature ??= TextSpan.FromBounds(signatureStart, end);
        return signatureStart;
    }
}
