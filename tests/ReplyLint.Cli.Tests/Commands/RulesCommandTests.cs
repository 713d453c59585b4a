using Xunit;

namespace ReplyLint.Cli.Tests.Commands;

public sealed class RulesCommandTests
{
    [Fact]
    public void Explaining_a_rule_shows_its_examples_as_people_read_them()
    {
        var result = CliRun.Invoke(["rules", "RL2001"]);

        Assert.Equal(ExitCodes.Clean, result.ExitCode);
        Assert.Contains("RL2001:", result.Out, StringComparison.Ordinal);
        Assert.Contains("**", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("{|", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("|}", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_rule_is_an_input_error()
    {
        var result = CliRun.Invoke(["rules", "RL9999"]);

        Assert.Equal(ExitCodes.UsageOrInputError, result.ExitCode);
        Assert.Contains("no rule 'RL9999'", result.Error, StringComparison.Ordinal);
    }
}
