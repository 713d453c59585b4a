using System.Buffers;
using System.Text;
using System.Text.Json;
using ReplyLint.Cli.Input;

namespace ReplyLint.Cli.Archives;

/// <summary>
/// JSON Lines: one object per line. A line that is not a JSON object, or lacks an id or a text, is reported with its
/// line number and skipped; so is a line that is not valid UTF-8, which is read as bytes and checked line by line (a
/// decoder would put U+FFFD in place of a Latin-1 byte, and the reply would be scored as text it never had). Problems
/// describe the shape of the line, never its content.
/// </summary>
internal sealed class JsonlArchiveReader : IArchiveReader
{
    // If the first rows all lack the text property, the column name is wrong, not the rows.
    private const int WrongColumnThreshold = 20;

    private readonly Stream _stream;
    private readonly Stream _utf8;
    private readonly ArchiveColumns _columns;
    private readonly byte[] _buffer = new byte[1 << 16];
    // A line longer than what is left of the buffer is gathered here.
    private readonly ArrayBufferWriter<byte> _longLine = new();
    private int _start, _end;
    private long _line;
    private int _leadingMissingText;
    private bool _sawText;

    public JsonlArchiveReader(Stream stream, ArchiveColumns columns)
    {
        _stream = stream;
        _columns = columns;
        TotalBytes = stream.CanSeek ? stream.Length : 0;
        _utf8 = SkipByteOrderMark(stream);
    }

    public long BytesRead => _stream.CanSeek ? _stream.Position : 0;
    public long TotalBytes { get; }

    /// <summary>
    /// The archive as UTF-8 bytes from its first record on: a UTF-8 byte-order mark is skipped, and UTF-16 or UTF-32
    /// with a mark (PowerShell 5 writes UTF-16) is transcoded, as a StreamReader would have read it.
    /// </summary>
    private Stream SkipByteOrderMark(Stream stream)
    {
        _end = stream.ReadAtLeast(_buffer.AsSpan(0, 4), 4, throwOnEndOfStream: false);
        var bom = Classifier.Data.Utf8Bytes.ByteOrderMark(_buffer.AsSpan(0, _end));
        // Archives are files, so the stream can go back to just after the mark; were it a pipe, the wide text would be
        // read as bytes and each line reported as not UTF-8.
        if (bom.Wide is null || !stream.CanSeek)
        {
            _start = bom.Wide is null ? bom.Length : 0;
            return stream;
        }
        stream.Position = bom.Length;
        _start = _end = 0;
        return Encoding.CreateTranscodingStream(stream, bom.Wide, Encoding.UTF8, leaveOpen: true);
    }

    public bool TryRead(out ArchiveEntry entry)
    {
        while (TryReadLine(out var line))
        {
            _line++;
            if (line.Span.IndexOfAnyExcept(" \t\r\f\v"u8) < 0) continue;
            entry = Parse(line, _line);
            if (entry.Problem is not null && entry.Problem.StartsWith("missing the text", StringComparison.Ordinal) && !_sawText &&
                ++_leadingMissingText >= WrongColumnThreshold)
            {
                throw new ArchiveFormatException(
                    $"the first {WrongColumnThreshold} records have no '{_columns.Text}' property; name the text column with --text-column");
            }
            if (entry.Row is not null) _sawText = true;
            return true;
        }
        entry = default;
        return false;
    }

    /// <summary>The next line's bytes without its line break (LF or CR LF), valid until the next call; false at the end.</summary>
    private bool TryReadLine(out ReadOnlyMemory<byte> line)
    {
        _longLine.ResetWrittenCount();
        var gathering = false;
        while (true)
        {
            if (_start == _end)
            {
                _start = 0;
                _end = _utf8.Read(_buffer);
                if (_end == 0)
                {
                    // The last line needs no line break.
                    line = TrimCarriageReturn(_longLine.WrittenMemory);
                    return gathering;
                }
            }
            var available = _buffer.AsMemory(_start, _end - _start);
            var newline = available.Span.IndexOf((byte)'\n');
            if (newline < 0)
            {
                _longLine.Write(available.Span);
                gathering = true;
                _start = _end;
                continue;
            }
            line = available[..newline];
            _start += newline + 1;
            if (gathering)
            {
                _longLine.Write(line.Span);
                line = _longLine.WrittenMemory;
            }
            line = TrimCarriageReturn(line);
            return true;
        }
    }

