using System.Text;
using ReplyLint.Classifier.Data;
using ReplyLint.Classifier.Evaluation;
using Xunit;

namespace ReplyLint.Classifier.Tests.Evaluation;

/// <summary>Reviewed replies read from real files, CSV and JSONL, with the malformed records in them.</summary>
public sealed class ReviewedReplyReaderTests : IDisposable
{
    private const string CsvHeader = "id,text,customer,defensive,perception_denial,legal_jargon,missing_empathy";
    private const string Labels = "\"defensive\": 0, \"perception_denial\": 0, \"legal_jargon\": 0, \"missing_empathy\": 1";

    private readonly TempFolder _temp = new();

    private (IReadOnlyList<ReviewedReply> Replies, List<DataProblem> Problems) Read(string name, byte[] contents)
    {
        var path = _temp.File(name);
        File.WriteAllBytes(path, contents);
        var problems = new List<DataProblem>();
        return (ReviewedReplyReader.Read(path, null, ReplyColumns.Default, problems), problems);
    }

    private static byte[] Lines(params string[] lines) => Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");

    [Fact]
    public void A_csv_quote_that_swallows_the_replies_after_it_is_reported_with_every_line_it_took()
    {
        // r2 opens a quote it never closes; the quote that opens r4's reply closes it, so r3 and r4's first line are
        // part of r2's record, and what is left of r4 on line 6 is a record of its own with a stray quote.
        var (replies, problems) = Read("replies.csv", Lines(CsvHeader,
            "r1,\"Sorry about that, we will fix it.\",My order is late,0,0,0,0",
            "r2,\"stray quote start,hi,0,0,0,1",
            "r3,You should have read the manual.,It broke,1,0,0,1",
            "r4,\"Multi",
            "line reply.\",hi,0,0,0,1",
            "r5,Thanks!,hi,0,0,0,1"));

        Assert.Equal(["r1", "r5"], replies.Select(r => r.Id));
        Assert.Equal(2, problems.Count);
        Assert.Equal((3L, 5L), (problems[0].Line, problems[0].EndLine));
        Assert.EndsWith("replies.csv:3-5: text after the closing quote of a field, in a record that runs over 3 lines (a quote that is never closed takes in the records after it)",
            problems[0].ToString(), StringComparison.Ordinal);
        Assert.Equal((6L, 6L), (problems[1].Line, problems[1].EndLine));
    }

    [Fact]
    public void A_csv_record_or_jsonl_line_that_is_not_utf8_is_a_malformed_line_not_text_with_a_replacement_character()
    {
        // "Café" as Latin-1 writes it: é is the single byte 0xE9.
        var (csvReplies, csvProblems) = Read("latin1.csv",
            [.. Lines(CsvHeader, "r1,Thanks!,hi,0,0,0,1"), .. "r2,Caf"u8, 0xE9, .. " is shut.,hi,0,0,0,1\n"u8, .. Lines("r3,Sorry!,hi,0,0,0,0")]);
        var (jsonReplies, jsonProblems) = Read("latin1.jsonl",
            [.. Lines($"{{\"id\": \"j1\", \"text\": \"Thanks!\", {Labels}}}"), .. "{\"id\": \"j2\", \"text\": \"Caf"u8, 0xE9, .. "\", "u8,
             .. Lines($"{Labels}}}", $"{{\"id\": \"j3\", \"text\": \"Sorry!\", {Labels}}}")]);

        Assert.Equal(["r1", "r3"], csvReplies.Select(r => r.Id));
        Assert.EndsWith("latin1.csv:3: not valid UTF-8 (byte 0xE9 at offset 6 of the record); save the file as UTF-8", Assert.Single(csvProblems).ToString(), StringComparison.Ordinal);
        Assert.Equal(["j1", "j3"], jsonReplies.Select(r => r.Id));
        Assert.EndsWith("latin1.jsonl:2: not valid UTF-8 (byte 0xE9 at offset 25 of the line); save the file as UTF-8", Assert.Single(jsonProblems).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_reply_whose_text_is_empty_or_blank_is_a_malformed_line_in_csv_and_jsonl_alike()
    {
        var (csvReplies, csvProblems) = Read("empty.csv", Lines(CsvHeader, "r1,Thanks!,hi,0,0,0,1", "r2,,hi,0,0,0,1", "r3,\"  \",hi,0,0,0,1"));
        var (jsonReplies, jsonProblems) = Read("empty.jsonl", Lines(
            $"{{\"id\": \"j1\", \"text\": \" \", {Labels}}}", $"{{\"id\": \"j2\", \"reply\": \"Thanks!\", {Labels}}}"));

        Assert.Equal(["r1"], csvReplies.Select(r => r.Id));
        Assert.Equal([3L, 4L], csvProblems.Select(p => p.Line));
        Assert.All(csvProblems, p => Assert.Equal("the text column 'text' is empty or blank", p.Problem));
        Assert.Equal(["j2"], jsonReplies.Select(r => r.Id));
        Assert.Equal("the text column 'text' is empty or blank", Assert.Single(jsonProblems).Problem);
    }

    [Fact]
    public void Jsonl_with_a_byte_order_mark_or_crlf_is_read_as_before()
    {
        var text = $"{{\"id\": \"j1\", \"text\": \"Caf\u00e9\", {Labels}}}\r\n\r\n{{\"id\": \"j2\", \"text\": \"Two\", {Labels}}}";
        foreach (var (name, encoding) in new (string, Encoding)[] { ("utf8.jsonl", new UTF8Encoding(true)), ("utf16.jsonl", Encoding.Unicode) })
        {
            var (replies, problems) = Read(name, [.. encoding.GetPreamble(), .. encoding.GetBytes(text)]);

            Assert.Empty(problems);
            Assert.Equal(["Caf\u00e9", "Two"], replies.Select(r => r.Text));
        }
    }

    public void Dispose() => _temp.Dispose();
}
