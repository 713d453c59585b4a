using Xunit;

namespace ReplyLint.Cli.Tests.Commands;

/// <summary>
/// What the tool says when a path or an option is wrong: exit 2 in every case, and a message that names the actual
/// mistake (a directory is a directory, not a missing file or a permission problem; a mistyped option is an option).
/// </summary>
public sealed class UsageMessageTests : IDisposable
{
    private const string Draft = "Hi Sam,\n\nAs previously explained, you are wrong about the charge.\n";
    private readonly CliRun _run = new();

    private string Folder()
    {
        var folder = _run.PathOf("folder");
        Directory.CreateDirectory(folder);
        return folder;
    }

    public static TheoryData<string[]> DirectoryAsInput => new()
    {
        { ["fix", "{dir}", "--no-model"] },
        { ["score", "{dir}", "--no-model"] },
        { ["eval", "--replies", "{dir}", "--no-model"] },
        { ["eval", "--replies", "{replies}", "--labels", "{dir}", "--no-model"] },
        { ["eval", "--data", "{dir}"] },
        { ["lint", "{draft}", "--config", "{dir}", "--no-model"] },
        { ["lint", "{draft}", "--customer", "{dir}", "--no-model"] },
        { ["fix", "{draft}", "--customer", "{dir}", "--no-model"] },
        { ["lint", "{draft}", "--out", "{dir}", "--no-model"] },
        { ["fix", "{draft}", "--out", "{dir}", "--no-model"] },
        { ["score", "{archive}", "--out", "{dir}", "--no-model"] },
        { ["score", "{archive}", "--summary", "{dir}", "--no-model"] },
        { ["eval", "--replies", "{replies}", "--out", "{dir}", "--no-model"] },
    };

    [Theory]
    [MemberData(nameof(DirectoryAsInput))]
    public void A_directory_where_a_file_belongs_is_called_a_directory(string[] template)
    {
        var folder = Folder();
        var draft = _run.Write("draft.txt", Draft);
        var archive = ArchiveFiles.Jsonl(_run.PathOf("archive.jsonl"), 5);
        var replies = _run.Write("reviewed.jsonl", "{\"id\": \"r1\", \"text\": \"You are wrong.\", \"perception_denial\": 1}\n");
        string[] args = [.. template.Select(a => a.Replace("{dir}", folder).Replace("{draft}", draft).Replace("{archive}", archive).Replace("{replies}", replies))];

        var result = CliRun.Invoke(args);

        Assert.True(result.ExitCode == ExitCodes.UsageOrInputError, result.ToString());
        Assert.Contains("is a directory", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("no such file", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("denied", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("applied", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_run.PathOf("archive.scores.jsonl")), "score wrote results before refusing an output");
    }

    [Theory]
    [InlineData("lint", "--bogus", "{draft}")]
    [InlineData("lint", "{draft}", "-x")]
    [InlineData("fix", "--bogus", "{draft}")]
    [InlineData("rules", "--bogus")]
    // Where no argument can take it, System.CommandLine leaves it unmatched: it is still named as an option.
    [InlineData("train", "--bogus")]
    [InlineData("eval", "--bogus")]
    [InlineData("fix", "{draft}", "--bogus")]
    [InlineData("rules", "RL2001", "--bogus")]
    public void A_mistyped_option_is_an_unknown_option_not_a_missing_file(params string[] template)
    {
        var draft = _run.Write("draft.txt", Draft);

        var result = CliRun.Invoke([.. template.Select(a => a.Replace("{draft}", draft))]);

        Assert.Equal(ExitCodes.UsageOrInputError, result.ExitCode);
        Assert.Contains("Unrecognized option '-", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("no such file", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(draft, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_config_file_is_named_without_a_line_or_key()
    {
        var draft = _run.Write("draft.txt", Draft);

        var result = CliRun.Invoke(["lint", draft, "--config", _run.PathOf("nofile.json"), "--no-model"]);

        Assert.Equal(ExitCodes.UsageOrInputError, result.ExitCode);
        Assert.Contains("nofile.json': no such file", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(":0:", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(": $:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_command_gets_only_the_useful_message()
    {
        var result = CliRun.Invoke(["frob"]);

        Assert.Equal(ExitCodes.UsageOrInputError, result.ExitCode);
        Assert.Contains("'frob'", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Required command", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _run.Dispose();
}
