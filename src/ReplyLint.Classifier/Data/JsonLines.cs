using System.Text.Json;

namespace ReplyLint.Classifier.Data;

/// <summary>
/// JSON Lines read line by line: each object with its 1-based line number. Blank lines are skipped; a line that is not
/// a JSON object is passed to <c>skipped</c> with the reason (the same wording as <c>replylint score</c>'s) and the
/// rest of the file is still read.
/// </summary>
internal static class JsonLines
{
    public static IEnumerable<(long Line, JsonElement Root)> Read(string path, Action<long, string> skipped)
    {
        long number = 0;
        foreach (var text in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            JsonElement root;
            try
            {
                using var json = JsonDocument.Parse(text);
                root = json.RootElement.Clone();
            }
            catch (JsonException e)
            {
                skipped(number, $"not valid JSON (at byte {e.BytePositionInLine ?? 0})");
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
