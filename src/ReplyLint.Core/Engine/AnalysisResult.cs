using System.Collections.Immutable;
using ReplyLint.Core.Diagnostics;

namespace ReplyLint.Core.Engine;

/// <summary>What the engine says of one reply.</summary>
public sealed record AnalysisResult
{
    public required ImmutableArray<Diagnostic> Diagnostics { get; init; }
    /// <summary>0..100 per family, 100 meaning nothing found.</summary>
    public required ImmutableDictionary<RuleFamily, int> FamilyScores { get; init; }
    /// <summary>0..100 over all families, 100 meaning nothing found.</summary>
    public required int OverallScore { get; init; }
    /// <summary>True when the model was expected but is not there: the answer comes from the rules alone.</summary>
    public required bool IsDegraded { get; init; }
    public string? DegradedReason { get; init; }
    public string? ModelVersion { get; init; }
    /// <summary>Whether the customer's message was given; reply-level empathy rules are less sure without it.</summary>
    public bool HadCustomerMessage { get; init; }
}
