using ReplyLint.Core.Text;

namespace ReplyLint.Core.Structure;

/// <summary>A sentence of the reply: its span, its tokens (a slice of the document's), and where it stands.</summary>
public sealed record Sentence(int Index, TextSpan Span, int FirstToken, int TokenCount, int Paragraph)
{
    /// <summary>True for a greeting line ("Hi Sam,") or a run of leading @handles.</summary>
    public bool IsGreeting { get; init; }
    /// <summary>True for the words of a heading ("# Your refund", or a title underlined with "===").</summary>
    public bool IsHeading { get; init; }
    /// <summary>Neither a greeting nor a heading: where the reply's own message is.</summary>
    public bool IsBody => !IsGreeting && !IsHeading;
    /// <summary>The sentence's slice of <see cref="ReplyDocument.Words"/>: its words and numbers only.</summary>
    public int FirstWord { get; init; }
    public int WordCount { get; init; }
}
