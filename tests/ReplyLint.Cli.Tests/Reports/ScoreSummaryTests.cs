using ReplyLint.Cli.Reports;
using ReplyLint.Cli.Scoring;
using ReplyLint.Core.Diagnostics;
using Xunit;

namespace ReplyLint.Cli.Tests.Reports;

public sealed class ScoreSummaryTests
{
    private static ScoredReply Reply(long line, int score, int findings, string? agent = null) => new(line, $"id{line}", agent, null, null, score,
        [100, 100, 100, 100],
        Enumerable.Range(0, findings).Select(i => new ScoredFinding("RL2001", RuleFamily.PerceptionDenial, Severity.Warning, i, 1, 1, i + 1, 0.9, FindingSource.Rule)).ToArray(),
        false);

    [Fact]
    public void Worst_replies_keep_the_lowest_scores_in_bounded_memory()
    {
        var worst = new WorstReplies(3);
        var scores = new[] { 90, 10, 50, 10, 80, 5, 70, 10 };
        for (var i = 0; i < scores.Length; i++) worst.Offer(Reply(i + 1, scores[i], findings: 1), $"text {i}");

        var kept = worst.ToList();

        Assert.Equal([5, 10, 10], kept.Select(w => w.Reply.Score));
        // Ties keep the earlier reply.
        Assert.Equal([6L, 2L, 4L], kept.Select(w => w.Reply.Line));
    }

    [Fact]
    public void Worst_replies_prefer_more_findings_on_a_tie_and_skip_clean_replies()
    {
        var worst = new WorstReplies(1);
        worst.Offer(Reply(1, 100, 0), "clean");
        worst.Offer(Reply(2, 40, 1), "one");
        worst.Offer(Reply(3, 40, 3), "three");
        Assert.Equal(3L, Assert.Single(worst.ToList()).Reply.Line);
    }

    [Fact]
    public void Long_texts_are_shortened_for_the_report_with_their_findings_inside()
    {
        var worst = new WorstReplies(1);
        var reply = Reply(1, 10, 0) with
        {
            Findings = [new("RL2001", RuleFamily.PerceptionDenial, Severity.Warning, 10, 5, 1, 11, 0.9, FindingSource.Rule),
                        new("RL2001", RuleFamily.PerceptionDenial, Severity.Warning, WorstReplies.MaxTextLength + 10, 5, 1, 1, 0.9, FindingSource.Rule)],
        };
        worst.Offer(reply, new string('a', WorstReplies.MaxTextLength * 3));
        var kept = Assert.Single(worst.ToList());
        Assert.True(kept.Truncated);
        Assert.Equal(WorstReplies.MaxTextLength, kept.Text.Length);
        Assert.Single(kept.Reply.Findings);
    }

    [Fact]
    public void Counters_percentiles_and_group_cap()
    {
        var summary = new ScoreSummary(worstCapacity: 2, maxGroups: 2);
        for (var i = 0; i < 100; i++) summary.Add(Reply(i + 1, i, i % 2, agent: $"a{i % 4}"), "t");
        summary.AddProblem(200, 200, "broken");

        Assert.Equal(100, summary.Total);
        Assert.Equal(50, summary.TotalFindings);
        Assert.Equal(50, summary.FindingsByRule["RL2001"]);
        Assert.Equal(49, summary.Percentile(0.5));
        Assert.Equal(49.5, summary.MeanScore, 3);
        Assert.Equal(1, summary.Malformed);
        Assert.Equal([ScoreSummary.OtherGroup, "a0", "a1"], summary.Agents.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(100, summary.Agents.Values.Sum(g => g.Replies));
    }
}
