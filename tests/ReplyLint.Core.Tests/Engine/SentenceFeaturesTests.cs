using ReplyLint.Core.Engine;
using Xunit;

namespace ReplyLint.Core.Tests.Engine;

/// <summary>
/// The tone model's own features: the cue classes (lexicons.json) and the derived ones. They are what lets the model
/// weigh a paraphrase that shares no n-gram with its training rows, so each is checked on wording it must generalise to.
/// </summary>
public class SentenceFeaturesTests
{
    private static float Feature(string text, string name)
    {
        var index = SentenceFeatures.Names.ToList().IndexOf(name);
        Assert.True(index >= 0, $"no feature '{name}'");
        return SentenceFeatures.ComputeWhole(text)[index];
    }

    [Theory]
    [InlineData("The RMA is pending sign-off before we can ship the replacement.", 1)]
    [InlineData("Your order was short-shipped from the FC, so the rest is on backorder.", 1)]
    [InlineData("The CDRs show each of those calls lasted over ten minutes.", 1)]
    [InlineData("Please send a photo of your ID and the PIN reset will go through.", 0)] // widely known
    [InlineData("We'll send the RMA (return authorisation) by email.", 0)] // glossed in brackets after it
    [InlineData("The turnaround time (TAT) for repairs is five working days.", 0)] // glossed before it
    [InlineData("The NOC, our network control centre, is watching your area.", 0)] // glossed by apposition
    [InlineData("Thanks for waiting, we'll be in touch soon. ^KC", 0)] // sign-off initials
    public void Unexplained_abbreviations_are_counted_unless_known_or_glossed(string text, float expected) =>
        Assert.Equal(expected, Feature(text, "unexplained_abbreviations"));

    [Theory]
    [InlineData("If you'd waited for the update to finish, it wouldn't be stuck.", "set_cue_counterfactual")]
    [InlineData("Skipping the travel insurance at booking was your call.", "set_cue_customer_choice")]
    [InlineData("The confirmation screen showed Saturday in large letters.", "set_cue_documentation")]
    [InlineData("Try reading the prompts this time instead of tapping past them.", "set_cue_lecture")]
    [InlineData("We can hardly be blamed for a storm.", "set_cue_not_us")]
    [InlineData("Refunds are not issued after 48 hours, no exceptions.", "set_cue_bare_policy")]
    [InlineData("Our operations log shows the aircraft left on time.", "set_cue_evidence_claim")]
    [InlineData("The mast serving your street has reported zero downtime this month.", "set_cue_flat_denial")]
    [InlineData("I'm not sure where you got that idea.", "set_cue_customer_perception")]
    [InlineData("Any such payment is made ex gratia and without admission of liability.", "set_cue_legal_register")]
    public void Cue_classes_fire_on_paraphrases_of_their_family(string text, string feature) =>
        Assert.Equal(1, Feature(text, feature));

    [Theory]
    [InlineData("Thanks for getting in touch, I'll check the order now.")]
    [InlineData("Could you send us a screenshot of the error?")]
    public void Cue_classes_stay_quiet_on_plain_helpful_sentences(string text)
    {
        var features = SentenceFeatures.ComputeWhole(text);
        var cues = SentenceFeatures.Names.Select((name, i) => (name, i)).Where(f => f.name.StartsWith("set_cue_", StringComparison.Ordinal));
        Assert.All(cues, cue => Assert.True(features[cue.i] == 0, $"{cue.name} fired"));
    }

    [Fact]
    public void Blame_and_denial_count_as_unsoftened_only_without_an_apology_or_alternative()
    {
        Assert.Equal(1, Feature("Skipping the travel insurance at booking was your call.", "blame_unsoftened"));
        Assert.Equal(0, Feature("Sorry, skipping the travel insurance at booking was your call.", "blame_unsoftened"));
        Assert.Equal(1, Feature("Our operations log shows the aircraft left on time.", "denial_unacknowledged"));
        Assert.Equal(0, Feature("I'm sorry for the stress. Our operations log shows the aircraft left on time.", "denial_unacknowledged"));
        Assert.Equal(1, Feature("Refunds are not issued after 48 hours, no exceptions.", "policy_without_reason_or_alternative"));
    }
}
