using Google.Rpc;
using Grpc.Core;
using ReplyLint.Protocol.V1;

namespace ReplyLint.Server.Tests;

[Collection(ServerCollection.Name)]
public sealed class AnalyzeTests(ServerFixture fixture)
{
    private readonly ReplyLinter.ReplyLinterClient _client = fixture.Client;

    [Fact]
    public async Task Analyze_reports_findings_with_spans_lines_scores_and_fixes()
    {
        var response = await _client.AnalyzeAsync(new AnalyzeRequest { Text = Replies.Bad, RequestId = "req-1" });

        Assert.Equal("req-1", response.RequestId);
        Assert.NotEmpty(response.Diagnostics);
        Assert.Contains(response.Diagnostics, d => d.RuleId == "RL1003");
        foreach (var d in response.Diagnostics)
        {
            Assert.Matches("^RL[1-4][0-9]{3}$", d.RuleId);
            Assert.Equal((int)d.Family, d.RuleId[2] - '0');
            Assert.NotEqual(Severity.Unspecified, d.Severity);
            Assert.NotEqual(FindingSource.Unspecified, d.Source);
            Assert.InRange(d.Span.Start, 0, Replies.Bad.Length);
            Assert.InRange(d.Span.Start + d.Span.Length, d.Span.Start, Replies.Bad.Length);
            // One line of text: the line/column view agrees with the offsets.
            Assert.Equal(0, d.LineSpan.Start.Line);
            Assert.Equal(d.Span.Start, d.LineSpan.Start.Character);
            Assert.Equal(d.Span.Start + d.Span.Length, d.LineSpan.End.Character);
            Assert.Equal($"docs/rules/{d.RuleId}.md", d.HelpLink);
            Assert.InRange(d.Confidence, 0, 1);
            Assert.False(string.IsNullOrWhiteSpace(d.Message));
            foreach (var fix in d.Fixes)
            {
                Assert.False(string.IsNullOrWhiteSpace(fix.Title));
                Assert.NotEmpty(fix.Edits);
            }
        }
        Assert.Contains(response.Diagnostics, d => d.Fixes.Count > 0);
        Assert.Equal(4, response.FamilyScores.Count);
        Assert.Equal([RuleFamily.Defensiveness, RuleFamily.PerceptionDenial, RuleFamily.Jargon, RuleFamily.Empathy],
            response.FamilyScores.Select(s => s.Family));
        Assert.All(response.FamilyScores, s => Assert.InRange(s.Score, 0, 100));
        Assert.InRange(response.OverallScore, 0, 99);
        Assert.True(response.Degraded || response.ModelVersion.Length > 0);
    }

    [Fact]
    public async Task A_good_reply_scores_better_than_a_bad_one()
    {
        var good = await _client.AnalyzeAsync(new AnalyzeRequest { Text = Replies.Good, CustomerMessage = Replies.Customer });
        var bad = await _client.AnalyzeAsync(new AnalyzeRequest { Text = Replies.Bad, CustomerMessage = Replies.Customer });

        Assert.True(good.HadCustomerMessage);
        Assert.True(good.OverallScore > bad.OverallScore, $"good {good.OverallScore} vs bad {bad.OverallScore}");
    }

