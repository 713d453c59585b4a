using System.Globalization;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ReplyLint.Classifier.Scoring;

/// <summary>
/// The trained text featurizer (ML.NET's <c>FeaturizeText</c> with the trainer's options, then the core features)
/// computed directly: lower-cased text without punctuation or digits, word unigrams and bigrams and character
/// trigrams looked up in the vocabularies read from the featurizer's slot names, counts scaled to unit length per
/// block. ML.NET's <c>PredictionEngine</c> spends most of its ~7 µs a sentence moving columns; this takes ~1 µs.
/// <para>
/// It covers the common case only: a sentence with a character whose normalization or slot naming is not
/// reproduced here (see <see cref="IsReproduced"/>; punctuation of any script is removed first) is left to ML.NET
/// (<see cref="TryFeaturize"/> returns false). <see cref="ToneModel"/> also checks it against ML.NET on a sample
/// when loading, and tests check it on every training sentence.
/// </para>
/// </summary>
internal sealed class CompiledFeaturizer
{
    private const char Start = '\u0002', End = '\u0003';
    private const string SlotPrefix = "TextFeatures.";
    /// <summary>How ML.NET's character tokenizer names a surrogate's slot (any surrogate: the same name).</summary>
    internal const string EscapedCharName = "\\u4X";

    private readonly TrigramTable _charTrigrams;
    private readonly WordTable _words;
    private readonly int _charBlockEnd;
    private readonly int _wordBlockEnd;

    private CompiledFeaturizer(Dictionary<ulong, int> charTrigrams, Dictionary<string, int> words, int charBlockEnd, int wordBlockEnd, bool takesSurrogates)
    {
        _charTrigrams = new TrigramTable(charTrigrams);
        _words = new WordTable(words);
        _charBlockEnd = charBlockEnd;
        _wordBlockEnd = wordBlockEnd;
        TakesSurrogates = takesSurrogates;
    }

    /// <summary>
    /// False when the vocabulary holds a character trigram with an emoji: ML.NET names every surrogate's slot
    /// "\u4X" (its format string lacks the hex digits' order), so which emoji a slot holds cannot be read back, and
    /// sentences with emoji go to ML.NET.
    /// </summary>
    public bool TakesSurrogates { get; }

    /// <summary>Where the core features start in the vector.</summary>
    public int CoreOffset => _wordBlockEnd;

    /// <summary>
    /// Reads the vocabularies from the slot names of the featurizer's output: character trigrams first, then word
    /// n-grams, then <paramref name="coreCount"/> unnamed core features. Null, with the reason, when the layout is
    /// not the one this class reproduces.
    /// </summary>
    public static CompiledFeaturizer? TryCreate(DataViewSchema.Column features, int coreCount, out string? whyNot)
    {
        whyNot = null;
        if (features.Type is not VectorDataViewType { Size: > 0 } vector)
        {
            whyNot = "the features column is not a fixed-size vector";
            return null;
        }
        VBuffer<ReadOnlyMemory<char>> names = default;
        try
        {
            features.GetSlotNames(ref names);
        }
        catch (InvalidOperationException)
        {
            whyNot = "the features column has no slot names";
            return null;
        }
        var slots = names.DenseValues().Select(n => n.ToString()).ToArray();
        if (slots.Length != vector.Size)
        {
            whyNot = "the slot names do not cover the vector";
            return null;
        }

        var chars = new Dictionary<ulong, int>();
        var words = new Dictionary<string, int>(StringComparer.Ordinal);
        var slot = 0;
        var takesSurrogates = true;
        for (; slot < slots.Length && slots[slot].StartsWith(SlotPrefix + "Char.", StringComparison.Ordinal); slot++)
        {
            if (slots[slot].Contains(EscapedCharName, StringComparison.Ordinal))
            {
                takesSurrogates = false; // an emoji trigram: left unmapped, and emoji sentences to ML.NET
                continue;
            }
            var name = ReadTrigram(slots[slot].AsSpan(SlotPrefix.Length + 5), out var key);
            // A trigram with a character left to ML.NET (a letter of another script, ß; accents never reach a slot, ML.NET
            // strips them) can only come from a sentence that goes to ML.NET anyway: left unmapped, so multilingual
            // training data does not cost the fast path.
            if (name == TrigramName.HoldsCharacterLeftToMlNet) continue;
            if (name == TrigramName.Unreadable || !chars.TryAdd(key, slot))
            {
                whyNot = $"character slot {slot} is not a trigram this class reads"; // by number: slot names are training text
                return null;
            }
        }
        var charBlockEnd = slot;
        for (; slot < slots.Length && slots[slot].StartsWith(SlotPrefix + "Word.", StringComparison.Ordinal); slot++)
        {
            var gram = slots[slot][(SlotPrefix.Length + 5)..];
            var parts = gram.Split('|');
            // As for trigrams: a word with a character left to ML.NET only comes from sentences that go to ML.NET.
            if (parts.Length is 1 or 2 && parts.Any(p => p.Any(c => !IsReproduced(c)))) continue;
            if (parts.Length is < 1 or > 2 || parts.Any(p => p.Length == 0) || !words.TryAdd(string.Join(' ', parts), slot))
            {
                whyNot = $"word slot {slot} is not a unigram or bigram this class reads";
                return null;
            }
        }
        var wordBlockEnd = slot;
        if (charBlockEnd == 0 || wordBlockEnd == charBlockEnd || slots.Length - wordBlockEnd != coreCount)
        {
            whyNot = "the vector is not character trigrams, then word n-grams, then the core features";
            return null;
        }
        return new CompiledFeaturizer(chars, words, charBlockEnd, wordBlockEnd, takesSurrogates);
    }

