using System.Text;
using ReplyLint.Classifier.Evaluation;
using Xunit;

namespace ReplyLint.Classifier.Tests.Evaluation;

/// <summary>Reviewed replies read from real files, CSV and JSONL, with the malformed records in them.</summary>
public sealed class ReviewedReplyReaderTests : IDisposable
{
    private const string CsvHeader = "id,text,customer,defensive,perception_denial,legal_jargon,missing_empathy";
    private const string Labels = "\"defensive\": 0, \"perception_denial\": 0, \"legal_jargon\": 0, \"missing_empathy\": 1";

    private readonly TempFolder _temp = new();

    private (IReadOnlyList<ReviewedReply> Replies, List<InputProblem> Problems) Read(string name, byte[] contents)
    {
        var path = _temp.File(name);
        File.WriteAllBytes(path, contents);
        var problems = new List<InputProblem>();
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

    public void Dispose() => _temp.Dispose();
}
