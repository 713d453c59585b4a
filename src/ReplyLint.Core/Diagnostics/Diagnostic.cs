using System.Collections.Immutable;
using ReplyLint.Core.Text;

namespace ReplyLint.Core.Diagnostics;

/// <summary>Where a finding came from.</summary>
public enum FindingSource
{
    Rule = 0,
    Model = 1,
}

/// <summary>One finding in a reply.</summary>
public sealed record Diagnostic
{
    public required RuleDescriptor Descriptor { get; init; }
    public required TextSpan Span { get; init; }
    public required LinePositionSpan LineSpan { get; init; }
    public required string Message { get; init; }
    public required Severity Severity { get; init; }
    public FindingSource Source { get; init; } = FindingSource.Rule;
    /// <summary>How sure the detector is, 0..1.</summary>
    public double Confidence { get; init; } = 1.0;
    /// <summary>The model's probability for this family on the same sentence, where a model ran.</summary>
    public double? ModelConfidence { get; init; }
    public ImmutableArray<CodeFix> Fixes { get; init; } = [];

    public string Id => Descriptor.Id;
    public RuleFamily Family => Descriptor.Family;

    public override string ToString() =>
        $"{LineSpan.Start}: {Severity.ToConfigString()} {Id}: {Message}";
}
