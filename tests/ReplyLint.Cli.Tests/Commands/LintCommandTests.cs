using System.Text.Json;
using Xunit;

namespace ReplyLint.Cli.Tests.Commands;

public sealed class LintCommandTests : IDisposable
{
    private const string Draft = "Hi Sam,\n\nAs previously explained, you are wrong about the charge.\n\nRegards\n";
    private const string Clean = "Hi Sam,\n\nThanks for your patience. I've refunded the charge today and you'll see it within three days.\n\nKind regards\n";
    private readonly CliRun _run = new();

    [Fact]
    public void Human_format_prints_file_line_column_id_and_underlines_the_span()
    {
        var file = _run.Write("draft.txt", Draft);

        var result = CliRun.Invoke(["lint", file, "--no-model"]);

        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        var lines = result.Out.Split('\n');
        var header = Array.FindIndex(lines, l => l.Contains(" RL2001: ", StringComparison.Ordinal));
        Assert.True(header >= 0, result.ToString());
        Assert.Matches(@"draft\.txt:3:\d+: warning RL2001: ", lines[header]);
        var column = int.Parse(lines[header].Split(':')[2]);
        // The next line quotes the source line; the one after puts carets under exactly the flagged words.
        Assert.EndsWith("As previously explained, you are wrong about the charge.", lines[header + 1]);
        var quotedStart = lines[header + 1].IndexOf("As previously", StringComparison.Ordinal);
        var caretStart = lines[header + 2].IndexOf('^');
        var carets = lines[header + 2].Count(c => c == '^');
        Assert.Equal("you are wrong", lines[header + 1].Substring(caretStart, carets));
        Assert.Equal(column - 1, caretStart - quotedStart);
    }

    [Theory]
    [InlineData("Cafe\u0301 ne\u0301e: you are wrong.", 10)]      // combining accents take no column
    [InlineData("\U0001F600\U0001F600: you are wrong.", 6)]        // each emoji takes two
    [InlineData("\u65E5\u672C you are wrong.", 5)]                  // so does each CJK character
    public void Carets_line_up_with_what_the_terminal_shows(string draft, int displayColumn)
    {
        var result = CliRun.Invoke(["lint", "-", "--no-model"], stdin: draft);

        var lines = result.Out.Split('\n');
        var header = Array.FindIndex(lines, l => l.Contains(" RL2001: ", StringComparison.Ordinal));
        Assert.True(header >= 0, result.ToString());
        var gutter = lines[header + 1].IndexOf("| ", StringComparison.Ordinal) + 2;
        Assert.Equal(displayColumn, lines[header + 2].IndexOf('^') - gutter);
        Assert.Equal("you are wrong".Length, lines[header + 2].Count(c => c == '^'));
    }

