using ReplyLint.Core.Catalog;
using ReplyLint.Core.Diagnostics;
using ReplyLint.Testing;
using Xunit;

namespace ReplyLint.Core.Tests.Catalog;

/// <summary>Catalog-wide theories over every rule, as StyleCop's configuration tests do.</summary>
public sealed class CatalogTheoryTests
{
    public static TheoryData<string> RuleIdsData()
    {
        var data = new TheoryData<string>();
        foreach (var d in RuleCatalog.Default.Descriptors) data.Add(d.Id);
        return data;
    }

    [Fact]
    public void Rule_ids_are_unique_and_every_allocated_id_is_in_the_catalog()
    {
        var ids = RuleCatalog.Default.Descriptors.Select(d => d.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var allocated = typeof(RuleIds).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.Equal(allocated.Order(), ids.Order());
    }

    [Theory]
    [MemberData(nameof(RuleIdsData))]
    public void Id_lies_in_its_family_range(string id)
    {
        var descriptor = RuleCatalog.Default.Find(id)!;
        Assert.True(RuleIds.IsWellFormed(id));
        Assert.Equal(descriptor.Family, RuleIds.FamilyOf(id));
    }

    [Fact]
    public void No_slot_of_alternatives_hides_a_multi_word_phrase()
    {
        // "{be} not expired|an error|a fault" reads as the slots "expired|an", "error|a", "fault": the author meant two
        // phrases, and the pattern never matches (data/rules/README.md, "Multi-word alternatives need separate
        // patterns"). An article beside a content word in one slot is the sign of it; beside function words ("once
        // a|per|every", "limited to one|a|two") it is a real slot.
        string[] functionWords = ["a", "an", "the", "this", "that", "these", "those", "your", "our", "my", "their", "his", "her",
            "its", "any", "some", "every", "each", "all", "no", "another", "per", "one", "1", "two", "three", "several",
            "multiple", "single", "just", "only", "over", "nearly", "almost", "us", "how", "what", "where"];
        var catalog = RuleCatalog.Default;
        var patterns = catalog.Lexicons.Sets.SelectMany(set => set.Value.Select(p => (Where: "@" + set.Key, Pattern: p)))
            .Concat(catalog.Rules.SelectMany(rule => rule.File.Patterns.Select(p => p.Pattern)
                .Concat(rule.File.UnlessSentence).Concat(rule.File.UnlessReply).Select(p => (Where: rule.File.Id, Pattern: p))));
        var suspicious = new List<string>();
        foreach (var (where, pattern) in patterns)
            foreach (var slot in pattern.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var alternatives = slot.TrimEnd('?').Split('|');
                if (alternatives.Length > 1 && alternatives.Any(a => a is "a" or "an")
                    && alternatives.Any(a => !functionWords.Contains(a) && !a.StartsWith('{')))
                    suspicious.Add($"{where}: {pattern}");
            }
        Assert.True(suspicious.Count == 0, string.Join("\n", suspicious));
    }

    [Theory]
    [MemberData(nameof(RuleIdsData))]
    public void Doc_page_exists_and_help_link_points_to_it(string id)
    {
        var descriptor = RuleCatalog.Default.Find(id)!;
        Assert.Equal($"docs/rules/{id}.md", descriptor.HelpLink);
        var page = Path.Combine(RepositoryRoot.Path, descriptor.HelpLink);
        Assert.True(File.Exists(page), $"{page} is missing");
        Assert.StartsWith($"# {id}", File.ReadAllText(page));
    }

    [Theory]
    [MemberData(nameof(RuleIdsData))]
    public void Rule_offers_a_fix_or_says_why_not(string id)
    {
        var rule = RuleCatalog.Default.Describe(id)!;
        var file = RuleCatalog.Default.FindRule(id)!.File;
        Assert.NotNull(file.Fix);
        if (file.Fix!.Kind == "none") Assert.False(string.IsNullOrWhiteSpace(file.Fix.Reason), $"{id} has no fix and no reason");
        else if (!ModelRule(id)) Assert.True(rule.Fixes.Count > 0, $"{id} offers a fix but has no fix example");
    }

    [Theory]
    [MemberData(nameof(RuleIdsData))]
    public void Phrase_and_code_rules_have_positive_and_negative_examples(string id)
    {
        if (ModelRule(id)) return; // model rules are exercised against the shipped model in the classifier's tests
        var rule = RuleCatalog.Default.Describe(id)!;
        Assert.NotEmpty(rule.Flagged);
        Assert.NotEmpty(rule.NotFlagged);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\r\n\t \n")]
    [InlineData("@acme")]
    public void Empty_or_blank_text_gives_nothing(string text)
    {
        var result = ReplyVerifier.DefaultEngine.Analyze(text, "My order never arrived and I'm furious.");
        Assert.Empty(result.Diagnostics);
        Assert.Equal(100, result.OverallScore);
    }

    [Fact]
    public void Every_rule_has_a_title_message_and_description()
    {
        foreach (var d in RuleCatalog.Default.Descriptors)
        {
            Assert.False(string.IsNullOrWhiteSpace(d.Title), d.Id);
            Assert.False(string.IsNullOrWhiteSpace(d.MessageFormat), d.Id);
            Assert.False(string.IsNullOrWhiteSpace(d.Description), d.Id);
        }
    }

    private static bool ModelRule(string id) => id.EndsWith("900", StringComparison.Ordinal);
}
