using System.Text;

namespace ReplyLint.Core.Text;

/// <summary>
/// Immutable reply text with a line map. Offsets are UTF-16 code units into the original string,
/// so a span reported to a caller always points into exactly what the caller sent.
/// </summary>
public sealed class ReplyText
{
    private readonly int[] _lineStarts;

    public ReplyText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
        _lineStarts = ComputeLineStarts(text);
    }

    public string Text { get; }
    public int Length => Text.Length;
    public int LineCount => _lineStarts.Length;

    public ReadOnlySpan<char> this[TextSpan span] => Text.AsSpan(span.Start, span.Length);

    public string ToString(TextSpan span) => Text.Substring(span.Start, span.Length);
    public override string ToString() => Text;

    public LinePosition GetLinePosition(int offset)
    {
        if ((uint)offset > (uint)Text.Length)
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"Offset must be within 0..{Text.Length}.");
        var line = Array.BinarySearch(_lineStarts, offset);
        if (line < 0) line = ~line - 1;
        return new LinePosition(line, offset - _lineStarts[line]);
    }

    public LinePositionSpan GetLinePositionSpan(TextSpan span) =>
        new(GetLinePosition(span.Start), GetLinePosition(span.End));

    /// <summary>The span of a line without its line break.</summary>
    public TextSpan GetLineSpan(int line)
    {
        var start = _lineStarts[line];
        var end = line + 1 < _lineStarts.Length ? _lineStarts[line + 1] : Text.Length;
        while (end > start && (Text[end - 1] == '\n' || Text[end - 1] == '\r')) end--;
        return TextSpan.FromBounds(start, end);
    }

    /// <summary>Applies non-overlapping edits in one pass, like Roslyn's <c>SourceText.WithChanges</c>.</summary>
    /// <exception cref="ArgumentException">Two edits overlap or an edit lies outside the text.</exception>
    public ReplyText WithChanges(IEnumerable<TextEdit> edits)
    {
        var ordered = edits.OrderBy(e => e.Span.Start).ThenBy(e => e.Span.Length).ToList();
        if (ordered.Count == 0) return this;
        var builder = new StringBuilder(Text.Length + 64);
        var position = 0;
        foreach (var edit in ordered)
        {
            if (edit.Span.End > Text.Length)
                throw new ArgumentException($"Edit {edit.Span} lies outside the text (length {Text.Length}).", nameof(edits));
            if (edit.Span.Start < position)
                throw new ArgumentException($"Edit {edit.Span} overlaps an earlier edit.", nameof(edits));
            builder.Append(Text, position, edit.Span.Start - position).Append(edit.NewText);
            position = edit.Span.End;
        }
        builder.Append(Text, position, Text.Length - position);
        return new ReplyText(builder.ToString());
    }

    private static int[] ComputeLineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n') i++;
                starts.Add(i + 1);
            }
            else if (c == '\n' || c == '\u2028' || c == '\u2029')
            {
                starts.Add(i + 1);
            }
        }
        return [.. starts];
    }
}
