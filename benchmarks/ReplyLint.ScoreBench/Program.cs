using System.Text;
using System.Text.Json;
using Bogus;

namespace ReplyLint.ScoreBench;

/// <summary>
/// Writes a deterministic archive of support replies for the bulk-scoring benchmark (see run.sh):
/// <c>dotnet run -c Release -- &lt;rows&gt; &lt;out.jsonl&gt; [seed]</c>. Same seed, same file, byte for byte.
/// Replies mix clean sentences with the phrasings the rules and the model look for, at roughly the rates seen in
/// real archives, with greetings, sign-offs and line breaks, 200-900 characters each.
/// </summary>
public static class Program
{
    private static readonly string[] Openings =
    [
        "Thanks for getting in touch about {0}.", "I'm sorry to hear about the trouble with {0}.", "Thank you for your patience while we looked into {0}.",
        "I understand how frustrating {0} must be.", "I've looked into {0} for you.", "Regarding {0}:",
    ];

    private static readonly string[] Clean =
    [
        "I've issued a refund of {1} and it should reach your account within three working days.",
        "I've booked an engineer for {2}; they'll call you about an hour before they arrive.",
        "Your new card is on its way and should arrive by {2}.",
        "I've added a note to your account so anyone you speak to will see the history.",
        "If you reply to this email with a photo of the meter, I'll correct the bill straight away.",
        "I can see the order left our warehouse yesterday, and the tracking number is {3}.",
        "I've reset the password link; it will work for the next 24 hours.",
    ];

    private static readonly string[] Problems =
    [
        "As previously explained, the charge is correct.", "You are wrong about the fee.", "Per our terms and conditions, this is non-refundable.",
        "We have no record of that call.", "That is simply not the case.", "A quick look at the manual would have saved us both some time.",
        "Pursuant to clause 7, we are not liable for any delay.", "As I said in my last email, there is nothing more we can do.",
        "You must have entered the wrong address.", "The system shows the payment was received, so there is no issue.",
        "Please note that it is your responsibility to check the invoice.", "We cannot be held responsible for third-party outages.",
    ];

    private static readonly string[] Closings =
    [
        "Is there anything else I can help with?", "Let me know if you have any questions.", "I'll check back with you on Friday.", "",
    ];

    public static int Main(string[] args)
    {
        if (args.Length < 2 || !int.TryParse(args[0], out var rows) || rows < 0)
        {
            Console.Error.WriteLine("usage: ReplyLint.ScoreBench <rows> <out.jsonl|out.csv> [seed]");
            return 2;
        }
        var seed = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 20240501;
        Randomizer.Seed = new Random(seed);
        var faker = new Faker("en") { Random = new Randomizer(seed) };
        var agents = Enumerable.Range(0, 40).Select(_ => faker.Name.FirstName()).Distinct().ToArray();
        var channels = new[] { "email", "chat", "twitter", "phone-notes" };
        var epoch = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

        using var output = new StreamWriter(args[1], false, new UTF8Encoding(false), 1 << 16);
        var text = new StringBuilder();
        for (var i = 0; i < rows; i++)
        {
            var topic = faker.PickRandom("your bill", "the delivery", "your refund", "the outage", "your account", "the missing order");
            text.Clear();
            text.Append(faker.PickRandom("Hi", "Hello", "Dear")).Append(' ').Append(faker.Name.FirstName()).Append(",\n\n");
            text.AppendFormat(faker.PickRandom(Openings), topic).Append(' ');
            var sentences = faker.Random.Int(2, 6);
            for (var s = 0; s < sentences; s++)
            {
                var template = faker.Random.Bool(0.22f) ? faker.PickRandom(Problems) : faker.PickRandom(Clean);
                text.AppendFormat(template, topic, faker.Finance.Amount(5, 400).ToString("£0.00", System.Globalization.CultureInfo.InvariantCulture),
                    faker.Date.Weekday(), faker.Random.AlphaNumeric(10).ToUpperInvariant()).Append(s % 3 == 2 ? "\n\n" : " ");
            }
            text.Append(faker.PickRandom(Closings)).Append("\n\nKind regards,\n").Append(faker.PickRandom(agents));
            var record = new Dictionary<string, string>
            {
                ["id"] = $"r{i:D7}",
                ["text"] = text.ToString(),
                ["customer"] = $"Hi, I have a problem with {topic}. {faker.Lorem.Sentence()}",
                ["agent"] = faker.PickRandom(agents),
                ["channel"] = faker.PickRandom(channels),
                ["created_at"] = epoch.AddMinutes(i * 3 + faker.Random.Int(0, 2)).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            };
            output.Write(JsonSerializer.Serialize(record));
            output.Write('\n');
        }
        return 0;
    }
}
