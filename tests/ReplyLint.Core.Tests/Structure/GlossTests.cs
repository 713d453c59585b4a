using ReplyLint.Core.Structure;
using Xunit;

namespace ReplyLint.Core.Tests.Structure;

public sealed class GlossTests
{
    // The term is the text between [| and |]: a reader sees which word is asked about.
    [Theory]
    [InlineData("We'll share the [|RCA|] (a report on what went wrong) once it's done.")]
    [InlineData("The turnaround time ([|TAT|]) for repairs is five working days.")]
    [InlineData("The [|NOC|], our network control centre, is watching your area overnight.")]
    [InlineData("It breaches the [|SLA|], which is our promise on repair times.")]
    [InlineData("Quote the [|RMA|] \u2013 your returns number \u2013 on the box.")]
    [InlineData("Quote the [|RMA|] - your returns number - on the box.")]
    [InlineData("Ask for the [|TAC|], the team that handles routers, if it drops again.")]
    [InlineData("Send the [|RMA|], i.e. the returns number, with the parcel.")]
    public void An_explained_term_is_glossed(string markup) => Assert.True(IsExplained(markup));

    [Theory]
    [InlineData("We'll share the [|RCA|] once it's done.")]
    [InlineData("Per the [|SLA|], a technician has to attend within 48 hours, so I've booked Wednesday.")]
    [InlineData("This breaches our [|SLA|].")]
    [InlineData("It's an [|SLA-based|] target.")]
    [InlineData("After the [|RCA|], the engineers will decide.")]
    [InlineData("Per the [|SLA|], our technician will attend within 48 hours.")]
    [InlineData("We missed the [|SLA|], meaning you're owed a credit.")]
    [InlineData("After the [|RCA|], the engineers will decide, and we'll call you.")]
    [InlineData("We'll send the [|RCA|] - sorry for the wait.")]
    [InlineData("Your repair is late ([|TAT|] missed).")]
    [InlineData("It failed the [|RCA|]")]
    [InlineData("[|RCA|]")]
    public void An_unexplained_term_is_not(string markup) => Assert.False(IsExplained(markup));

    private static bool IsExplained(string markup)
    {
        var start = markup.IndexOf("[|", StringComparison.Ordinal);
        var end = markup.IndexOf("|]", StringComparison.Ordinal) - 2;
        var text = markup.Replace("[|", "", StringComparison.Ordinal).Replace("|]", "", StringComparison.Ordinal);
        return Gloss.IsExplained(text, start, end);
    }
}
