using System.Text.Json;
using ReplyLint.Classifier.Data;

namespace ReplyLint.Cli.Archives;

/// <summary>
/// JSON Lines: one object per line, cut into lines as every JSONL reader here cuts them (<see cref="JsonLineReader"/>:
/// LF or CR LF ends a line). A line that is not a JSON object, or lacks an id or a text, is reported with its
/// line number and skipped; so is a line that is not valid UTF-8, which is read as bytes and checked line by line (a
/// decoder would put U+FFFD in place of a Latin-1 byte, and the reply would be scored as text it never had). Problems
/// describe the shape of the line, never its content.
/// </summary>
internal sealed class JsonlArchiveReader : IArchiveReader
{
    // If the first rows all lack the text property, the column name is wrong, not the rows.
    private const int WrongColumnThreshold = 20;

    private readonly Stream _stream;
    private readonly JsonLineReader _lines;
    private readonly ArchiveColumns _columns;
    private int _leadingMissingText;
    private bool _sawText;

    public JsonlArchiveReader(Stream stream, ArchiveColumns columns)
    {
        _stream = stream;
        _columns = columns;
        TotalBytes = stream.CanSeek ? stream.Length : 0;
        _lines = new JsonLineReader(stream);
    }

    public long BytesRead => _stream.CanSeek ? _stream.Position : 0;
    public long TotalBytes { get; }
    /// <summary>Never: a JSONL line that cannot be read is passed over, and the next line read.</summary>
    public ArchiveStop? StoppedAt => null;

    public bool TryRead(out ArchiveEntry entry)
    {
        while (_lines.TryReadLine(out var line))
        {
            if (_lines.LineTooLong)
            {
                entry = ArchiveEntry.Malformed(_lines.LineNumber, _lines.TooLongProblem);
                return true;
            }
            if (JsonLineReader.IsBlank(line.Span)) continue;
            entry = Parse(line, _lines.LineNumber);
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

    private ArchiveEntry Parse(ReadOnlyMemory<byte> line, long lineNumber)
    {
        if (Utf8Bytes.FirstInvalid(line.Span) is { } bad)
            return ArchiveEntry.Malformed(lineNumber, $"not valid UTF-8 (byte 0x{bad.Byte:X2} at offset {bad.Offset} of the line); save the archive as UTF-8");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            return ArchiveEntry.Malformed(lineNumber, JsonLineReader.NotValidJson(e, line.Span));
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

    public void Dispose() => _lines.Dispose();
}
