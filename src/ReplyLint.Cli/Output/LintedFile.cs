using ReplyLint.Core.Diagnostics;
using ReplyLint.Core.Engine;

namespace ReplyLint.Cli.Output;

/// <summary>One linted input: its name as shown, its original text and what the engine said.</summary>
internal sealed record LintedFile(string DisplayPath, string? FullPath, string Text, AnalysisResult Result);

/// <summary>A whole lint run, as the formatters see it.</summary>
internal sealed record LintRun(IReadOnlyList<LintedFile> Files, IReadOnlyList<RuleDescriptor> Rules, ModelStatus ModelStatus, bool IsDegraded)
{
    public string ToolVersion { get; } = ToolInfo.Version;
}

internal static class ToolInfo
{
    public const string Name = "replylint";

    public static string Version { get; } =
        typeof(ToolInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public static string LevelName(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        Severity.Info => "note",
        _ => "none",
    };

    public static string SourceName(FindingSource source) => source == FindingSource.Model ? "model" : "rule";
}
