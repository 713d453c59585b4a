using System.Text;
using ReplyLint.Core.Diagnostics;
using ReplyLint.Core.Text;

namespace ReplyLint.Cli.Output;

/// <summary>
/// Compiler-style output: <c>file:line:col: severity RLxxxx: message</c>, then the line with the span underlined.
/// </summary>
internal static class HumanFormatter
{
    public static void Write(LintRun run, TextWriter output)
    {
        var total = 0;
        var bySeverity = new Dictionary<Severity, int>();
        foreach (var file in run.Files)
        {
            var text = new ReplyText(file.Text);
            foreach (var d in file.Result.Diagnostics)
            {
                total++;
                bySeverity[d.Severity] = bySeverity.GetValueOrDefault(d.Severity) + 1;
                var start = d.LineSpan.Start;
                var source = d.Source == FindingSource.Model ? $" (model, {d.Confidence:0.00})" : "";
                output.WriteLine($"{file.DisplayPath}:{start.Line + 1}:{start.Character + 1}: {d.Severity.ToConfigString()} {d.Id}: {d.Message}{source}");
                WriteSnippet(text, d, output);
            }
        }
        if (run.IsDegraded)
            output.WriteLine($"note: degraded: {run.ModelStatus.Problem}; these results come from the rules alone.");
        var parts = new[] { Severity.Error, Severity.Warning, Severity.Info }
            .Where(bySeverity.ContainsKey).Select(s => $"{bySeverity[s]} {s.ToConfigString()}{(bySeverity[s] == 1 ? "" : "s")}");
        output.WriteLine(total == 0
            ? $"{run.Files.Count} file{(run.Files.Count == 1 ? "" : "s")} checked, no findings."
            : $"{run.Files.Count} file{(run.Files.Count == 1 ? "" : "s")} checked, {total} finding{(total == 1 ? "" : "s")} ({string.Join(", ", parts)}).");
    }

    // A line longer than this is shown as a window around the finding: a one-line reply of a megabyte would otherwise
    // be printed whole under every one of its findings.
    private const int MaxSnippetWidth = 160;
    private const int SnippetContext = 40;

    private static void WriteSnippet(ReplyText text, Diagnostic d, TextWriter output)
    {
        var lineNumber = d.LineSpan.Start.Line;
        if (lineNumber >= text.LineCount) return;
        var lineSpan = text.GetLineSpan(lineNumber);
        var startColumn = Math.Min(d.LineSpan.Start.Character, lineSpan.Length);
        // A span running past the end of the line is underlined to the line's end.
        var endColumn = d.LineSpan.End.Line == lineNumber ? Math.Min(d.LineSpan.End.Character, lineSpan.Length) : lineSpan.Length;

        var from = 0;
        var to = lineSpan.Length;
        if (lineSpan.Length > MaxSnippetWidth)
        {
            from = Math.Max(0, startColumn - SnippetContext);
            to = Math.Min(lineSpan.Length, from + MaxSnippetWidth);
            // Never cut a surrogate pair in half.
            if (from > 0 && char.IsLowSurrogate(text.Text[lineSpan.Start + from])) from++;
            if (to < lineSpan.Length && char.IsHighSurrogate(text.Text[lineSpan.Start + to - 1])) to--;
        }
        var before = from > 0 ? "…" : "";
        var after = to < lineSpan.Length ? "…" : "";
        var line = text.ToString(new TextSpan(lineSpan.Start + from, to - from));
        var gutter = (lineNumber + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var pad = new string(' ', gutter.Length);
        output.WriteLine($" {gutter} | {before}{Printable(line)}{after}");

        // Carets go under what the terminal shows: a letter with combining marks is one column, an emoji or a CJK
        // character two, whatever their UTF-16 length.
        var underline = new StringBuilder(before.Length > 0 ? " " : "");
        var prefix = line[..(startColumn - from)];
        foreach (var (element, width) in TextElements(prefix)) underline.Append(element == "\t" ? "\t" : new string(' ', width));
        var flagged = line[(startColumn - from)..Math.Max(startColumn - from, Math.Min(endColumn, to) - from)];
        underline.Append('^', Math.Max(1, TextElements(flagged).Sum(e => e.Width)));
        output.WriteLine($" {pad} | {underline}");
    }

    private static IEnumerable<(string Element, int Width)> TextElements(string text)
    {
        var elements = System.Globalization.StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            yield return (element, DisplayWidth(element));
        }
    }

    private static int DisplayWidth(string element)
    {
        var rune = System.Text.Rune.GetRuneAt(element, 0).Value;
        if (element.Contains('\uFE0F') || rune >= 0x1F000) return 2; // emoji presentation
        return rune is >= 0x1100 and <= 0x115F or >= 0x2E80 and <= 0xA4CF or >= 0xAC00 and <= 0xD7A3 or >= 0xF900 and <= 0xFAFF
            or >= 0xFE30 and <= 0xFE4F or >= 0xFF00 and <= 0xFF60 or >= 0xFFE0 and <= 0xFFE6 or >= 0x20000 and <= 0x3FFFD ? 2 : 1;
    }

    /// <summary>Control characters would move the terminal's cursor or worse; show them as '?' (tabs stay for alignment).</summary>
    private static string Printable(string line)
    {
        if (!line.Any(c => char.IsControl(c) && c != '\t')) return line;
        return string.Create(line.Length, line, (span, l) =>
        {
            for (var i = 0; i < l.Length; i++) span[i] = char.IsControl(l[i]) && l[i] != '\t' ? '?' : l[i];
        });
    }
}
