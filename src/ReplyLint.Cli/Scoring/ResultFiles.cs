using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using ReplyLint.Core.Diagnostics;

namespace ReplyLint.Cli.Scoring;

public enum ResultFormat
{
    Jsonl,
    Csv,
}

/// <summary>
/// Writes results one whole line at a time straight to the file, and flushes after each batch, so a killed run leaves
/// complete lines plus at most one partial last line (which <see cref="ResultFiles.PrepareForResume"/> cuts off).
/// </summary>
internal interface IResultWriter : IDisposable
{
    void Write(ScoredReply reply);
    void Flush();
}

internal static class ResultFiles
{
    public static IResultWriter OpenWriter(string path, ResultFormat format, bool append)
    {
        var stream = new FileStream(path, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        return format == ResultFormat.Jsonl ? new JsonlResultWriter(stream) : new CsvResultWriter(stream, writeHeader: stream.Length == 0);
    }

    /// <summary>
    /// Makes an existing results file safe to append to: drops a partial last line left by a kill, and returns the
    /// archive line of the last complete result (0 if none) and how many results it holds.
    /// </summary>
    public static (long LastLine, long Count) PrepareForResume(string path, ResultFormat format)
    {
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            var cut = format == ResultFormat.Csv ? EndOfLastCsvRecord(stream, path) : EndOfLastJsonlLine(stream, path);
            if (cut != stream.Length) stream.SetLength(cut);
        }
        long last = 0, count = 0;
        foreach (var reply in Read(path, format))
        {
            last = reply.Line;
            count++;
        }
        return (last, count);
    }

    /// <summary>
    /// Just after the last newline: everything after it is an unfinished line. A file whose first line is whole but is
    /// not a result is refused before anything is cut: its last line is someone's data, not a torn result.
    /// </summary>
    private static long EndOfLastJsonlLine(FileStream stream, string path)
    {
        stream.Position = 0;
        using (var reader = new StreamReader(stream, new UTF8Encoding(false), false, 1 << 12, leaveOpen: true))
        {
            var first = new StringBuilder();
            int c;
            while ((c = reader.Read()) >= 0 && c != '\n') first.Append((char)c);
            var notOurs = new ResultFileException($"{path}:1: not a replylint result line");
            if (c == '\n')
            {
                try { JsonlResultWriter.Parse(first.ToString()); }
                catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
                {
                    throw notOurs;
                }
            }
            // A file of one unfinished line is a result cut short only if it starts as every result does.
            else if (first.Length > 0 && !(first.ToString().StartsWith(ResultStart, StringComparison.Ordinal) || ResultStart.StartsWith(first.ToString(), StringComparison.Ordinal)))
            {
                throw notOurs;
            }
        }
        return EndOfLastLine(stream);
    }

    /// <summary>How <see cref="JsonlResultWriter"/> starts every line.</summary>
    private const string ResultStart = "{\"id\":";

    private static long EndOfLastLine(FileStream stream)
    {
        var cut = stream.Length;
        var buffer = new byte[4096];
        while (cut > 0)
        {
            var chunk = (int)Math.Min(buffer.Length, cut);
            stream.Position = cut - chunk;
            stream.ReadExactly(buffer, 0, chunk);
            var index = Array.LastIndexOf(buffer, (byte)'\n', chunk - 1);
            if (index >= 0) return cut - chunk + index + 1;
            cut -= chunk;
        }
        return 0;
    }

    /// <summary>
    /// Just after the last newline outside quotes. An id, agent, channel or created_at value with a line break in it (a
    /// CSV archive may quote one) is written as a quoted field over two lines, so a kill can leave the file ending in
    /// a line break that is not the end of a result; cutting there would keep half a result and make the file
    /// unreadable for resume. The writer doubles every quote inside a quoted field, so counting quotes from the start
    /// of the file tells a newline inside a field from one that ends a result. That holds for our files only, so a file
    /// whose first line is not our header is refused before anything is cut.
    /// </summary>
    private static long EndOfLastCsvRecord(FileStream stream, string path)
    {
        var header = Encoding.UTF8.GetBytes(string.Join(',', CsvResultWriter.Header) + "\n");
        var start = new byte[header.Length];
        stream.Position = 0;
        var read = stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        // All of the header, or the start of it when a kill cut the header itself.
        if (!header.AsSpan().StartsWith(start.AsSpan(0, read)))
            throw new ResultFileException($"{path}:1: not a replylint results CSV (header differs)");
        stream.Position = 0;
        var buffer = new byte[1 << 16];
        long offset = 0, end = 0;
        var quoted = false;
        int count;
        while ((count = stream.Read(buffer)) > 0)
        {
            var span = buffer.AsSpan(0, count);
            for (var i = span.IndexOfAny((byte)'"', (byte)'\n'); i >= 0;)
            {
                if (span[i] == '"') quoted = !quoted;
                else if (!quoted) end = offset + i + 1;
                var next = span[(i + 1)..].IndexOfAny((byte)'"', (byte)'\n');
                i = next < 0 ? -1 : i + 1 + next;
            }
            offset += count;
        }
        return end;
    }

