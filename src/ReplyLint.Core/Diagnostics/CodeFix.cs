using System.Collections.Immutable;
using ReplyLint.Core.Text;

namespace ReplyLint.Core.Diagnostics;

/// <summary>One titled rewrite on offer for a finding, as a set of non-overlapping edits.</summary>
public sealed record CodeFix(string Title, ImmutableArray<TextEdit> Edits)
{
    public CodeFix(string title, TextEdit edit) : this(title, [edit]) { }
}
