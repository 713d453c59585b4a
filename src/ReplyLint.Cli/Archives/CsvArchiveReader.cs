using CsvHelper;
using ReplyLint.Classifier.Data;
using ReplyLint.Cli.Input;

namespace ReplyLint.Cli.Archives;

/// <summary>
/// CSV/TSV (RFC 4180, quoted fields may span lines) with a header row naming the columns. A record with broken
/// quoting or the wrong number of fields is reported by CsvHelper, with the line it starts on, and skipped; so is a
/// record without an id. A header without the text or id column is an input error: no row could be read.
/// </summary>
internal sealed class CsvArchiveReader : IArchiveReader
{
    private readonly CsvReader _reader;
    private readonly ArchiveColumns _columns;
    private readonly Queue<ArchiveEntry> _pending = new();
    private readonly int _headerCount;
    private readonly int _id, _text, _customer, _agent, _channel, _createdAt;

    public CsvArchiveReader(Stream stream, ArchiveColumns columns, char separator)
    {
        _columns = columns;
        TotalBytes = stream.CanSeek ? stream.Length : 0;
        // A skipped record is reported with the lines it took up: a quote that is never closed takes in the records
        // after it, and each of those lines is counted, so that none of them goes missing unreported.
        var options = CsvProblems.TolerantOptions(separator, () => _headerCount,
            skipped => _pending.Enqueue(ArchiveEntry.Malformed(skipped.Line, skipped.Problem, skipped.EndLine)));
        _reader = CsvReader.Create(stream, options, leaveOpen: false);
        _reader.ReadHeader();
        var headers = _reader.Headers;
        _headerCount = headers.Count;
        if (headers.Count == 0)
            throw new ArchiveFormatException("the file is empty: expected a header row naming the columns");
        int Column(string name) => _reader.TryGetFieldIndex(name, out var index) ? index : -1;
        _id = Column(columns.Id);
        _text = Column(columns.Text);
        _customer = Column(columns.Customer);
        _agent = Column(columns.Agent);
        _channel = Column(columns.Channel);
        _createdAt = Column(columns.CreatedAt);
        if (_text < 0)
            throw new ArchiveFormatException($"the header has no '{columns.Text}' column (columns: {string.Join(", ", headers.Take(20))}); name it with --text-column");
        if (_id < 0)
            throw new ArchiveFormatException($"the header has no '{columns.Id}' column (columns: {string.Join(", ", headers.Take(20))}); name it with --id-column");
    }

    public long BytesRead { get; private set; }
    public long TotalBytes { get; }
    public ArchiveStop? StoppedAt { get; private set; }

    public bool TryRead(out ArchiveEntry entry)
    {
        if (_pending.TryDequeue(out entry)) return true;
        if (StoppedAt is not null)
        {
            entry = default;
            return false;
        }
        bool read;
        try
        {
            read = _reader.Read();
        }
        catch (CsvFormatException e)
        {
            // CsvHelper cannot find where this record ends, so nothing after it can be read: report it once and stop
            // (reading again would throw again, forever); the run says it is incomplete (StoppedAt). Records skipped on
            // the way come first (queued), and BytesRead keeps the last real offset, so progress does not claim the file.
            var line = CsvProblems.StoppedAtLine(e, _reader);
            StoppedAt = new ArchiveStop(line, CsvProblems.ReadingStopped);
            _pending.Enqueue(ArchiveEntry.Malformed(line, CsvProblems.ReadingStopped));
            entry = _pending.Dequeue();
            return true;
        }
        // Skipped records met on the way to this one come first, in file order.
        if (_pending.TryDequeue(out entry))
        {
            if (read) _pending.Enqueue(Current());
            return true;
        }
        if (!read)
        {
            BytesRead = TotalBytes;
            entry = default;
            return false;
        }
        entry = Current();
        return true;
    }

    private ArchiveEntry Current()
    {
        BytesRead = _reader.ByteOffset;
        var line = _reader.LineNumber;
        // CsvHelper decodes a byte that is not UTF-8 as U+FFFD; the reply would be scored as text it never had.
        if (Classifier.Data.Utf8Bytes.FirstInvalid(_reader.RawRecord) is { } bad)
            return ArchiveEntry.Malformed(line, $"not valid UTF-8 (byte 0x{bad.Byte:X2} at offset {bad.Offset} of the record); save the archive as UTF-8");
        var id = _reader.GetString(_id);
        if (string.IsNullOrWhiteSpace(id)) return ArchiveEntry.Malformed(line, $"the id column '{_columns.Id}' is empty");
        var text = _reader.GetString(_text);
        // As the service refuses an empty text: there is no reply to judge, and a 100 would lift the mean.
        if (string.IsNullOrWhiteSpace(text)) return ArchiveEntry.Malformed(line, $"the text column '{_columns.Text}' is empty or blank");
        return ArchiveEntry.Ok(new ArchiveRow(line, id, text, Field(_customer), Field(_agent), Field(_channel), Field(_createdAt)));
    }

    private string? Field(int index)
    {
        if (index < 0) return null;
        var value = _reader.GetString(index);
        return string.IsNullOrEmpty(value) ? null : value;
    }

    public void Dispose() => _reader.Dispose();
}
