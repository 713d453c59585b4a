using ReplyLint.Core.Engine;
using ReplyLint.Core.Diagnostics;
using ReplyLint.Testing;
using Xunit;

namespace ReplyLint.Core.Tests.Engine;

/// <summary>The absence rules judge the reply against the customer's message (LABELLING.md, missing_empathy).</summary>
public sealed class EmpathyRulesTests
{
    private const string PlainAnswer = "@sam {|RL4001:Your order ships on Monday.|} Let us know if you need anything else.";

    [Theory]
    [InlineData("My order STILL hasn't arrived, this is ridiculous.")]
    [InlineData("The app keeps crashing every time I open it")]
    [InlineData("I was charged twice for one order!")]
    [InlineData("why aren't my orders updating??")]
    [InlineData("It didn't work.")]
    [InlineData("@BrightgridHelp the engineer hasn't turned up")]
    [InlineData("The fridge you delivered stopped working after 13 months.")]
    [InlineData("I found glass in my salad")]
    [InlineData("I'm being chased by debt collectors for a bill I already paid.")]
    [InlineData("Can you just help me please😩😭")]
    [InlineData("I can't remember my password 🤦🏽‍♀️")]
    [InlineData("For some reason my playlists show up empty on the TV")]
    [InlineData("why did you remove the shuffle button?")]
    [InlineData("When will we get our comments back??")]
    [InlineData("Someone has opened an account using my email address")]
    [InlineData("I need help because when I try to log in it says files could not be downloaded")]
    [InlineData("The game I bought is not on my account")]
    [InlineData("how is it legal to charge $20 for shipping?")]
    [InlineData("The sofa arrived with a big tear on the left arm. I want a replacement.")]
    [InlineData("I love your app but it won't open")]
    [InlineData("Love the new phone but the charger is missing")]
    [InlineData("Congrats on the launch, but I can't log in")]
    [InlineData("Brilliant, the app is down again")]
    [InlineData("Love how I've been waiting for days 😭")]
    [InlineData("I love the app but it crashes all the time 😭")]
    [InlineData("is there any way to fix my disabled iPhone without losing the data?")]
    [InlineData("tracking hasn't moved in 5 days. is my parcel even real")]
    [InlineData("strap snapped after 2 weeks")]
    [InlineData("driver marked my parcel 'delivered' but it's not here")]
    [InlineData("matchmaking takes 20 mins every single time, is it just me?")]
    [InlineData("CSV export gives an empty file since yesterday")]
    [InlineData("why is my bill £30 more than my contract??")]
    [InlineData("someone's used my card in Spain")]
    [InlineData("3rd time you've 'attempted delivery' while I was at home")]
    [InlineData("been on hold 2 hours. brilliant service as always")]
    [InlineData("your prices went up 20% overnight. daylight robbery")]
    [InlineData("Since your update on Monday, our Slack integration has stopped posting notifications.")]
    [InlineData("my earbuds only charge the left bud now. right one stays dead")]
    [InlineData("why does my laptop fan sound like a jet engine after the BIOS update?")]
    [InlineData("my renewal quote went up £300 and I haven't made a single claim?? explain")]
    [InlineData("my application status has said 'received' for 6 weeks with no change")]
    [InlineData("is there a reason the number 42 drives past full stops?? 3 buses this morning")]
    [InlineData("heads up, the Insert Table button does nothing in the web editor today")]
    [InlineData("paying for 500Mb and getting 40. every. single. evening.")]
    [InlineData("you've taken £80 for the minibar. I didn't touch the minibar.")]
    [InlineData("Identical cars sell for £5,000 online. I feel completely short-changed.")]
    [InlineData("@VoltMobile no service in Bristol")]
    [InlineData("The room was dirty and there was hair in the shower.")]
    [InlineData("internet has been dropping every evening for a week")]
    [InlineData("smart meter screen is blank")]
    [InlineData("you've sent me 3 emails today about a bill I already paid")]
    [InlineData("PS5 making a loud fan noise")]
    [InlineData("reservation says 2 adults but I booked 2 adults + 1 child")]
    [InlineData("seats not together on our honeymoon flight, gutted")]
    [InlineData("booked a sea view room, got a view of the car park. not impressed")]
    [InlineData("license key says invalid")]
    [InlineData("tracking hasn't updated in 5 days")]
    [InlineData("audio out of sync on my roku")]
    [InlineData("export to PDF gives me blank pages")]
    [InlineData("booked thru your site, no confirmation email received")]
    [InlineData("left my phone in a zipp car last night")]
    [InlineData("landline has a crackle on every call")]
    [InlineData("my savings interest wasn't paid this month")]
    [InlineData("keep getting logged out of the web app")]
    [InlineData("there's been a leak in the road outside my house for a week now")]
    [InlineData("another price rise? you're taking the mick")]
    [InlineData("driver said I wasn't home. I was home. all day.")]
    [InlineData("app says my booking doesn't exist. I have the confirmation email")]
    [InlineData("transfer has been pending for 6 days")]
    [InlineData("room wasn't cleaned once during our 3 night stay")]
    [InlineData("customs has held my parcel for 2 weeks, can you do anything")]
    [InlineData("no 4G in Bristol city centre for 2 days")]
    [InlineData("3rd time asking. when is my refund coming")]
    [InlineData("why does the app keep asking me to log in every 5 mins")]
    [InlineData("so what's the point of paying for priority boarding if you board everyone at once")]
    [InlineData("love the app but the lyrics feature hasn't worked for me in weeks")]
    [InlineData("great, another 'estimated' bill for £300. love it")]
    [InlineData("why does my family plan say I'm not at the same address 😑 I live with these people")]
    [InlineData("the installer just hangs at 99%")]
    [InlineData("the app logged me out and now says my email isn't registered")]
    [InlineData("moved out in July and you're still billing me")]
    [InlineData("2 HOURS on hold. TWO HOURS.")]
    [InlineData("courier threw my parcel over the fence. it's a LAPTOP")]
    [InlineData("fuel charge on my bill even though I returned it full")]
    [InlineData("why does the app keep playing ads when I'm on premium???")]
    public void Fires_when_the_customer_reports_a_problem(string customer) =>
        ReplyVerifier.VerifyFindings(PlainAnswer, customer, ruleIds: "RL4001");

