using System.Text;
using System.Text.Json;
using ReplyLint.Core.Catalog;
using ReplyLint.Core.Diagnostics;

namespace ReplyLint.Core.Configuration;

/// <summary>Reads and checks replylint.json; every error names the file, the line and the key.</summary>
public static class OptionsFile
{
    public static ReplyLintOptions Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReplyLintConfigurationException(path, 0, "$", $"cannot read the file: {e.Message}");
        }
        return Parse(bytes, path);
    }

    public static ReplyLintOptions Parse(string json, string source = "replylint.json") =>
        Parse(Encoding.UTF8.GetBytes(json), source);

    public static ReplyLintOptions Parse(byte[] utf8, string source)
    {
        // Editors on Windows often save with a byte-order mark; the JSON reader refuses one.
        if (utf8.AsSpan().StartsWith(Encoding.UTF8.Preamble)) utf8 = utf8[Encoding.UTF8.Preamble.Length..];
        var options = RuleCatalog.Deserialize<ReplyLintOptions>(utf8, source);
        Validate(options, RuleCatalog.Default, source, JsonLocations.Index(utf8));
        return options;
    }

    /// <summary>Checks options built in code or bound from configuration; <paramref name="source"/> names where they came from.</summary>
    public static void Validate(ReplyLintOptions options, RuleCatalog catalog, string source = "options") =>
        Validate(options, catalog, source, new JsonLocations());

    private static void Validate(ReplyLintOptions options, RuleCatalog catalog, string source, JsonLocations locations)
    {
        ReplyLintConfigurationException Error(string key, string problem) => new(source, locations.LineOf(key), key, problem);
        const string NullValue = "is null: give a value, or leave the key out";

        // JSON null reaches these as null; each is named rather than failing later inside the engine.
        if (options.Severity is null) throw Error("$.severity", NullValue);
        if (options.DisabledRules is null) throw Error("$.disabledRules", NullValue);
        if (options.ExtraPhrases is null) throw Error("$.extraPhrases", NullValue);
        if (options.MinimumSeverity is null) throw Error("$.minimumSeverity", NullValue);
        foreach (var (section, keys) in new (string, IEnumerable<string>)[] { ("severity", options.Severity.Keys), ("extraPhrases", options.ExtraPhrases.Keys) })
            if (keys.GroupBy(k => k, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
                throw Error($"$.{section}.{twice.Last()}", $"given more than once ({string.Join(", ", twice.Select(k => $"'{k}'"))}); give each key once");
        foreach (var (key, value) in options.Severity)
        {
            if (value is null) throw Error($"$.severity.{key}", NullValue);
            if (!SeverityParser.TryParse(value, out _))
                throw Error($"$.severity.{key}", $"unknown severity '{value}' (none, info, warning, error)");
            if (catalog.Find(key) is null && !RuleFamilyNames.TryParse(key, out _))
                throw Error($"$.severity.{key}", $"'{key}' is neither a rule id of the catalog nor a family");
        }
        for (var i = 0; i < options.DisabledRules.Count; i++)
            if (options.DisabledRules[i] is null) throw Error($"$.disabledRules[{i}]", NullValue);
            else if (catalog.Find(options.DisabledRules[i]) is null)
                throw Error($"$.disabledRules[{i}]", $"unknown rule id '{options.DisabledRules[i]}'");
        foreach (var (id, phrases) in options.ExtraPhrases)
        {
            if (phrases is null) throw Error($"$.extraPhrases.{id}", NullValue);
            var rule = catalog.FindRule(id);
            if (rule is null) throw Error($"$.extraPhrases.{id}", $"unknown rule id '{id}'");
            if (rule.File.Kind != "phrase") throw Error($"$.extraPhrases.{id}", $"{id} is not a phrase rule");
            var compiler = Matching.PhraseRuleSet.CreateCompiler(catalog);
            for (var i = 0; i < phrases.Count; i++)
            {
                if (phrases[i] is null) throw Error($"$.extraPhrases.{id}[{i}]", NullValue);
                try { _ = compiler.Compile(phrases[i]).ToList(); }
                catch (FormatException e) { throw Error($"$.extraPhrases.{id}[{i}]", e.Message); }
            }
        }
        if (!SeverityParser.TryParse(options.MinimumSeverity, out _))
            throw Error("$.minimumSeverity", $"unknown severity '{options.MinimumSeverity}'");
        if (options.MinimumConfidence is < 0 or > 1 || double.IsNaN(options.MinimumConfidence))
            throw Error("$.minimumConfidence", "minimumConfidence is between 0 and 1");
    }
}
