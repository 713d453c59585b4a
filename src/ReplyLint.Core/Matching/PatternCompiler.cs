using System.Collections.Frozen;
using ReplyLint.Core.Structure;

namespace ReplyLint.Core.Matching;

/// <summary>Turns pattern text into slots; an error names the pattern and what is wrong with it.</summary>
internal sealed class PatternCompiler
{
    private readonly IReadOnlyDictionary<string, string[]> _macros;

    public PatternCompiler(IReadOnlyDictionary<string, string[]> macros) => _macros = macros;

    /// <summary>Compiles a pattern; an optional first slot yields a second variant without it.</summary>
    public IEnumerable<PatternSlot[]> Compile(string pattern)
    {
        var slots = new List<PatternSlot>();
        foreach (var piece in pattern.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (piece.StartsWith("...", StringComparison.Ordinal))
            {
                var max = piece.Length == 3 ? 3 : int.TryParse(piece.AsSpan(3), out var n) && n is > 0 and <= 8 ? n
                    : throw new FormatException($"pattern '{pattern}': a gap is '...' or '...N' with N from 1 to 8, not '{piece}'");
                if (slots.Count == 0) throw new FormatException($"pattern '{pattern}' cannot start with a gap");
                slots.Add(new PatternSlot { GapMax = max });
                continue;
            }
            var optional = piece.EndsWith('?');
            var body = optional ? piece[..^1] : piece;
            if (body.Length == 0) throw new FormatException($"pattern '{pattern}' has an empty word");
            var alternatives = body.Split('|');
            if (alternatives.Length == 1 && !body.StartsWith('{') && !body.EndsWith('*'))
            {
                // A plain word may be a contraction that stands for two slots ("you're" = "you are").
                var parts = NormalizeWords(pattern, body);
                if (parts.Count > 1 && optional)
                    throw new FormatException($"pattern '{pattern}': the contraction '{body}' cannot be optional; write its words");
                foreach (var part in parts)
                    slots.Add(new PatternSlot { Words = FrozenSet.Create(StringComparer.Ordinal, part), Optional = optional });
                continue;
            }
            var words = new HashSet<string>(StringComparer.Ordinal);
            var prefixes = new List<string>();
            foreach (var alternative in alternatives)
            {
                if (alternative.StartsWith('{') && alternative.EndsWith('}'))
                {
                    var name = alternative[1..^1];
                    if (!_macros.TryGetValue(name, out var expansion))
                        throw new FormatException($"pattern '{pattern}' uses the unknown macro {{{name}}}");
                    foreach (var word in expansion) AddWord(pattern, word, words, prefixes);
                }
                else
                {
                    AddWord(pattern, alternative, words, prefixes);
                }
            }
            slots.Add(new PatternSlot { Words = words.ToFrozenSet(StringComparer.Ordinal), Prefixes = [.. prefixes], Optional = optional });
        }
        if (slots.Count == 0 || slots.All(s => s.Optional || s.IsGap))
            throw new FormatException($"pattern '{pattern}' has no required word");
        if (slots[^1].IsGap) throw new FormatException($"pattern '{pattern}' cannot end with a gap");

        yield return [.. slots];
        // The index is keyed by the first slot, so an optional first slot becomes a second pattern without it.
        var rest = slots;
        while (rest.Count > 1 && rest[0].Optional)
        {
            rest = rest.Skip(1).ToList();
            if (rest[0].IsGap) break;
            yield return [.. rest];
        }
    }

    private static void AddWord(string pattern, string word, HashSet<string> words, List<string> prefixes)
    {
        if (word.EndsWith('*'))
        {
            var prefix = word[..^1].ToLowerInvariant();
            if (prefix.Length < 2) throw new FormatException($"pattern '{pattern}': the prefix '{word}' is too short");
            prefixes.Add(prefix);
            return;
        }
        var parts = NormalizeWords(pattern, word);
        if (parts.Count != 1)
            throw new FormatException($"pattern '{pattern}': the alternative '{word}' is more than one word; write a second pattern");
        words.Add(parts[0]);
    }

    /// <summary>
    /// A pattern word's normalized words ("you're" is "you", "are"; "again," is "again": punctuation between words is
    /// skipped in matching, so it may stand in a pattern). The matcher walks words only, so a piece with no word, or
    /// with an emoji or symbol in it ("😡", "war🙄"), would never match as written: that is refused, not dropped.
    /// </summary>
    private static List<string> NormalizeWords(string pattern, string word)
    {
        var tokens = new List<Token>();
        Tokenizer.Tokenize(word, new Text.TextSpan(0, word.Length), tokens);
        var words = tokens.Where(t => t.IsWord).Select(t => t.Norm).ToList();
        if (words.Count == 0 || tokens.Exists(t => !t.IsWord && t.Kind != TokenKind.Punctuation))
            throw new FormatException($"pattern '{pattern}': '{word}' is not a word; patterns match words, never emoji or symbols");
        return words;
    }
}
