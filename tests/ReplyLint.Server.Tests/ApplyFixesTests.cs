using Grpc.Core;
using ReplyLint.Classifier;
using ReplyLint.Core.Engine;
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
        Assert.Equal(response.Applied.OrderBy(a => a.Pass).ThenBy(a => a.Span.Start).Select(a => (a.Pass, a.Span.Start)),
            response.Applied.Select(a => (a.Pass, a.Span.Start)));
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
    public async Task All_repeats_until_nothing_changes_and_gives_the_text_the_engines_fix_all_gives()
    {
        // RL2001's rewrite overlaps the capital letter RL1003's rewrite adds: it has to wait for a second pass.
        const string text = "As I already said, you are wrong. The refund was processed pursuant to our policy.";
        var response = await _client.ApplyFixesAsync(new ApplyFixesRequest { Text = text, All = true });

        // The same routine the CLI's `replylint fix` runs, with the same (shipped) model and default options.
        var (model, status) = ToneModel.TryLoad(ModelPaths.Resolve(null));
        Assert.True(status.IsLoaded, status.Problem);
        var expected = new ReplyLintEngine(model: model).FixAll(text);
        Assert.Equal(expected.Text, response.Text);
        Assert.Equal(expected.Applied.Count, response.Applied.Count);
        // Its span and edits are against the text after the first pass, where its rewrite applies. RL4004's next step
        // waits for the second pass too: a pass inserts one sentence, and RL4001's acknowledgement went first.
        var second = Assert.Single(response.Applied, a => a.RuleId == "RL2001");
        Assert.Equal(1, second.Pass);
        Assert.Equal(1, Assert.Single(response.Applied, a => a.RuleId == "RL4004").Pass);
        Assert.All(response.Applied.Where(a => a.RuleId is not ("RL2001" or "RL4004")), a => Assert.Equal(0, a.Pass));
        Assert.DoesNotContain(response.Remaining.Diagnostics, d => d.RuleId == "RL2001");
        Assert.DoesNotContain(response.Remaining.Diagnostics, d => d.Fixes.Count > 0);
        Assert.Empty(response.Skipped);
    }

    [Fact]
    public async Task The_same_selection_twice_is_applied_once_and_the_repeat_is_skipped_with_a_reason()
    {
        var analysis = await _client.AnalyzeAsync(new AnalyzeRequest { Text = Replies.Bad });
        var target = analysis.Diagnostics.First(d => d.RuleId == "RL1003" && d.Fixes.Count > 0);
        var selection = new FixSelection { RuleId = target.RuleId, Span = target.Span, FixIndex = 0 };

        var response = await _client.ApplyFixesAsync(new ApplyFixesRequest { Text = Replies.Bad, Fixes = { selection, selection.Clone() } });

        Assert.Single(response.Applied);
        var skipped = Assert.Single(response.Skipped);
        Assert.Equal(selection, skipped.Selection);
        Assert.Contains("duplicate", skipped.Reason, StringComparison.Ordinal);
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
