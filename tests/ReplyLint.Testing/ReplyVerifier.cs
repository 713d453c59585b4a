using ReplyLint.Core.Configuration;
using ReplyLint.Core.Diagnostics;
using ReplyLint.Core.Engine;
using Xunit;

namespace ReplyLint.Testing;

/// <summary>Assertions in Roslyn's style: the markup states the expected findings, the verifier compares.</summary>
public static class ReplyVerifier
{
    private static readonly Lazy<ReplyLintEngine> RulesOnly = new(() => new ReplyLintEngine());

    /// <summary>The shipped catalog with default options and no model.</summary>
    public static ReplyLintEngine DefaultEngine => RulesOnly.Value;

    /// <summary>
    /// Asserts that the findings of <paramref name="ruleIds"/> (all rules when empty) in the text are exactly the
    /// marked spans. <c>[|…|]</c> stands for the single rule id given.
    /// </summary>
    public static AnalysisResult VerifyFindings(string markup, string? customer = null, ReplyLintEngine? engine = null,
        params string[] ruleIds)
    {
        var (text, expected) = Markup.Parse(markup);
        engine ??= DefaultEngine;
        var result = engine.Analyze(text, customer);
        var implied = ruleIds.Length == 1 ? ruleIds[0] : null;
        var expectedSpans = expected.Select(e => (Id: e.RuleId ?? implied ?? throw new ArgumentException("[|…|] needs exactly one rule id"), e.Span))
            .OrderBy(e => e.Span.Start).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
        var actual = result.Diagnostics
            .Where(d => ruleIds.Length == 0 || ruleIds.Contains(d.Id))
            .Select(d => (d.Id, d.Span))
            .OrderBy(e => e.Span.Start).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
        if (!expectedSpans.SequenceEqual(actual))
        {
            Assert.Fail($"Findings differ.\nExpected: {Markup.Render(text, expectedSpans)}\nActual:   {Markup.Render(text, actual)}" +
                        (customer is null ? "" : $"\nCustomer: {customer}"));
        }
        return result;
    }

    /// <summary>Applies the first fix of each finding of <paramref name="ruleId"/> and compares the text; re-analysis must not repeat them.</summary>
    public static void VerifyFix(string before, string after, string ruleId, string? customer = null, ReplyLintEngine? engine = null)
    {
        engine ??= DefaultEngine;
        var result = engine.FixAll(before, customer, d => d.Id == ruleId);
        Assert.True(result.Applied.Count > 0, $"{ruleId} offered no fix for: {before}");
        Assert.Equal(after, result.Text);
        var again = result.Remaining.Diagnostics.Where(d => d.Id == ruleId).ToList();
        Assert.True(again.Count == 0,
            $"{ruleId} still fires after its fix: {Markup.Render(result.Text, again.Select(d => (d.Id, d.Span)))}");
    }

    public static ReplyLintEngine EngineWith(Action<ReplyLintOptions> configure)
    {
        var options = new ReplyLintOptions();
        configure(options);
        return new ReplyLintEngine(options);
    }

    public static Severity SeverityOf(AnalysisResult result, string id) =>
        result.Diagnostics.First(d => d.Id == id).Severity;
}
