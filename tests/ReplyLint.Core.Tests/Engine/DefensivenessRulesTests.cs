using ReplyLint.Testing;
using Xunit;

namespace ReplyLint.Core.Tests.Engine;

/// <summary>RL1006 judges the reply against what the customer says they already did (LABELLING.md, defensive).</summary>
public sealed class DefensivenessRulesTests
{
    private const string SelfHelpReply = "Hi Jo, {|RL1006:please follow the steps|} in this article to reset your password.";

    [Theory]
    [InlineData("PLEASE see my four emails this week. I am still unable to reset my password.")]
    [InlineData("I already reset my password twice and I still can't get in.")]
    [InlineData("This is my 3rd tweet about this, I can't sign in")]
    [InlineData("I opened a ticket last week and nobody answered.")]
    [InlineData("I followed all the steps in your guide and it still fails.")]
    [InlineData("I've emailed you three times now and still nothing")]
    [InlineData("I tried that already, it does nothing")]
    [InlineData("I read your FAQ twice already and it doesn't say")]
    public void Fires_when_the_customer_already_took_the_step(string customer) =>
        ReplyVerifier.VerifyFindings(SelfHelpReply, customer, ruleIds: "RL1006");

    [Theory]
    [InlineData(null)]
    [InlineData("I can't sign in to my account.")]
    [InlineData("I've restarted the router and it still drops.")]
    public void Stays_quiet_when_the_customer_did_not_say_they_took_a_step(string? customer) =>
        ReplyVerifier.VerifyFindings(SelfHelpReply.Replace("{|RL1006:", "", StringComparison.Ordinal).Replace("|}", "", StringComparison.Ordinal),
            customer, ruleIds: "RL1006");

    [Theory]
    [InlineData("Hi Jo, I can see you've already tried this. Please follow the steps in this article to reset your password.")]
    [InlineData("Hi Jo, if you haven't already, please follow the steps in this article to reset your password.")]
    [InlineData("Hi Jo, did you follow the steps in this article to reset your password?")]
    [InlineData("Hi Jo, have you had a chance to try the steps in this article?")]
    [InlineData("Hi Jo, please create a ticket here and our account team will reset it for you.")]
    [InlineData("Hi Jo, please follow this link so that we can help you one-on-one.")]
    [InlineData("Hi Jo, please visit our help page to chat with an advisor.")]
    [InlineData("Hi Jo, thanks!\n> please follow the steps in this article")]
    public void Stays_quiet_when_the_reply_owns_the_attempt_asks_or_offers_a_channel(string reply) =>
        ReplyVerifier.VerifyFindings(reply, "I already reset my password twice and I still can't get in.", ruleIds: "RL1006");

    [Theory]
    [InlineData("This is my second message about the refund.", "So sorry for the wait. I've just replied by email, please check your inbox.")]
    [InlineData("I already updated the app and now it crashes", "Sorry! Please try clearing the cache.")]
    [InlineData("I already restarted my router twice", "We've fixed a fault at your exchange, so please try again now.")]
    [InlineData("My phone dropped the second call today", "Please try these steps.")]
    [InlineData("I submitted a ticket last week", "Your refund is approved; you can check it in your bank app.")]
    [InlineData("This is my second tweet", "Please see below for your engineer booking.")]
    [InlineData("I've emailed you three times", "Sorry for the wait! Here's the tracking link for your parcel.")]
    [InlineData("This is my second tweet", "Please see the booking details here.")]
    [InlineData("I already reinstalled it twice", "Sorry! We've fixed it: please use the link here to get the fixed version.")]
    [InlineData("I submitted a ticket last week", "I've refunded you in full. Here is our guide for next time.")]
    [InlineData("I emailed you so many times and got denied", "Do you have 2-Step Verification on? Try these tips if you're unable to receive a code.")]
    public void Stays_quiet_when_the_reply_sends_the_customer_to_no_help_resource(string customer, string reply) =>
        ReplyVerifier.VerifyFindings(reply, customer, ruleIds: "RL1006");

