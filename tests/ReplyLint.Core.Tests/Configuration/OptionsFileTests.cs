using ReplyLint.Core.Catalog;
using ReplyLint.Core.Configuration;
using ReplyLint.Core.Diagnostics;
using ReplyLint.Core.Engine;
using Xunit;

namespace ReplyLint.Core.Tests.Configuration;

public sealed class OptionsFileTests
{
    [Fact]
    public void Severity_per_rule_beats_severity_per_family_and_rules_can_be_turned_off()
    {
        var options = OptionsFile.Parse("""
            {
              // comments are allowed
              "severity": { "Jargon": "error", "RL3004": "info", "RL4003": "warning" },
              "disabledRules": ["RL1003"],
            }
            """);
        var engine = new ReplyLintEngine(options);
        Assert.Equal(Severity.Error, engine.EffectiveSeverity("RL3001"));
        Assert.Equal(Severity.Info, engine.EffectiveSeverity("RL3004"));
        Assert.Equal(Severity.None, engine.EffectiveSeverity("RL1003"));
        Assert.Equal(Severity.Warning, engine.EffectiveSeverity("RL4003")); // off by default, turned on by giving it a severity
        Assert.Equal(Severity.Warning, engine.EffectiveSeverity("RL2001"));

        var result = engine.Analyze("We hereby confirm it. As I already said, the RCA is done.");
        Assert.Equal(Severity.Error, result.Diagnostics.Single(d => d.Id == "RL3001").Severity);
        Assert.Equal(Severity.Info, result.Diagnostics.Single(d => d.Id == "RL3004").Severity);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "RL1003");
    }

    [Fact]
    public void Family_set_to_none_turns_the_family_off()
    {
        var engine = new ReplyLintEngine(OptionsFile.Parse("""{ "severity": { "legal_jargon": "none" } }"""));
        Assert.Empty(engine.Analyze("We hereby reserve the right to do so pursuant to section 4.").Diagnostics);
    }

    [Theory]
    [InlineData("{\n  \"severity\": {\n    \"RL1001\": \"loud\"\n  }\n}", 3, "$.severity.RL1001", "unknown severity")]
    [InlineData("{\n  \"disabledRules\": [\"RL1001\", \"RL9999\"]\n}", 2, "$.disabledRules[1]", "unknown rule id")]
    [InlineData("{\n  \"extraPhrases\": {\n    \"RL3004\": [\"ok\", \"bad|alternative words\", \"...\"]\n  }\n}", 3, "$.extraPhrases.RL3004[2]", "gap")]
    [InlineData("{\n  \"extraPhrases\": {\n    \"RL4001\": [\"sorry\"]\n  }\n}", 3, "$.extraPhrases.RL4001", "not a phrase rule")]
    [InlineData("{\n  \"minimumConfidence\": 3\n}", 2, "$.minimumConfidence", "between 0 and 1")]
    [InlineData("{\n  \"severity\": {\n    \"Tone\": \"error\"\n  }\n}", 3, "$.severity.Tone", "neither a rule id")]
    public void A_malformed_file_names_the_file_line_and_key(string json, int line, string key, string problem)
    {
        var error = Assert.Throws<ReplyLintConfigurationException>(() => OptionsFile.Parse(json, "team/replylint.json"));
        Assert.Equal("team/replylint.json", error.File);
        Assert.Equal(line, error.Line);
        Assert.Equal(key, error.Key);
        Assert.Contains(problem, error.Problem, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith($"team/replylint.json({line}): {key}:", error.Message);
    }

    [Theory]
    [InlineData("{\n  \"disabledRules\": null\n}", 2, "$.disabledRules")]
    [InlineData("{\n  \"disabledRules\": [\"RL1001\", null]\n}", 2, "$.disabledRules[1]")]
    [InlineData("{\n  \"severity\": null\n}", 2, "$.severity")]
    [InlineData("{\n  \"severity\": {\n    \"RL1001\": null\n  }\n}", 3, "$.severity.RL1001")]
    [InlineData("{\n  \"extraPhrases\": null\n}", 2, "$.extraPhrases")]
    [InlineData("{\n  \"extraPhrases\": {\n    \"RL3004\": null\n  }\n}", 3, "$.extraPhrases.RL3004")]
    [InlineData("{\n  \"extraPhrases\": {\n    \"RL3004\": [null]\n  }\n}", 3, "$.extraPhrases.RL3004[0]")]
    [InlineData("{\n  \"minimumSeverity\": null\n}", 2, "$.minimumSeverity")]
    public void A_null_value_is_named_like_any_other_mistake(string json, int line, string key)
    {
        var error = Assert.Throws<ReplyLintConfigurationException>(() => OptionsFile.Parse(json, "x.json"));
        Assert.Equal(key, error.Key);
        Assert.Equal(line, error.Line);
        Assert.Contains("null", error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\n  \"severity\": { \"RL2001\": \"error\",\n    \"RL2001\": \"info\" }\n}")]
    [InlineData("{\n  \"severity\": { \"RL2001\": \"error\" },\n  \"Severity\": { \"RL2001\": \"info\" }\n}")]
    [InlineData("{\n  \"severity\": { \"Jargon\": \"error\",\n    \"jargon\": \"info\" }\n}")]
    public void A_key_given_twice_is_refused_not_silently_overwritten(string json)
    {
        var error = Assert.Throws<ReplyLintConfigurationException>(() => OptionsFile.Parse(json, "x.json"));
        Assert.Equal(3, error.Line); // the second of the two
        Assert.Matches("(?i)duplicate|more than once", error.Problem);
    }

    [Fact]
    public void A_file_saved_with_a_byte_order_mark_is_read()
    {
        var options = OptionsFile.Parse([.. System.Text.Encoding.UTF8.Preamble, .. """{ "severity": { "RL2001": "error" } }"""u8], "bom.json");
        Assert.Equal("error", options.Severity["RL2001"]);
    }

    [Fact]
    public void Broken_json_and_unknown_keys_name_the_line()
    {
        var broken = Assert.Throws<ReplyLintConfigurationException>(() => OptionsFile.Parse("{\n  \"severity\": {\n    \"RL1001\": \"info\",,\n  }\n}", "x.json"));
        Assert.Equal(3, broken.Line);
        var unknown = Assert.Throws<ReplyLintConfigurationException>(() => OptionsFile.Parse("{\n  \"severty\": {}\n}", "x.json"));
        Assert.Equal(2, unknown.Line);
    }

    [Fact]
    public void Missing_file_is_a_configuration_error_naming_the_path()
    {
        var error = Assert.Throws<ReplyLintConfigurationException>(() => OptionsFile.Load("/nonexistent/replylint.json"));
        Assert.Equal("/nonexistent/replylint.json", error.File);
    }

    [Fact]
    public void Options_built_in_code_are_checked_too()
    {
        var options = new ReplyLintOptions { DisabledRules = ["RL0000"] };
        Assert.Throws<ReplyLintConfigurationException>(() => new ReplyLintEngine(options));
    }

    [Fact]
    public void A_catalog_folder_with_a_bad_pattern_names_its_file_and_line()
    {
        var folder = Directory.CreateTempSubdirectory("replylint-catalog").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "data", "rules"), "*.json"))
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            var path = Path.Combine(folder, "RL1002.json");
            var lines = File.ReadAllLines(path).ToList();
            var index = lines.FindIndex(l => l.Contains("\"patterns\"", StringComparison.Ordinal));
            lines.Insert(index + 1, "    \"bad {nosuchmacro} pattern\",");
            File.WriteAllLines(path, lines);
            var error = Assert.Throws<ReplyLintConfigurationException>(() => RuleCatalog.LoadDirectory(folder));
            Assert.Equal(path, error.File);
            Assert.Equal(index + 2, error.Line);
            Assert.Contains("nosuchmacro", error.Problem, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
