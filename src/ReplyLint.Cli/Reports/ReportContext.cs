namespace ReplyLint.Cli.Reports;

/// <summary>What the summary and the report say about the run besides the counters.</summary>
internal sealed record ReportContext(
    string ArchiveName,
    string ResultsPath,
    DateTimeOffset GeneratedAt,
    string? ModelVersion,
    bool Degraded,
    string? DegradedReason,
    string Outcome,
    TimeSpan Elapsed,
    Archives.ArchiveStop? StoppedAt = null);
