using System.Text;
using Xunit;

namespace ReplyLint.Cli.Tests.Commands;

public sealed class FixCommandTests : IDisposable
{
    private const string Draft = "Hi Sam,\n\nAs previously explained, you are wrong about the charge. Per our terms and conditions, the fee is non-refundable.\n\nRegards\n";
    private readonly CliRun _run = new();

    [Fact]
    public void Dry_run_shows_a_diff_and_leaves_the_file_untouched()
    {
        var file = _run.Write("draft.txt", Draft);
        var before = File.ReadAllBytes(file);
        var stamp = File.GetLastWriteTimeUtc(file);

        var result = CliRun.Invoke(["fix", file, "--dry-run", "--no-model"]);

        Assert.Equal(ExitCodes.Clean, result.ExitCode);
        Assert.Equal(before, File.ReadAllBytes(file));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(file));
        Assert.Contains("-As previously explained", result.Out, StringComparison.Ordinal);
        Assert.Contains("\n+", result.Out, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(_run.Directory));
    }

    public static TheoryData<byte[]> Undecodable => new()
    {
        { [.. "Caf"u8, 0xE9, .. " order: as previously explained, you are wrong."u8] },                 // Latin-1
        { [0xEF, 0xBB, 0xBF, .. "As previously explained, "u8, 0xFF, 0xFE, .. " you are wrong."u8] },   // a UTF-8 mark, then bad bytes
        { [0xFF, 0xFE, .. System.Text.Encoding.Unicode.GetBytes("As previously explained, "), 0x00, 0xD8, .. System.Text.Encoding.Unicode.GetBytes(" you are wrong.")] }, // UTF-16 with a lone surrogate
    };

    [Theory]
    [MemberData(nameof(Undecodable))]
    public void A_file_that_cannot_be_decoded_is_never_rewritten(byte[] bytes)
    {
        var file = _run.PathOf("draft.txt");
        File.WriteAllBytes(file, bytes);

        var result = CliRun.Invoke(["fix", file, "--in-place", "--no-model"]);

        Assert.Equal(ExitCodes.UsageOrInputError, result.ExitCode);
        Assert.Contains("not valid", result.Error, StringComparison.Ordinal);
        Assert.Equal(bytes, File.ReadAllBytes(file));
    }

    [Theory]
    [MemberData(nameof(Undecodable))]
    public void Stdin_that_cannot_be_decoded_is_refused_and_nothing_is_written(byte[] bytes)
    {
        var output = _run.PathOf("fixed.txt");

        var toStdout = CliRun.Invoke(["fix", "-", "--no-model"], bytes);
        var toFile = CliRun.Invoke(["fix", "-", "--out", output, "--no-model"], bytes);

        Assert.Equal((ExitCodes.UsageOrInputError, ExitCodes.UsageOrInputError), (toStdout.ExitCode, toFile.ExitCode));
        Assert.Contains("cannot read '<stdin>': not valid", toStdout.Error, StringComparison.Ordinal);
        Assert.Equal("", toStdout.Out);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void An_article_agrees_with_the_replacement_without_touching_markdown_around_it()
    {
        var file = _run.Write("draft.md", "We will run an **RCA** and an <b>RCA</b> and an [RCA](https://example.com).\n");

        var result = CliRun.Invoke(["fix", file, "--no-model", "--rule", "RL3004"]);

        Assert.Equal(ExitCodes.Clean, result.ExitCode);
        Assert.Equal("We will run a **review of what went wrong** and a <b>review of what went wrong</b> and a [review of what went wrong](https://example.com).\n", result.Out);
    }

    [Theory]
    [InlineData("# Refund\n\nYour refund was sent on Monday.\n", "# Refund\n\nI'm sorry for the trouble with this. Your refund was sent on Monday.\n")]
    [InlineData("## Refund ##\nYour refund was sent on Monday.\n", "## Refund ##\nI'm sorry for the trouble with this. Your refund was sent on Monday.\n")]
    [InlineData("Refund\n---\nYour refund was sent on Monday.\n", "Refund\n---\nI'm sorry for the trouble with this. Your refund was sent on Monday.\n")]
    [InlineData("> # Quoted\n\n# Refund\r\nYour refund was sent on Monday.\r\n", "> # Quoted\n\n# Refund\r\nI'm sorry for the trouble with this. Your refund was sent on Monday.\r\n")]
    public void An_acknowledgement_goes_after_a_markdown_heading_not_inside_it(string draft, string expected)
    {
        var file = _run.Write("draft.md", draft);
        var customer = _run.Write("customer.txt", "I never got my refund, this is ridiculous.");

        var result = CliRun.Invoke(["fix", file, "--no-model", "--customer", customer, "--rule", "RL4001"]);

        Assert.Equal(ExitCodes.Clean, result.ExitCode);
        Assert.Equal(expected, result.Out);
    }

    [Fact]
    public void Utf32_with_its_mark_is_read()
    {
        var file = _run.PathOf("draft.txt");
        File.WriteAllBytes(file, [.. new UTF32Encoding(true, true).GetPreamble(), .. new UTF32Encoding(true, false).GetBytes("As previously explained, you are wrong.")]);

        var result = CliRun.Invoke(["lint", file, "--no-model"]);

        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        Assert.Contains("RL2001", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_naming_the_input_is_refused_before_anything_is_reported_as_applied()
    {
        var file = _run.Write("draft.txt", Draft);

        var result = CliRun.Invoke(["fix", file, "--out", file, "--no-model"]);

        Assert.Equal(ExitCodes.UsageOrInputError, result.ExitCode);
        Assert.DoesNotContain("applied", result.Error, StringComparison.Ordinal);
        Assert.Equal(Draft, File.ReadAllText(file));
    }

    [Fact]
    public void Default_writes_the_fixed_text_to_stdout_and_keeps_the_original()
    {
        var file = _run.Write("draft.txt", Draft);

        var result = CliRun.Invoke(["fix", file, "--no-model"]);

        Assert.Equal(ExitCodes.Clean, result.ExitCode);
        Assert.Equal(Draft, File.ReadAllText(file));
        Assert.DoesNotContain("As previously explained", result.Out, StringComparison.Ordinal);
        Assert.StartsWith("Hi Sam,", result.Out, StringComparison.Ordinal);
        // Re-linting the fixed text does not report what was fixed.
        var fixedFile = _run.Write("fixed.txt", result.Out);
        var relint = CliRun.Invoke(["lint", fixedFile, "--no-model", "--format", "json"]);
        Assert.DoesNotContain("RL1003", relint.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void In_place_replaces_the_file_atomically_and_leaves_no_temp_files()
    {
        var file = _run.Write("draft.txt", Draft);

        var result = CliRun.Invoke(["fix", file, "--in-place", "--no-model"]);

        Assert.Equal(ExitCodes.Clean, result.ExitCode);
        var text = File.ReadAllText(file);
        Assert.NotEqual(Draft, text);
        Assert.DoesNotContain("As previously explained", text, StringComparison.Ordinal);
        Assert.Equal(["draft.txt"], Directory.GetFiles(_run.Directory).Select(Path.GetFileName));
    }

    [Fact]
    public void In_place_keeps_a_private_file_private_and_refuses_a_read_only_one()
    {
        if (OperatingSystem.IsWindows()) return; // Unix permission bits
        var secret = _run.Write("secret.txt", Draft);
        File.SetUnixFileMode(secret, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var readOnly = _run.Write("read-only.txt", Draft);
        File.SetUnixFileMode(readOnly, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var fixedSecret = CliRun.Invoke(["fix", secret, "--in-place", "--no-model"]);
        var fixedReadOnly = CliRun.Invoke(["fix", readOnly, "--in-place", "--no-model"]);

        Assert.Equal(ExitCodes.Clean, fixedSecret.ExitCode);
        Assert.NotEqual(Draft, File.ReadAllText(secret));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secret));
        Assert.Equal(ExitCodes.UsageOrInputError, fixedReadOnly.ExitCode);
        Assert.Contains("read-only", fixedReadOnly.Error, StringComparison.Ordinal);
        Assert.Equal(Draft, File.ReadAllText(readOnly));
    }

    [Fact]
    public void In_place_through_a_symbolic_link_fixes_its_target_and_keeps_the_link()
    {
        var target = _run.Write("draft.txt", Draft);
        var link = _run.PathOf("link.txt");
        File.CreateSymbolicLink(link, "draft.txt");

        var result = CliRun.Invoke(["fix", link, "--in-place", "--no-model"]);

        Assert.Equal(ExitCodes.Clean, result.ExitCode);
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.NotEqual(Draft, File.ReadAllText(target));
    }

    [Fact]
    public void Rule_option_applies_only_the_chosen_rules()
    {
        var file = _run.Write("draft.txt", Draft);
        var output = _run.PathOf("out.txt");

        var result = CliRun.Invoke(["fix", file, "--rule", "RL3002", "--out", output, "--no-model"]);

        Assert.Equal(ExitCodes.Clean, result.ExitCode);
        var text = File.ReadAllText(output);
        Assert.Contains("As previously explained", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Per our terms and conditions", text, StringComparison.Ordinal);
        Assert.Equal(Draft, File.ReadAllText(file));
    }

    [Fact]
    public void Bad_requests_exit_two_and_change_nothing()
    {
        var file = _run.Write("draft.txt", Draft);
        Assert.Equal(ExitCodes.UsageOrInputError, CliRun.Invoke(["fix", file, "--rule", "RL9999", "--no-model"]).ExitCode);
        Assert.Equal(ExitCodes.UsageOrInputError, CliRun.Invoke(["fix", file, "--in-place", "--out", _run.PathOf("x.txt"), "--no-model"]).ExitCode);
        Assert.Equal(ExitCodes.UsageOrInputError, CliRun.Invoke(["fix", file, "--out", file, "--no-model"]).ExitCode);
        Assert.Equal(ExitCodes.UsageOrInputError, CliRun.Invoke(["fix", _run.PathOf("missing.txt"), "--no-model"]).ExitCode);
        Assert.Equal(Draft, File.ReadAllText(file));
    }

    [Fact]
    public void Markdown_fix_leaves_code_blocks_alone()
    {
        const string markdown = "As previously explained, the fee stands.\n\n```\nAs previously explained, code.\n```\n";
        var file = _run.Write("macro.md", markdown);

        var result = CliRun.Invoke(["fix", file, "--no-model"]);

        Assert.Equal(ExitCodes.Clean, result.ExitCode);
        Assert.Contains("```\nAs previously explained, code.\n```", result.Out, StringComparison.Ordinal);
        Assert.False(result.Out.StartsWith("As previously explained", StringComparison.Ordinal), result.Out);
    }


    [Fact]
    public void Markdown_fix_that_needs_a_second_pass_gives_what_plain_text_fix_gives()
    {
        // Removing "As I already said," exposes "you are wrong" to a second pass; that pass's edits refer to the text
        // after the first. (They used to be applied to the original together and crashed on the overlap.)
        const string body = "As I already said, you are wrong.\n";
        var markdown = _run.Write("second-pass.md", "# Hi\n" + body);
        var plain = _run.Write("second-pass.txt", body);

        var fromMarkdown = CliRun.Invoke(["fix", markdown, "--no-model"]);
        var fromPlain = CliRun.Invoke(["fix", plain, "--no-model"]);

        Assert.Equal(ExitCodes.Clean, fromMarkdown.ExitCode);
        Assert.Equal("# Hi\n" + fromPlain.Out, fromMarkdown.Out);
        Assert.DoesNotContain("wrong", fromMarkdown.Out, StringComparison.Ordinal);
    }
    public void Dispose() => _run.Dispose();
}
