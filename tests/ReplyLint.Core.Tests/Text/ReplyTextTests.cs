using ReplyLint.Core.Text;
using Xunit;

namespace ReplyLint.Core.Tests.Text;

public sealed class ReplyTextTests
{
    [Fact]
    public void Line_map_handles_lf_crlf_and_cr()
    {
        var text = new ReplyText("a\nb\r\nc\rd");
        Assert.Equal(4, text.LineCount);
        Assert.Equal(new LinePosition(0, 0), text.GetLinePosition(0));
        Assert.Equal(new LinePosition(1, 0), text.GetLinePosition(2));
        Assert.Equal(new LinePosition(2, 0), text.GetLinePosition(5));
        Assert.Equal(new LinePosition(3, 0), text.GetLinePosition(7));
        Assert.Equal(new LinePosition(3, 1), text.GetLinePosition(8));
    }

    [Fact]
    public void WithChanges_applies_non_overlapping_edits_in_one_pass()
    {
        var text = new ReplyText("You are wrong about the fee.");
        var changed = text.WithChanges([new TextEdit(new TextSpan(0, 13), "There may be a mix-up"), TextEdit.Insert(28, " Sorry!")]);
        Assert.Equal("There may be a mix-up about the fee. Sorry!", changed.Text);
    }

    [Fact]
    public void WithChanges_rejects_overlaps_and_edits_outside_the_text()
    {
        var text = new ReplyText("abcdef");
        Assert.Throws<ArgumentException>(() => text.WithChanges([new TextEdit(new TextSpan(0, 3), "x"), new TextEdit(new TextSpan(2, 2), "y")]));
        Assert.Throws<ArgumentException>(() => text.WithChanges([new TextEdit(new TextSpan(5, 3), "x")]));
    }

    [Fact]
    public void Span_bounds_are_half_open()
    {
        var span = new TextSpan(2, 3);
        Assert.True(span.Contains(2));
        Assert.False(span.Contains(5));
        Assert.False(span.OverlapsWith(new TextSpan(5, 1)));
        Assert.True(span.OverlapsWith(new TextSpan(4, 1)));
    }
}
