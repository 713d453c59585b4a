using ReplyLint.Core.Diagnostics;

namespace ReplyLint.Classifier.Evaluation;

/// <summary>One reply with reviewers' labels: 1, 0, or unknown (null) per family.</summary>
public sealed record ReviewedReply(string Id, string Text, string? Customer, IReadOnlyDictionary<RuleFamily, bool?> Labels)
{
    public bool? Label(RuleFamily family) => Labels.TryGetValue(family, out var value) ? value : null;
    public bool HasAnyPositive => Labels.Values.Any(v => v == true);
}

/// <summary>Which columns hold what; the shared dev files call the reply "reply", so "text" falls back to it.</summary>
public sealed record ReplyColumns
{
    public string Id { get; init; } = "id";
    public string? Text { get; init; }
    public string Customer { get; init; } = "customer";
    public IReadOnlyList<string> TextFallbacks { get; init; } = ["text", "reply"];

    public static ReplyColumns Default { get; } = new();
}
