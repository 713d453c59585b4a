using System.Text;
using System.Text.Json;

namespace ReplyLint.Cli.Archives;

/// <summary>
/// JSON Lines: one object per line. A line that is not a JSON object, or lacks an id or a text, is reported with its
/// line number and skipped. Problems describe the shape of the line, never its content.
/// </summary>
internal sealed class JsonlArchiveReader : IArchiveReader
{
    // If the first rows all lack the text property, the column name is wrong, not the rows.
    private const int WrongColumnThreshold = 20;

    private readonly Stream _stream;
    private readonly StreamReader _reader;
    private readonly ArchiveColumns _columns;
    private long _line;
    private int _leadingMissingText;
    private bool _sawText;

    public JsonlArchiveReader(Stream stream, ArchiveColumns columns)
    {
        _stream = stream;
        _reader = new StreamReader(stream, new UTF8Encoding(false, false), true, 1 << 16);
        _columns = columns;
        TotalBytes = stream.CanSeek ? stream.Length : 0;
    }

    public long BytesRead => _stream.CanSeek ? _stream.Position : 0;
    public long TotalBytes { get; }

    public bool TryRead(out ArchiveEntry entry)
    {
        while (_reader.ReadLine() is { } line)
        {
            _line++;
            if (string.IsNullOrWhiteSpace(line)) continue;
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

    private ArchiveEntry Parse(string line, long lineNumber)
    {
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
        _reader.Dispose();
        _stream.Dispose();
    }
}