    /// <summary>Reads a results file back (for resume); a line that cannot be read is an error, the file is not ours.</summary>
    public static IEnumerable<ScoredReply> Read(string path, ResultFormat format) =>
        format == ResultFormat.Jsonl ? ReadJsonl(path) : ReadCsv(path);

    private static IEnumerable<ScoredReply> ReadJsonl(string path)
    {
        // Shared for writing: a resumed run appends to the file while this reads the part already there.
        using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16), new UTF8Encoding(false), false);
        var lineNumber = 0L;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            ScoredReply reply;
            try
            {
                reply = JsonlResultWriter.Parse(line);
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new ResultFileException($"{path}:{lineNumber}: not a replylint result line");
            }
            yield return reply;
        }
    }

    private static IEnumerable<ScoredReply> ReadCsv(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
        using var csv = CsvReader.Create(stream, CsvReaderOptions.Default with { Separator = ',', HasHeader = true, TrackLineNumbers = true });
        csv.ReadHeader();
        if (!csv.Headers.SequenceEqual(CsvResultWriter.Header)) throw new ResultFileException($"{path}:1: not a replylint results CSV (header differs)");
        while (csv.Read())
        {
            ScoredReply reply;
            try
            {
                reply = CsvResultWriter.Parse(csv.Current.ToArray());
            }
            catch (Exception e) when (e is FormatException or IndexOutOfRangeException or OverflowException)
            {
                throw new ResultFileException($"{path}:{csv.LineNumber}: not a replylint result row");
            }
            yield return reply;
        }
    }
}

/// <summary>The existing output cannot be used for resuming.</summary>
internal sealed class ResultFileException(string message) : Exception(message);

internal sealed class JsonlResultWriter(Stream stream) : IResultWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private Utf8JsonWriter? _json;

    public void Write(ScoredReply reply)
    {
        _buffer.ResetWrittenCount();
        if (_json is null) _json = new Utf8JsonWriter(_buffer);
        else _json.Reset(_buffer);
        var json = _json;
        json.WriteStartObject();
        json.WriteString("id", reply.Id);
        json.WriteNumber("line", reply.Line);
        if (reply.Agent is not null) json.WriteString("agent", reply.Agent);
        if (reply.Channel is not null) json.WriteString("channel", reply.Channel);
        if (reply.CreatedAt is not null) json.WriteString("createdAt", reply.CreatedAt);
        json.WriteNumber("score", reply.Score);
        json.WriteStartObject("familyScores");
        for (var i = 0; i < reply.FamilyScores.Length; i++) json.WriteNumber(RuleFamilyNames.All[i].LabelName(), reply.FamilyScores[i]);
        json.WriteEndObject();
        if (reply.Degraded) json.WriteBoolean("degraded", true);
        json.WriteStartArray("findings");
        foreach (var f in reply.Findings)
        {
            json.WriteStartObject();
            json.WriteString("ruleId", f.RuleId);
            json.WriteString("family", f.Family.LabelName());
            json.WriteString("severity", f.Severity.ToConfigString());
            json.WriteStartObject("span");
            json.WriteNumber("start", f.Start);
            json.WriteNumber("length", f.Length);
            json.WriteEndObject();
            json.WriteNumber("line", f.Line);
            json.WriteNumber("column", f.Column);
            json.WriteNumber("confidence", f.Confidence);
            json.WriteString("source", f.Source == FindingSource.Model ? "model" : "rule");
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        _buffer.Write("\n"u8);
        stream.Write(_buffer.WrittenSpan);
    }

    public static ScoredReply Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        string? Optional(string name) => root.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        var families = root.GetProperty("familyScores");
        var familyScores = RuleFamilyNames.All.Select(f => families.GetProperty(f.LabelName()).GetInt32()).ToArray();
        var findings = root.GetProperty("findings").EnumerateArray().Select(f =>
        {
            RuleFamilyNames.TryParse(f.GetProperty("family").GetString()!, out var family);
            SeverityParser.TryParse(f.GetProperty("severity").GetString(), out var severity);
            var span = f.GetProperty("span");
            return new ScoredFinding(f.GetProperty("ruleId").GetString()!, family, severity, span.GetProperty("start").GetInt32(),
                span.GetProperty("length").GetInt32(), f.GetProperty("line").GetInt32(), f.GetProperty("column").GetInt32(),
                f.GetProperty("confidence").GetDouble(), f.GetProperty("source").GetString() == "model" ? FindingSource.Model : FindingSource.Rule);
        }).ToArray();
        return new ScoredReply(root.GetProperty("line").GetInt64(), root.GetProperty("id").GetString()!, Optional("agent"), Optional("channel"),
            Optional("createdAt"), root.GetProperty("score").GetInt32(), familyScores, findings,
            root.TryGetProperty("degraded", out var degraded) && degraded.GetBoolean());
    }

    public void Flush() => stream.Flush();

    public void Dispose()
    {
        _json?.Dispose();
        stream.Dispose();
    }
}