    [Fact]
    public async Task Request_options_turn_rules_and_families_off_override_severity_and_drop_fixes()
    {
        var plain = await _client.AnalyzeAsync(new AnalyzeRequest { Text = Replies.Bad });
        Assert.Contains(plain.Diagnostics, d => d.RuleId == "RL1003");

        var ruleOff = await _client.AnalyzeAsync(new AnalyzeRequest { Text = Replies.Bad, Options = new AnalysisOptions { DisabledRules = { "RL1003" } } });
        Assert.DoesNotContain(ruleOff.Diagnostics, d => d.RuleId == "RL1003");

        var familyOff = await _client.AnalyzeAsync(new AnalyzeRequest
        {
            Text = Replies.Bad,
            Options = new AnalysisOptions { DisabledFamilies = { RuleFamily.Defensiveness } },
        });
        Assert.DoesNotContain(familyOff.Diagnostics, d => d.Family == RuleFamily.Defensiveness);

        var raised = await _client.AnalyzeAsync(new AnalyzeRequest
        {
            Text = Replies.Bad,
            Options = new AnalysisOptions { SeverityOverrides = { ["RL1003"] = Severity.Error } },
        });
        Assert.All(raised.Diagnostics.Where(d => d.RuleId == "RL1003"), d => Assert.Equal(Severity.Error, d.Severity));

        var errorsOnly = await _client.AnalyzeAsync(new AnalyzeRequest
        {
            Text = Replies.Bad,
            Options = new AnalysisOptions { SeverityOverrides = { ["RL1003"] = Severity.Error }, MinimumSeverity = Severity.Error },
        });
        Assert.NotEmpty(errorsOnly.Diagnostics);
        Assert.All(errorsOnly.Diagnostics, d => Assert.Equal(Severity.Error, d.Severity));

        var noFixes = await _client.AnalyzeAsync(new AnalyzeRequest { Text = Replies.Bad, Options = new AnalysisOptions { IncludeFixes = false } });
        Assert.NotEmpty(noFixes.Diagnostics);
        Assert.All(noFixes.Diagnostics, d => Assert.Empty(d.Fixes));
    }

    [Fact]
    public async Task Spans_are_utf16_offsets_and_lines_follow_line_breaks()
    {
        var text = "Hi 😀 Sam,\r\nAs I already explained, the refund is on its way.";
        var response = await _client.AnalyzeAsync(new AnalyzeRequest { Text = text });

        var finding = Assert.Single(response.Diagnostics, d => d.RuleId == "RL1003");
        Assert.StartsWith("As I already explained", text.Substring(finding.Span.Start, finding.Span.Length));
        Assert.Equal(1, finding.LineSpan.Start.Line);
        Assert.Equal(0, finding.LineSpan.Start.Character);
    }

