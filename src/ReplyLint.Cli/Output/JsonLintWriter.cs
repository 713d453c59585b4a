using System.Text.Json;
using ReplyLint.Core.Diagnostics;

namespace ReplyLint.Cli.Output;

/// <summary><c>lint --format json</c>: one document for the run; lines and columns are one-based, offsets UTF-16.</summary>
internal static class JsonLintWriter
{
    public static void Write(LintRun run, Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("tool", ToolInfo.Name);
        json.WriteString("version", run.ToolVersion);
        json.WriteBoolean("degraded", run.IsDegraded);
        if (run.IsDegraded) json.WriteString("degradedReason", run.ModelStatus.Problem);
        if (run.ModelStatus.Version is { } version) json.WriteString("modelVersion", version);
        json.WriteStartArray("files");
        foreach (var file in run.Files)
        {
            json.WriteStartObject();
            json.WriteString("path", file.DisplayPath);
            json.WriteNumber("score", file.Result.OverallScore);
            json.WriteStartObject("familyScores");
            foreach (var family in RuleFamilyNames.All)
                json.WriteNumber(family.LabelName(), file.Result.FamilyScores.GetValueOrDefault(family, 100));
            json.WriteEndObject();
            json.WriteStartArray("diagnostics");
            foreach (var d in file.Result.Diagnostics) WriteDiagnostic(json, d);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static void WriteDiagnostic(Utf8JsonWriter json, Diagnostic d)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", d.Id);
        json.WriteString("family", d.Family.LabelName());
        json.WriteString("severity", d.Severity.ToConfigString());
        json.WriteString("message", d.Message);
        json.WriteNumber("line", d.LineSpan.Start.Line + 1);
        json.WriteNumber("column", d.LineSpan.Start.Character + 1);
        json.WriteNumber("endLine", d.LineSpan.End.Line + 1);
        json.WriteNumber("endColumn", d.LineSpan.End.Character + 1);
        json.WriteStartObject("span");
        json.WriteNumber("start", d.Span.Start);
        json.WriteNumber("length", d.Span.Length);
        json.WriteEndObject();
        json.WriteString("source", ToolInfo.SourceName(d.Source));
        json.WriteNumber("confidence", Math.Round(d.Confidence, 4));
        if (d.ModelConfidence is { } mc) json.WriteNumber("modelConfidence", Math.Round(mc, 4));
        json.WriteString("helpLink", d.Descriptor.HelpLink);
        json.WriteStartArray("fixes");
        foreach (var fix in d.Fixes)
        {
            json.WriteStartObject();
            json.WriteString("title", fix.Title);
            json.WriteStartArray("edits");
            foreach (var edit in fix.Edits)
            {
                json.WriteStartObject();
                json.WriteNumber("start", edit.Span.Start);
                json.WriteNumber("length", edit.Span.Length);
                json.WriteString("newText", edit.NewText);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
