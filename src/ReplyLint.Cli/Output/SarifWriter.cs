using System.Text.Json;
using ReplyLint.Core.Diagnostics;

namespace ReplyLint.Cli.Output;

/// <summary>
/// SARIF 2.1.0 (OASIS), written with System.Text.Json: one run, the whole rule catalog as <c>tool.driver.rules</c>
/// (id, name, descriptions, help link, default level), one result per finding with its region (one-based lines,
/// UTF-16 columns, end column exclusive as SARIF defines it, plus char offset and length) and the first suggested
/// rewrite as a SARIF fix. File paths under the working directory are relative to <c>%SRCROOT%</c>.
/// </summary>
internal sealed class SarifWriter(string workingDirectory, string? helpBaseUri)
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
    private const string SourceRoot = "%SRCROOT%";

    public void Write(LintRun run, Stream output)
    {
        var ruleIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < run.Rules.Count; i++) ruleIndex[run.Rules[i].Id] = i;

        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("$schema", SchemaUri);
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();

        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", ToolInfo.Name);
        json.WriteString("version", run.ToolVersion);
        json.WriteString("semanticVersion", run.ToolVersion);
        if (HelpUri("README.md") is { } info && Uri.IsWellFormedUriString(info, UriKind.Absolute)) json.WriteString("informationUri", info);
        json.WriteStartArray("rules");
        foreach (var rule in run.Rules) WriteRule(json, rule);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();

        // Columns and char offsets count UTF-16 code units (the engine's spans); SARIF's default is code points, so a
        // viewer would place every region after an emoji one column too far right unless told.
        json.WriteString("columnKind", "utf16CodeUnits");

        json.WriteStartObject("originalUriBaseIds");
        json.WriteStartObject(SourceRoot);
        json.WriteString("uri", DirectoryUri(workingDirectory));
        json.WriteEndObject();
        json.WriteEndObject();

        json.WriteStartArray("invocations");
        json.WriteStartObject();
        json.WriteBoolean("executionSuccessful", true);
        if (run.IsDegraded)
        {
            json.WriteStartArray("toolExecutionNotifications");
            json.WriteStartObject();
            json.WriteString("level", "warning");
            json.WriteStartObject("message");
            json.WriteString("text", $"degraded: {run.ModelStatus.Problem}; results come from the rules alone.");
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
        }
        json.WriteEndObject();
        json.WriteEndArray();

        json.WriteStartArray("results");
        foreach (var file in run.Files)
            foreach (var d in file.Result.Diagnostics)
                WriteResult(json, file, d, ruleIndex.GetValueOrDefault(d.Id, -1));
        json.WriteEndArray();

        json.WriteStartObject("properties");
        json.WriteBoolean("degraded", run.IsDegraded);
        if (run.ModelStatus.Version is { } version) json.WriteString("modelVersion", version);
        json.WriteEndObject();

        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private void WriteRule(Utf8JsonWriter json, RuleDescriptor rule)
    {
        json.WriteStartObject();
        json.WriteString("id", rule.Id);
        json.WriteString("name", PascalCase(rule.Title));
        json.WriteStartObject("shortDescription");
        json.WriteString("text", rule.Title);
        json.WriteEndObject();
        json.WriteStartObject("fullDescription");
        json.WriteString("text", rule.Description);
        json.WriteEndObject();
        json.WriteStartObject("messageStrings");
        json.WriteStartObject("default");
        json.WriteString("text", rule.MessageFormat);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteString("helpUri", HelpUri(rule.HelpLink));
        json.WriteStartObject("help");
        json.WriteString("text", $"{rule.Description} See {rule.HelpLink}.");
        json.WriteEndObject();
        json.WriteStartObject("defaultConfiguration");
        json.WriteString("level", ToolInfo.LevelName(rule.DefaultSeverity));
        json.WriteBoolean("enabled", rule.IsEnabledByDefault);
        json.WriteEndObject();
        json.WriteStartObject("properties");
        json.WriteString("family", rule.Family.LabelName());
        json.WriteStartArray("tags");
        json.WriteStringValue(rule.Family.ToString());
        json.WriteStringValue("tone");
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private void WriteResult(Utf8JsonWriter json, LintedFile file, Diagnostic d, int ruleIndex)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", d.Id);
        if (ruleIndex >= 0) json.WriteNumber("ruleIndex", ruleIndex);
        json.WriteString("level", ToolInfo.LevelName(d.Severity));
        json.WriteStartObject("message");
        json.WriteString("text", d.Message);
        json.WriteEndObject();
        json.WriteStartArray("locations");
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        WriteArtifactLocation(json, file);
        json.WriteStartObject("region");
        json.WriteNumber("startLine", d.LineSpan.Start.Line + 1);
        json.WriteNumber("startColumn", d.LineSpan.Start.Character + 1);
        json.WriteNumber("endLine", d.LineSpan.End.Line + 1);
        json.WriteNumber("endColumn", d.LineSpan.End.Character + 1);
        json.WriteNumber("charOffset", d.Span.Start);
        json.WriteNumber("charLength", d.Span.Length);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();

        if (d.Fixes.Length > 0)
        {
            var fix = d.Fixes[0];
            json.WriteStartArray("fixes");
            json.WriteStartObject();
            json.WriteStartObject("description");
            json.WriteString("text", fix.Title);
            json.WriteEndObject();
            json.WriteStartArray("artifactChanges");
            json.WriteStartObject();
            WriteArtifactLocation(json, file);
            json.WriteStartArray("replacements");
            foreach (var edit in fix.Edits)
            {
                json.WriteStartObject();
                json.WriteStartObject("deletedRegion");
                json.WriteNumber("charOffset", edit.Span.Start);
                json.WriteNumber("charLength", edit.Span.Length);
                json.WriteEndObject();
                json.WriteStartObject("insertedContent");
                json.WriteString("text", edit.NewText);
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteStartObject("properties");
        json.WriteString("family", d.Family.LabelName());
        json.WriteString("source", ToolInfo.SourceName(d.Source));
        json.WriteNumber("confidence", Math.Round(d.Confidence, 4));
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private void WriteArtifactLocation(Utf8JsonWriter json, LintedFile file)
    {
        json.WriteStartObject("artifactLocation");
        if (file.FullPath is null)
        {
            json.WriteString("uri", "stdin");
        }
        else
        {
            var relative = Path.GetRelativePath(workingDirectory, file.FullPath);
            if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
            {
                json.WriteString("uri", new Uri(file.FullPath).AbsoluteUri);
            }
            else
            {
                json.WriteString("uri", string.Join('/', relative.Split(Path.DirectorySeparatorChar).Select(Uri.EscapeDataString)));
                json.WriteString("uriBaseId", SourceRoot);
            }
        }
        json.WriteEndObject();
    }

    private string HelpUri(string relativeLink) =>
        helpBaseUri is null ? relativeLink : helpBaseUri.TrimEnd('/') + "/" + relativeLink;

    private static string DirectoryUri(string directory)
    {
        var uri = new Uri(Path.TrimEndingDirectorySeparator(directory) + Path.DirectorySeparatorChar).AbsoluteUri;
        return uri.EndsWith('/') ? uri : uri + "/";
    }

    private static string PascalCase(string title)
    {
        var words = title.Split([' ', '-', '_', ',', '.', ':', ';', '(', ')', '\'', '"', '/'], StringSplitOptions.RemoveEmptyEntries);
        return string.Concat(words.Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
    }

    /// <summary>
    /// The base for rule help links: <c>--help-base-uri</c>, else the repository's folder (file URI) when the tool
    /// runs from a checkout with docs/rules, else none (the links stay relative, "docs/rules/RL2001.md").
    /// </summary>
    public static string? DefaultHelpBase(string workingDirectory)
    {
        foreach (var start in new[] { workingDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (Directory.Exists(Path.Combine(dir.FullName, "data", "rules")) && File.Exists(Path.Combine(dir.FullName, "ReplyLint.sln")))
                    return DirectoryUri(dir.FullName);
            }
        }
        return null;
    }
}
