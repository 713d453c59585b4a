using ReplyLint.Core.Diagnostics;
using ReplyLint.Core.Engine;

namespace ReplyLint.Cli.Scoring;

/// <summary>One finding as the results file carries it: no message (it quotes the reply), only positions and ids.</summary>
internal readonly record struct ScoredFinding(string RuleId, RuleFamily Family, Severity Severity, int Start, int Length,
    int Line, int Column, double Confidence, FindingSource Source);

/// <summary>One line of the results file; also what a resumed run reads back to rebuild its summary.</summary>
internal sealed record ScoredReply(long Line, string Id, string? Agent, string? Channel, string? CreatedAt, int Score,
    int[] FamilyScores, ScoredFinding[] Findings, bool Degraded)
{
    public static ScoredReply From(Archives.ArchiveRow row, AnalysisResult result)
    {
        var families = new int[RuleFamilyNames.All.Count];
        for (var i = 0; i < families.Length; i++)
            families[i] = result.FamilyScores.GetValueOrDefault(RuleFamilyNames.All[i], 100);
        var findings = new ScoredFinding[result.Diagnostics.Length];
        for (var i = 0; i < findings.Length; i++)
        {
            var d = result.Diagnostics[i];
            findings[i] = new ScoredFinding(d.Id, d.Family, d.Severity, d.Span.Start, d.Span.Length,
                d.LineSpan.Start.Line + 1, d.LineSpan.Start.Character + 1, Math.Round(d.Confidence, 4), d.Source);
        }
        return new ScoredReply(row.Line, row.Id, row.Agent, row.Channel, row.CreatedAt, result.OverallScore, families, findings, result.IsDegraded);
    }
}