    [Theory]
    [InlineData("Do you ship to Canada?")]
    [InlineData("How do I add a missing road to the map?")]
    [InlineData("Love the new update, great job!")]
    [InlineData("It's order 5512, placed on Monday.")]
    [InlineData("is there a way to export my playlists")]
    [InlineData("Are your stores still open on Sundays?")]
    [InlineData("Watching my favourite show 😂 thank you!")]
    [InlineData("When can I get the new update on my phone?")]
    [InlineData("Can't wait for the new season!")]
    [InlineData("Your app never disappoints")]
    [InlineData("Not bad at all, thanks for the quick reply")]
    [InlineData("this shows why you're the best")]
    [InlineData("I randomly found dark mode and love it")]
    [InlineData("None of my friends have it yet, so excited")]
    [InlineData("I could not believe how fast the delivery was")]
    [InlineData("Someone has just made my day")]
    [InlineData("I love the new update so much 😭❤️")]
    [InlineData("Can't wait for the new season 😭😭")]
    [InlineData("if I cancel now do I lose my watch history?")]
    [InlineData("If my flight gets delayed over 3 hours, do I get compensation?")]
    [InlineData("Been a customer since the 90s, love you guys")]
    [InlineData("Just got my new router. Am I meant to plug it into the old socket or the new one?")]
    [InlineData("Is there a reason to pick the annual plan over monthly?")]
    [InlineData("Is the dirty chai back on the menu this winter?")]
    [InlineData("3rd time staying with you this year, always perfect")]
    [InlineData("I use your budgeting app every single day, best money I've spent.")]
    [InlineData("I'm shattered but so happy, the race app worked perfectly!")]
    [InlineData("Snapped this pic at your Brighton store, love it")]
    [InlineData("Someone special ordered my birthday cake from you, thank you!")]
    [InlineData("If I do nothing, will my plan just renew?")]
    [InlineData("Can I put my gym membership on hold while I'm away for two weeks?")]
    [InlineData("My address hasn't changed, do I need to update anything?")]
    [InlineData("My energy bill went down £30 after switching, brilliant.")]
    [InlineData("Since the update the app feels so much faster, great job!")]
    [InlineData("Can I get an empty box for my return?")]
    [InlineData("I have stopped by three of your shops this week, lovely staff")]
    [InlineData("Setting it up was dead easy")]
    [InlineData("Not here to complain, just wanted to say the new menu is great!")]
    [InlineData("Me refreshing your app at 6am for the sneaker drop 🙃 wish me luck")]
    [InlineData("thanks, that worked! app's letting me book classes again")]
    [InlineData("Just to say the car's back and the warning light has gone. Thanks for sorting it so quickly.")]
    [InlineData("best delivery app hands down 🍕")]
    [InlineData("does the app let you book rides for someone else?")]
    [InlineData("water back on in CH4, thanks for the quick fix guys")]
    [InlineData("do I still need to wear a mask on the train?")]
    public void Stays_quiet_for_neutral_questions_answers_and_praise(string customer) =>
        ReplyVerifier.VerifyFindings(Markup.Parse(PlainAnswer).Text, customer, ruleIds: "RL4001");

