namespace ReplyLint.Core.Structure;

/// <summary>
/// Expands English contractions into the words a pattern is written with, so one pattern covers both
/// "you're wrong" and "you are wrong", and "isn't" carries the negation "not".
/// </summary>
internal static class Contractions
{
    private static readonly Dictionary<string, string[]> Whole = new(StringComparer.Ordinal)
    {
        ["can't"] = ["can", "not"], ["cannot"] = ["can", "not"], ["won't"] = ["will", "not"],
        ["shan't"] = ["shall", "not"], ["ain't"] = ["is", "not"], ["let's"] = ["let", "us"],
        ["y'all"] = ["you", "all"], ["dont"] = ["do", "not"], ["doesnt"] = ["does", "not"],
        ["didnt"] = ["did", "not"], ["isnt"] = ["is", "not"], ["cant"] = ["can", "not"], ["wont"] = ["will", "not"],
        ["youre"] = ["you", "are"], ["arent"] = ["are", "not"], ["wasnt"] = ["was", "not"], ["werent"] = ["were", "not"],
        ["havent"] = ["have", "not"], ["hasnt"] = ["has", "not"], ["couldnt"] = ["could", "not"],
        ["wouldnt"] = ["would", "not"], ["shouldnt"] = ["should", "not"], ["im"] = ["i", "am"], ["ive"] = ["i", "have"],
    };

    // Words whose 's is "is" (or "has"); on other words it is a possessive and is dropped.
    private static readonly HashSet<string> IsContractors = new(StringComparer.Ordinal)
    {
        "it", "that", "there", "here", "what", "he", "she", "who", "this", "where", "everything", "nothing",
        "something", "how", "why", "when", "which", "one",
    };

    // Normalized words repeat endlessly across replies: cache their expansions so tokenizing allocates
    // nothing for a word seen before. Bounded, so hostile input cannot grow it without limit.
    private const int CacheLimit = 100_000;
    private static int _cached;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string[]> Cache = new(StringComparer.Ordinal);
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string[]>.AlternateLookup<ReadOnlySpan<char>> CacheBySpan =
        Cache.GetAlternateLookup<ReadOnlySpan<char>>();

    public static string[] Expand(ReadOnlySpan<char> word)
    {
        if (CacheBySpan.TryGetValue(word, out var cached)) return cached;
        var text = new string(word);
        var parts = ExpandUncached(text);
        // ConcurrentDictionary.Count takes every lock; a counter of our own is cheap.
        if (Volatile.Read(ref _cached) < CacheLimit && word.Length <= 40 && Cache.TryAdd(text, parts)) Interlocked.Increment(ref _cached);
        return parts;
    }

    private static string[] ExpandUncached(string text)
    {
        if (Whole.TryGetValue(text, out var whole)) return whole;
        var apostrophe = text.LastIndexOf('\'');
        if (apostrophe <= 0) return [text];
        var stem = text[..apostrophe];
        var suffix = text[(apostrophe + 1)..];
        return suffix switch
        {
            "t" when stem.EndsWith('n') => [stem[..^1], "not"],
            "re" => [stem, "are"],
            "ve" => [stem, "have"],
            "ll" => [stem, "will"],
            "m" => [stem, "am"],
            "d" => [stem, "would"],
            "s" when IsContractors.Contains(stem) => [stem, "is"],
            "s" => [stem],
            _ => [text],
        };
    }
}
