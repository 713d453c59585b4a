using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace ReplyLint.Cli.Output;

/// <summary>A line diff with a few lines of context, in the familiar <c>---</c>/<c>+++</c>/<c>-</c>/<c>+</c> shape.</summary>
internal static class DiffRenderer
{
    public static void Write(string path, string before, string after, TextWriter output, int context = 2)
    {
        var model = InlineDiffBuilder.Diff(before, after, ignoreWhiteSpace: false, ignoreCase: false);
        output.WriteLine($"--- {path}");
        output.WriteLine($"+++ {path} (fixed)");
        var lines = model.Lines;
        var show = new bool[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Type is ChangeType.Unchanged or ChangeType.Imaginary) continue;
            for (var j = Math.Max(0, i - context); j <= Math.Min(lines.Count - 1, i + context); j++) show[j] = true;
        }
        var oldLine = 0;
        var newLine = 0;
        var gap = false;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Type != ChangeType.Inserted) oldLine++;
            if (line.Type != ChangeType.Deleted) newLine++;
            if (!show[i]) { gap = true; continue; }
            if (gap || i == 0) output.WriteLine($"@@ line {(line.Type == ChangeType.Inserted ? newLine : oldLine)} @@");
            gap = false;
            var prefix = line.Type switch { ChangeType.Deleted => '-', ChangeType.Inserted => '+', _ => ' ' };
            output.WriteLine($"{prefix}{line.Text}");
        }
    }
}
