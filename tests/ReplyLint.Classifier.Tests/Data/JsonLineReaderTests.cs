using System.Text;
using ReplyLint.Classifier.Data;
using Xunit;

namespace ReplyLint.Classifier.Tests.Data;

/// <summary>The line rule every JSONL reader shares: LF or CR LF ends a line, a lone CR does not, the last line needs no LF.</summary>
public sealed class JsonLineReaderTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private static List<(long Number, string Text)> ReadAll(byte[] bytes, int bufferSize)
    {
        using var reader = new JsonLineReader(new MemoryStream(bytes), bufferSize, leaveOpen: false);
        var lines = new List<(long, string)>();
        while (reader.TryReadLine(out var line)) lines.Add((reader.LineNumber, Encoding.UTF8.GetString(line.Span)));
        return lines;
    }

    [Fact]
    public void Lines_and_their_numbers_do_not_depend_on_where_the_reads_fall()
    {
        // CR LF, an empty line, a lone CR inside a line, a line longer than small buffers, a CR LF at the very end of a
        // line and a last line without a line break.
        var bytes = Encoding.UTF8.GetBytes("{\"a\":1}\r\n\n{\"b\":\r2}\r\n{\"long\":\"" + new string('x', 70) + "\"}\r\nlast\r");
        (long, string)[] expected = [(1, "{\"a\":1}"), (2, ""), (3, "{\"b\":\r2}"), (4, "{\"long\":\"" + new string('x', 70) + "\"}"), (5, "last")];

        for (var size = 4; size <= bytes.Length + 1; size++)
            Assert.Equal(expected, ReadAll(bytes, size));
        Assert.Equal(expected, ReadAll(bytes, 1 << 16));
    }

    [Fact]
    public void A_line_over_the_limit_is_passed_over_and_flagged_and_the_next_lines_read_as_usual()
    {
        // Line 2 is over the 32-byte limit in the middle of the file, line 4 at its end without a line break; reads of
        // 8 bytes make both span many reads.
        var bytes = Encoding.UTF8.GetBytes("{\"a\":1}\n{\"long\":\"" + new string('x', 100) + "\"}\r\n{\"b\":2}\n" + new string('y', 33));
        using var reader = new JsonLineReader(new MemoryStream(bytes), bufferSize: 8, leaveOpen: false, maxLineBytes: 32);
        var lines = new List<(long, bool, string)>();
        while (reader.TryReadLine(out var line)) lines.Add((reader.LineNumber, reader.LineTooLong, Encoding.UTF8.GetString(line.Span)));

        Assert.Equal([(1, false, "{\"a\":1}"), (2, true, ""), (3, false, "{\"b\":2}"), (4, true, "")], lines);
        Assert.Equal("the line is over 32 bytes; passed over without reading it", reader.TooLongProblem);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void The_limit_applies_to_the_line_without_its_line_break_wherever_the_reads_fall(string lineBreak)
    {
        // A line of exactly the limit is kept, one byte more is not, with LF or CR LF, with reads smaller or larger
        // than the limit, and for the last line without a line break.
        var text = new string('x', 32) + lineBreak + new string('y', 33) + lineBreak + "ok" + lineBreak + new string('z', 33);
        foreach (var bufferSize in new[] { 8, 31, 32, 33, 34, 1 << 16 })
        {
            using var reader = new JsonLineReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), bufferSize, leaveOpen: false, maxLineBytes: 32);
            var lines = new List<(long, bool, int)>();
            while (reader.TryReadLine(out var line)) lines.Add((reader.LineNumber, reader.LineTooLong, line.Length));
            Assert.Equal([(1, false, 32), (2, true, 0), (3, false, 2), (4, true, 0)], lines);
        }
    }

    [Fact]
    public void A_byte_order_mark_is_skipped_and_wide_text_is_transcoded()
    {
        const string text = "{\"a\":\"caf\u00e9\"}\r\n{\"b\":2}";
        foreach (var encoding in new Encoding[] { new UTF8Encoding(true), Encoding.Unicode, Encoding.BigEndianUnicode, new UTF32Encoding(false, true) })
            Assert.Equal([(1, "{\"a\":\"caf\u00e9\"}"), (2, "{\"b\":2}")], ReadAll([.. encoding.GetPreamble(), .. encoding.GetBytes(text)], 8));
    }

    [Fact]
    public void Real_replies_for_train_name_the_lines_score_names()
    {
        // As in the CLI's JsonlLineEndingTests: CR LF, a lone CR inside line 2, line 3 not JSON, line 5 cut short and
        // without a line break.
        var replies = _temp.File("real.jsonl");
        File.WriteAllBytes(replies, Encoding.UTF8.GetBytes(
            "{\"id\":\"1\",\"reply\":\"Sorry about that, we will fix it.\"}\r\n" +
            "{\"id\":\"2\",\r\"reply\":\"You are wrong about the charge.\"}\r\n" +
            "not json\r\n" +
            "{\"id\":\"4\",\"reply\":\"Your refund is on its way.\"}\r\n" +
            "{\"id\":\"5\",\"reply\":\"cut short"));
        var labels = _temp.File("real.labels.jsonl");
        File.WriteAllText(labels, "{\"id\":\"1\",\"defensive\":0}\r\n{\"id\":\"2\",\"defensive\":1}\r\n{\"id\":\"4\",\"defensive\":0}");

        var problems = new List<DataProblem>();
        var read = RealReplies.Read(replies, labels, problems);

        Assert.Equal(["1", "2", "4"], read.Select(r => r.Id));
        Assert.Equal(["real.jsonl:3: not valid JSON (at byte 1)", "real.jsonl:5: not valid JSON (at byte 28)"], problems.Select(p => p.ToString()));
    }

    public void Dispose() => _temp.Dispose();
}
