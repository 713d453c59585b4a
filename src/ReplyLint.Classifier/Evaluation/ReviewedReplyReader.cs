using System.Text.Json;
using CsvHelper;
using ReplyLint.Classifier.Data;
using ReplyLint.Core.Diagnostics;

namespace ReplyLint.Classifier.Evaluation;

/// <summary>
/// Reads labelled replies from JSONL or CSV (by extension), optionally joined with a second file of labels by id.
/// A malformed line is reported with its number and skipped (a CSV record with the lines it took up, a line or record
/// that is not UTF-8, a reply whose text is empty or blank). Problems come in file order: the replies file's by line
/// (a reply skipped for its labels too, with the labels file's line where it has one), then the labels file's own.
/// </summary>
public static class ReviewedReplyReader
{
    public static IReadOnlyList<ReviewedReply> Read(string textsPath, string? labelsPath, ReplyColumns columns, ICollection<DataProblem> problems)
    {
        // Collected here and added in order at the end: the join finds problems of earlier lines after the readers
        // have reported later ones.
        var found = new List<DataProblem>();
        var replies = Join(textsPath, labelsPath, columns, found);
        foreach (var problem in found.OrderBy(p => p.File == textsPath ? 0 : 1).ThenBy(p => p.Line)) problems.Add(problem);
        return replies;
    }

    private static List<ReviewedReply> Join(string textsPath, string? labelsPath, ReplyColumns columns, ICollection<DataProblem> problems)
    {
        var rows = ReadRows(textsPath, problems).ToList();
        Dictionary<string, (long Line, Dictionary<string, string?> Row)>? labels = null;
        if (labelsPath is not null)
        {
            labels = new Dictionary<string, (long, Dictionary<string, string?>)>(StringComparer.Ordinal);
            foreach (var (line, row) in ReadRows(labelsPath, problems))
            {
                if (!row.TryGetValue(columns.Id, out var id) || string.IsNullOrEmpty(id))
                {
                    problems.Add(new DataProblem(labelsPath, line, $"no '{columns.Id}' value"));
                    continue;
                }
                if (!labels.TryAdd(id, (line, row))) problems.Add(new DataProblem(labelsPath, line, $"duplicate id '{id}'"));
            }
        }

        var replies = new List<ReviewedReply>(rows.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, row) in rows)
        {
            if (!row.TryGetValue(columns.Id, out var id) || string.IsNullOrEmpty(id))
            {
                problems.Add(new DataProblem(textsPath, line, $"no '{columns.Id}' value"));
                continue;
            }
            if (!seen.Add(id))
            {
                problems.Add(new DataProblem(textsPath, line, $"duplicate id '{id}'"));
                continue;
            }
            var textColumn = columns.Text ?? columns.TextFallbacks.FirstOrDefault(c => row.GetValueOrDefault(c) is not null);
            if (textColumn is null || row.GetValueOrDefault(textColumn) is not { } text)
            {
                problems.Add(new DataProblem(textsPath, line, $"no text column ({columns.Text ?? string.Join(" or ", columns.TextFallbacks)})"));
                continue;
            }
            // As replylint score and the service refuse one: there is no reply to judge.
            if (string.IsNullOrWhiteSpace(text))
            {
                problems.Add(new DataProblem(textsPath, line, $"the text column '{textColumn}' is empty or blank"));
                continue;
            }
            // A reply skipped for its labels is named by its own line, in the replies' order, like every other skipped
            // reply; the labels file's line, where there is one, says where to fix it.
            var (labelRow, labelSource) = (row, "");
            if (labels is not null)
            {
                if (!labels.TryGetValue(id, out var labelled))
                {
                    problems.Add(new DataProblem(textsPath, line, $"no labels for id '{id}' in {labelsPath}"));
                    continue;
                }
                (labelRow, labelSource) = (labelled.Row, $" ({labelsPath}:{labelled.Line})");
            }
            var parsed = new Dictionary<RuleFamily, bool?>();
            string? badLabel = null;
            foreach (var family in RuleFamilyNames.All)
            {
                var raw = labelRow.GetValueOrDefault(family.LabelName());
                parsed[family] = raw switch
                {
                    null or "" => null,
                    "1" or "true" or "True" => true,
                    "0" or "false" or "False" => false,
                    _ => null,
                };
                if (raw is not (null or "" or "1" or "0" or "true" or "false" or "True" or "False")) badLabel = $"{family.LabelName()} is '{raw}' (expected 0, 1, true, false or blank)";
            }
            if (badLabel is not null)
            {
                problems.Add(new DataProblem(textsPath, line, badLabel + labelSource));
                continue;
            }
            replies.Add(new ReviewedReply(id, text, row.GetValueOrDefault(columns.Customer) is { Length: > 0 } c ? c : null, parsed));
        }
        return replies;
    }

    /// <summary>Rows as column → value, with their 1-based line numbers.</summary>
    public static IEnumerable<(long Line, Dictionary<string, string?> Row)> ReadRows(string path, ICollection<DataProblem> problems)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: no such file", path);
        return path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase)
            ? ReadCsv(path, problems)
            : ReadJsonLines(path, problems);
    }

    private static IEnumerable<(long, Dictionary<string, string?>)> ReadJsonLines(string path, ICollection<DataProblem> problems)
    {
        foreach (var (line, root) in JsonLines.Read(path, (number, reason) => problems.Add(new DataProblem(path, number, reason))))
        {
            var row = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                row[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Number => property.Value.GetRawText(),
                    JsonValueKind.True => "1",
                    JsonValueKind.False => "0",
                    JsonValueKind.Null => null,
                    _ => property.Value.GetRawText(),
                };
            }
            yield return (line, row);
        }
    }

    private static IEnumerable<(long, Dictionary<string, string?>)> ReadCsv(string path, ICollection<DataProblem> problems)
    {
        var expectedFields = 0;
        var options = CsvProblems.TolerantOptions(path.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) ? '\t' : ',',
            () => expectedFields, skipped => problems.Add(new DataProblem(path, skipped.Line, skipped.Problem) { EndLine = skipped.EndLine }));
        using var reader = CsvReader.Create(File.OpenRead(path), options, leaveOpen: false);
        reader.ReadHeader();
        var header = reader.Headers.ToArray();
        expectedFields = header.Length;
        while (true)
        {
            bool more;
            try { more = reader.Read(); }
            catch (CsvFormatException e)
            {
                problems.Add(new DataProblem(path, CsvProblems.StoppedAtLine(e, reader), CsvProblems.ReadingStopped));
                yield break;
            }
            if (!more) yield break;
            // CsvHelper decodes a byte that is not UTF-8 as U+FFFD; the reply would be judged as text it never had.
            if (Utf8Bytes.Problem(reader.RawRecord, "record") is { } notUtf8)
            {
                problems.Add(new DataProblem(path, reader.LineNumber, notUtf8));
                continue;
            }
            var row = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++) row[header[i]] = reader.GetString(i);
            yield return (reader.LineNumber, row);
        }
    }
}
