namespace ReplyLint.Core.Structure;

/// <summary>
/// Whether a term is explained where it stands (LABELLING.md: "an abbreviation that is explained … is not jargon"):
/// in brackets after its expansion ("turnaround time (TAT)"), followed by its meaning in brackets ("RMA (return
/// authorisation)"), after a dash ("RMA – your returns number"), or by an apposition or relative clause ("the NOC, our
/// network team", "SLA, which is our promise on repair times", "RCA, i.e. our report"). RL3004's guard and the tone
/// model's unexplained-abbreviation feature both ask this.
/// </summary>
public static class Gloss
{
    private static readonly string[] GlossStarts = ["our ", "which ", "i.e.", "ie ", "meaning ", "short for ", "that is ", "aka "];
    // "the NOC, the team that …," is an apposition; "per the SLA, a technician has to attend within 48 hours" is the
    // next clause: after an article, only a short phrase closed by a comma, dash or bracket counts.
    private static readonly string[] ArticleStarts = ["the ", "a ", "an "];
    private const int MaximumArticleGlossWords = 6;

    /// <param name="text">The whole reply text.</param>
    /// <param name="start">Where the term starts.</param>
    /// <param name="end">Where the term ends (exclusive).</param>
    public static bool IsExplained(string text, int start, int end)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (start > 0 && text[start - 1] is '(' or '[') return true;
        var after = end;
        while (after < text.Length && text[after] == ' ') after++;
        if (after >= text.Length) return false;
        if (text[after] is '(' or '[') return true;
        // A dash with a space after it introduces the meaning; a hyphen inside a word ("SLA-based") does not.
        if (text[after] is '\u2013' or '\u2014' || (text[after] == '-' && after > end && after + 1 < text.Length && text[after + 1] == ' '))
            return true;
        if (text[after] != ',') return false;
        var rest = text.AsSpan(after + 1).TrimStart();
        foreach (var opening in GlossStarts)
            if (rest.StartsWith(opening, StringComparison.OrdinalIgnoreCase)) return true;
        foreach (var opening in ArticleStarts)
            if (rest.StartsWith(opening, StringComparison.OrdinalIgnoreCase)) return IsShortClosedPhrase(rest);
        return false;
    }

    private static bool IsShortClosedPhrase(ReadOnlySpan<char> rest)
    {
        var close = rest.IndexOfAny(",;:.!?)\u2013\u2014");
        if (close < 0 || rest[close] is ';' or ':' or '.' or '!' or '?') return false;
        var words = 0;
        foreach (var _ in rest[..close].Split(' ')) words++;
        return words <= MaximumArticleGlossWords;
    }
}
