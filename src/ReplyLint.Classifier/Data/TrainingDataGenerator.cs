using System.Globalization;
using System.Text;
using Bogus;

namespace ReplyLint.Classifier.Data;

/// <summary>
/// Composes labelled support-reply sentences from slot grammars (openers, bodies, paraphrased problem phrasings,
/// products, names, order numbers, channels), including hard negatives that look like a problem but are not.
/// Seeded: the same <see cref="GeneratorConfig"/> gives the same rows and the same file bytes.
/// </summary>
public static class TrainingDataGenerator
{
    /// <summary>The <c>source</c> of every generated row; training weighs other rows as hand-labelled.</summary>
    public const string SourceName = "generated";

    public static IReadOnlyList<LabelledSentence> Generate(GeneratorConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Rows < 1) throw new ArgumentOutOfRangeException(nameof(config), config.Rows, "rows must be at least 1");
        // A Faker with its own Randomizer: Bogus's global Randomizer.Seed is shared static state.
        var faker = new Faker("en") { Random = new Randomizer(config.Seed) };
        var grammar = new Grammar(faker);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<LabelledSentence>(config.Rows);
        var totalWeight = Categories.Sum(c => c.Weight);
        for (var i = 0; i < config.Rows; i++)
        {
            var pick = faker.Random.Double() * totalWeight;
            var category = Categories[^1];
            foreach (var c in Categories)
            {
                if (pick < c.Weight) { category = c; break; }
                pick -= c.Weight;
            }
            var template = faker.PickRandom(category.Templates);
            var text = grammar.Expand(template);
            if (category.Openers && faker.Random.Double() < 0.25) text = grammar.Expand("{opener}") + " " + LowerFirst(text);
            text = UpperFirst(text);
            var framing = faker.Random.Double();
            if (framing < 0.18) text = "@" + grammar.Handle() + " " + text;
            if (framing < 0.10) text += " ^" + faker.Random.String2(2, "ABCDEFGHJKLMNPRSTW");
            if (!seen.Add(Training.ToneTrainer.Normalize(text))) continue;
            rows.Add(new LabelledSentence(text, category.Labels, SourceName));
        }
        return rows;
    }

    /// <summary>The CSV bytes for <paramref name="config"/> (LF line ends, UTF-8 without BOM).</summary>
    public static byte[] ToCsvBytes(GeneratorConfig config)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" })
            TrainingCsv.Write(writer, Generate(config), includeSource: true);
        return buffer.ToArray();
    }

    /// <summary>Reads <c>generator.json</c> in <paramref name="dataDirectory"/> (defaults if absent) and writes <c>generated.csv</c> beside it.</summary>
    public static (string Path, int Rows) WriteFromConfig(string dataDirectory)
    {
        var configPath = Path.Combine(dataDirectory, GeneratorConfig.FileName);
        var config = File.Exists(configPath) ? GeneratorConfig.Load(configPath) : new GeneratorConfig();
        var bytes = ToCsvBytes(config);
        var output = Path.Combine(dataDirectory, GeneratorConfig.OutputFileName);
        File.WriteAllBytes(output, bytes);
        return (output, bytes.Count(b => b == (byte)'\n') - 1);
    }

    private static string UpperFirst(string s) => s.Length == 0 || !char.IsLower(s[0]) ? s : char.ToUpperInvariant(s[0]) + s[1..];

    private static string LowerFirst(string s)
    {
        // Keep "I", abbreviations and names as they are.
        if (s.Length < 2 || !char.IsUpper(s[0]) || char.IsUpper(s[1]) || s.StartsWith("I ", StringComparison.Ordinal) || s.StartsWith("I'", StringComparison.Ordinal)) return s;
        return char.ToLowerInvariant(s[0]) + s[1..];
    }

    private sealed record Category(string Name, double Weight, LabelSet Labels, bool Openers, string[] Templates);

    /// <summary>
    /// A category's labels. A template is written as an example of one problem family and is not judged for the other
    /// two: they stay blank (unknown) rather than 0, because "our records show you cancelled" is as defensive as it is a
    /// denial, and a 0 there would teach the defensive model that it is not (data/training/README.md).
    /// </summary>
    private static LabelSet L(int d, int p, int j, int a)
    {
        var problem = d + p + j > 0;
        bool? Judged(int value) => value == 1 ? true : problem ? null : false;
        return new(Judged(d), Judged(p), Judged(j), a == 1);
    }

    private static readonly Category[] Categories =
    [
        new("defensive", 15, L(1, 0, 0, 0), true,
        [
            "If you had {action_past}, {consequence}.",
            "Had you {action_past}, {consequence}.",
            "You {should_have} {action_past}.",
            "You {should_have} {action_past} before {contacting}.",
            "{as_said} {fact}.",
            "{policy_flat}",
            "{deny_resp}",
            "{record}",
            "{lecture}",
            "You didn't {action_base}, which is why {result}.",
            "The problem is that you never {action_past}.",
            "This happened because you {mistake_customer}.",
            "{fact_cap}, as {doc} makes perfectly clear.",
            "We can't be blamed if you {mistake_customer}.",
            "Nobody forced you to pick the {plan}.",
            "It's not on us that you {mistake_customer}.",
            "{defensive_more}",
            "{defensive_more}",
        ]),
        new("perception_denial", 13, L(0, 1, 0, 0), true,
        [
            "{pd_direct}",
            "{evidence} shows {claim}.",
            "{evidence} confirms {claim}.",
            "According to {evidence_lower}, {claim}.",
            "{evidence} clearly {says} {claim}, so {dismiss}.",
            "{works_our_end}",
            "{minimise}",
            "We checked and {claim}, so {dismiss}.",
            "{claim_cap}, whatever you may think.",
            "{evidence} says otherwise: {claim}.",
            "{pd_more}",
            "{pd_more}",
        ]),
        new("legal_jargon", 13, L(0, 0, 1, 0), true,
        [
            "Pursuant to {clause}, {outcome}.",
            "In accordance with {clause}, {outcome}.",
            "Under {clause}, {outcome}.",
            "Per {clause}, {outcome}.",
            "We reserve the right to {reserve_action}.",
            "{liability}",
            "{internal}",
            "{outcome_cap} as set out in {clause}.",
            "Notwithstanding the foregoing, {outcome}.",
            "The {product} is hereby deemed outside warranty due to {void_reason}.",
            "{jargon_more}",
            "{jargon_more}",
        ]),
        new("acknowledgement", 14, L(0, 0, 0, 1), false,
        [
            "{sorry} {about}.",
            "{sorry} {about}, {name}.",
            "{understand}",
            "Thanks for {thanks_for}.",
            "Thank you for {thanks_for}, {name}.",
            "{sorry} {about} – {next_step_lower}.",
            "{understand} {next_step}",
            "Thanks for {thanks_for}; {next_step_lower}.",
            "{ack_more}",
        ]),
        new("ack+defensive", 3, L(1, 0, 0, 1), false,
        [
            "{sorry_short}, but {policy_flat_lower}",
            "{sorry_short}, but you {should_have} {action_past}.",
            "{sorry} {about}, but {fact} and {as_said_lower_tail}.",
        ]),
        new("ack-first correction", 4, L(0, 0, 0, 1), false,
        [
            "{sorry} {about}; {evidence_lower} shows {claim}, so {next_step_lower}.",
            "{understand_short} – {evidence_lower} shows {claim}, but {next_step_lower}.",
            "{sorry_short} it's still not right; we're not seeing a fault here, so {next_step_lower}.",
        ]),
        new("neutral", 22, LabelSet.AllZero, true,
        [
            "{next_step}",
            "{question}",
            "{info}",
            "{closing}",
            "{next_step} {closing}",
        ]),
        // Conceding the customer is right, or owning the mistake, is acknowledgement (as in curated.csv).
        new("hard negative, conceding", 4, L(0, 0, 0, 1), false,
        [
            "{you_right}",
            "{our_mistake}",
        ]),
        new("hard negative", 13, LabelSet.AllZero, true,
        [
            "{policy_kind}",
            "{quoted}",
            "{polite_question}",
            "{formal_plain}",
            "{explained_abbrev}",
            "{terms_plain}",
            "{fact_neutral}",
        ]),
    ];

    private sealed class Grammar(Faker faker)
    {
        public string Handle() => faker.Internet.UserName().Replace(".", "_", StringComparison.Ordinal);

        public string Expand(string template)
        {
            var sb = new StringBuilder();
            var i = 0;
            while (i < template.Length)
            {
                var open = template.IndexOf('{', i);
                if (open < 0) { sb.Append(template, i, template.Length - i); break; }
                sb.Append(template, i, open - i);
                var close = template.IndexOf('}', open);
                var slot = template[(open + 1)..close];
                sb.Append(Fill(slot));
                i = close + 1;
            }
            return sb.ToString();
        }

        private string Fill(string slot)
        {
            switch (slot)
            {
                case "name": return faker.Name.FirstName();
                case "order": return faker.Random.Bool() ? "#" + faker.Random.Number(100000, 9999999).ToString(CultureInfo.InvariantCulture)
                    : faker.Random.String2(2, "ABCDEFGHJKLMNPQRSTUVWXYZ") + "-" + faker.Random.Number(10000, 99999).ToString(CultureInfo.InvariantCulture);
                case "days": return faker.Random.Number(2, 14).ToString(CultureInfo.InvariantCulture);
                case "n": return faker.Random.Number(2, 19).ToString(CultureInfo.InvariantCulture);
                case "amount": return faker.Random.Number(5, 480).ToString(CultureInfo.InvariantCulture) + (faker.Random.Bool() ? ".00" : ".99");
                case "url": return "https://" + faker.PickRandom("help", "support", "care") + "." + faker.Internet.DomainName() + "/" + faker.Lorem.Word();
                case "brand": return faker.Company.CompanyName(0);
            }
            if (slot.EndsWith("_cap", StringComparison.Ordinal)) return UpperFirst(Fill(slot[..^4]));
            if (slot.EndsWith("_lower", StringComparison.Ordinal)) return LowerFirst(Fill(slot[..^6]));
            if (!Slots.TryGetValue(slot, out var options)) throw new InvalidOperationException($"generator: unknown slot {{{slot}}}");
            return Expand(faker.PickRandom(options));
        }
    }

    private static readonly Dictionary<string, string[]> Slots = new(StringComparer.Ordinal)
    {
        ["product"] = ["router", "app", "phone", "laptop", "headset", "smart meter", "parcel", "subscription", "gift card", "booking", "printer", "TV box", "coffee machine", "e-bike", "thermostat", "tablet", "speaker", "camera", "broadband", "SIM"],
        ["plan"] = ["basic plan", "saver tariff", "starter bundle", "pay-as-you-go option", "budget fare", "free tier", "monthly plan"],
        ["channel"] = ["DM", "live chat", "email", "the app", "our contact form", "phone", "WhatsApp", "private message"],
        ["weekday"] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
        ["doc"] = ["the FAQ", "the help centre", "the setup guide", "the user manual", "the quick start leaflet", "our pinned post", "the confirmation email", "the product page", "the booking summary", "the welcome email", "the order confirmation"],
        ["team"] = ["support team", "engineering team", "delivery network", "customer care team", "service desk"],
        ["third_party"] = ["courier", "bank", "card issuer", "manufacturer", "retailer", "network provider", "airport"],
        ["opener"] = ["Just so you know,", "To be clear,", "Honestly,", "{name},", "Just to clarify,", "Well,", "For the record,", "Right,", "OK,", "Hi {name},", "Hey there,"],

        ["action_past"] = ["restarted the {product}", "read {doc}", "checked your spam folder", "entered the right address", "backed up your data", "kept the receipt", "chosen express delivery", "registered the {product}", "updated the app", "followed the instructions", "charged the {product} fully", "double-checked the booking dates", "logged out and back in", "set up two-factor sign-in", "cancelled before the renewal date"],
        ["action_base"] = ["restart the {product}", "read {doc}", "check your spam folder", "enter the right address", "back up your data", "keep the receipt", "register the {product}", "update the app", "follow the instructions", "cancel before the renewal date", "check the booking dates"],
        ["consequence"] = ["this wouldn't have happened", "you'd have avoided the charge", "the {product} would be working by now", "we wouldn't be having this conversation", "the whole thing could have been avoided", "you would have had it on time", "none of this would be an issue"],
        ["should_have"] = ["should have", "ought to have", "really needed to have", "were supposed to have", "were expected to have", "could easily have"],
        ["contacting"] = ["contacting us", "complaining", "tweeting about it", "opening a dispute", "leaving that review"],
        ["as_said"] = ["As I already said,", "Like we told you yesterday,", "As stated in our earlier message,", "To repeat what I wrote before,", "Once more,", "As per my last reply,", "As we've explained several times,", "Like I mentioned twice already,", "As outlined in our previous email,"],
        ["as_said_lower_tail"] = ["we've been over this already", "that was explained last time", "this is the third time we've said so"],
        ["fact"] = ["the refund takes {days} working days", "we can't change an order once it ships", "the offer ended on {weekday}", "the {product} has to be registered first", "delivery slots can't be moved after noon", "the fee is non-refundable", "only the account holder can make changes", "the promotion was for new customers only"],
        ["policy_flat"] = ["That's simply our policy.", "The rule applies to everyone, no exceptions.", "We don't bend the rules for anyone.", "It's company policy and there's nothing more to discuss.", "This is how the {plan} works, full stop.", "The terms don't allow it, end of story.", "Those are the rules and they won't change.", "We're not able to make an exception, and that's final.", "It is what it is, I'm afraid.", "That's the way it's always been done here."],
        ["deny_resp"] = ["That's not something we're responsible for.", "The delay was caused by the {third_party}, not us.", "It's the {third_party}'s problem now, not ours.", "There's nothing else we can do for you.", "We've done everything we're obliged to do.", "That's out of our hands and we won't be taking it further.", "We aren't to blame for what happened after dispatch.", "You'll have to take that up with the {third_party}, it's nothing to do with us.", "Responsibility passed to you once the {product} was delivered."],
        ["record"] = ["Our {team} is rated among the best in the country.", "We've shipped millions of these without this complaint.", "Thousands of customers use the {product} every day without issues.", "Our prices are no higher than anyone else's.", "Our technicians are fully trained and don't make mistakes like that.", "We have a five-star rating, so this is very unusual for us to hear.", "No other customer has had a problem with the {product}.", "We've won awards for our {team}."],
        ["lecture"] = ["Please read {doc} before getting in touch.", "Everything you need is in {doc}.", "{doc_cap} explains this clearly.", "It says right there in {doc}.", "The information was right there on the checkout page.", "You agreed to this when you signed up.", "You should know that by now.", "This is really basic stuff.", "Try reading {doc} properly this time.", "It's all in {doc} if you'd bothered to look.", "The answer has been in {doc} all along.", "Make sure you actually read {doc} next time."],
        ["result"] = ["the {product} stopped working", "you were charged", "the order went to the old address", "you missed the delivery", "the warranty no longer applies"],
        ["mistake_customer"] = ["ordered the wrong size", "ignored the warning message", "typed the address wrong", "let the card expire", "skipped the setup steps", "picked the slowest delivery option", "forgot your password again"],

        ["pd_direct"] = ["You're mistaken about that.", "That's not what happened.", "That simply isn't true.", "You must be confusing us with another company.", "I think you've misunderstood the situation.", "There's no way that happened on our side.", "We never said that.", "Nobody here told you that.", "That's not how it works, so it can't have happened.", "I'm afraid your memory of the call is wrong.", "The {product} doesn't do that.", "There was no double charge, you've read the statement wrong.", "You didn't receive a wrong item, it's the one you ordered.", "That can't be right, {name}."],
        ["evidence"] = ["Our system", "The tracking", "Our record", "The courier's GPS log", "Our monitoring", "The account history", "The delivery photo", "Our log", "The driver's handheld", "Our dashboard", "The payment trail", "The signature on file"],
        ["says"] = ["says", "shows", "proves", "indicates"],
        ["claim"] = ["the parcel was delivered on {weekday}", "the {product} is working normally", "you were only charged once", "the payment went through fine", "the service has been up all day", "your account is active", "the engineer did attend", "the refund was already issued", "the email was sent", "your line has no fault", "the order left the warehouse complete", "you signed for it"],
        ["dismiss"] = ["there's nothing to investigate", "it must be on your side", "we won't be reopening this", "the complaint isn't valid", "we consider it resolved"],
        ["works_our_end"] = ["Everything is working fine on our end.", "We're not seeing any problem here.", "It works perfectly when we test it.", "The site is up and running.", "There's no outage in your area.", "Nothing is wrong with the {product}.", "All our systems are operating normally.", "The app loads fine for everyone else.", "Your connection looks perfect from here."],
        ["minimise"] = ["I'm sorry you feel that way.", "There's no need to get upset.", "Please calm down.", "I think you're overreacting a little.", "It's really not a big deal.", "I apologise if you feel let down.", "Sorry that you see it like that.", "You're making this bigger than it is.", "It's only a small delay, there's no reason to be angry.", "I'm sorry if you think that, but it isn't the case."],

        ["clause"] = ["section {n} of our terms", "clause {n}.{n} of the agreement", "the applicable terms of service", "our terms and conditions", "the T&Cs you accepted", "paragraph {n} of the service contract", "the conditions of carriage"],
        ["outcome"] = ["no refund is due", "the charge stands", "liability is limited to the purchase price", "the contract may be terminated", "the account has been suspended", "the claim is declined", "compensation is not payable", "the deposit is forfeit"],
        ["reserve_action"] = ["cancel any order at our sole discretion", "suspend accounts that breach the terms", "amend these charges without notice", "refuse service where appropriate", "withhold the balance pending review"],
        ["liability"] = ["The company shall not be held liable for {loss}.", "We accept no liability for {loss}.", "Any goodwill gesture is made without admission of liability.", "This offer is made without prejudice.", "We are not liable for {loss}.", "The {brand} group disclaims all responsibility for {loss}.", "Liability for {loss} is expressly excluded.", "The indemnity does not extend to {loss}."],
        ["loss"] = ["consequential losses", "indirect loss", "loss of data", "delays caused by third parties", "any damage arising from misuse"],
        ["void_reason"] = ["unauthorised modification", "non-compliance with the usage conditions", "third-party interference"],
        ["internal"] = ["I've escalated this to {tier}.", "Your case is now a {priority} with a {n}h SLA.", "We'll share the RCA once {tier} closes the INC.", "The issue is logged under {code} pending triage.", "It's been raised as a {priority} and assigned to the L3 resolver group.", "Our MTTR for this fault is {n} hours.", "I've raised a CR with the BAU team.", "The order is stuck in WMS pending an RMA.", "{tier_cap} will action the ticket once the SR is approved.", "It's with {tier} as a {priority}, ETA per SLA.", "The KB article is pending QA sign-off.", "We've opened a {code} and it's awaiting CAB approval."],
        ["tier"] = ["tier 2", "L2", "our T3 team", "the NOC", "the CX ops queue", "second-line support", "the escalations desk"],
        ["priority"] = ["P1", "P2", "Sev 2", "P3", "Sev1 incident"],
        ["code"] = ["INC{n}{n}{n}", "CHG-{n}{n}", "PRB{n}{n}{n}"],

        ["sorry"] = ["Sorry about", "We're really sorry about", "I apologise for", "Apologies for", "So sorry for", "I'm sorry about", "Really sorry for", "My apologies for"],
        ["sorry_short"] = ["Sorry", "I'm sorry", "Apologies", "We apologise", "So sorry"],
        ["about"] = ["the delay with your {product}", "the trouble with order {order}", "the mix-up", "the hassle", "all of this", "the wait", "the wrong item", "the missed delivery", "the double charge", "the outage this morning", "the confusion over your bill"],
        ["understand"] = ["I understand how frustrating this must be.", "That's definitely not the experience we want you to have.", "That shouldn't have happened.", "I can see why you're annoyed.", "Oh no, that's not good at all!", "We hear you, {name}.", "That sounds really frustrating.", "Yikes, that's not right.", "I completely get why you're upset.", "That's not okay, and I'm sorry.", "What a pain, {name}, I'm sorry.", "Thanks for sticking with us through this."],
        ["understand_short"] = ["I understand this is frustrating", "I get that this is annoying", "I can see why that's confusing"],
        ["thanks_for"] = ["letting us know", "flagging this", "your patience", "the details", "reaching out about this", "bearing with us", "reporting the problem with your {product}", "the screenshots", "telling us about the {product}"],

        ["next_step"] = ["Could you DM us your order number so we can take a look?", "Please send us the serial number via {channel} and we'll check.", "I've passed this to the team and we'll update you within {days} days.", "We'll send a replacement {product} today.", "Your refund of ${amount} has been processed.", "Try restarting the {product} and let us know if it helps.", "Here's a link with the steps: {url}", "We're looking into it now.", "I've booked an engineer for {weekday}.", "We'd like to get this sorted for you.", "I've added a credit to your account.", "A courier will collect the {product} on {weekday}.", "Send us a {channel} with your postcode and we'll check the area.", "I've reopened order {order} so we can fix it."],
        ["question"] = ["Can you tell us which version of the app you're on?", "Is the light on the {product} green or red?", "Which email address is the account under?", "When did you first notice this?", "Could you share a screenshot of the error?", "Is this happening on Wi-Fi and mobile data?"],
        ["info"] = ["The new firmware for the {product} comes out on {weekday}.", "Store opening hours are 9 to 5 on weekdays.", "Orders placed before 2pm go out the same day.", "The update adds dark mode and fixes the login bug.", "You can track order {order} at {url}."],
        ["closing"] = ["Happy to help!", "Let me know if there's anything else.", "Have a great day, {name}!", "Hope this helps!", "Take care!", "Thanks!", "Speak soon."],
        ["you_right"] = ["You're not wrong there, {name}.", "Fair enough, that one's on us.", "You're right, {fix}.", "You're absolutely right about that.", "You have a point, and we'll fix it.", "Good catch, {name}.", "You were right to flag it.", "Fair point, {name}, that should be clearer."],
        ["fix"] = ["we'll correct the bill today", "the page was out of date", "that price was wrong", "we'll update the listing"],
        ["our_mistake"] = ["We were wrong to charge you twice.", "That was our mistake.", "We got this wrong and we're putting it right.", "The error was on our side.", "Our driver shouldn't have left it there.", "That's on us, and we'll refund the fee.", "We dropped the ball on order {order}."],
        ["policy_kind"] = ["Our policy is to refund within {days} days, so you'll see it by {weekday}.", "Our returns policy gives you 30 days, and I can extend that for you.", "The policy is there to protect your account, but I can help you verify another way.", "Under our price-match policy, we'll refund the difference.", "Our policy covers accidental damage, so you're all set.", "Good news: our policy lets you swap the {product} for free.", "We changed the policy last month, so you can now cancel any time."],
        ["quoted"] = ["You said \"{quote}\", so I'll open a trace right away.", "When you say \"{quote}\", do you mean the {product} or the app?", "Your message said \"{quote}\" and we're on it."],
        ["quote"] = ["it never arrived", "you are wrong", "not my fault", "the app is broken", "this is a joke", "nobody answers the phone"],
        ["polite_question"] = ["Could you check whether you're on the latest version?", "Have you had a chance to restart the {product}?", "Did you get our email about the {product}?", "Would you mind trying once more so we can rule that out?", "Is it possible the parcel went to a neighbour?", "Could you check the spam folder in case it landed there?"],
        ["formal_plain"] = ["Please reply at your earliest convenience.", "Kindly confirm your delivery address.", "We'd be grateful if you could send a photo.", "Please find the invoice attached.", "We look forward to hearing from you."],
        ["explained_abbrev"] = ["We've sent an RMA (a returns number) to your email.", "Make sure your VPN is switched off.", "This works on iOS 17 and later.", "Your PAC code, the code to move your number, is in the text we sent.", "Turn on 2FA, that's two-step sign-in, for extra safety.", "The PS5 version is out next week.", "Check the Wi-Fi and Bluetooth settings."],
        ["terms_plain"] = ["You can read our terms here: {url}", "The warranty covers this, so we'll repair it free.", "Your contract ends in March, and you can leave without a fee.", "The terms changed in May; here's a summary in plain English: {url}"],
        ["defensive_more"] = ["A bit of patience on your side would have spared us all this.", "If you'd spent two minutes on {doc}, you'd already have the answer.", "Most customers manage the setup without any help at all.", "That's a matter between you and the {third_party}.", "You'll need to speak to the {third_party} about that, not us.", "We've covered this ground already.", "I'll refer you to my previous answer on this.", "We've been in this business for twenty years and know what we're doing.", "Every other provider charges exactly the same.", "We're not the only ones who work this way.", "You went for the cheapest option, so a slower delivery is to be expected.", "You accepted the fee at checkout, so it applies.", "The instructions were in the box the whole time.", "The cut-off time is displayed on every single page.", "Maybe try switching it off and on, like the guide tells you to.", "Nobody else seems to struggle with these steps.", "It's hardly our fault the {third_party} lost it.", "Going forward, please double-check before you place an order.", "Next time, do read the small print.", "The warning was there for a reason.", "The rules exist for a reason and they apply to you as well.", "We simply don't make that sort of exception.", "I can't help you if you won't follow the steps.", "There isn't much point contacting us again about this.", "This has already been answered, twice.", "We did exactly what we said we would do.", "We stand by the decision our team made.", "Our engineers know the {product} inside out.", "Plenty of customers are perfectly happy with the {product}.", "The price was clearly displayed before you paid.", "You were warned about the deadline in three separate emails.", "We can only help customers who follow the process.", "That's the risk you take with the {plan}.", "If the {product} is too complicated for you, there are simpler models.", "We've bent over backwards for you already.", "Other customers read the guide and don't have this problem."],
        ["pd_more"] = ["I doubt that's what actually happened.", "With respect, that isn't how it went.", "From what we can see, you've received the {product}.", "The scan at your door says it arrived.", "Everything checks out fine from our side.", "Our tests all pass, so the {product} is fine.", "Nothing here suggests a fault with your line.", "The figures don't support what you're describing.", "It isn't possible for the app to do what you describe.", "You must have missed the email, because it was definitely sent.", "We have no record of you ever calling us.", "There's no sign of any problem with your order.", "That's just your impression; the service is fine.", "You seem to be mixing this up with an earlier order.", "Let's not exaggerate, it was a short wait.", "It's hardly worth getting worked up over.", "Try to stay calm about this.", "Sorry you're upset, but nothing went wrong.", "Your frustration is noted, but the record is clear.", "The connection on your side looks flawless to us.", "No one on our team would have said that.", "The {product} can't have been faulty, we test every unit.", "Perhaps you're thinking of a different company.", "The charge you mention never happened.", "All indicators here are normal, so there's no outage.", "The courier's photo puts the parcel on your doorstep."],
        ["jargon_more"] = ["Refunds are processed subject to the provisions of the service agreement.", "Such credits are discretionary and non-contractual.", "This falls outside the scope of the warranty as defined in the T&Cs.", "We're unable to action this until the DPA check is complete.", "Your request has been logged with our KYC team.", "The chargeback is pending under scheme rules.", "It's been handed over to 2nd line for an RCA.", "The ticket breached SLA and was auto-escalated.", "Any remedy is limited to repair or replacement at our option.", "The aforementioned charges remain payable in full.", "Compensation is capped as per the tariff schedule.", "Your claim is time-barred under the conditions of carriage.", "This notice constitutes formal confirmation of termination.", "Please quote your CRN and the INC reference.", "The ETA is TBC pending the OOH team.", "The goods were supplied as described within the meaning of the agreement.", "Title in the goods passes upon dispatch.", "Force majeure provisions apply to this disruption.", "The account holder is deemed to have accepted the revised tariff.", "Your dispute has been triaged and sits in the L2 backlog.", "The fix is in UAT and will go out in the next CAB window.", "We'll revert once the PIR is signed off.", "The matter is closed and no further correspondence will be entered into.", "Remedies are subject to the limitations herein."],
        ["ack_more"] = ["That must have been so annoying.", "Ugh, that's no good at all.", "I'd be frustrated too, {name}.", "You shouldn't have had to chase us for this.", "We've let you down here.", "Thanks a lot for your patience while we sort this out.", "We appreciate you bringing this to our attention.", "That's really not the standard we aim for.", "I'm so sorry you've had to deal with this.", "Thank you for taking the time to tell us.", "Oh dear, that's not right at all.", "I completely understand your frustration with the {product}."],
        ["fact_neutral"] = ["The parcel is with the courier and should arrive {weekday}.", "Your {product} is still under warranty.", "The charge you see is a temporary hold that drops off in {days} days.", "Our records show two accounts in your name, so let's merge them."],
    };
}
