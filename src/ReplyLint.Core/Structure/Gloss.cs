namespace ReplyLint.Core.Structure;

/// <summary>
/// Whether a term is explained where it stands (LABELLING.md: "an abbreviation that is explained … is not jargon"):
/// in brackets after its expansion ("turnaround time (TAT)"), followed by its meaning in brackets ("RMA (return
/// authorisation)"), between dashes ("RMA – your returns number –"), by "which is / i.e. / short for …" ("SLA, which is
/// our promise on repair times"), or by a short apposition closed by a comma, dash or bracket ("the NOC, our network
/// team, is …"), not by the next clause ("per the SLA, our technician will attend"). RL3004's guard and the tone
/// model's unexplained-abbreviation feature both ask this.
/// </summary>
internal static class Gloss
{
    // Openings that say outright that an explanation follows.
    private static readonly string[] ExplanationStarts = ["which is ", "which means ", "which stands ", "i.e.", "ie ", "short for ", "that is ", "aka "];
    // "the NOC, our network control centre, is …" is an apposition; "per the SLA, our technician will attend" is the
    // next clause: after these, only a short noun phrase closed by a comma, dash or bracket counts.
    private static readonly string[] AppositionStarts = ["our ", "the ", "a ", "an ", "meaning "];
    private const int MaximumAppositionWords = 8;
    // A verb makes the phrase a clause, not a name for the term ("the engineers will decide,").
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> ClauseWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "is", "are", "was", "were", "be", "been", "will", "would", "can", "could", "should", "must", "may", "might", "shall",
        "has", "have", "had", "do", "does", "did", "you", "we", "i", "they", "he", "she", "it", "you're", "we'll", "we're",
    }.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <param name="text">The whole reply text.</param>
    /// <param name="start">Where the term starts.</param>
    /// <param name="end">Where the term ends (exclusive).</param>
    public static bool IsExplained(string text, int start, int end)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (start < 0 || end < start || end > text.Length) throw new ArgumentOutOfRangeException(nameof(end), "the term must lie inside the text");
        // "(TAT)" right after its expansion: the whole bracket is the term.
        if (start > 0 && text[start - 1] is '(' or '[' && end < text.Length && text[end] is ')' or ']') return true;
        var after = end;
        while (after < text.Length && text[after] is ' ' or '\t' or '\u00A0') after++;
        if (after >= text.Length) return false;
        if (text[after] is '(' or '[') return true;
        var rest = text.AsSpan(after + 1);
        // "RMA – your returns number – on the box": a dash opens the meaning when another dash or a bracket closes it.
        if (text[after] is '\u2013' or '\u2014' || (text[after] == '-' && after > end)) return IsShortClosedPhrase(rest.TrimStart());
        if (text[after] != ',') return false;
        rest = rest.TrimStart();
        foreach (var opening in ExplanationStarts)
            if (rest.StartsWith(opening, StringComparison.OrdinalIgnoreCase)) return true;
        foreach (var opening in AppositionStarts)
            if (rest.StartsWith(opening, StringComparison.OrdinalIgnoreCase)) return IsShortClosedPhrase(rest);
        return false;
    }

    private static bool IsShortClosedPhrase(ReadOnlySpan<char> rest)
    {
        var close = rest.IndexOfAny(",;:.!?)\u2013\u2014-");
        if (close < 0 || rest[close] is ';' or ':' or '.' or '!' or '?') return false;
        var words = 0;
        var phrase = rest[..close];
        foreach (var range in phrase.Split(' '))
        {
            var word = phrase[range];
            if (word.IsEmpty) continue;
            if (ClauseWords.Contains(word)) return false;
            words++;
        }
        return words is > 0 and <= MaximumAppositionWords;
    }
}
