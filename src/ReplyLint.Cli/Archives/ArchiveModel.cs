namespace ReplyLint.Cli.Archives;

/// <summary>Which columns (CSV) or properties (JSONL) hold what. Names match case-insensitively.</summary>
public sealed record ArchiveColumns
{
    public string Id { get; init; } = "id";
    public string Text { get; init; } = "text";
    public string Customer { get; init; } = "customer";
    public string Agent { get; init; } = "agent";
    public string Channel { get; init; } = "channel";
    public string CreatedAt { get; init; } = "created_at";

    public static ArchiveColumns Default { get; } = new();
}

/// <summary>One reply of an archive. <see cref="Line"/> is the one-based line where the record starts.</summary>
internal sealed record ArchiveRow(long Line, string Id, string Text, string? Customer, string? Agent, string? Channel, string? CreatedAt);

/// <summary>
/// One record read: a reply, or the reason the record at <see cref="Line"/> was skipped (never its content). A skipped
/// record may run over several lines, up to <see cref="EndLine"/>: a CSV quote that is never closed takes in the
/// records after it, and each of those lines is reported and counted, not lost without a word.
/// </summary>
internal readonly record struct ArchiveEntry(long Line, ArchiveRow? Row, string? Problem, long EndLine)
{
    public static ArchiveEntry Ok(ArchiveRow row) => new(row.Line, row, null, row.Line);
    public static ArchiveEntry Malformed(long line, string problem, long? endLine = null) => new(line, null, problem, endLine ?? line);

    /// <summary>"12", or "12-14" for a record over several lines, as messages name it after the file name.</summary>
    public string Lines => EndLine > Line ? $"{Line}-{EndLine}" : $"{Line}";
}

/// <summary>The archive cannot be read at all (no text column, unreadable file): an input error, exit 2.</summary>
internal sealed class ArchiveFormatException(string message) : Exception(message);

public enum ArchiveFormat
{
    Jsonl,
    Csv,
    Tsv,
}

/// <summary>Reads an archive record by record, in file order, holding one record in memory at a time.</summary>
internal interface IArchiveReader : IDisposable
{
    bool TryRead(out ArchiveEntry entry);
    /// <summary>How far into the file reading has got (bytes), for progress and ETA.</summary>
    long BytesRead { get; }
    long TotalBytes { get; }
    /// <summary>
    /// Why reading ended before the end of the file (a record the parser cannot get past), or null: the run is then
    /// incomplete, and says so.
    /// </summary>
    ArchiveStop? StoppedAt { get; }
}

/// <summary>Where reading stopped before the end of the archive, and why (never the record's content).</summary>
internal sealed record ArchiveStop(long Line, string Problem);

internal static class ArchiveReaders
{
    public static ArchiveFormat? FormatFromExtension(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".jsonl" or ".ndjson" or ".json" => ArchiveFormat.Jsonl,
        ".csv" => ArchiveFormat.Csv,
        ".tsv" or ".tab" => ArchiveFormat.Tsv,
        _ => null,
    };

    public static IArchiveReader Open(string path, ArchiveFormat format, ArchiveColumns columns)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        try
        {
            return format == ArchiveFormat.Jsonl
                ? new JsonlArchiveReader(stream, columns)
                : new CsvArchiveReader(stream, columns, format == ArchiveFormat.Tsv ? '\t' : ',');
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }
}
