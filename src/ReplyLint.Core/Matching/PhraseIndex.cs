using System.Collections.Frozen;
using ReplyLint.Core.Structure;

namespace ReplyLint.Core.Matching;

/// <summary>A match of one pattern: words <c>[FirstWord..LastWord]</c> of the document, in one sentence.</summary>
internal readonly record struct PhraseMatch(PhrasePattern Pattern, int Sentence, int FirstWord, int LastWord);

/// <summary>
/// Every pattern of the catalog, indexed by the words its first slot accepts, so one pass over the words of a
/// reply tries only the few patterns that can start at each word. Cost grows with the length of the reply, not
/// with the size of the catalog.
/// </summary>
internal sealed class PhraseIndex
{
    public static readonly FrozenSet<string> Negations = FrozenSet.Create(StringComparer.Ordinal,
        "not", "never", "no", "nor", "neither", "hardly", "barely", "without");

    private readonly FrozenDictionary<string, PhrasePattern[]> _byFirstWord;
    /// <summary>Patterns whose first slot is a prefix ("apolog*"), by the prefix's first letter.</summary>
    private readonly FrozenDictionary<char, PhrasePattern[]> _byPrefix;

    public PhraseIndex(IEnumerable<PhrasePattern> patterns)
    {
        var byWord = new Dictionary<string, List<PhrasePattern>>(StringComparer.Ordinal);
        var byPrefix = new Dictionary<char, List<PhrasePattern>>();
        foreach (var pattern in patterns)
        {
            var first = pattern.Slots[0];
            foreach (var letter in first.Prefixes.Select(p => p[0]).Distinct())
            {
                if (!byPrefix.TryGetValue(letter, out var list)) byPrefix[letter] = list = [];
                list.Add(pattern);
            }
            foreach (var word in first.Words ?? FrozenSet<string>.Empty)
            {
                if (!byWord.TryGetValue(word, out var list)) byWord[word] = list = [];
                list.Add(pattern);
            }
        }
        _byFirstWord = byWord.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
        _byPrefix = byPrefix.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray());
        Count = byWord.Values.Sum(l => l.Count) + byPrefix.Values.Sum(l => l.Count);
    }

    public int Count { get; }

    public void FindAll(ReplyDocument document, List<PhraseMatch> matches)
    {
        var words = document.Words;
        foreach (var sentence in document.Sentences)
        {
            var end = sentence.FirstWord + sentence.WordCount;
            for (var i = sentence.FirstWord; i < end; i++)
            {
                if (_byFirstWord.TryGetValue(words[i].Norm, out var candidates))
                {
                    foreach (var pattern in candidates)
                    {
                        var last = MatchFrom(pattern.Slots, 1, words, i + 1, end);
                        if (last >= 0) matches.Add(new PhraseMatch(pattern, sentence.Index, i, Math.Max(i, last)));
                    }
                }
                var norm = words[i].Norm;
                if (norm.Length == 0 || !_byPrefix.TryGetValue(norm[0], out var prefixed)) continue;
                foreach (var pattern in prefixed)
                {
                    if (!pattern.Slots[0].Accepts(words[i].Norm)) continue;
                    var last = MatchFrom(pattern.Slots, 1, words, i + 1, end);
                    if (last >= 0) matches.Add(new PhraseMatch(pattern, sentence.Index, i, Math.Max(i, last)));
                }
            }
        }
    }

    /// <summary>Matches slots[slot..] from word <paramref name="at"/>; returns the last word matched, or -1.</summary>
    private static int MatchFrom(PatternSlot[] slots, int slot, ReadOnlySpan<Token> words, int at, int end)
    {
        if (slot == slots.Length) return at - 1;
        var current = slots[slot];
        if (current.IsGap)
        {
            for (var skip = 0; skip <= current.GapMax && at + skip <= end; skip++)
            {
                if (skip > 0 && Negations.Contains(words[at + skip - 1].Norm)) break;
                var last = MatchFrom(slots, slot + 1, words, at + skip, end);
                if (last >= 0) return last;
            }
            return -1;
        }
        if (at < end && current.Accepts(words[at].Norm))
        {
            var last = MatchFrom(slots, slot + 1, words, at + 1, end);
            if (last >= 0) return last;
        }
        return current.Optional ? MatchFrom(slots, slot + 1, words, at, end) : -1;
    }
}
