using ReplyLint.Core.Catalog;
using ReplyLint.Core.Configuration;

namespace ReplyLint.Core.Matching;

/// <summary>A compiled guard list: the set it was given as (named lexicon set or a rule's own list).</summary>
internal readonly record struct GuardSet(int[] SetIndexes)
{
    public static readonly GuardSet Empty = new([]);
    public bool IsEmpty => SetIndexes.Length == 0;
}

/// <summary>A phrase rule ready to run: its catalog entry and its compiled guards.</summary>
internal sealed record CompiledPhraseRule(CatalogRule Rule, GuardSet UnlessSentence, GuardSet UnlessReply);

/// <summary>
/// The catalog's phrase rules and phrase sets compiled into one <see cref="PhraseIndex"/>. A pattern's owner is a
/// rule (owner &gt;= 0, index into <see cref="Rules"/>) or a set (owner &lt; 0, set <c>~owner</c>).
/// </summary>
internal sealed class PhraseRuleSet
{
    private readonly Dictionary<string, int> _setIndexByName;

    private PhraseRuleSet(PhraseIndex index, List<CompiledPhraseRule> rules, Dictionary<string, int> setIndexByName, int setCount,
        IReadOnlyDictionary<string, string[]> macros)
    {
        Index = index;
        Rules = rules;
        Macros = macros;
        _setIndexByName = setIndexByName;
        SetCount = setCount;
    }

    public PhraseIndex Index { get; }
    /// <summary>lexicons.json's macros by name, for code rules that read a word list rather than match a pattern.</summary>
    public IReadOnlyDictionary<string, string[]> Macros { get; }
    public IReadOnlyList<CompiledPhraseRule> Rules { get; }
    public int SetCount { get; }

    /// <summary>The index of a named lexicon set ("acknowledgement"), for code rules.</summary>
    public int SetIndex(string name) => _setIndexByName.TryGetValue(name, out var index)
        ? index
        : throw new InvalidOperationException($"lexicons.json has no set '{name}'");

    private static readonly Lazy<PhraseRuleSet> LazyDefault = new(() => Build(RuleCatalog.Default, new ReplyLintOptions()));

    /// <summary>The shipped catalog with no extra phrases: shared by every engine built that way and by the model's features.</summary>
    public static PhraseRuleSet Default => LazyDefault.Value;

    public static PatternCompiler CreateCompiler(RuleCatalog catalog) =>
        new(catalog.Lexicons.Macros.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal));

    public static PhraseRuleSet Build(RuleCatalog catalog, ReplyLintOptions options)
    {
        var compiler = CreateCompiler(catalog);
        var patterns = new List<PhrasePattern>();
        var setIndexByName = new Dictionary<string, int>(StringComparer.Ordinal);
        var setCount = 0;

        void AddPatterns(string pattern, int owner, int entry, string source, Func<string> keyPath, Catalog.JsonLocations locations)
        {
            try
            {
                foreach (var slots in compiler.Compile(pattern)) patterns.Add(new PhrasePattern(pattern, slots, owner, entry));
            }
            catch (FormatException e)
            {
                var key = keyPath();
                throw new ReplyLintConfigurationException(source, locations.LineOf(key), key, e.Message);
            }
        }

        foreach (var (name, list) in catalog.Lexicons.Sets)
        {
            var set = setCount++;
            setIndexByName[name] = set;
            for (var i = 0; i < list.Count; i++)
            {
                var k = i;
                AddPatterns(list[i], ~set, i, catalog.LexiconsSource, () => $"$.sets.{name}[{k}]", catalog.LexiconLocations);
            }
        }

        GuardSet CompileGuard(CatalogRule rule, List<string> guards, string key)
        {
            if (guards.Count == 0) return GuardSet.Empty;
            var indexes = new List<int>();
            int? ownSet = null;
            for (var i = 0; i < guards.Count; i++)
            {
                var guard = guards[i];
                if (guard.StartsWith('@'))
                {
                    if (!setIndexByName.TryGetValue(guard[1..], out var named))
                        throw new ReplyLintConfigurationException(rule.SourceName, rule.Locations.LineOf($"$.{key}[{i}]"), $"$.{key}[{i}]",
                            $"lexicons.json has no set '{guard[1..]}'");
                    indexes.Add(named);
                    continue;
                }
                ownSet ??= setCount++;
                var k = i;
                AddPatterns(guard, ~ownSet.Value, i, rule.SourceName, () => $"$.{key}[{k}]", rule.Locations);
            }
            if (ownSet is { } own) indexes.Add(own);
            return new GuardSet([.. indexes]);
        }

        var rules = new List<CompiledPhraseRule>();
        foreach (var rule in catalog.Rules)
        {
            if (rule.File.Kind != "phrase") continue;
            var owner = rules.Count;
            var entries = rule.File.Patterns;
            for (var i = 0; i < entries.Count; i++)
            {
                var k = i;
                AddPatterns(entries[i].Pattern, owner, i, rule.SourceName, () => $"$.patterns[{k}]", rule.Locations);
            }
            if (options.ExtraPhrases.FirstOrDefault(kv => string.Equals(kv.Key, rule.Descriptor.Id, StringComparison.OrdinalIgnoreCase)).Value is { } extra)
            {
                for (var i = 0; i < extra.Count; i++)
                {
                    var k = i;
                    AddPatterns(extra[i], owner, -1, "options", () => $"$.extraPhrases.{rule.Descriptor.Id}[{k}]", new Catalog.JsonLocations());
                }
            }
            rules.Add(new CompiledPhraseRule(rule,
                CompileGuard(rule, rule.File.UnlessSentence, "unlessSentence"),
                CompileGuard(rule, rule.File.UnlessReply, "unlessReply")));
        }
        return new PhraseRuleSet(new PhraseIndex(patterns), rules, setIndexByName, setCount,
            catalog.Lexicons.Macros.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal));
    }
}
