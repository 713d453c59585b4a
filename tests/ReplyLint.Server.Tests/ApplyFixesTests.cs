using Grpc.Core;
using ReplyLint.Protocol.V1;

namespace ReplyLint.Server.Tests;

[Collection(ServerCollection.Name)]
public sealed class ApplyFixesTests(ServerFixture fixture)
{
    private readonly ReplyLinter.ReplyLinterClient _client = fixture.Client;

    [Fact]
    public async Task All_applies_every_first_fix_and_reports_what_remains()
    {
        var before = await _client.AnalyzeAsync(new AnalyzeRequest { Text = Replies.Bad });
        var response = await _client.ApplyFixesAsync(new ApplyFixesRequest { Text = Replies.Bad, All = true, RequestId = "fix-1" });

        Assert.Equal("fix-1", response.RequestId);
        Assert.NotEqual(Replies.Bad, response.Text);
        Assert.NotEmpty(response.Applied);
        Assert.Equal(response.Applied.OrderBy(a => a.Span.Start).Select(a => a.Span.Start), response.Applied.Select(a => a.Span.Start));
        Assert.True(response.Remaining.Diagnostics.Count < before.Diagnostics.Count,
            $"{response.Remaining.Diagnostics.Count} findings remain of {before.Diagnostics.Count}");
        Assert.True(response.Remaining.OverallScore > before.OverallScore);
        // A fixed finding is not reported again.
        Assert.DoesNotContain(response.Remaining.Diagnostics, d => d.RuleId == "RL1003");
    }

    [Fact]
    public async Task Chosen_fixes_are_applied_and_stale_ones_are_skipped_with_a_reason()
    {
        var analysis = await _client.AnalyzeAsync(new AnalyzeRequest { Text = Replies.Bad });
        var target = analysis.Diagnostics.First(d => d.RuleId == "RL1003" && d.Fixes.Count > 0);

        var response = await _client.ApplyFixesAsync(new ApplyFixesRequest
        {
            Text = Replies.Bad,
            Fixes =
            {
                new FixSelection { RuleId = target.RuleId, Span = target.Span, FixIndex = 0 },
                new FixSelection { RuleId = "RL2001", Span = new Span { Start = 3, Length = 1 } },
                new FixSelection { RuleId = target.RuleId, Span = target.Span, FixIndex = 99 },
            },
        });

        var applied = Assert.Single(response.Applied);
        Assert.Equal("RL1003", applied.RuleId);
        Assert.Equal(target.Fixes[0].Title, applied.Title);
        Assert.Equal(ApplyEdits(Replies.Bad, target.Fixes[0].Edits), response.Text);
        Assert.Equal(2, response.Skipped.Count);
        Assert.Contains(response.Skipped, s => s.Selection.RuleId == "RL2001" && s.Reason.Contains("no finding", StringComparison.Ordinal));
        Assert.Contains(response.Skipped, s => s.Selection.FixIndex == 99 && s.Reason.Contains("out of range", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Neither_all_nor_fixes_is_invalid_argument()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => _client.ApplyFixesAsync(new ApplyFixesRequest { Text = Replies.Bad }).ResponseAsync);
        AnalyzeTests.AssertViolation(e, StatusCode.InvalidArgument, "fixes");
    }

    [Fact]
    public async Task Empty_text_is_invalid_argument()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => _client.ApplyFixesAsync(new ApplyFixesRequest { Text = "", All = true }).ResponseAsync);
        AnalyzeTests.AssertViolation(e, StatusCode.InvalidArgument, "text");
    }

    private static string ApplyEdits(string text, IEnumerable<TextEdit> edits)
    {
        foreach (var edit in edits.OrderByDescending(e => e.Span.Start))
            text = text.Remove(edit.Span.Start, edit.Span.Length).Insert(edit.Span.Start, edit.NewText);
        return text;
    }
}
