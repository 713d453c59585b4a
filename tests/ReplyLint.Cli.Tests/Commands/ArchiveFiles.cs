using System.Text;
using System.Text.Json;

namespace ReplyLint.Cli.Tests.Commands;

/// <summary>Builds archives from the repository's real labelled replies (data/eval), repeated to the size a test needs.</summary>
internal static class ArchiveFiles
{
    public static IReadOnlyList<(string Text, string? Customer)> RealReplies { get; } = Load();

    private static List<(string, string?)> Load()
    {
        var replies = new List<(string, string?)>();
        foreach (var name in new[] { "replies-perception-denial.jsonl", "replies-legal-jargon.jsonl" })
        {
            foreach (var line in File.ReadLines(Path.Combine(CliRun.RepoRoot(), "data", "eval", name)))
            {
                if (string.IsNullOrWhiteSpace(line)) continue;
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                replies.Add((root.GetProperty("text").GetString()!,
                    root.TryGetProperty("customer", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null));
            }
        }
        return replies;
    }

    /// <summary>A JSONL archive of <paramref name="count"/> replies with ids r0…, agents and channels; <paramref name="malformedLines"/> are broken.</summary>
    public static string Jsonl(string path, int count, ISet<int>? malformedLines = null)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var line = i + 1;
            if (malformedLines?.Contains(line) == true)
            {
                builder.Append(line % 2 == 0 ? "{\"id\": \"broken\", \"text\": \n" : "{\"id\": \"no-text\"}\n");
                continue;
            }
            var (text, customer) = RealReplies[i % RealReplies.Count];
            builder.Append(JsonSerializer.Serialize(new Dictionary<string, string?>
            {
                ["id"] = $"r{i}", ["text"] = text, ["customer"] = customer, ["agent"] = $"agent-{i % 5}", ["channel"] = i % 2 == 0 ? "email" : "chat",
            })).Append('\n');
        }
        File.WriteAllText(path, builder.ToString());
        return path;
    }

    public static string Csv(string path, int count, string textColumn = "text")
    {
        var builder = new StringBuilder($"id,{textColumn},agent,channel\n");
        for (var i = 0; i < count; i++)
        {
            var (text, _) = RealReplies[i % RealReplies.Count];
            builder.Append(CultureInvariant($"c{i}")).Append(",\"").Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append("\",")
                .Append($"agent-{i % 3}").Append(",email\n");
        }
        File.WriteAllText(path, builder.ToString());
        return path;
    }

    private static string CultureInvariant(string s) => s;

    /// <summary>The ids of a CSV results file, read back as the tool reads them on resume.</summary>
    public static List<string> ReadCsvIds(string path) =>
        [.. ReplyLint.Cli.Scoring.ResultFiles.Read(path, ReplyLint.Cli.Scoring.ResultFormat.Csv).Select(r => r.Id)];

    public static List<JsonElement> ReadResults(string path) =>
        File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
}
