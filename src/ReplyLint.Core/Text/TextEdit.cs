namespace ReplyLint.Core.Text;

/// <summary>Replace <see cref="Span"/> with <see cref="NewText"/>; an empty span inserts.</summary>
public sealed record TextEdit(TextSpan Span, string NewText)
{
    public static TextEdit Insert(int position, string text) => new(new TextSpan(position, 0), text);
    public static TextEdit Delete(TextSpan span) => new(span, string.Empty);
}