    [Fact]
    public void Clean_draft_exits_zero()
    {
        var file = _run.Write("clean.txt", Clean);
        var result = CliRun.Invoke(["lint", file, "--no-model"]);
        Assert.True(result.ExitCode == ExitCodes.Clean, result.ToString());
        Assert.Contains("no findings", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Fail_on_error_ignores_warnings_and_fail_on_never_always_passes()
    {
        var file = _run.Write("draft.txt", Draft);
        Assert.Equal(ExitCodes.Clean, CliRun.Invoke(["lint", file, "--no-model", "--fail-on", "error"]).ExitCode);
        Assert.Equal(ExitCodes.Clean, CliRun.Invoke(["lint", file, "--no-model", "--fail-on", "never"]).ExitCode);
        Assert.Equal(ExitCodes.Findings, CliRun.Invoke(["lint", file, "--no-model", "--fail-on", "info"]).ExitCode);
    }

    [Fact]
    public void Usage_and_input_errors_exit_two()
    {
        Assert.Equal(ExitCodes.UsageOrInputError, CliRun.Invoke(["lint", _run.PathOf("missing.txt"), "--no-model"]).ExitCode);
        Assert.Equal(ExitCodes.UsageOrInputError, CliRun.Invoke(["lint", _run.PathOf("*.nothing"), "--no-model"]).ExitCode);
        Assert.Equal(ExitCodes.UsageOrInputError, CliRun.Invoke(["lint", "x.txt", "--format", "xml"]).ExitCode);
        Assert.Equal(ExitCodes.UsageOrInputError, CliRun.Invoke(["lint"]).ExitCode);
        Assert.Equal(ExitCodes.UsageOrInputError, CliRun.Invoke(["nonsense"]).ExitCode);
    }

    [Fact]
    public void Broken_config_names_file_line_and_key_and_exits_two()
    {
        var file = _run.Write("draft.txt", Draft);
        var config = _run.Write("replylint.json", "{\n  \"severity\": {\n    \"RL2001\": \"loud\"\n  }\n}\n");

        var result = CliRun.Invoke(["lint", file, "--no-model", "--config", config]);

        Assert.Equal(ExitCodes.UsageOrInputError, result.ExitCode);
        Assert.Contains($"{config}:3", result.Error, StringComparison.Ordinal);
        Assert.Contains("$.severity.RL2001", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Config_can_switch_a_rule_off()
    {
        var file = _run.Write("draft.txt", Draft);
        var config = _run.Write("replylint.json", "{ \"disabledRules\": [\"RL2001\"] }");
        var result = CliRun.Invoke(["lint", file, "--no-model", "--config", config, "--format", "json"]);
        Assert.DoesNotContain("\"RL2001\"", result.Out, StringComparison.Ordinal);
        Assert.Contains("\"RL1003\"", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_format_carries_spans_that_point_into_the_file()
    {
        var file = _run.Write("draft.txt", Draft);

        var result = CliRun.Invoke(["lint", file, "--no-model", "--format", "json"]);

        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var fileNode = json.RootElement.GetProperty("files")[0];
        Assert.InRange(fileNode.GetProperty("score").GetInt32(), 0, 99);
        var diagnostics = fileNode.GetProperty("diagnostics").EnumerateArray().ToList();
        Assert.NotEmpty(diagnostics);
        var denial = diagnostics.Single(d => d.GetProperty("ruleId").GetString() == "RL2001");
        var span = denial.GetProperty("span");
        Assert.Equal("you are wrong", Draft.Substring(span.GetProperty("start").GetInt32(), span.GetProperty("length").GetInt32()));
        Assert.Equal(3, denial.GetProperty("line").GetInt32());
        Assert.Equal("rule", denial.GetProperty("source").GetString());
        Assert.False(json.RootElement.GetProperty("degraded").GetBoolean());
    }

    [Fact]
    public void Stdin_is_linted_with_a_dash()
    {
        var result = CliRun.Invoke(["lint", "-", "--no-model"], stdin: "Per our terms and conditions, the fee stands.");
        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        Assert.Contains("<stdin>:1:1: warning RL3002", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_lints_prose_only_and_offsets_refer_to_the_original_file()
    {
        const string markdown = "# Canned reply\n\n- As previously explained, the fee stands.\n\n> You are wrong, says the customer.\n\n```text\nyou are wrong\n```\n\nKeep `you are wrong` out of replies. See [the guide](https://example.test/you-are-wrong).\n";
        var file = _run.Write("macro.md", markdown);

        var result = CliRun.Invoke(["lint", file, "--no-model", "--format", "json"]);

        using var json = JsonDocument.Parse(result.Out);
        var diagnostics = json.RootElement.GetProperty("files")[0].GetProperty("diagnostics").EnumerateArray().ToList();
        // Code blocks, inline code, link targets and blockquotes (quoted words) are not the agent's prose.
        Assert.DoesNotContain(diagnostics, d => d.GetProperty("ruleId").GetString() == "RL2001");
        var condescension = diagnostics.Single(d => d.GetProperty("ruleId").GetString() == "RL1003");
        var span = condescension.GetProperty("span");
        Assert.Equal("As previously explained", markdown.Substring(span.GetProperty("start").GetInt32(), span.GetProperty("length").GetInt32()));
        Assert.Equal(3, condescension.GetProperty("line").GetInt32());
        Assert.Equal(3, condescension.GetProperty("column").GetInt32());
    }

    [Fact]
    public void A_very_long_line_is_shown_as_a_window_around_each_finding()
    {
        // One 200,000-character line with thousands of findings: printing the whole line under each would be gigabytes.
        var line = string.Concat(Enumerable.Repeat("As I already said, you are wrong. ", 6000));
        var file = _run.Write("one-line.txt", line + "\n");

        var result = CliRun.Invoke(["lint", file, "--no-model"]);

        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        var snippets = result.Out.Split('\n').Where(l => l.StartsWith(" 1 | ", StringComparison.Ordinal)).ToList();
        Assert.Equal(12000, snippets.Count);
        Assert.All(snippets, s => Assert.InRange(s.Length, 10, 200));
        Assert.Contains(snippets, s => s.StartsWith(" 1 | …", StringComparison.Ordinal) && s.EndsWith('…'));
    }

    [Fact]
    public void Globs_and_directories_expand_to_files()
    {
        Directory.CreateDirectory(_run.PathOf("macros/billing"));
        _run.Write("macros/billing/a.md", Draft);
        _run.Write("macros/b.txt", Clean);
        _run.Write("macros/ignored.json", "{}");

        var glob = CliRun.Invoke(["lint", Path.Combine(_run.Directory, "macros", "**", "*.md"), "--no-model", "--format", "json"]);
        var directory = CliRun.Invoke(["lint", _run.PathOf("macros"), "--no-model", "--format", "json"]);

        using var globJson = JsonDocument.Parse(glob.Out);
        Assert.Single(globJson.RootElement.GetProperty("files").EnumerateArray());
        using var directoryJson = JsonDocument.Parse(directory.Out);
        Assert.Equal(2, directoryJson.RootElement.GetProperty("files").GetArrayLength());
    }

    [Fact]
    public void A_model_file_that_cannot_be_loaded_is_an_error_naming_the_path()
    {
        var file = _run.Write("draft.txt", Draft);
        var model = _run.Write("broken.zip", "this is not a model");

        var result = CliRun.Invoke(["lint", file, "--model", model]);

        Assert.Equal(ExitCodes.UsageOrInputError, result.ExitCode);
        Assert.Contains(model, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Control_characters_and_lone_surrogates_do_not_break_the_output()
    {
        var result = CliRun.Invoke(["lint", "-", "--no-model"], stdin: "As previously explained\u001b[2J, you are wrong \ud800 about it.\r\nThanks");
        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        Assert.DoesNotContain('\u001b', result.Out);
    }

    [Fact]
    public void A_draft_that_is_not_utf8_is_reported_with_its_byte_and_the_other_files_are_still_linted()
    {
        var latin1 = _run.PathOf("latin1.txt");
        File.WriteAllBytes(latin1, [.. "Caf"u8, 0xE9, .. " order: you are wrong."u8]);
        var utf16 = _run.PathOf("utf16.txt");
        File.WriteAllBytes(utf16, System.Text.Encoding.Unicode.GetBytes("You are wrong about the charge."));
        var good = _run.Write("good.txt", Draft);

        var result = CliRun.Invoke(["lint", latin1, utf16, good, "--no-model", "--format", "json"]);

        Assert.Equal(ExitCodes.UsageOrInputError, result.ExitCode);
        Assert.Contains("not valid UTF-8 (byte 0xE9 at offset 3)", result.Error, StringComparison.Ordinal);
        Assert.Contains("UTF-16 without a byte-order mark", result.Error, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Single(json.RootElement.GetProperty("files").EnumerateArray());
    }

    [Fact]
    public void Stdin_that_is_not_utf8_is_refused_with_its_byte_as_a_file_is()
    {
        var result = CliRun.Invoke(["lint", "-", "--no-model"], [.. "Caf"u8, 0xE9, .. ": as I already said, you are wrong.\n"u8]);

        Assert.Equal(ExitCodes.UsageOrInputError, result.ExitCode);
        Assert.Contains("cannot read '<stdin>': not valid UTF-8 (byte 0xE9 at offset 3)", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', result.Out);
    }

    [Theory]
    [InlineData("human")]
    [InlineData("json")]
    [InlineData("sarif")]
    public void Out_naming_an_input_is_refused_and_the_draft_kept(string format)
    {
        var draft = _run.Write("draft.txt", Draft);

        var result = CliRun.Invoke(["lint", draft, "--out", draft, "--format", format, "--no-model"]);

        Assert.Equal(ExitCodes.UsageOrInputError, result.ExitCode);
        Assert.Contains("--out names the input file", result.Error, StringComparison.Ordinal);
        Assert.Equal(Draft, File.ReadAllText(draft));
    }

    [Fact]
    public void Out_naming_a_file_found_by_a_glob_or_a_directory_or_the_customer_file_is_refused()
    {
        Directory.CreateDirectory(_run.PathOf("macros"));
        var macro = _run.Write("macros/a.txt", Draft);
        var customer = _run.Write("customer.txt", "I was charged twice!");

        var byGlob = CliRun.Invoke(["lint", Path.Combine(_run.Directory, "macros", "*.txt"), "--out", macro, "--no-model"]);
        var byDirectory = CliRun.Invoke(["lint", _run.PathOf("macros"), "--out", macro, "--no-model"]);
        var overCustomer = CliRun.Invoke(["lint", macro, "--customer", customer, "--out", customer, "--no-model"]);

        Assert.Equal((ExitCodes.UsageOrInputError, ExitCodes.UsageOrInputError, ExitCodes.UsageOrInputError), (byGlob.ExitCode, byDirectory.ExitCode, overCustomer.ExitCode));
        Assert.Contains("--out names the input file", byDirectory.Error, StringComparison.Ordinal);
        Assert.Contains("--out names the --customer file", overCustomer.Error, StringComparison.Ordinal);
        Assert.Equal(Draft, File.ReadAllText(macro));
        Assert.Equal("I was charged twice!", File.ReadAllText(customer));
    }

    [Fact]
    public void Out_through_a_linked_directory_to_the_draft_is_refused()
    {
        Directory.CreateDirectory(_run.PathOf("real"));
        var draft = _run.Write("real/draft.txt", Draft);
        Directory.CreateSymbolicLink(_run.PathOf("alias"), "real");

        var result = CliRun.Invoke(["lint", draft, "--out", Path.Combine(_run.PathOf("alias"), "draft.txt"), "--no-model"]);

        Assert.Equal(ExitCodes.UsageOrInputError, result.ExitCode);
        Assert.Contains("--out names the input file", result.Error, StringComparison.Ordinal);
        Assert.Equal(Draft, File.ReadAllText(draft));
    }

    [Fact]
    public void Out_naming_a_hard_link_to_the_draft_replaces_the_name_and_keeps_the_draft()
    {
        if (OperatingSystem.IsWindows()) return; // ln
        var draft = _run.Write("draft.txt", Draft);
        var hardLink = _run.PathOf("hard.txt");
        using (var ln = System.Diagnostics.Process.Start("ln", [draft, hardLink])) ln.WaitForExit();

        var result = CliRun.Invoke(["lint", draft, "--out", hardLink, "--no-model"]);

        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        Assert.Equal(Draft, File.ReadAllText(draft));
        Assert.Contains("RL1003", File.ReadAllText(hardLink), StringComparison.Ordinal);
    }

    public void Dispose() => _run.Dispose();
}
