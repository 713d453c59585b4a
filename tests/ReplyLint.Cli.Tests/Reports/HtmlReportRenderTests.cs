using System.Diagnostics;
using System.Text.RegularExpressions;
using ReplyLint.Cli.Tests.Commands;
using Xunit;

namespace ReplyLint.Cli.Tests.Reports;

/// <summary>Opens the real report in headless Chromium (Debian's package) and checks what rendered after the scripts ran.</summary>
public sealed class HtmlReportRenderTests : IDisposable
{
    private readonly CliRun _run = new();

    [Fact]
    public void Report_renders_charts_agent_table_and_highlighted_worst_replies_in_chromium()
    {
        var archive = ArchiveFiles.Jsonl(_run.PathOf("archive.jsonl"), 200, malformedLines: new HashSet<int> { 9 });
        var result = CliRun.Invoke(["score", archive, "--no-model", "--progress", "none", "--worst", "10"]);
        Assert.Equal(ExitCodes.Clean, result.ExitCode);
        var report = _run.PathOf("archive.scores.report.html");
        var html = File.ReadAllText(report);

        // Self-contained: nothing is fetched from anywhere.
        Assert.DoesNotMatch(new Regex("(src|href)\\s*=\\s*\"(https?:)?//", RegexOptions.IgnoreCase), html);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);

        var dom = DumpDom(report);

        Assert.Contains("data-report-ready=\"10\"", dom, StringComparison.Ordinal);
        Assert.Equal(11, Regex.Matches(dom, "<rect class=\"bar[^\"]*\" data-bucket=").Count);
        Assert.Matches("<svg id=\"rules-chart\"[^>]*>.*?<g class=\"rule-bar\" data-rule=\"RL\\d{4}\"", dom.Replace("\n", " ", StringComparison.Ordinal));
        Assert.Equal(10, Regex.Matches(dom, "<article class=\"reply\"").Count);
        Assert.True(Regex.Matches(dom, "<mark class=\"finding sev-(error|warning|info)\" data-rule=\"RL\\d{4}").Count >= 10);
        Assert.Contains("<table class=\"sortable\" id=\"agents\">", dom, StringComparison.Ordinal);
        Assert.Equal(5, Regex.Matches(Regex.Match(dom, "id=\"agents\">.*?</table>", RegexOptions.Singleline).Value, "<tr><td><bdi>agent-").Count);
        Assert.Contains("<section id=\"malformed\"><h2>Malformed rows (1)</h2>", dom, StringComparison.Ordinal);
    }

    [Fact]
    public void Reply_text_is_html_encoded_in_the_report()
    {
        var archive = _run.Write("archive.jsonl",
            "{\"id\":\"<b>x</b>\",\"agent\":\"<img src=x onerror=alert(1)>\",\"text\":\"<script>alert(1)</script> As previously explained, you are wrong.\"}\n");
        Assert.Equal(ExitCodes.Clean, CliRun.Invoke(["score", archive, "--no-model", "--progress", "none"]).ExitCode);

        var html = File.ReadAllText(_run.PathOf("archive.scores.report.html"));

        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Ids_and_agents_are_isolated_so_a_bidi_override_cannot_reorder_the_figures_beside_them()
    {
        var archive = _run.Write("archive.jsonl",
            "{\"id\":\"\\u202eTICKET-1\",\"agent\":\"\\u202eSam\",\"text\":\"As I already said, you are wrong.\"}\n");
        Assert.Equal(ExitCodes.Clean, CliRun.Invoke(["score", archive, "--no-model", "--progress", "none"]).ExitCode);

        var html = File.ReadAllText(_run.PathOf("archive.scores.report.html"));

        Assert.Contains("<h3><bdi>\u202eTICKET-1</bdi> <span class=\"score\">", html, StringComparison.Ordinal);
        Assert.Contains("<bdi class=\"agent\">\u202eSam</bdi>", html, StringComparison.Ordinal);
        Assert.Contains("<td><bdi>\u202eSam</bdi></td>", html, StringComparison.Ordinal);
    }

    private string DumpDom(string report)
    {
        var chromium = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("Chromium is not installed: apt-get install -y chromium (.ci/run does this)");
        var profile = Directory.CreateDirectory(_run.PathOf("chromium-profile")).FullName;
        var start = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                     "--no-first-run", "--disable-dev-shm-usage", $"--user-data-dir={profile}", "--dump-dom", new Uri(report).AbsoluteUri })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("chromium did not finish within 60 s");
        }
        var dom = stdout.GetAwaiter().GetResult();
        Assert.True(dom.Length > 0, $"chromium printed no DOM (exit {process.ExitCode}): {stderr.GetAwaiter().GetResult()}");
        return dom;
    }

    public void Dispose() => _run.Dispose();
}
