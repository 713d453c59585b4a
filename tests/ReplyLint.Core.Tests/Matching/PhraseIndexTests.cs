using System.Text.Json;
using ReplyLint.Core.Matching;
using ReplyLint.Core.Structure;
using Xunit;

namespace ReplyLint.Core.Tests.Matching;

/// <summary>The index is a shortcut: it must find what trying every pattern at every word finds, in the same order.</summary>
public sealed class PhraseIndexTests
{
    [Fact]
    public void The_index_finds_exactly_what_trying_every_pattern_at_every_word_finds()
    {
        var index = PhraseRuleSet.Default.Index;
        var replies = Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "data", "eval"), "*.jsonl").Order(StringComparer.Ordinal)
            .SelectMany(File.ReadLines).Where(line => line.Length > 0)
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("text").GetString()!)
            .Append("You are not wrong, you are wrong. As I already said, we reserve the right. Apologies! I was never informed.")
            .ToList();
        var total = 0;
        foreach (var reply in replies)
        {
            var document = ReplyDocument.Parse(reply);
            var found = new List<PhraseMatch>();
            index.FindAll(document, found);
            var expected = TryEveryPattern(index.Patterns, document);
            // Same set; and per start word, the same order (the index tries one word's candidates in catalog order).
            Assert.Equal(expected.OrderBy(m => (m.FirstWord, m.Pattern.GetHashCode(), m.LastWord)).Select(Describe),
                found.OrderBy(m => (m.FirstWord, m.Pattern.GetHashCode(), m.LastWord)).Select(Describe));
            foreach (var word in found.Select(m => m.FirstWord).Distinct())
                Assert.Equal(expected.Where(m => m.FirstWord == word).Select(Describe), found.Where(m => m.FirstWord == word).Select(Describe));
            total += found.Count;
        }
        Assert.True(total > 1000, $"only {total} matches: the reply files no longer exercise the index");
    }

    private static string Describe(PhraseMatch m) => $"{m.Pattern.Source}@{m.FirstWord}-{m.LastWord}";

    /// <summary>The plain reading of the pattern syntax, with no index: every pattern from every word of each sentence.</summary>
    private static List<PhraseMatch> TryEveryPattern(IReadOnlyList<PhrasePattern> patterns, ReplyDocument document)
    {
        var words = document.Words.ToArray();
        var matches = new List<PhraseMatch>();
        foreach (var sentence in document.Sentences)
        {
            var end = sentence.FirstWord + sentence.WordCount;
            for (var i = sentence.FirstWord; i < end; i++)
            {
                // Exact words first, then prefixes: the index reports a word's exact-word candidates before its prefix ones.
                foreach (var byPrefix in new[] { false, true })
                    foreach (var pattern in patterns)
                    {
                        var first = pattern.Slots[0];
                        var startsHere = byPrefix
                            ? first.Prefixes.Any(p => words[i].Norm.StartsWith(p, StringComparison.Ordinal))
                            : first.Words?.Contains(words[i].Norm) == true;
                        if (!startsHere) continue;
                        var last = Match(pattern.Slots, 1, words, i + 1, end);
                        if (last >= 0) matches.Add(new PhraseMatch(pattern, sentence.Index, i, Math.Max(i, last)));
                    }
            }
        }
        return matches;
    }

    private static int Match(PatternSlot[] slots, int slot, Token[] words, int at, int end)
    {
        if (slot == slots.Length) return at - 1;
        var current = slots[slot];
        if (current.IsGap)
        {
            for (var skip = 0; skip <= current.GapMax && at + skip <= end; skip++)
            {
                if (skip > 0 && PhraseIndex.Negations.Contains(words[at + skip - 1].Norm)) break;
                var last = Match(slots, slot + 1, words, at + skip, end);
                if (last >= 0) return last;
            }
            return -1;
        }
        var accepts = at < end && (current.Words?.Contains(words[at].Norm) == true
            || current.Prefixes.Any(p => words[at].Norm.StartsWith(p, StringComparison.Ordinal)));
        if (accepts)
        {
            var last = Match(slots, slot + 1, words, at + 1, end);
            if (last >= 0) return last;
        }
        return current.Optional ? Match(slots, slot + 1, words, at, end) : -1;
    }
}
