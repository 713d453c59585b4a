using System.Text.Json;
using ReplyLint.Core.Engine;
using ReplyLint.Core.Structure;

namespace ReplyLint.Classifier.Data;

/// <summary>A real reply with its reply-level labels (LABELLING.md); <see cref="Evidence"/> holds the substring behind each 1.</summary>
public sealed record LabelledReply(string Id, string Customer, string Reply, IReadOnlyDictionary<string, int> Labels,
    IReadOnlyDictionary<string, string> Evidence);

/// <summary>Reads the real-reply files (<c>*.jsonl</c> + <c>*.labels.jsonl</c>) and turns the tuning half into sentence rows.</summary>
public static class RealReplies
{
    /// <summary>The environment variable naming the real-replies folder, when it is not at <c>shared/data/real-replies</c> above the repository.</summary>
    public const string FolderVariable = "REPLYLINT_REAL_REPLIES";

    /// <summary>
    /// The default location: the folder named by <see cref="FolderVariable"/>, else <c>shared/data/real-replies</c> in
    /// the nearest folder above <paramref name="startDirectory"/> that has it (dev machines and CI: <c>../shared/...</c>).
    /// </summary>
    public static (string Replies, string Labels)? FindDefault(string startDirectory)
    {
        // A clone kept elsewhere can point at the folder holding the two files.
        if (Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } configured) return FilesIn(configured);
        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
            if (FilesIn(Path.Combine(dir.FullName, "shared", "data", "real-replies")) is { } found) return found;
        return null;

        static (string Replies, string Labels)? FilesIn(string folder)
        {
            var replies = Path.Combine(folder, "ibm-twitter-dev.jsonl");
            var labels = Path.Combine(folder, "ibm-twitter-dev.labels.jsonl");
            return File.Exists(replies) && File.Exists(labels) ? (replies, labels) : null;
        }
    }

    public static List<LabelledReply> Read(string repliesPath, string labelsPath, ICollection<DataProblem> problems)
    {
        var labels = new Dictionary<string, (Dictionary<string, int> Labels, Dictionary<string, string> Evidence)>(StringComparer.Ordinal);
        foreach (var (line, root) in ReadJsonLines(labelsPath, problems))
        {
            if (!TryGetString(root, "id", out var id))
            {
                problems.Add(new DataProblem(Path.GetFileName(labelsPath), line, "no string 'id'"));
                continue;
            }
            var values = new Dictionary<string, int>(StringComparer.Ordinal);
            var evidence = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt32(out var v)) values[property.Name] = v;
                if (property.Name == "evidence" && property.Value.ValueKind == JsonValueKind.Object)
                    foreach (var e in property.Value.EnumerateObject())
                        if (e.Value.ValueKind == JsonValueKind.String) evidence[e.Name] = e.Value.GetString()!;
            }
            labels[id] = (values, evidence);
        }
        var result = new List<LabelledReply>();
        foreach (var (line, root) in ReadJsonLines(repliesPath, problems))
        {
            if (!TryGetString(root, "id", out var id) || !TryGetString(root, "reply", out var reply))
            {
                problems.Add(new DataProblem(Path.GetFileName(repliesPath), line, "no string 'id' or 'reply'"));
                continue;
            }
            if (!labels.TryGetValue(id, out var label))
            {
                problems.Add(new DataProblem(Path.GetFileName(repliesPath), line, $"no labels for id {id}"));
                continue;
            }
            TryGetString(root, "customer", out var customer);
            result.Add(new LabelledReply(id, customer ?? "", reply, label.Labels, label.Evidence));
        }
        return result;
    }

    /// <summary>
    /// Sentence rows from reply-level labels: the sentence holding a family's evidence is positive for it; every
    /// sentence of a reply labelled 0 for a family is negative for it; other sentences of a positive reply are
    /// unknown. Acknowledgement is negative for every sentence of a reply labelled missing_empathy = 1 (it
    /// acknowledges nothing) and unknown otherwise. Core features are computed in the reply, as at serving time.
    /// </summary>
    public static IEnumerable<LabelledSentence> ToSentenceRows(LabelledReply reply)
    {
        var document = ReplyDocument.Parse(reply.Reply);
        if (document.Sentences.Count == 0) yield break;
        var features = SentenceFeatures.ComputeAll(document);
        var problemFamilies = new[] { ToneFamily.Defensive, ToneFamily.PerceptionDenial, ToneFamily.Jargon };
        var evidenceSentence = new Dictionary<ToneFamily, int>();
        foreach (var family in problemFamilies)
        {
            if (reply.Labels.GetValueOrDefault(family.ColumnName()) != 1) continue;
            if (!reply.Evidence.TryGetValue(family.ColumnName(), out var evidence)) continue;
            var at = reply.Reply.IndexOf(evidence, StringComparison.Ordinal);
            if (at < 0) continue;
            evidenceSentence[family] = document.Sentences.FirstOrDefault(s => s.Span.Start <= at && at < s.Span.End)?.Index ?? -1;
        }
        var noAcknowledgement = reply.Labels.GetValueOrDefault("missing_empathy") == 1;
        foreach (var sentence in document.Sentences)
        {
            if (sentence.IsGreeting || sentence.WordCount < 2) continue;
            var labels = LabelSet.Unknown;
            foreach (var family in problemFamilies)
            {
                bool? value = reply.Labels.GetValueOrDefault(family.ColumnName()) switch
                {
                    0 => false,
                    1 when evidenceSentence.TryGetValue(family, out var s) && s == sentence.Index => true,
                    _ => null,
                };
                labels = labels.With(family, value);
            }
            labels = labels.With(ToneFamily.Acknowledgement, noAcknowledgement ? false : null);
            yield return new LabelledSentence(document.TextOf(sentence), labels, "real:" + reply.Id)
            {
                ContextFeatures = features[sentence.Index],
            };
        }
    }

    private static IEnumerable<(long Line, JsonElement Root)> ReadJsonLines(string path, ICollection<DataProblem> problems)
    {
        var name = Path.GetFileName(path);
        return JsonLines.Read(path, (line, reason) => problems.Add(new DataProblem(name, line, reason)));
    }

    private static bool TryGetString(JsonElement root, string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
    {
        value = root.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        return value is not null;
    }
}
