using ReplyLint.Core.Diagnostics;

namespace ReplyLint.Classifier.Evaluation;

/// <summary>One reply with reviewers' labels: 1, 0, or unknown (null) per family.</summary>
public sealed record ReviewedReply(string Id, string Text, string? Customer, IReadOnlyDictionary<RuleFamily, bool?> Labels)
{
    public bool? Label(RuleFamily family) => Labels.TryGetValue(family, out var value) ? value : null;
    public bool HasAnyPositive => Labels.Values.Any(v => v == true);
}

/// <summary>
/// A line of an input file that could not be used, and why; the rest of the file is still read. A CSV record may run
/// over several lines, up to <see cref="EndLine"/> (a quote that is never closed takes in the records after it).
/// </summary>
public sealed record InputProblem(string File, long Line, string Problem)
{
    public long EndLine { get; init; } = Line;

    /// <summary><c>file:12: problem</c>, or <c>file:12-14: problem</c> for a record over several lines, as <c>replylint score</c> names them.</summary>
    public override string ToString() => EndLine > Line ? $"{File}:{Line}-{EndLine}: {Problem}" : $"{File}:{Line}: {Problem}";
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