    [Fact]
    public async Task Empty_text_is_invalid_argument_with_a_field_violation()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => _client.AnalyzeAsync(new AnalyzeRequest { Text = "" }).ResponseAsync);
        AssertViolation(e, StatusCode.InvalidArgument, "text");
    }

    [Fact]
    public async Task Whitespace_only_text_is_analysed_and_clean()
    {
        var response = await _client.AnalyzeAsync(new AnalyzeRequest { Text = " \n\t " });
        Assert.Empty(response.Diagnostics);
        Assert.Equal(100, response.OverallScore);
    }

    [Fact]
    public async Task Text_over_the_limit_is_resource_exhausted_with_a_field_violation()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() =>
            _client.AnalyzeAsync(new AnalyzeRequest { Text = Replies.OfLength(64 * 1024 + 1) }).ResponseAsync);
        AssertViolation(e, StatusCode.ResourceExhausted, "text");
    }

    [Fact]
    public async Task A_customer_message_over_the_limit_is_resource_exhausted()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() =>
            _client.AnalyzeAsync(new AnalyzeRequest { Text = Replies.Bad, CustomerMessage = Replies.OfLength(100_000) }).ResponseAsync);
        AssertViolation(e, StatusCode.ResourceExhausted, "customer_message");
    }

    [Fact]
    public async Task Megabytes_of_text_are_refused_with_resource_exhausted()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() =>
            _client.AnalyzeAsync(new AnalyzeRequest { Text = Replies.OfLength(3 * 1024 * 1024) }).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
        // The server is fine afterwards.
        await _client.PingAsync(new PingRequest());
    }

    [Fact]
    public async Task Text_at_the_limit_is_analysed()
    {
        var response = await _client.AnalyzeAsync(new AnalyzeRequest { Text = Replies.OfLength(64 * 1024) });
        Assert.NotEmpty(response.Diagnostics);
    }

    [Theory]
    [InlineData('\0')]
    [InlineData('\u0007')]
    [InlineData('\u001b')]
    [InlineData('\u0085')]
    public async Task Control_characters_are_invalid_argument_naming_the_offset(char control)
    {
        var text = "Thanks for writing in." + control + " We fixed it.";
        var e = await Assert.ThrowsAsync<RpcException>(() => _client.AnalyzeAsync(new AnalyzeRequest { Text = text }).ResponseAsync);
        var violation = AssertViolation(e, StatusCode.InvalidArgument, "text");
        Assert.Contains("offset 22", violation.Description);
    }

    [Fact]
    public async Task Tabs_and_line_breaks_are_ordinary_text()
    {
        var response = await _client.AnalyzeAsync(new AnalyzeRequest { Text = "Hi Sam,\r\n\tthanks for writing in.\f\vWe fixed it." });
        Assert.InRange(response.OverallScore, 0, 100);
    }

    [Fact]
    public async Task Unknown_rule_ids_are_invalid_argument_naming_the_option()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => _client.AnalyzeAsync(new AnalyzeRequest
        {
            Text = Replies.Bad,
            Options = new AnalysisOptions { DisabledRules = { "RL1003", "RL9999" }, SeverityOverrides = { ["XX1"] = Severity.Info } },
        }).ResponseAsync);

        var badRequest = AssertBadRequest(e, StatusCode.InvalidArgument);
        Assert.Contains(badRequest.FieldViolations, v => v.Field == "options.disabled_rules[1]");
        Assert.Contains(badRequest.FieldViolations, v => v.Field == "options.severity_overrides[XX1]");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(99)]
    public async Task A_bad_severity_is_invalid_argument(int severity)
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => _client.AnalyzeAsync(new AnalyzeRequest
        {
            Text = Replies.Bad,
            Options = new AnalysisOptions { SeverityOverrides = { ["RL1003"] = (Severity)severity } },
        }).ResponseAsync);
        AssertViolation(e, StatusCode.InvalidArgument, "options.severity_overrides[RL1003]");
    }

    [Fact]
    public async Task Bad_minimum_severity_confidence_and_family_are_invalid_argument()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => _client.AnalyzeAsync(new AnalyzeRequest
        {
            Text = Replies.Bad,
            Options = new AnalysisOptions { MinimumSeverity = (Severity)7, MinimumConfidence = 1.5, DisabledFamilies = { RuleFamily.Unspecified } },
        }).ResponseAsync);
        var badRequest = AssertBadRequest(e, StatusCode.InvalidArgument);
        Assert.Equal(["options.disabled_families[0]", "options.minimum_severity", "options.minimum_confidence"],
            badRequest.FieldViolations.Select(v => v.Field));
    }

    [Fact]
    public async Task A_request_id_with_control_characters_or_too_long_is_invalid_argument()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() =>
            _client.AnalyzeAsync(new AnalyzeRequest { Text = Replies.Bad, RequestId = "a\nb" }).ResponseAsync);
        AssertViolation(e, StatusCode.InvalidArgument, "request_id");
        e = await Assert.ThrowsAsync<RpcException>(() =>
            _client.AnalyzeAsync(new AnalyzeRequest { Text = Replies.Bad, RequestId = new string('x', 129) }).ResponseAsync);
        AssertViolation(e, StatusCode.InvalidArgument, "request_id");
    }

    [Fact]
    public async Task An_expired_deadline_gives_deadline_exceeded_and_the_server_carries_on()
    {
        var big = Replies.OfLength(60_000);
        var e = await Assert.ThrowsAsync<RpcException>(() =>
            _client.AnalyzeAsync(new AnalyzeRequest { Text = big }, deadline: DateTime.UtcNow.AddMilliseconds(1)).ResponseAsync);
        Assert.Equal(StatusCode.DeadlineExceeded, e.StatusCode);

        var response = await _client.AnalyzeAsync(new AnalyzeRequest { Text = Replies.Bad }, deadline: DateTime.UtcNow.AddMinutes(1));
        Assert.NotEmpty(response.Diagnostics);
    }

    internal static BadRequest AssertBadRequest(RpcException e, StatusCode code)
    {
        Assert.Equal(code, e.StatusCode);
        var status = e.GetRpcStatus();
        Assert.NotNull(status);
        Assert.Equal((int)code, status.Code);
        var badRequest = status.GetDetail<BadRequest>();
        Assert.NotNull(badRequest);
        Assert.NotEmpty(badRequest.FieldViolations);
        return badRequest;
    }

    internal static BadRequest.Types.FieldViolation AssertViolation(RpcException e, StatusCode code, string field)
    {
        var badRequest = AssertBadRequest(e, code);
        return Assert.Single(badRequest.FieldViolations, v => v.Field == field);
    }
}
