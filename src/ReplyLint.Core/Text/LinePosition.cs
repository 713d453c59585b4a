namespace ReplyLint.Core.Text;

/// <summary>A zero-based line and UTF-16 column, as editors and SARIF (after +1) expect.</summary>
public readonly record struct LinePosition(int Line, int Character)
{
    public override string ToString() => $"{Line + 1}:{Character + 1}";
}

public readonly record struct LinePositionSpan(LinePosition Start, LinePosition End);
