using System.Buffers;
using System.Collections.Frozen;
using ReplyLint.Core.Structure;

namespace ReplyLint.Core.Matching;

/// <summary>A match of one pattern: words <c>[FirstWord..LastWord]</c> of the document, in one sentence.</summary>
internal readonly record struct PhraseMatch(PhrasePattern Pattern, int Sentence, int FirstWord, int LastWord);

/// <summary>
/// Every pattern of the catalog, indexed by the words its first slot accepts, so one pass over the words of a
/// reply tries only the few patterns that can start at each word. Cost grows with the length of the reply, not
/// with the size of the catalog.
/// <para>
/// Every word a slot names gets a number once, when the index is built, and each word of a reply is looked up once
/// per pass; slots then compare numbers. Hashing the word again for every candidate slot was a quarter of the
/// engine's time on varied replies.
/// </para>
/// </summary>
internal sealed class PhraseIndex
{
    public static readonly FrozenSet<string> Negations = FrozenSet.Create(StringComparer.Ordinal,
        "not", "never", "no", "nor", "neither", "hardly", "barely", "without");

    private const int NotNamed = -1;

    private readonly FrozenDictionary<string, int> _wordNumbers;
    private readonly bool[] _isNegation;                         // by word number
    /// <summary>By the first two words' numbers: patterns whose second slot is one required word from a list.</summary>
    private readonly FrozenDictionary<long, IndexedPattern[]> _byFirstTwoWords;
    /// <summary>By the first word's number: the other patterns (second slot optional, a gap, a prefix, or none).</summary>
    private readonly IndexedPattern[][] _byFirstWordOnly;
    /// <summary>Patterns whose first slot is a prefix ("apolog*"), by the prefix's first letter.</summary>
    private readonly FrozenDictionary<char, IndexedPattern[]> _byPrefix;