    /// <summary>
    /// Writes the sentence's features into <paramref name="row"/> (which must be empty); false, with nothing
    /// written, when the sentence holds a character this class leaves to ML.NET.
    /// </summary>
    public bool TryFeaturize(string text, ReadOnlySpan<float> coreFeatures, SparseFeatureRow row)
    {
        // Lower case, without punctuation and digits: ML.NET's TextNormalizer with the trainer's options.
        var buffer = text.Length <= 512 ? stackalloc char[text.Length] : new char[text.Length];
        var length = 0;
        foreach (var c in text)
        {
            if (char.IsPunctuation(c) || char.IsNumber(c)) continue;
            if (!IsReproduced(c) || (char.IsSurrogate(c) && !TakesSurrogates)) return false;
            // ML.NET lower-cases with ToLowerInvariant: besides A-Z, that changes the circled capitals (U+24B6-U+24CF).
            buffer[length++] = char.ToLowerInvariant(c);
        }
        var normalized = buffer[..length];
        if (normalized.IsEmpty) return false;

        // Character trigrams over the text between start and end markers.
        var previous2 = Start;
        var previous1 = normalized[0];
        for (var i = 1; i <= normalized.Length; i++)
        {
            var current = i < normalized.Length ? normalized[i] : End;
            if (_charTrigrams.TryGetValue(Pack(previous2, previous1, current), out var index)) row.Add(index, 1);
            previous2 = previous1;
            previous1 = current;
        }
        row.ScaleToUnitLength(0, _charBlockEnd);

        // Words split on spaces; unigrams and bigrams of adjacent words.
        Span<char> bigram = stackalloc char[128];
        scoped ReadOnlySpan<char> last = default;
        var rest = normalized;
        while (!rest.IsEmpty)
        {
            var space = rest.IndexOf(' ');
            var word = space < 0 ? rest : rest[..space];
            rest = space < 0 ? default : rest[(space + 1)..];
            if (word.IsEmpty) continue;
            if (_words.TryGetValue(word, out var index)) row.Add(index, 1);
            if (!last.IsEmpty)
            {
                if (last.Length + word.Length + 1 > bigram.Length) bigram = new char[last.Length + word.Length + 1];
                last.CopyTo(bigram);
                bigram[last.Length] = ' ';
                word.CopyTo(bigram[(last.Length + 1)..]);
                if (_words.TryGetValue(bigram[..(last.Length + word.Length + 1)], out index)) row.Add(index, 1);
            }
            last = word;
        }
        row.ScaleToUnitLength(_charBlockEnd, _wordBlockEnd);

        for (var i = 0; i < coreFeatures.Length; i++)
            if (coreFeatures[i] != 0) row.Add(_wordBlockEnd + i, coreFeatures[i]);
        return true;
    }

    /// <summary>
    /// Characters whose normalization and slot naming this class reproduces: printable ASCII but '|' (the n-gram
    /// separator in slot names); the no-break space and the Latin-1 symbols (£, ©, °, ...); symbols from U+2000 on
    /// (€, ™, →, ☀); and emoji (surrogate halves, the variation selector U+FE0F, the zero-width joiner). ML.NET's
    /// normalizer keeps them, lower-cased, and names their slots by the character itself, except surrogates (see
    /// <see cref="TakesSurrogates"/>); a test sweeps every character against ML.NET. Emoji are common in chat and
    /// social replies, and each sentence left to ML.NET costs ~30 µs. Letters with diacritics or of other scripts,
    /// marks, control and format characters go to ML.NET.
    /// </summary>
    internal static bool IsReproduced(char c) =>
        c is (>= ' ' and <= '~' and not '|') or (>= '\u00A0' and <= '\u00BF' and not '\u00AD') or '\uFE0F' or '\u200D'
        || char.IsSurrogate(c)
        || (c >= '\u2000' && char.GetUnicodeCategory(c) is UnicodeCategory.OtherSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.MathSymbol);

    private static ulong Pack(char a, char b, char c) => (ulong)a << 32 | (ulong)b << 16 | c;

