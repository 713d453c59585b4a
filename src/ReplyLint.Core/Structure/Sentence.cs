using ReplyLint.Core.Text;

namespace ReplyLint.Core.Structure;

/// <summary>A sentence of the reply: its span, its tokens (a slice of the document's), and where it stands.</summary>
public sealed record Sentence(int Index, TextSpan Span, int FirstToken, int TokenCount, int Paragraph)
{
    /// <summary>True for a greeting line ("Hi Sam,") or a run of leading @handles.</summary>
    public bool IsGreeting { get; init; }
    /// <summary>The sentence's slice of <see cref="ReplyDocument.Words"/>: its words and numbers only.</summary>
    public int FirstWord { get; init; }
    public int WordCount { get; init; }
}
