using ReplyLint.Core.Diagnostics;

namespace ReplyLint.Core.Catalog;

/// <summary>A catalog example: reply text in test markup, with the customer message it answers where that matters.</summary>
public sealed record RuleExample(string Markup, string? Customer);

public sealed record RuleFixExample(string Before, string After, string? Customer);

/// <summary>What the catalog says about a rule beyond its descriptor: its examples and its fix.</summary>
public sealed record RuleDocumentation(
    RuleDescriptor Descriptor,
    bool IsPhraseRule,
    IReadOnlyList<RuleExample> Flagged,
    IReadOnlyList<RuleExample> NotFlagged,
    IReadOnlyList<RuleFixExample> Fixes,
    string? NoFixReason);

public static class RuleCatalogDocumentation
{
    public static RuleDocumentation? Describe(this RuleCatalog catalog, string id)
    {
        var rule = catalog.FindRule(id);
        if (rule is null) return null;
        var examples = rule.File.Examples;
        return new RuleDocumentation(
            rule.Descriptor,
            rule.File.Kind == "phrase",
            examples.Positive.Select(e => new RuleExample(e.Text, e.Customer)).ToList(),
            examples.Negative.Select(e => new RuleExample(e.Text, e.Customer)).ToList(),
            examples.Fixes.Select(f => new RuleFixExample(f.Before, f.After, f.Customer)).ToList(),
            rule.File.Fix is null or { Kind: "none" } ? rule.File.Fix?.Reason ?? "no rewrite is offered" : null);
    }
}
