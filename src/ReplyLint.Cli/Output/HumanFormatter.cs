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

    private static void WriteSnippet(ReplyText text, Diagnostic d, TextWriter output)
    {
        var lineNumber = d.LineSpan.Start.Line;
        if (lineNumber >= text.LineCount) return;
        var lineSpan = text.GetLineSpan(lineNumber);
        var line = text.ToString(lineSpan);
        var gutter = (lineNumber + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var pad = new string(' ', gutter.Length);
        output.WriteLine($" {gutter} | {Printable(line)}");

        var startColumn = Math.Min(d.LineSpan.Start.Character, line.Length);
        // A span running past the end of the line is underlined to the line's end.
        var endColumn = d.LineSpan.End.Line == lineNumber ? Math.Min(d.LineSpan.End.Character, line.Length) : line.Length;
        var underline = new StringBuilder();
        for (var i = 0; i < startColumn; i++) underline.Append(line[i] == '\t' ? '\t' : ' ');
        underline.Append('^', Math.Max(1, endColumn - startColumn));
        output.WriteLine($" {pad} | {underline}");
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
