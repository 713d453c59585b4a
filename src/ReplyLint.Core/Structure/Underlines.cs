namespace ReplyLint.Core.Structure;

/// <summary>
/// Which lines a "===" underline makes a heading. Plain-text mail also draws "=====" under a paragraph as a separator,
/// so only a line that reads as a title counts: one line on its own (the engine checks that the line above it is
/// blank), not a list item or a "#" heading, at most 80 characters, and not ending like a sentence or a greeting
/// ('.', ',', ';', '!'; a title may ask, "What happened?"). Markdown input keeps an underline for the engine only
/// under such a line, so both read the same headings.
/// </summary>
public static class Underlines
{
    private const int MaxTitleLength = 80;

    public static bool CanUnderline(ReadOnlySpan<char> line)
    {
        var title = line.Trim();
        if (title.IsEmpty || title.Length > MaxTitleLength) return false;
        if (ReplyRegions.IsAtxHeading(line.TrimEnd()) || ReplyRegions.StartsListItem(title)) return false;
        return title[^1] is not ('.' or ',' or ';' or '!');
    }
}
