using System.Text.Json;
using ReplyLint.Testing;
using Xunit;

namespace ReplyLint.Core.Tests.Engine;

/// <summary>
/// data/eval/rule-edge-cases.jsonl: customer/reply pairs a reviewer wrote at the edges of the phrase patterns (polite
/// replies and happy customers that must stay quiet, real cases that must be caught). Rules only, so a pattern edit
/// that reopens one of them fails here. Rows with <c>knownDifference</c> are where the rules still disagree, and why.
/// </summary>
public sealed class RuleEdgeCaseTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var line in File.ReadLines(PathOfCases))
        {
            using var row = JsonDocument.Parse(line);
            if (!row.RootElement.TryGetProperty("knownDifference", out _)) data.Add(row.RootElement.GetProperty("id").GetString()!);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Edge_case_gets_the_expected_findings(string id)
    {
        using var row = JsonDocument.Parse(File.ReadLines(PathOfCases).Single(l => l.Contains($"\"id\": \"{id}\"", StringComparison.Ordinal)));
        var root = row.RootElement;
        var found = ReplyVerifier.DefaultEngine.Analyze(root.GetProperty("text").GetString()!, root.GetProperty("customer").GetString())
            .Diagnostics.Select(d => d.Id).Distinct().Order().ToArray();
        var expected = root.GetProperty("expect").EnumerateArray().Select(e => e.GetString()!).ToArray();
        var about = root.GetProperty("about").GetString();

        var kind = root.GetProperty("kind").GetString();
        Assert.True(kind is "clean" or "real", $"{id}: kind must be clean or real");
        if (kind == "clean")
            Assert.True(found.Length == 0, $"{id} ({about}) should stay quiet, got {string.Join(", ", found)}");
        else
        {
            Assert.NotEmpty(expected);
            Assert.True(expected.All(found.Contains), $"{id} ({about}) expected {string.Join(", ", expected)}, got {string.Join(", ", found)}");
        }
    }

    private static string PathOfCases => Path.Combine(RepositoryRoot.Path, "data", "eval", "rule-edge-cases.jsonl");
}
