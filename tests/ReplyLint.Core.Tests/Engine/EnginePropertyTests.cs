using System.Text;
using ReplyLint.Core.Diagnostics;
using ReplyLint.Testing;
using Xunit;

namespace ReplyLint.Core.Tests.Engine;

/// <summary>Any string, however odd, never throws; spans stay inside the text; fix-all is idempotent.</summary>
public sealed class EnginePropertyTests
{
    private static readonly string[] Pieces =
    [
        "you are wrong", "not our fault", "hereby", "pursuant to", "as I already said", "sorry", "thanks for letting us know",
        "calm down", "RCA", "our records show", "there is no issue", "policy", "😀", "🙏🏽", "\r\n", "\n\n", "\r", "> quoted", "On Mon wrote:",
        "-- ", "^QA", "e.g.", "Mr.", "3.50", "https://example.com/a.b?c=d.", "a@b.co", "@handle", "\uD800", "\uDC00", "\u0000", "\u001B",
        "\u200B", "\u2028", "’", "“", "…", "?!", "...", "—", " ", "\t", "ü", "日本語", "اَلْعَرَبِيَّةُ", "it's", "isn't", "-", "'", "\"",
        "Hi Jo,", "Hey there,", "Good morning Sam,", ",", "please visit our help site", "here's an article", "is shown at checkout",
        "I submitted a ticket", "my second tweet", "😭", "🤦🏽‍♀️", "can't wait", "love it", "iPhone",
        "\n# ", "\n## ", " ##", "#", "\n===\n", "===\n", "* * *\n", "\n#\n", "We're sorry for the trouble.", "you should have read the policy.",
    ];

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        // 60 seeds in every run; REPLYLINT_PROPERTY_SEEDS=3000 for a longer soak after changing the engine.
        var seeds = int.TryParse(Environment.GetEnvironmentVariable("REPLYLINT_PROPERTY_SEEDS"), out var n) && n > 0 ? n : 60;
        for (var seed = 1; seed <= seeds; seed++) data.Add(seed);
        return data;
    }

    private static string RandomText(Random random, int pieces)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < pieces; i++)
        {
            if (random.Next(4) == 0) builder.Append((char)random.Next(0, 0xFFFF)); // anything, lone surrogates included
            else builder.Append(Pieces[random.Next(Pieces.Length)]);
            if (random.Next(3) == 0) builder.Append(' ');
        }
        return builder.ToString();
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_text_never_throws_and_spans_stay_in_bounds(int seed)
    {
        var random = new Random(seed);
        var text = RandomText(random, random.Next(1, 120));
        var customer = random.Next(2) == 0 ? null : RandomText(random, random.Next(0, 30));
        var result = ReplyVerifier.DefaultEngine.Analyze(text, customer);
        foreach (var diagnostic in result.Diagnostics)
        {
            Assert.InRange(diagnostic.Span.Start, 0, text.Length);
            Assert.InRange(diagnostic.Span.End, diagnostic.Span.Start, text.Length);
            foreach (var edit in diagnostic.Fixes.SelectMany(f => f.Edits))
                Assert.InRange(edit.Span.End, edit.Span.Start, text.Length);
        }
        Assert.InRange(result.OverallScore, 0, 100);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Fix_all_is_idempotent(int seed)
    {
        var random = new Random(seed * 7919);
        var text = RandomText(random, random.Next(1, 80));
        const string customer = "It is still broken! This is my second tweet and I already reset it.";
        var once = ReplyVerifier.DefaultEngine.FixAll(text, customer);
        var twice = ReplyVerifier.DefaultEngine.FixAll(once.Text, customer);
        Assert.Equal(once.Text, twice.Text);
    }

    [Fact]
    public void A_megabyte_of_text_is_analyzed_with_spans_in_bounds()
    {
        var builder = new StringBuilder();
        var random = new Random(42);
        while (builder.Length < 1_000_000) builder.Append(RandomText(random, 50)).Append(". ");
        var text = builder.ToString();
        var result = ReplyVerifier.DefaultEngine.Analyze(text, "This is broken");
        Assert.NotEmpty(result.Diagnostics);
        Assert.All(result.Diagnostics, d => Assert.InRange(d.Span.End, 0, text.Length));
    }

    [Fact]
    public void One_long_word_without_spaces_or_sentence_ends_is_fine()
    {
        var text = new string('a', 300_000) + " you are wrong " + new string('.', 50_000);
        var result = ReplyVerifier.DefaultEngine.Analyze(text);
        Assert.Contains(result.Diagnostics, d => d.Id == "RL2001");
    }

    [Fact]
    public void Cancellation_is_honoured()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        Assert.Throws<OperationCanceledException>(() => ReplyVerifier.DefaultEngine.Analyze("you are wrong", cancellationToken: cancellation.Token));
    }

    [Fact]
    public void The_engine_is_safe_to_share_between_threads()
    {
        var texts = Enumerable.Range(0, 200).Select(i => $"Reply {i}: you are wrong, as I already said. Sorry! {i}").ToArray();
        var sequential = texts.Select(t => ReplyVerifier.DefaultEngine.Analyze(t).Diagnostics.Select(d => (d.Id, d.Span)).ToArray()).ToArray();
        var parallel = new (string, ReplyLint.Core.Text.TextSpan)[texts.Length][];
        Parallel.For(0, texts.Length, i => parallel[i] = ReplyVerifier.DefaultEngine.Analyze(texts[i]).Diagnostics.Select(d => (d.Id, d.Span)).ToArray());
        for (var i = 0; i < texts.Length; i++) Assert.Equal(sequential[i], parallel[i]);
        Assert.All(sequential, s => Assert.Contains(s, d => d.Item1 == RuleIds.TellingCustomerWrong));
    }
}
