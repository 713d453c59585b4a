using System.Text;
using ReplyLint.Classifier.Data;
using ReplyLint.Classifier.Evaluation;
using Xunit;

namespace ReplyLint.Classifier.Tests.Data;

/// <summary>Every reader of data files reports what it skips as the same <see cref="DataProblem"/>.</summary>
public sealed class DataProblemTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private string Write(string name, string contents)
    {
        var path = _temp.File(name);
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes(contents));
        return path;
    }

    [Fact]
    public void Training_csv_real_replies_and_reviewed_replies_report_into_one_list()
    {
        var sentences = Write("sentences.csv", "text,defensive,perception_denial,legal_jargon,acknowledgement\nBad label.,2,0,0,0\n");
        var replies = Write("real.jsonl", "{\"id\":\"a\",\"reply\":\"Hi.\"}\nnot json\n");
        var labels = Write("real.labels.jsonl", "{\"id\":\"a\",\"defensive\":0}\n");
        var reviewed = Write("reviewed.csv", "id,text,defensive,perception_denial,legal_jargon,missing_empathy\n,No id.,0,0,0,0\n");

        var problems = new List<DataProblem>();
        TrainingCsv.Read(sentences, problems);
        RealReplies.Read(replies, labels, problems);
        ReviewedReplyReader.Read(reviewed, null, ReplyColumns.Default, problems);

        Assert.Equal(["sentences.csv:2", "real.jsonl:2", $"{reviewed}:2"], problems.Select(p => p.Location));
        Assert.All(problems, p => Assert.Equal($"{p.Location}: {p.Problem}", p.ToString()));
    }

    [Fact]
    public void A_record_over_several_lines_is_named_with_its_range_and_counts_each_line()
    {
        var problem = new DataProblem("mine.csv", 4, "a quoted field is never closed") { EndLine = 6 };

        Assert.Equal("mine.csv:4-6", problem.Location);
        Assert.Equal("mine.csv:4-6: a quoted field is never closed", problem.ToString());
        Assert.Equal(3, problem.LineCount);
    }

    public void Dispose() => _temp.Dispose();
}
