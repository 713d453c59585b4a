using ReplyLint.Core.Catalog;
using ReplyLint.Testing;
using Xunit;

namespace ReplyLint.Core.Tests.Matching;

/// <summary>Matching that survives real writing: case, contractions, curly apostrophes, words in between, negation.</summary>
public sealed class PhraseMatchingTests
{
    [Theory]
    [InlineData("Honestly {|RL2001:YOU ARE WRONG|}.")]
    [InlineData("{|RL2001:You're wrong|} about that.")]
    [InlineData("{|RL2001:You’re wrong|} about that.")]
    [InlineData("{|RL2001:you are completely wrong|} about that.")]
    [InlineData("{|RL2001:You were totally mistaken|}, sorry.")]
    [InlineData("{|RL2001:You're just plain wrong|}.")]
    public void Case_contractions_curly_apostrophes_and_words_in_between(string markup) =>
        ReplyVerifier.VerifyFindings(markup, ruleIds: "RL2001");

    [Theory]
    [InlineData("You are not wrong.")]
    [InlineData("You're not wrong at all.")]
    [InlineData("You aren't wrong, the price did change.")]
    [InlineData("We were wrong, and I'm sorry.")]
    [InlineData("I was wrong about the date.")]
    [InlineData("I understand why this looks incorrect.")]
    [InlineData("Are you sure that's wrong?")]
    public void Negation_first_person_and_acknowledgement_change_the_meaning(string text) =>
        ReplyVerifier.VerifyFindings(text, ruleIds: ["RL2001", "RL2002", "RL2003"]);

    [Theory]
    [InlineData("{|RL2003:Isn't an issue|} on our side.", false)]
    [InlineData("There {|RL2003:isn't any problem|} with the app.", false)]
    [InlineData("{|RL2003:There's no issue|} with the app.", true)]
    [InlineData("{|RL2003:There is no issue|} with the app.", true)]
    public void Contracted_and_expanded_forms_match_the_same_pattern(string markup, bool expectFinding)
    {
        if (expectFinding) ReplyVerifier.VerifyFindings(markup, ruleIds: "RL2003");
        else ReplyVerifier.VerifyFindings(Markup.Parse(markup).Text, ruleIds: "RL2003");
    }

    [Theory]
    [InlineData("{|RL1003:As I already said|}, the refund takes five days.")]
    [InlineData("{|RL1003:as i have already explained|}, the refund takes five days.")]
    [InlineData("{|RL1003:As previously stated|}: no.")]
    public void Inflections_and_optional_words(string markup) => ReplyVerifier.VerifyFindings(markup, ruleIds: "RL1003");

    [Fact]
    public void Quoted_customer_text_is_never_flagged()
    {
        ReplyVerifier.VerifyFindings("Thanks for the details, we've refunded you.\n> you are wrong and it's not our fault\n> pursuant to nothing",
            "Refund me, you are wrong", ruleIds: []);
    }

    [Fact]
    public void Extra_phrases_from_configuration_extend_a_rule()
    {
        var engine = ReplyVerifier.EngineWith(o => o.ExtraPhrases["RL3004"] = ["war room", "bridge call"]);
        ReplyVerifier.VerifyFindings("The {|RL3004:war room|} is on a {|RL3004:bridge call|} now.", engine: engine, ruleIds: "RL3004");
    }

    [Theory]
    [InlineData("😡")]
    [InlineData("so annoyed 😡")]
    [InlineData("war|🙄 room")]
    [InlineData("war🙄 room")]
    public void A_pattern_word_that_is_an_emoji_or_punctuation_is_a_configuration_error(string phrase)
    {
        // The matcher walks words only: such a pattern would load and then never match.
        var error = Assert.Throws<ReplyLintConfigurationException>(() => ReplyVerifier.EngineWith(o => o.ExtraPhrases["RL3004"] = [phrase]));
        Assert.Contains("is not a word", error.Problem, StringComparison.Ordinal);
        Assert.Contains("extraPhrases.RL3004[0]", error.Key, StringComparison.Ordinal);
    }
}
