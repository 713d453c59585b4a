using System.Text.Json;
using ReplyLint.Cli.Commands;
using ReplyLint.Cli.Hosting;
using Xunit;

namespace ReplyLint.Cli.Tests.Commands;

/// <summary>The CLI with the real shipped model (models/replylint.zip), and without it.</summary>
public sealed class ModelTests : IDisposable
{
    private const string Draft = "Hi Sam,\n\nAs previously explained, you are wrong about the charge. A quick look at the manual would have saved us both some time.\n";
    private readonly CliRun _run = new();

    [Fact]
    public void Lint_uses_the_shipped_model_by_default()
    {
        var file = _run.Write("draft.txt", Draft);

        var result = CliRun.Invoke(["lint", file, "--format", "json"]);

        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        Assert.DoesNotContain("warning", result.Error, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(result.Out);
        Assert.False(json.RootElement.GetProperty("degraded").GetBoolean());
        Assert.Matches("^[0-9a-f]{12}$", json.RootElement.GetProperty("modelVersion").GetString());
    }

    [Fact]
    public void Missing_shipped_model_warns_naming_the_path_and_marks_results_degraded()
    {
        var file = _run.Write("draft.txt", Draft);
        var missing = _run.PathOf("models/replylint.zip");
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(output, error, () => Stream.Null, false);

        var code = LintCommand.Run(new LintCommand.LintArguments([file], "json", "warning", null, null, null, null,
            new EngineRequest(null, false, null, ShippedModelPath: missing)), console);

        Assert.Equal(ExitCodes.Findings, code);
        Assert.Contains(missing, error.ToString(), StringComparison.Ordinal);
        Assert.Contains("rules only", error.ToString(), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(output.ToString());
        Assert.True(json.RootElement.GetProperty("degraded").GetBoolean());
        Assert.Contains(missing, json.RootElement.GetProperty("degradedReason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Degraded_score_run_says_so_in_results_summary_and_report()
    {
        var archive = ArchiveFiles.Jsonl(_run.PathOf("archive.jsonl"), 30);
        var error = new StringWriter();
        var console = new CliConsole(new StringWriter(), error, () => Stream.Null, false);

        var code = await ScoreCommand.RunAsync(new ScoreCommand.ScoreArguments
        {
            Archive = archive,
            Progress = "none",
            Engine = new EngineRequest(null, false, null, ShippedModelPath: _run.PathOf("nowhere.zip")),
        }, console, CancellationToken.None);

        Assert.Equal(ExitCodes.Clean, code);
        Assert.All(ArchiveFiles.ReadResults(_run.PathOf("archive.scores.jsonl")), r => Assert.True(r.GetProperty("degraded").GetBoolean()));
        using var summary = JsonDocument.Parse(File.ReadAllText(_run.PathOf("archive.scores.summary.json")));
        Assert.True(summary.RootElement.GetProperty("degraded").GetBoolean());
        Assert.Contains("id=\"degraded\"", File.ReadAllText(_run.PathOf("archive.scores.report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void Corrupt_model_named_with_model_option_is_an_error()
    {
        var file = _run.Write("draft.txt", Draft);
        var model = _run.Write("broken.zip", "PK not really a zip");

        var result = CliRun.Invoke(["lint", file, "--model", model]);

        Assert.Equal(ExitCodes.UsageOrInputError, result.ExitCode);
        Assert.Contains(model, result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Fact]
    public void Score_with_the_model_reports_model_findings_with_their_source()
    {
        var archive = ArchiveFiles.Jsonl(_run.PathOf("archive.jsonl"), 228);

        var result = CliRun.Invoke(["score", archive, "--progress", "none"]);

        Assert.Equal(ExitCodes.Clean, result.ExitCode);
        var results = ArchiveFiles.ReadResults(_run.PathOf("archive.scores.jsonl"));
        Assert.All(results, r => Assert.False(r.TryGetProperty("degraded", out _)));
        Assert.Contains(results, r => r.GetProperty("findings").EnumerateArray().Any(f => f.GetProperty("source").GetString() == "model"));
    }

    public void Dispose() => _run.Dispose();
}