    public PhraseIndex(IEnumerable<PhrasePattern> patterns)
    {
        Patterns = patterns.ToList();
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        int Number(string word) => numbers.TryGetValue(word, out var n) ? n : numbers[word] = numbers.Count;
        foreach (var negation in Negations) Number(negation);
        var indexed = Patterns.Select((p, order) => new IndexedPattern(p, order,
            p.Slots.Select(s => new NumberedSlot(s, s.Words is null ? [] : s.Words.Select(Number).Order().ToArray())).ToArray())).ToList();

        var byWordOnly = new List<IndexedPattern>?[numbers.Count];
        var byTwoWords = new Dictionary<long, List<IndexedPattern>>();
        var byPrefix = new Dictionary<char, List<IndexedPattern>>();
        foreach (var pattern in indexed)
        {
            var first = pattern.Slots[0];
            foreach (var letter in first.Prefixes.Select(p => p[0]).Distinct())
            {
                if (!byPrefix.TryGetValue(letter, out var list)) byPrefix[letter] = list = [];
                list.Add(pattern);
            }
            var second = pattern.Slots.Length > 1 ? pattern.Slots[1] : null;
            foreach (var word in first.Words)
            {
                if (second is { IsOneRequiredWord: true })
                {
                    foreach (var next in second.Words)
                    {
                        if (!byTwoWords.TryGetValue(Pair(word, next), out var list)) byTwoWords[Pair(word, next)] = list = [];
                        list.Add(pattern);
                    }
                }
                else (byWordOnly[word] ??= []).Add(pattern);
            }
        }
        _wordNumbers = numbers.ToFrozenDictionary(StringComparer.Ordinal);
        _isNegation = new bool[numbers.Count];
        foreach (var negation in Negations) _isNegation[numbers[negation]] = true;
        _byFirstWordOnly = byWordOnly.Select(l => l?.ToArray() ?? []).ToArray();
        _byFirstTwoWords = byTwoWords.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray());
        _byPrefix = byPrefix.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray());
        Count = indexed.Sum(p => p.Slots[0].Words.Length) + byPrefix.Values.Sum(l => l.Count);
    }

    private static long Pair(int first, int second) => (long)first << 32 | (uint)second;

    public int Count { get; }

    /// <summary>Every pattern, in catalog order.</summary>
    public IReadOnlyList<PhrasePattern> Patterns { get; }

    public void FindAll(ReplyDocument document, List<PhraseMatch> matches)
    {
        var words = document.Words;
        var rented = ArrayPool<int>.Shared.Rent(words.Length);
        try
        {
            var numbers = rented.AsSpan(0, words.Length);
            for (var i = 0; i < words.Length; i++)
                numbers[i] = _wordNumbers.TryGetValue(words[i].Norm, out var n) ? n : NotNamed;
            var reply = new Reply(words, numbers, _isNegation);
            foreach (var sentence in document.Sentences)
            {
                var end = sentence.FirstWord + sentence.WordCount;
                for (var i = sentence.FirstWord; i < end; i++)
                {
                    if (numbers[i] != NotNamed)
                    {
                        var wordOnly = _byFirstWordOnly[numbers[i]];
                        var twoWords = i + 1 < end && numbers[i + 1] != NotNamed
                            && _byFirstTwoWords.TryGetValue(Pair(numbers[i], numbers[i + 1]), out var found) ? found : [];
                        // Both lists are in catalog order; walked merged, matches come out in that order as before.
                        for (int a = 0, b = 0; a < wordOnly.Length || b < twoWords.Length;)
                        {
                            var pattern = b == twoWords.Length || (a < wordOnly.Length && wordOnly[a].Order < twoWords[b].Order)
                                ? wordOnly[a++] : twoWords[b++];
                            var last = MatchFrom(pattern.Slots, 1, reply, i + 1, end);
                            if (last >= 0) matches.Add(new PhraseMatch(pattern.Pattern, sentence.Index, i, Math.Max(i, last)));
                        }
                    }
                    var norm = words[i].Norm;
                    if (norm.Length == 0 || !_byPrefix.TryGetValue(norm[0], out var prefixed)) continue;
                    foreach (var pattern in prefixed)
                    {
                        if (!pattern.Slots[0].Accepts(reply, i)) continue;
                        var last = MatchFrom(pattern.Slots, 1, reply, i + 1, end);
                        if (last >= 0) matches.Add(new PhraseMatch(pattern.Pattern, sentence.Index, i, Math.Max(i, last)));
                    }
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rented);
        }
    }

    /// <summary>Matches slots[slot..] from word <paramref name="at"/>; returns the last word matched, or -1.</summary>
    private static int MatchFrom(NumberedSlot[] slots, int slot, in Reply reply, int at, int end)
    {
        if (slot == slots.Length) return at - 1;
        var current = slots[slot];
        if (current.GapMax > 0)
        {
            for (var skip = 0; skip <= current.GapMax && at + skip <= end; skip++)
            {
                if (skip > 0 && reply.IsNegation(at + skip - 1)) break;
                var last = MatchFrom(slots, slot + 1, reply, at + skip, end);
                if (last >= 0) return last;
            }
            return -1;
        }
        if (at < end && current.Accepts(reply, at))
        {
            var last = MatchFrom(slots, slot + 1, reply, at + 1, end);
            if (last >= 0) return last;
        }
        return current.Optional ? MatchFrom(slots, slot + 1, reply, at, end) : -1;
    }

    /// <summary>The reply's words with their numbers in this index (<see cref="NotNamed"/> when no slot names them).</summary>
    private readonly ref struct Reply(ReadOnlySpan<Token> words, ReadOnlySpan<int> numbers, bool[] isNegation)
    {
        public readonly ReadOnlySpan<Token> Words = words;
        public readonly ReadOnlySpan<int> Numbers = numbers;

        public bool IsNegation(int word) => Numbers[word] != NotNamed && isNegation[Numbers[word]];
    }

    /// <summary>A pattern with its slots numbered, and its place in the catalog (<c>Order</c>).</summary>
    private sealed record IndexedPattern(PhrasePattern Pattern, int Order, NumberedSlot[] Slots);

    /// <summary>A <see cref="PatternSlot"/> with its words as sorted numbers.</summary>
    private sealed class NumberedSlot(PatternSlot slot, int[] words)
    {
        public int[] Words { get; } = words;
        public string[] Prefixes { get; } = slot.Prefixes;
        public bool Optional { get; } = slot.Optional;
        public int GapMax { get; } = slot.GapMax;
        /// <summary>Exactly one word, from a list: no option, gap or prefix.</summary>
        public bool IsOneRequiredWord => !Optional && GapMax == 0 && Prefixes.Length == 0 && Words.Length > 0;

        public bool Accepts(in Reply reply, int word)
        {
            var number = reply.Numbers[word];
            if (number != NotNamed && (Words.Length <= 8 ? Words.AsSpan().Contains(number) : Array.BinarySearch(Words, number) >= 0))
                return true;
            foreach (var prefix in Prefixes)
                if (reply.Words[word].Norm.StartsWith(prefix, StringComparison.Ordinal)) return true;
            return false;
        }
    }
}