/// <summary>
/// CSV results: one row per reply; findings packed in one column as
/// <c>RULE:severity:start+length:line:column:confidence:source</c> joined by <c>|</c>.
/// </summary>
internal sealed class CsvResultWriter : IResultWriter
{
    public static readonly string[] Header =
        ["id", "line", "agent", "channel", "created_at", "score", .. RuleFamilyNames.All.Select(f => f.LabelName()), "degraded", "finding_count", "findings"];

    private readonly Stream _stream;
    private readonly StringBuilder _line = new();
    private readonly Encoding _encoding = new UTF8Encoding(false);

    public CsvResultWriter(Stream stream, bool writeHeader)
    {
        _stream = stream;
        if (!writeHeader) return;
        WriteRow(Header);
    }

    public void Write(ScoredReply reply)
    {
        var findings = string.Join('|', reply.Findings.Select(f => string.Create(CultureInfo.InvariantCulture,
            $"{f.RuleId}:{f.Severity.ToConfigString()}:{f.Start}+{f.Length}:{f.Line}:{f.Column}:{f.Confidence}:{(f.Source == FindingSource.Model ? "model" : "rule")}")));
        WriteRow([Neutralize(reply.Id), reply.Line.ToString(CultureInfo.InvariantCulture), Neutralize(reply.Agent ?? ""), Neutralize(reply.Channel ?? ""), Neutralize(reply.CreatedAt ?? ""),
            reply.Score.ToString(CultureInfo.InvariantCulture), .. reply.FamilyScores.Select(s => s.ToString(CultureInfo.InvariantCulture)),
            reply.Degraded ? "true" : "false", reply.Findings.Length.ToString(CultureInfo.InvariantCulture), findings]);
    }

    public static ScoredReply Parse(string[] r)
    {
        var n = RuleFamilyNames.All.Count;
        var findings = r[8 + n].Length == 0 ? [] : r[8 + n].Split('|').Select(s =>
        {
            var p = s.Split(':');
            var span = p[2].Split('+');
            var family = RuleIds.FamilyOf(p[0]) ?? RuleFamily.Defensiveness;
            SeverityParser.TryParse(p[1], out var severity);
            return new ScoredFinding(p[0], family, severity, int.Parse(span[0], CultureInfo.InvariantCulture), int.Parse(span[1], CultureInfo.InvariantCulture),
                int.Parse(p[3], CultureInfo.InvariantCulture), int.Parse(p[4], CultureInfo.InvariantCulture),
                double.Parse(p[5], CultureInfo.InvariantCulture), p[6] == "model" ? FindingSource.Model : FindingSource.Rule);
        }).ToArray();
        string? Nullable(string s) => s.Length == 0 ? null : Restore(s);
        return new ScoredReply(long.Parse(r[1], CultureInfo.InvariantCulture), Restore(r[0]), Nullable(r[2]), Nullable(r[3]), Nullable(r[4]),
            int.Parse(r[5], CultureInfo.InvariantCulture), [.. r.Skip(6).Take(n).Select(s => int.Parse(s, CultureInfo.InvariantCulture))],
            findings, r[6 + n] == "true");
    }

    // A spreadsheet runs a cell that starts with = + - @ as a formula ("=HYPERLINK(…)" as an id from an archive), so
    // such values get a leading apostrophe, as OWASP advises; reading the results back (resume) takes it off again.
    // Values that already start with apostrophes before such a character get one more, so the round trip is exact.
    private static bool LooksLikeFormula(string value) => value.TrimStart('\'') is [ '=' or '+' or '-' or '@' or '\t' or '\r', ..];

    internal static string Neutralize(string value) => LooksLikeFormula(value) ? "'" + value : value;

    internal static string Restore(string value) => value.StartsWith('\'') && LooksLikeFormula(value[1..]) ? value[1..] : value;

    private void WriteRow(IReadOnlyList<string> fields)
    {
        _line.Clear();
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0) _line.Append(',');
            var field = fields[i];
            if (field.AsSpan().IndexOfAny(",\"\r\n") >= 0) _line.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            else _line.Append(field);
        }
        _line.Append('\n');
        _stream.Write(_encoding.GetBytes(_line.ToString()));
    }

    public void Flush() => _stream.Flush();

    public void Dispose() => _stream.Dispose();
}