    private static ReadOnlyMemory<byte> TrimCarriageReturn(ReadOnlyMemory<byte> line) =>
        line.Span.EndsWith((byte)'\r') ? line[..^1] : line;

    private ArchiveEntry Parse(ReadOnlyMemory<byte> line, long lineNumber)
    {
        if (Classifier.Data.Utf8Bytes.FirstInvalid(line.Span) is { } bad)
            return ArchiveEntry.Malformed(lineNumber, $"not valid UTF-8 (byte 0x{bad.Byte:X2} at offset {bad.Offset} of the line); save the archive as UTF-8");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            return ArchiveEntry.Malformed(lineNumber, $"not valid JSON (at byte {e.BytePositionInLine ?? 0})");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return ArchiveEntry.Malformed(lineNumber, $"expected a JSON object, found {root.ValueKind.ToString().ToLowerInvariant()}");

            if (!TryScalar(root, _columns.Id, out var id, out var idProblem))
                return ArchiveEntry.Malformed(lineNumber, idProblem ?? $"missing the id property '{_columns.Id}'");
            if (string.IsNullOrWhiteSpace(id))
                return ArchiveEntry.Malformed(lineNumber, $"the id property '{_columns.Id}' is empty");

            if (!Find(root, _columns.Text, out var textElement))
                return ArchiveEntry.Malformed(lineNumber, $"missing the text property '{_columns.Text}'");
            if (textElement.ValueKind != JsonValueKind.String)
                return ArchiveEntry.Malformed(lineNumber, $"the text property '{_columns.Text}' is {textElement.ValueKind.ToString().ToLowerInvariant()}, not a string");
            string text;
            try
            {
                text = textElement.GetString()!;
            }
            catch (InvalidOperationException)
            {
                return ArchiveEntry.Malformed(lineNumber, $"the text property '{_columns.Text}' is not valid UTF-16");
            }
            // As the service refuses an empty text: there is no reply to judge, and a 100 would lift the mean.
            if (string.IsNullOrWhiteSpace(text))
                return ArchiveEntry.Malformed(lineNumber, $"the text property '{_columns.Text}' is empty or blank");

            return ArchiveEntry.Ok(new ArchiveRow(lineNumber, id!, text,
                Optional(root, _columns.Customer), Optional(root, _columns.Agent), Optional(root, _columns.Channel), Optional(root, _columns.CreatedAt)));
        }
    }

    private static string? Optional(JsonElement root, string name) =>
        TryScalar(root, name, out var value, out _) ? value : null;

    private static bool TryScalar(JsonElement root, string name, out string? value, out string? problem)
    {
        value = null;
        problem = null;
        if (!Find(root, name, out var element)) return false;
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                try { value = element.GetString(); }
                catch (InvalidOperationException) { problem = $"the property '{name}' is not valid UTF-16"; return false; }
                return true;
            case JsonValueKind.Number:
            case JsonValueKind.True:
            case JsonValueKind.False:
                value = element.GetRawText();
                return true;
            case JsonValueKind.Null:
                return false;
            default:
                problem = $"the property '{name}' is {element.ValueKind.ToString().ToLowerInvariant()}, not a value";
                return false;
        }
    }

    private static bool Find(JsonElement root, string name, out JsonElement element)
    {
        if (root.TryGetProperty(name, out element)) return true;
        foreach (var property in root.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                element = property.Value;
                return true;
            }
        }
        return false;
    }

    public void Dispose()
    {
        if (!ReferenceEquals(_utf8, _stream)) _utf8.Dispose();
        _stream.Dispose();
    }
}
