using System.Text;

namespace ReplyLint.Classifier.Data;

/// <summary>
/// A small RFC 4180 reader that keeps going past a bad record: each record comes with the line it starts on
/// and, when malformed, the reason (the data files are hand-edited, so a stray quote must name its line).
/// </summary>
internal static class Csv
{
    public static IEnumerable<(long Line, List<string> Fields, string? Error)> ReadRecords(TextReader reader)
    {
        long lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            var start = lineNumber;
            var fields = new List<string>();
            var field = new StringBuilder();
            string? error = null;
            var i = 0;
            var quoted = false;
            var fieldStart = true;
            while (true)
            {
                if (i >= line.Length)
                {
                    if (!quoted) break;
                    // A quoted field runs on to the next line.
                    var next = reader.ReadLine();
                    if (next is null)
                    {
                        error = "a quoted field is never closed";
                        break;
                    }
                    lineNumber++;
                    field.Append('\n');
                    line = next;
                    i = 0;
                    continue;
                }
                var c = line[i];
                if (quoted)
                {
                    if (c == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                        quoted = false;
                        i++;
                        if (i < line.Length && line[i] != ',')
                        {
                            error ??= "text after a closing quote (double a quote inside a quoted field)";
                        }
                        continue;
                    }
                    field.Append(c);
                    i++;
                    continue;
                }
                if (c == ',')
                {
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldStart = true;
                    i++;
                    continue;
                }
                if (c == '"')
                {
                    if (fieldStart && field.Length == 0) { quoted = true; fieldStart = false; i++; continue; }
                    error ??= "a quote inside an unquoted field (quote the field and double the inner quote)";
                }
                fieldStart = false;
                field.Append(c);
                i++;
            }
            fields.Add(field.ToString());
            yield return (start, fields, error);
        }
    }

    public static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
