using System.Text;
using System.Text.Json;

namespace ReplyLint.Core.Catalog;

/// <summary>
/// Maps each JSON path ("$.rules.RL1001", "$.patterns[3]") of a document to its 1-based line, so that an error
/// found after deserialization can still name the line a person has to fix.
/// </summary>
internal sealed class JsonLocations
{
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    public static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static JsonLocations Index(ReadOnlySpan<byte> utf8)
    {
        var locations = new JsonLocations();
        try
        {
            var reader = new Utf8JsonReader(utf8, ReaderOptions);
            var path = new List<string>();
            var arrayIndex = new Stack<int>();
            var lineOf = new LineCounter(utf8);
            string? pendingProperty = null;
            while (reader.Read())
            {
                var line = lineOf.At((int)reader.TokenStartIndex);
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        pendingProperty = reader.GetString();
                        locations._lines.TryAdd(Join(path, "." + pendingProperty), line);
                        continue;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        var segment = NextSegment(ref pendingProperty, arrayIndex);
                        path.Add(segment);
                        locations._lines.TryAdd(Join(path, ""), line);
                        if (reader.TokenType == JsonTokenType.StartArray) arrayIndex.Push(0); else arrayIndex.Push(-1);
                        continue;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        path.RemoveAt(path.Count - 1);
                        arrayIndex.Pop();
                        continue;
                    default:
                        var valueSegment = NextSegment(ref pendingProperty, arrayIndex);
                        locations._lines.TryAdd(Join(path, valueSegment), line);
                        continue;
                }
            }
        }
        catch (JsonException)
        {
            // Malformed JSON is reported by the deserializer with its own line number.
        }
        return locations;
    }

    private static string NextSegment(ref string? pendingProperty, Stack<int> arrayIndex)
    {
        if (pendingProperty is not null)
        {
            var property = "." + pendingProperty;
            pendingProperty = null;
            return property;
        }
        if (arrayIndex.Count > 0 && arrayIndex.Peek() >= 0)
        {
            var index = arrayIndex.Pop();
            arrayIndex.Push(index + 1);
            return $"[{index}]";
        }
        return "$";
    }

    private static string Join(List<string> path, string last)
    {
        var builder = new StringBuilder();
        foreach (var part in path) builder.Append(part);
        builder.Append(last);
        var result = builder.ToString();
        return result.StartsWith('$') ? result : "$" + result;
    }

    /// <summary>The 1-based line of a path, or of its closest ancestor that has one.</summary>
    public int LineOf(string path)
    {
        while (true)
        {
            if (_lines.TryGetValue(path, out var line)) return line;
            var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
            if (cut <= 0) return 1;
            path = path[..cut];
        }
    }

    private sealed class LineCounter(ReadOnlySpan<byte> utf8)
    {
        private readonly int[] _newlines = FindNewlines(utf8);

        private static int[] FindNewlines(ReadOnlySpan<byte> utf8)
        {
            var list = new List<int>();
            for (var i = 0; i < utf8.Length; i++) if (utf8[i] == (byte)'\n') list.Add(i);
            return [.. list];
        }

        public int At(int byteOffset)
        {
            var index = Array.BinarySearch(_newlines, byteOffset);
            return (index < 0 ? ~index : index) + 1;
        }
    }
}

/// <summary>A catalog or configuration file that cannot be used, with where and why.</summary>
public sealed class ReplyLintConfigurationException(string file, int line, string key, string problem)
    : Exception($"{file}({line}): {key}: {problem}")
{
    public string File { get; } = file;
    public int Line { get; } = line;
    public string Key { get; } = key;
    public string Problem { get; } = problem;
}
