using System.Text.Json;
using ReplyLint.Core.Catalog;
using Xunit;

namespace ReplyLint.Cli.Tests.Commands;

/// <summary>Checks the SARIF log against what the 2.1.0 schema requires and what viewers rely on.</summary>
public sealed class SarifOutputTests : IDisposable
{
    private readonly CliRun _run = new();

    [Fact]
    public void Sarif_has_the_required_fields_rule_metadata_and_regions()
    {
        const string draft = "Hello,\n\nAs previously explained, you are wrong about the charge.\nPer our terms and conditions, the fee stands.\n";
        var file = _run.Write("draft.txt", draft);
        var output = _run.PathOf("out.sarif");

        var result = CliRun.Invoke(["lint", file, "--no-model", "--format", "sarif", "--out", output]);

        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        using var sarif = JsonDocument.Parse(File.ReadAllText(output));
        var root = sarif.RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        Assert.StartsWith("https://", root.GetProperty("$schema").GetString(), StringComparison.Ordinal);
        var run = Assert.Single(root.GetProperty("runs").EnumerateArray());
        Assert.Equal("utf16CodeUnits", run.GetProperty("columnKind").GetString()); // the spans' unit, not SARIF's default
        var driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal("replylint", driver.GetProperty("name").GetString());

        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(RuleCatalog.Default.Descriptors.Count, rules.Count);
        foreach (var rule in rules)
        {
            Assert.Matches("^RL[1-4][0-9]{3}$", rule.GetProperty("id").GetString());
            Assert.False(string.IsNullOrWhiteSpace(rule.GetProperty("shortDescription").GetProperty("text").GetString()));
            var help = rule.GetProperty("helpUri").GetString()!;
            Assert.EndsWith($"docs/rules/{rule.GetProperty("id").GetString()}.md", help, StringComparison.Ordinal);
            Assert.True(Uri.TryCreate(help, UriKind.RelativeOrAbsolute, out _));
        }

        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Contains(results, r => r.GetProperty("ruleId").GetString() == "RL2001");
        foreach (var r in results)
        {
            var ruleId = r.GetProperty("ruleId").GetString();
            Assert.Contains(rules, rule => rule.GetProperty("id").GetString() == ruleId);
            Assert.Equal(ruleId, rules[r.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
            Assert.Contains(r.GetProperty("level").GetString(), new[] { "error", "warning", "note", "none" });
            Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("message").GetProperty("text").GetString()));
            var location = Assert.Single(r.GetProperty("locations").EnumerateArray()).GetProperty("physicalLocation");
            Assert.Equal("draft.txt", Path.GetFileName(location.GetProperty("artifactLocation").GetProperty("uri").GetString()));
            var region = location.GetProperty("region");
            var startLine = region.GetProperty("startLine").GetInt32();
            var startColumn = region.GetProperty("startColumn").GetInt32();
            var endLine = region.GetProperty("endLine").GetInt32();
            var endColumn = region.GetProperty("endColumn").GetInt32();
            var offset = region.GetProperty("charOffset").GetInt32();
            var length = region.GetProperty("charLength").GetInt32();
            Assert.True(startLine >= 1 && startColumn >= 1 && endLine >= startLine && length >= 0);
            // The one-based line/column and the offset agree with each other on the original text.
            var lines = draft.Split('\n');
            var lineOffset = lines.Take(startLine - 1).Sum(l => l.Length + 1);
            Assert.Equal(offset, lineOffset + startColumn - 1);
            if (endLine == startLine) Assert.Equal(length, endColumn - startColumn);
        }

        var denial = results.First(r => r.GetProperty("ruleId").GetString() == "RL2001");
        var denialRegion = denial.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
        Assert.Equal("you are wrong", draft.Substring(denialRegion.GetProperty("charOffset").GetInt32(), denialRegion.GetProperty("charLength").GetInt32()));
    }

    public void Dispose() => _run.Dispose();
}
