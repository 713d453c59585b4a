using CsvHelper;

namespace ReplyLint.Classifier.Data;

/// <summary>
/// Reads and writes the training format (data/training/README.md): <c>text,defensive,perception_denial,legal_jargon,acknowledgement[,source]</c>,
/// labels 0, 1 or blank (unknown for that family). A malformed record is reported with its line number (or the lines it
/// took up) and skipped; the rest of the file is read.
/// </summary>
public static class TrainingCsv
{
    public const string TextColumn = "text";
    public const string SourceColumn = "source";

    public static IReadOnlyList<string> Header { get; } = [TextColumn, .. ToneFamilies.All.Select(f => f.ColumnName())];

    /// <summary>
    /// Whether a CSV of a data folder is training data: its header has the training columns. Other CSVs are left alone,
    /// but one that is empty, or whose header has some of the columns and not all (a typo, a column left out), is a
    /// mistake whose rows would otherwise go unused without a word: <paramref name="problem"/> says so.
    /// </summary>
    public static bool IsTrainingFile(string path, out DataProblem? problem)
    {
        problem = null;
        using var stream = File.OpenRead(path);
        using var csv = CsvReader.Create(stream, CsvReaderOptions.Default with { Separator = ',', HasHeader = true }, leaveOpen: true);
        csv.ReadHeader();
        var header = HeaderOf(csv);
        if (header.Count == 0)
        {
            problem = new DataProblem(Path.GetFileName(path), 1, EmptyFile);
            return false;
        }
        if (MissingColumns(header) is not { Count: > 0 } missing) return true;
        if (missing.Count < Header.Count) problem = new DataProblem(Path.GetFileName(path), 1, LacksColumns(missing));
        return false;
    }

    private const string EmptyFile = "the file is empty (expected a header row)";

    private static string LacksColumns(IEnumerable<string> missing) =>
        $"the header lacks column(s) {string.Join(", ", missing)}; expected {string.Join(",", Header)}";

    private static List<string> HeaderOf(CsvReader csv) => csv.Headers.Select(h => h.Trim().TrimStart('\uFEFF')).ToList();

    private static List<string> MissingColumns(IReadOnlyCollection<string> header)
    {
        var names = header.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return Header.Where(c => !names.Contains(c)).ToList();
    }

    /// <summary>Reads a file as bytes, so that a record that is not UTF-8 is reported rather than read with U+FFFD.</summary>
    public static List<LabelledSentence> Read(string path, ICollection<DataProblem> problems)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, Path.GetFileName(path), problems);
    }

    /// <summary>UTF-8 bytes (UTF-16 or UTF-32 with a byte-order mark are transcoded).</summary>
    public static List<LabelledSentence> Read(Stream stream, string fileName, ICollection<DataProblem> problems) =>
        Read(options => CsvReader.Create(stream, options, leaveOpen: true), fileName, problems);

    public static List<LabelledSentence> Read(TextReader reader, string fileName, ICollection<DataProblem> problems) =>
        Read(options => CsvReader.Create(reader, options, leaveOpen: true), fileName, problems);

    private static List<LabelledSentence> Read(Func<CsvReaderOptions, CsvReader> open, string fileName, ICollection<DataProblem> problems)
    {
        // CsvHelper reports the records it skips while it reads on to the next good one; the problems of good records
        // are found here. Both are gathered and passed on in line order.
        var found = new List<DataProblem>();
        var expectedFields = Header.Count;
        var options = CsvProblems.TolerantOptions(',', () => expectedFields,
            skipped => found.Add(new DataProblem(fileName, skipped.Line, skipped.Problem) { EndLine = skipped.EndLine })) with { AllowLineBreaksInQuotes = true };
        using var csv = open(options);
        csv.ReadHeader();
        var header = HeaderOf(csv);
        expectedFields = header.Count; // malformed records are reported while reading, against the real header
        var rows = new List<LabelledSentence>();
        if (header.Count == 0) found.Add(new DataProblem(fileName, 1, EmptyFile));
        else if (MissingColumns(header) is { Count: > 0 } missing) found.Add(new DataProblem(fileName, 1, LacksColumns(missing)));
        else ReadRecords(csv, header, fileName, rows, found);
        foreach (var problem in found.OrderBy(p => p.Line)) problems.Add(problem);
        return rows;
    }

    private static void ReadRecords(CsvReader csv, List<string> header, string fileName, List<LabelledSentence> rows, List<DataProblem> problems)
    {
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++) index.TryAdd(header[i], i);
        var textIndex = index[TextColumn];
        var familyIndex = ToneFamilies.All.Select(f => index[f.ColumnName()]).ToArray();
        var hasSource = index.TryGetValue(SourceColumn, out var sourceIndex);
        var defaultSource = Path.GetFileNameWithoutExtension(fileName);

        while (true)
        {
            bool read;
            try { read = csv.Read(); }
            catch (CsvFormatException e)
            {
                problems.Add(new DataProblem(fileName, CsvProblems.StoppedAtLine(e, csv), CsvProblems.ReadingStopped));
                break;
            }
            if (!read) break;
            var line = csv.LineNumber;
            // CsvHelper decodes a byte that is not UTF-8 as U+FFFD; the sentence would be trained on as text it never had.
            if (Utf8Bytes.Problem(csv.RawRecord, "record") is { } notUtf8)
            {
                problems.Add(new DataProblem(fileName, line, notUtf8));
                continue;
            }
            var text = (csv.GetString(textIndex) ?? "").Trim();
            if (text.Length == 0)
            {
                problems.Add(new DataProblem(fileName, line, $"the text column '{TextColumn}' is empty or blank"));
                continue;
            }
            var labels = LabelSet.Unknown;
            string? bad = null;
            for (var f = 0; f < familyIndex.Length; f++)
            {
                var cell = (csv.GetString(familyIndex[f]) ?? "").Trim();
                if (cell is not ("1" or "0" or ""))
                {
                    bad = $"{ToneFamilies.All[f].ColumnName()} is '{Truncate(cell)}' (expected 0, 1 or blank)";
                    break;
                }
                labels = labels.With(ToneFamilies.All[f], cell switch { "1" => true, "0" => false, _ => null });
            }
            if (bad is not null)
            {
                problems.Add(new DataProblem(fileName, line, bad));
                continue;
            }
            var source = hasSource && (csv.GetString(sourceIndex) ?? "").Trim() is { Length: > 0 } s ? s : defaultSource;
            rows.Add(new LabelledSentence(text, labels, source));
        }
    }

    public static void Write(TextWriter writer, IEnumerable<LabelledSentence> rows, bool includeSource)
    {
        writer.Write(string.Join(',', includeSource ? [.. Header, SourceColumn] : Header));
        writer.Write('\n');
        foreach (var row in rows)
        {
            writer.Write(Quote(row.Text));
            foreach (var family in ToneFamilies.All)
            {
                writer.Write(',');
                writer.Write(row.Labels[family] switch { true => "1", false => "0", null => "" });
            }
            if (includeSource)
            {
                writer.Write(',');
                writer.Write(Quote(row.Source));
            }
            writer.Write('\n');
        }
    }

    /// <summary>RFC 4180 quoting for a field that needs it; the writer stays this small so generated.csv is byte-stable.</summary>
    internal static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static string Truncate(string value) => value.Length <= 20 ? value : value[..20] + "…";
}
