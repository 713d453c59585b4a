using ReplyLint.Classifier.Data;
using Xunit;

namespace ReplyLint.Classifier.Tests.Data;

public sealed class DevSplitTests
{
    [Fact]
    public void The_split_is_stable_and_close_to_half()
    {
        var ids = Enumerable.Range(0, 2000).Select(i => $"ibm:{i}:1").ToList();
        var reporting = ids.Count(DevSplit.IsReportingHalf);
        Assert.InRange(reporting, 900, 1100);
        Assert.All(ids, id => Assert.Equal(DevSplit.IsReportingHalf(id), DevSplit.IsReportingHalf(id)));
        Assert.All(ids, id => Assert.NotEqual(DevSplit.IsReportingHalf(id), DevSplit.IsTuningHalf(id)));
    }

    [Fact]
    public void Sentence_rows_take_the_evidence_sentence_as_positive_and_leave_the_rest_of_a_positive_reply_unknown()
    {
        var reply = new LabelledReply("r1", "It never came!", "Hi Sam. Our records clearly show it was delivered on Monday. Anything else?",
            new Dictionary<string, int> { ["defensive"] = 0, ["perception_denial"] = 1, ["legal_jargon"] = 0, ["missing_empathy"] = 1 },
            new Dictionary<string, string> { ["perception_denial"] = "Our records clearly show" });
        var rows = RealReplies.ToSentenceRows(reply).ToList();

        var evidence = Assert.Single(rows, r => r.Text.StartsWith("Our records", StringComparison.Ordinal));
        Assert.Equal(new LabelSet(false, true, false, false), evidence.Labels);
        var other = Assert.Single(rows, r => r.Text.StartsWith("Anything", StringComparison.Ordinal));
        Assert.Equal(new LabelSet(false, null, false, false), other.Labels);
        Assert.All(rows, r => Assert.StartsWith("real:", r.Source));
    }
}
