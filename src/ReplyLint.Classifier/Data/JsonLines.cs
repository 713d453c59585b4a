using System.Text.Json;

namespace ReplyLint.Classifier.Data;

/// <summary>
/// JSON Lines read line by line: each object with its 1-based line number, lines cut as <c>replylint score</c> cuts
/// them (<see cref="JsonLineReader"/>). Blank lines are skipped; a line that is not valid UTF-8 or not a JSON object is
/// passed to <c>skipped</c> with the reason (the same wording as <c>replylint score</c>'s) and the rest of the file is
/// still read. Lines are read as bytes and checked: a decoder would put U+FFFD in place of a Latin-1 byte, and the line
/// would be read as text it never had.
/// </summary>
internal static class JsonLines
{
    public static IEnumerable<(long Line, JsonElement Root)> Read(string path, Action<long, string> skipped)
    {
        using var file = File.OpenRead(path);
        using var lines = new JsonLineReader(file, leaveOpen: true);
        while (lines.TryReadLine(out var line))
        {
            var number = lines.LineNumber;
            if (lines.LineTooLong)
            {
                skipped(number, lines.TooLongProblem);
                continue;
            }
            if (Utf8Bytes.Problem(line.Span, "line") is { } notUtf8)
            {
                skipped(number, notUtf8);
                continue;
            }
            if (JsonLineReader.IsBlank(line.Span)) continue;
            JsonElement root;
            try
            {
                using var json = JsonDocument.Parse(line);
                root = json.RootElement.Clone();
            }
            catch (JsonException e)
            {
                skipped(number, JsonLineReader.NotValidJson(e, line.Span));
                continue;
            }
            if (root.ValueKind != JsonValueKind.Object)
            {
                skipped(number, "not a JSON object");
                continue;
            }
            yield return (number, root);
        }
    }
}