    [Theory]
    [InlineData("@sam Sorry about the wait! Your order ships on Monday.")]
    [InlineData("@sam Thanks for letting us know. Your order ships on Monday.")]
    [InlineData("@sam That definitely shouldn't happen. Your order ships on Monday.")]
    [InlineData("@sam Oh no! Your order ships on Monday.")]
    [InlineData("@sam I understand how annoying this is. Your order ships on Monday.")]
    [InlineData("@sam Please accept our condolences. Your order ships on Monday.")]
    [InlineData("@sam You're completely right. Your order ships on Monday.")]
    [InlineData("@sam That shouldn't be possible! Your order ships on Monday.")]
    [InlineData("@sam That can't have been easy. Your order ships on Monday.")]
    [InlineData("@sam A week late is not what you paid for. Your order ships on Monday.")]
    [InlineData("@sam A week's wait isn't good enough, agreed. Your order ships on Monday.")]
    [InlineData("@sam That's easily done! Your order ships on Monday.")]
    [InlineData("@sam Happens to the best of us! Your order ships on Monday.")]
    [InlineData("@sam That's definitely not OK. Your order ships on Monday.")]
    public void Apologies_validation_and_thanks_for_the_report_count_as_acknowledgement(string reply) =>
        ReplyVerifier.VerifyFindings(reply, "My order still hasn't arrived!", ruleIds: "RL4001");

    [Theory]
    [InlineData("@sam {|RL4001:Happy to help!|} Your order ships on Monday.")]
    [InlineData("@sam {|RL4001:We'd like to help.|} Your order ships on Monday. Thanks!")]
    [InlineData("@sam {|RL4001:I'm sorry you feel that way.|} Your order ships on Monday.")]
    [InlineData("@sam {|RL4001:Sorry if the wait seemed long to you.|} Your order ships on Monday.")]
    [InlineData("@sam {|RL4001:Apologies if our courier upset you.|} Your order ships on Monday.")]
    [InlineData("@sam {|RL4001:Your order ships on Monday.|} Hope this helps!")]
    public void Offers_to_help_sign_off_thanks_and_non_apologies_do_not_count(string markup) =>
        ReplyVerifier.VerifyFindings(markup, "My order still hasn't arrived!", ruleIds: "RL4001");

    [Fact]
    public void Without_a_customer_message_it_fires_with_lower_confidence_and_says_so()
    {
        var withCustomer = ReplyVerifier.DefaultEngine.Analyze("We fixed the issue with your refund.", "My refund is missing!")
            .Diagnostics.Single(d => d.Id == "RL4001");
        var without = ReplyVerifier.DefaultEngine.Analyze("We fixed the issue with your refund.")
            .Diagnostics.Single(d => d.Id == "RL4001");
        Assert.True(without.Confidence < withCustomer.Confidence);
        Assert.Contains("no customer message", without.Message, StringComparison.Ordinal);
        // A reply that does not deal with a problem at all is not judged without the customer's message.
        Assert.DoesNotContain(ReplyVerifier.DefaultEngine.Analyze("We open at 9am on weekdays.").Diagnostics, d => d.Family == RuleFamily.Empathy);
    }

