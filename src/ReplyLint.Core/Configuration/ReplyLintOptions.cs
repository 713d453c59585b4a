using ReplyLint.Core.Diagnostics;

namespace ReplyLint.Core.Configuration;

/// <summary>
/// How the engine is set up, in the spirit of .editorconfig: severities per rule id or family, rules turned
/// off, extra phrases per rule. Bound from replylint.json, appsettings.json, environment or code.
/// </summary>
public sealed class ReplyLintOptions
{
    /// <summary>Severity by rule id ("RL1003") or family ("Jargon" / "legal_jargon"): none, info, warning, error.
    /// A rule id wins over its family.</summary>
    public Dictionary<string, string> Severity { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Rule ids turned off.</summary>
    public List<string> DisabledRules { get; set; } = [];

    /// <summary>Extra patterns per phrase rule id, in the catalog's pattern syntax.</summary>
    public Dictionary<string, List<string>> ExtraPhrases { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Findings below this severity are not reported.</summary>
    public string MinimumSeverity { get; set; } = "info";

    /// <summary>Findings below this confidence are not reported.</summary>
    public double MinimumConfidence { get; set; }

    /// <summary>Whether findings carry their suggested rewrites.</summary>
    public bool IncludeFixes { get; set; } = true;
}

/// <summary>Per-call adjustments on top of the engine's options (what a gRPC request or a CLI flag can say).</summary>
public sealed record AnalysisOverrides
{
    public IReadOnlyCollection<string> DisabledRules { get; init; } = [];
    public IReadOnlyCollection<RuleFamily> DisabledFamilies { get; init; } = [];
    public IReadOnlyDictionary<string, Severity> SeverityOverrides { get; init; } = new Dictionary<string, Severity>();
    public Severity? MinimumSeverity { get; init; }
    public double? MinimumConfidence { get; init; }
    public bool? IncludeFixes { get; init; }

    public static AnalysisOverrides None { get; } = new();
}