    private enum TrigramName { Read, HoldsCharacterLeftToMlNet, Unreadable }

    /// <summary>
    /// Reads a character trigram slot name, "a|b|&lt;␠&gt;" (three tokens, each one character or a marker: start, end,
    /// space), into its key. '|' is never a character here (it separates the three): a name with one is unreadable,
    /// and so the whole featurizer is refused rather than guessing.
    /// </summary>
    private static TrigramName ReadTrigram(ReadOnlySpan<char> name, out ulong key)
    {
        key = 0;
        var leftToMlNet = false;
        Span<char> tokens = stackalloc char[3];
        for (var t = 0; t < 3; t++)
        {
            if (t > 0)
            {
                if (name.IsEmpty || name[0] != '|') return TrigramName.Unreadable;
                name = name[1..];
            }
            if (name.StartsWith("<␂>")) { tokens[t] = Start; name = name[3..]; }
            else if (name.StartsWith("<␃>")) { tokens[t] = End; name = name[3..]; }
            else if (name.StartsWith("<␠>")) { tokens[t] = ' '; name = name[3..]; }
            else if (name.IsEmpty || name[0] is ' ' or '|' || char.IsSurrogate(name[0])) return TrigramName.Unreadable;
            else
            {
                leftToMlNet |= !IsReproduced(name[0]);
                tokens[t] = name[0];
                name = name[1..];
            }
        }
        if (!name.IsEmpty) return TrigramName.Unreadable;
        if (leftToMlNet) return TrigramName.HoldsCharacterLeftToMlNet;
        key = Pack(tokens[0], tokens[1], tokens[2]);
        return TrigramName.Read;
    }
}

/// <summary>
/// Character trigram → slot, as an open-addressing table: the featurizer looks up one trigram per character,
/// and a <see cref="Dictionary{TKey,TValue}"/> lookup cost a third of its time.
/// </summary>
internal sealed class TrigramTable
{
    private const ulong Empty = ulong.MaxValue;
    private readonly ulong[] _keys;
    private readonly int[] _slots;
    private readonly int _shift;

    public TrigramTable(IReadOnlyDictionary<ulong, int> entries)
    {
        var bits = Math.Max(4, (int)Math.Ceiling(Math.Log2(Math.Max(1, entries.Count) * 2.0)));
        _keys = new ulong[1 << bits];
        _slots = new int[1 << bits];
        _shift = 64 - bits;
        Array.Fill(_keys, Empty);
        foreach (var (key, slot) in entries)
        {
            var i = Home(key);
            while (_keys[i] != Empty) i = (i + 1) & (_keys.Length - 1);
            _keys[i] = key;
            _slots[i] = slot;
        }
    }

    public bool TryGetValue(ulong key, out int slot)
    {
        var keys = _keys;
        for (var i = Home(key); ; i = (i + 1) & (keys.Length - 1))
        {
            if (keys[i] == key)
            {
                slot = _slots[i];
                return true;
            }
            if (keys[i] == Empty)
            {
                slot = -1;
                return false;
            }
        }
    }

    private int Home(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> _shift);
}

/// <summary>
/// Word n-gram (words joined by a space) → slot, as an open-addressing table looked up by a span: the featurizer
/// looks up two n-grams per word, and a <see cref="Dictionary{TKey,TValue}"/> alternate lookup cost a fifth of the
/// model's time.
/// </summary>
internal sealed class WordTable
{
    private readonly string?[] _keys;
    private readonly uint[] _hashes;
    private readonly int[] _slots;
    private readonly int _mask;

    public WordTable(IReadOnlyDictionary<string, int> entries)
    {
        var size = 16;
        while (size < entries.Count * 2) size *= 2;
        _keys = new string?[size];
        _hashes = new uint[size];
        _slots = new int[size];
        _mask = size - 1;
        foreach (var (key, slot) in entries)
        {
            var hash = Hash(key);
            var i = (int)(hash & (uint)_mask);
            while (_keys[i] is not null) i = (i + 1) & _mask;
            (_keys[i], _hashes[i], _slots[i]) = (key, hash, slot);
        }
    }

    public bool TryGetValue(ReadOnlySpan<char> key, out int slot)
    {
        var hash = Hash(key);
        for (var i = (int)(hash & (uint)_mask); ; i = (i + 1) & _mask)
        {
            var candidate = _keys[i];
            if (candidate is null)
            {
                slot = -1;
                return false;
            }
            if (_hashes[i] == hash && key.SequenceEqual(candidate))
            {
                slot = _slots[i];
                return true;
            }
        }
    }

    // FNV-1a over the UTF-16 code units, then mixed so that the low bits (the table index) depend on every char.
    private static uint Hash(ReadOnlySpan<char> text)
    {
        var hash = 2166136261u;
        foreach (var c in text) hash = (hash ^ c) * 16777619u;
        return hash ^ (hash >> 15);
    }
}
