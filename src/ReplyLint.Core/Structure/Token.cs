using ReplyLint.Core.Text;

namespace ReplyLint.Core.Structure;

public enum TokenKind : byte
{
    Word,
    Number,
    Punctuation,
    /// <summary>Emoji and other symbols.</summary>
    Symbol,
    Url,
    Email,
    /// <summary>A social-media handle such as <c>@AcmeSupport</c>.</summary>
    Handle,
    /// <summary>One or more line breaks; <see cref="Token.Norm"/> is "\n" or "\n\n" (a blank line).</summary>
    LineBreak,
}

/// <summary>
/// A token with its span in the original text and a normalized form for matching: lower case, straight
/// apostrophes, contractions expanded. An expanded contraction yields several tokens that share one span,
/// so "you're" matches the pattern "you are" and the finding still points at "you're".
/// </summary>
public readonly record struct Token(TextSpan Span, string Norm, TokenKind Kind)
{
    public bool IsWord => Kind is TokenKind.Word or TokenKind.Number;
    public bool IsSentenceTerminator => Kind == TokenKind.Punctuation && Norm is "." or "!" or "?" or "…";
    public override string ToString() => $"{Norm}@{Span}";
}