    [Theory]
    [InlineData("I've emailed you three times and nobody answers", "Sorry about that! {|RL1006:Please email|} support@example.com with your order number.")]
    [InlineData("I submitted a ticket last week and nobody answered", "{|RL1006:Please create a support ticket|} so we may assist you one-on-one.")]
    public void Telling_a_customer_who_already_contacted_us_to_contact_us_again_is_a_redo(string customer, string markup) =>
        ReplyVerifier.VerifyFindings(markup, customer, ruleIds: "RL1006");

    [Theory]
    [InlineData("I've restarted the router three times and it still drops", "Hi Dan, please {|RL1006:restart your router by switching it off at the wall|}.")]
    [InlineData("I've already reset my PIN twice and the card still gets declined", "@ajay {|RL1006:Reset your PIN in the app under Card > Security, then try the card again|}.")]
    [InlineData("I've uninstalled and reinstalled twice, still crashes", "@zed Uninstall the game, restart your console and then {|RL1006:reinstall it|}. That clears most crashes.")]
    [InlineData("I've restarted the router three times and it still drops", "Sorry! {|RL1006:Try restarting your router at the wall|}.")]
    [InlineData("I rebooted the console twice and it still freezes", "{|RL1006:Restart your console and try again|}.")]
    [InlineData("phone won't charge, already tried 3 different cables", "@hana {|RL1006:Try a different cable and plug|}.")]
    [InlineData("I've sent my proof of address three times now", "To continue, please {|RL1006:upload a proof of address dated within three months|}.")]
    public void Giving_back_the_very_step_the_customer_reported_is_a_redo(string customer, string markup) =>
        ReplyVerifier.VerifyFindings(markup, customer, ruleIds: "RL1006");

    [Theory]
    [InlineData("I've restarted the router three times and it still drops", "Sorry Dan! Have you tried restarting it at the wall for 30 seconds?")]
    [InlineData("I've restarted the router three times and it still drops", "I can see you've already restarted it, so please restart it once more while I watch the line.")]
    [InlineData("phone won't charge, already tried 3 different cables", "@hana Try cleaning the charging port with a dry brush.")]
    [InlineData("I restarted the router and it still drops", "Please restart your router and wait five minutes.")]
    [InlineData("i tried opening the game multiple times but it still kept crashing", "For technical help, please visit our Help site.")]
    [InlineData("I've sent my proof of address twice already and my account is still locked", "Sorry for the hassle! Send us a DM with your account number and I'll unlock it.")]
    [InlineData("I reset my password twice and still can't get in", "Sorry about that! Reset the app's cache under Settings, then log in again.")]
    [InlineData("Already updated the app and restarted my phone, still crashing", "Sorry! Update your phone to iOS 17.5, as the crash is an iOS bug.")]
    public void The_same_step_asked_politely_owned_or_not_reported_as_repeated_is_no_redo(string customer, string reply) =>
        ReplyVerifier.VerifyFindings(reply, customer, ruleIds: "RL1006");

    [Theory]
    [InlineData("This is my second tweet", "Please reply on your existing ticket and we'll pick it up today.")]
    [InlineData("I already reset my password twice", "Sorry! Please email us at support@example.com so we can look into it.")]
    public void Contacting_us_is_no_redo_for_a_customer_who_only_did_the_self_help_or_when_the_ticket_continues(string customer, string reply) =>
        ReplyVerifier.VerifyFindings(reply, customer, ruleIds: "RL1006");

    [Fact]
    public void A_request_put_as_a_question_is_still_an_instruction() =>
        ReplyVerifier.VerifyFindings("Hi Jo, could you {|RL1006:try the steps|} in this article?",
            "I already reset my password twice", ruleIds: "RL1006");

    [Fact]
    public void Here_are_some_tips_is_self_help_too() =>
        ReplyVerifier.VerifyFindings("Hi Jo, {|RL1006:here are some tips|} to reset your password.",
            "I already reset my password twice", ruleIds: "RL1006");

    [Fact]
    public void One_finding_a_reply_and_the_message_quotes_the_customer()
    {
        var result = ReplyVerifier.VerifyFindings(
            "Hi Jo, {|RL1006:please follow the steps|} in this article. You can find more tips here too.",
            "This is my second tweet, I still can't get in", ruleIds: "RL1006");
        Assert.Contains("(the customer said: 'my second tweet')", Assert.Single(result.Diagnostics, d => d.Id == "RL1006").Message, StringComparison.Ordinal);
    }
}