    [Fact]
    public void The_message_quotes_the_customer_words_that_showed_the_problem()
    {
        var finding = ReplyVerifier.DefaultEngine.Analyze("Your order ships on Monday.", "Hi, my order still hasn't arrived.")
            .Diagnostics.Single(d => d.Id == "RL4001");
        Assert.Contains("(the customer reported a problem: 'hasn't arrived')", finding.Message, StringComparison.Ordinal);

        // Long evidence is cut, never inside an emoji.
        var emoji = ReplyVerifier.DefaultEngine.Analyze("Your order ships on Monday.", "please help 😩")
            .Diagnostics.Single(d => d.Id == "RL4001");
        Assert.Contains("problem: '😩'", emoji.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Acknowledgement_is_inserted_after_the_greeting()
    {
        ReplyVerifier.VerifyFix(
            "Hi Sam,\nYour order will ship on Monday.",
            "Hi Sam,\nI'm sorry for the trouble with this. Your order will ship on Monday.",
            "RL4001", customer: "Where is my order?? It's a week late.");
        ReplyVerifier.VerifyFix(
            "@sam Your order will ship on Monday.",
            "@sam I'm sorry for the trouble with this. Your order will ship on Monday.",
            "RL4001", customer: "Where is my order?? It's a week late.");
    }

    [Fact]
    public void Acknowledgement_is_inserted_after_a_heading_not_inside_it()
    {
        ReplyVerifier.VerifyFix(
            "# Refund\n\nYour refund was sent on Monday.",
            "# Refund\n\nI'm sorry for the trouble with this. Your refund was sent on Monday.",
            "RL4001", customer: "I never got my refund, this is ridiculous.");
        ReplyVerifier.VerifyFix(
            "Hi Jo,\n\nYour refund\n===\nIt was sent on Monday.",
            "Hi Jo,\n\nYour refund\n===\nI'm sorry for the trouble with this. It was sent on Monday.",
            "RL4001", customer: "I never got my refund, this is ridiculous.");
        // An acknowledgement that goes before a heading (the heading is the denial) is a paragraph above it.
        ReplyVerifier.VerifyFix(
            "Hi Jo,\r\n## There is no outage\r\nWe checked your line.",
            "Hi Jo,\r\n\r\nI'm sorry you're running into this.\r\n\r\n## There is no outage\r\nWe checked your line.",
            "RL2003", customer: "My internet keeps dropping, this is ridiculous.");
        // A '#' that is not a heading marker is text: "#4471 ships today." starts the reply.
        ReplyVerifier.VerifyFix(
            "#4471 ships on Monday.",
            "I'm sorry for the trouble with this. #4471 ships on Monday.",
            "RL4001", customer: "Where is my order?? It's a week late.");
    }

    [Fact]
    public void Fix_all_acknowledges_once_before_two_denials()
    {
        // Both denials offer an acknowledgement before them; one pass inserts one sentence, and once it is in, the
        // second denial follows an acknowledgement and is no denial (LABELLING), so the reply says sorry once.
        const string reply = "Hi Jo,\nThere is no outage in your area. Everything is working fine on our end.\nPlease restart the router.";
        var result = ReplyVerifier.DefaultEngine.FixAll(reply, "My internet keeps dropping, this is ridiculous.");
        Assert.Equal("Hi Jo,\nI'm sorry you're running into this. There is no outage in your area. Everything is working fine on our end.\nPlease restart the router.",
            result.Text);
        Assert.Single(result.Applied);
    }

    [Fact]
    public void A_denying_heading_gets_one_acknowledgement_above_it_not_a_second_after_it()
    {
        var fixedText = ReplyVerifier.DefaultEngine.FixAll("# There is no outage\n\nHi Jo,\nWe checked your line.",
            "My internet keeps dropping, this is ridiculous.", d => d.Family != RuleFamily.Empathy || d.Id == "RL4001").Text;
        Assert.Equal("I'm sorry you're running into this.\n\n# There is no outage\n\nHi Jo,\nWe checked your line.", fixedText);
    }

    [Theory]
    // A reply that is only headings has no body to open: the acknowledgement has nowhere to move (this crashed fix-all).
    [InlineData("# As I said, you should have read the policy. We're sorry for the trouble. ")]
    [InlineData("## As I said, you should have read the policy ##\n## We're sorry for the trouble ##\n")]
    // An acknowledgement in a heading stays there: moving its words out would leave an empty "#".
    [InlineData("As I said, you should have read the policy.\n# We're sorry for the trouble. ")]
    public void A_late_acknowledgement_in_a_heading_is_reported_without_a_move(string reply)
    {
        var engine = new ReplyLintEngine();
        var late = Assert.Single(engine.Analyze(reply).Diagnostics, d => d.Id == "RL4002");
        Assert.Empty(late.Fixes);
        Assert.Contains("We're sorry for the trouble", engine.FixAll(reply).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Late_acknowledgement_is_moved_to_the_opening()
    {
        ReplyVerifier.VerifyFindings("{|RL2002:Our records show|} one charge. {|RL4002:Sorry for the confusion.|}",
            "I was charged twice!", ruleIds: ["RL2002", "RL4002"]);
        ReplyVerifier.VerifyFix("Hi Sam,\nOur records show one charge. Sorry for the confusion.",
            "Hi Sam,\nSorry for the confusion. Our records show one charge.", "RL4002", customer: "I was charged twice!");
    }

    [Fact]
    public void No_next_step_is_an_info_finding_and_the_fix_adds_one_before_the_sign_off()
    {
        var result = ReplyVerifier.VerifyFindings("Sorry about the delay. {|RL4004:Parcels are running late this week.|}",
            "My parcel is late again.", ruleIds: "RL4004");
        Assert.Equal(Severity.Info, ReplyVerifier.SeverityOf(result, "RL4004"));
        ReplyVerifier.VerifyFix("Sorry about the delay. Parcels are running late this week.\n\nBest regards,\nAlex",
            "Sorry about the delay. Parcels are running late this week. If it still isn't working after that, reply here and we'll take it from there.\n\nBest regards,\nAlex",
            "RL4004", customer: "My parcel is late again.");
    }

    [Theory]
    [InlineData("Sorry for the hassle! Payments were down this morning and they're working again now.")]
    [InlineData("Sorry for the wait. Your claim is approved and £340 will be paid to your card within 7 working days.")]
    [InlineData("Sorry about that! We found the bug and a fix is going out within the hour.")]
    [InlineData("Sorry about the lost progress. Patch 2.3.1, out today, fixes it.")]
    [InlineData("That sounds frustrating. In Settings, set the input to your mic instead of 'Default'.")]
    [InlineData("We hear you. Your fault has been escalated to our repair team.")]
    [InlineData("Sorry for the confusion! This was the last charge. Nothing more will be taken.")]
    [InlineData("Sorry Pat! It's a known bug and a fix is being tested now.")]
    [InlineData("Sorry about that! The site is back online.")]
    [InlineData("Sorry about that! Everything is back to normal.")]
    [InlineData("Thanks for letting us know. Engineers are on site, with a fix expected by 6pm.")]
    [InlineData("Apologies, Jen! A mast is down and engineers are replacing a faulty part today.")]
    [InlineData("Thanks for letting us know, Rob. We're resetting the router on your floor now. Give it 10 mins and tell us if it's better.")]
    public void An_outcome_or_work_under_way_is_a_next_step(string reply) =>
        ReplyVerifier.VerifyFindings(reply, "My payment failed and now my account is locked!", ruleIds: "RL4004");

    [Fact]
    public void No_thanks_is_off_by_default_and_can_be_turned_on()
    {
        const string reply = "Sorry about that! We're fixing the checkout page now.";
        Assert.DoesNotContain(ReplyVerifier.DefaultEngine.Analyze(reply, "Checkout shows an error").Diagnostics, d => d.Id == "RL4003");
        var engine = ReplyVerifier.EngineWith(o => o.Severity["RL4003"] = "info");
        Assert.Contains(engine.Analyze(reply, "Checkout shows an error").Diagnostics, d => d.Id == "RL4003");
        Assert.DoesNotContain(engine.Analyze(reply, "What time do you open?").Diagnostics, d => d.Id == "RL4003");
    }
}
