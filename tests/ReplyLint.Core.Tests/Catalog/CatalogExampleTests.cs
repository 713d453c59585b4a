using ReplyLint.Core.Catalog;
using ReplyLint.Core.Configuration;
using ReplyLint.Testing;
using Xunit;

namespace ReplyLint.Core.Tests.Catalog;

/// <summary>Every example in data/rules is a test, as LanguageTool runs the examples of grammar.xml.</summary>
public sealed class CatalogExampleTests
{
    // Examples judge each rule on its own, so every rule is switched on, including those off by default.
    private static readonly Lazy<ReplyLint.Core.Engine.ReplyLintEngine> AllRulesOn = new(() => new ReplyLint.Core.Engine.ReplyLintEngine(new ReplyLintOptions
    {
        Severity = RuleCatalog.Default.Descriptors.Where(d => !d.IsEnabledByDefault)
            .ToDictionary(d => d.Id, d => d.DefaultSeverity.ToString().ToLowerInvariant()),
    }));

    public static TheoryData<string, int> PositiveExamples() => Examples(r => r.File.Examples.Positive.Count);
    public static TheoryData<string, int> NegativeExamples() => Examples(r => r.File.Examples.Negative.Count);
    public static TheoryData<string, int> FixExamples() => Examples(r => r.File.Examples.Fixes.Count);

    private static TheoryData<string, int> Examples(Func<CatalogRule, int> count)
    {
        var data = new TheoryData<string, int>();
        foreach (var rule in RuleCatalog.Default.Rules)
            for (var i = 0; i < count(rule); i++) data.Add(rule.Descriptor.Id, i);
        return data;
    }

    [Theory]
    [MemberData(nameof(PositiveExamples))]
    public void Positive_example_is_flagged_exactly_where_marked(string id, int index)
    {
        var example = RuleCatalog.Default.FindRule(id)!.File.Examples.Positive[index];
        ReplyVerifier.VerifyFindings(example.Text, example.Customer, AllRulesOn.Value, id);
    }

    [Theory]
    [MemberData(nameof(NegativeExamples))]
    public void Negative_example_is_not_flagged(string id, int index)
    {
        var example = RuleCatalog.Default.FindRule(id)!.File.Examples.Negative[index];
        ReplyVerifier.VerifyFindings(example.Text, example.Customer, AllRulesOn.Value, id);
    }

    [Theory]
    [MemberData(nameof(FixExamples))]
    public void Fix_example_rewrites_and_the_finding_goes_away(string id, int index)
    {
        var example = RuleCatalog.Default.FindRule(id)!.File.Examples.Fixes[index];
        ReplyVerifier.VerifyFix(example.Before, example.After, id, example.Customer, AllRulesOn.Value);
    }
}
