using ReplyLint.Core.Structure;
using Xunit;

namespace ReplyLint.Core.Tests.Structure;

public sealed class ReplyDocumentTests
{
    private static List<string> Sentences(string text)
    {
        var document = ReplyDocument.Parse(text);
        return document.Sentences.Select(document.TextOf).ToList();
    }

    [Fact]
    public void Abbreviations_decimals_urls_and_emails_do_not_end_a_sentence()
    {
        var sentences = Sentences(
            "Mr. Lee paid $3.50, e.g. the fee on www.example.com/help.html today. Write to help.desk@example.co.uk if it happens again! Thanks.");
        Assert.Equal(
        [
            "Mr. Lee paid $3.50, e.g. the fee on www.example.com/help.html today.",
            "Write to help.desk@example.co.uk if it happens again!",
            "Thanks.",
        ], sentences);
    }

    [Fact]
    public void A_url_at_the_end_of_a_sentence_leaves_the_full_stop_to_the_sentence()
    {
        var sentences = Sentences("See https://example.com/a?b=1. Then restart.");
        Assert.Equal(["See https://example.com/a?b=1.", "Then restart."], sentences);
    }

    [Fact]
    public void Emoji_stay_with_their_sentence_and_question_runs_are_kept()
    {
        var sentences = Sentences("We're on it 🙂. Did that work?! Let us know 🙏🏽");
        Assert.Equal(["We're on it 🙂.", "Did that work?!", "Let us know 🙏🏽"], sentences);
    }

    [Fact]
    public void Crlf_paragraphs_and_the_greeting_are_found()
    {
        var document = ReplyDocument.Parse("Hi Sam,\r\n\r\nSorry about the wait.\r\nYour order ships today.\r\n\r\nAnything else, just reply.");
        Assert.Equal(["Hi Sam,", "Sorry about the wait.", "Your order ships today.", "Anything else, just reply."],
            document.Sentences.Select(document.TextOf));
        Assert.True(document.Sentences[0].IsGreeting);
        Assert.Equal([0, 1, 1, 2], document.Sentences.Select(s => s.Paragraph));
        Assert.Equal(document.Sentences[1].Span.Start, document.OpeningInsertionPoint);
    }

    [Fact]
    public void A_heading_is_a_sentence_of_its_own_without_its_marks()
    {
        // A long heading line would otherwise run into the next line, and the #s would be read as words.
        var document = ReplyDocument.Parse(
            "## About the double charge on your card from the weekend sale, and what happens next ##\n" +
            "your refund went out on Monday. Hi again.\n# Two sentences. In one heading\n#\n#4471 ships today.");
        Assert.Equal(
        [
            "About the double charge on your card from the weekend sale, and what happens next",
            "your refund went out on Monday.",
            "Hi again.",
            "Two sentences.",
            "In one heading",
            "#4471 ships today.",
        ], document.Sentences.Select(document.TextOf));
        Assert.Equal([true, false, false, true, true, false], document.Sentences.Select(s => s.IsHeading));
        Assert.Single(document.Tokens, t => t.Norm == "#"); // only the one of "#4471"
        Assert.Equal(document.Sentences[1].Span.Start, document.OpeningInsertionPoint);
    }

    [Fact]
    public void An_underlined_title_is_a_heading_and_the_underline_is_not_read()
    {
        var document = ReplyDocument.Parse("Hi Sam,\n\nAbout your refund\n===========\nIt went out on Monday.\n\nWhat happens next?\n===\n");
        Assert.Equal(["Hi Sam,", "About your refund", "It went out on Monday.", "What happens next?"], document.Sentences.Select(document.TextOf));
        Assert.Equal([false, true, false, true], document.Sentences.Select(s => s.IsHeading));
        Assert.True(document.Sentences[0].IsGreeting);
        // The opening goes after the greeting and the heading; the closing before the heading that ends the reply.
        Assert.Equal(document.Sentences[2].Span.Start, document.OpeningInsertionPoint);
        Assert.Equal(document.Sentences[2].Span.End, document.ClosingInsertionPoint);
    }

    [Theory]
    // "---" in plain text is a separator, not an underline; a list item is not a heading; nor is a hashtag.
    [InlineData("Hi Sam,\nYour order is delayed.\n---\nThanks,\nSam")]
    [InlineData("- Your refund was sent.\n===\nMore soon.")]
    [InlineData("1. Your order is delayed.\nWe are on it.\n===\n2. More soon.")]
    [InlineData("a) Open the app\nb) Tap Refund\n=====\nThanks!")]
    // "=====" under a sentence, a greeting or a paragraph is a separator in plain-text mail; a title is one line.
    [InlineData("Hi Jo,\nYour order never arrived, so we have issued a full refund.\n==========\nAcme Support | acme.com")]
    [InlineData("Per our policy, refunds take 5 days.\r\n=====\r\n")]
    [InlineData("Hi Jo,\n=====\nYour refund went out.")]
    [InlineData("About your\nrefund\n=====\nIt went out.")]
    [InlineData("About your refund\n\t=====\nIt went out.")]
    [InlineData("#COVID19 delays are easing.\n#1 priority for us.\n--\nSam")]
    [InlineData("Your refund went out.\n    # indented, so it carries on the line above")]
    public void Separators_list_items_hashtags_and_indented_hashes_are_not_headings(string text)
    {
        Assert.All(ReplyDocument.Parse(text).Sentences, s => Assert.False(s.IsHeading));
    }

    [Fact]
    public void A_separator_line_is_not_read_and_ends_the_sentence_before_it()
    {
        var document = ReplyDocument.Parse(
            "If data roaming had been switched off before you landed, there would be no charges to talk about\n=====\n" +
            "Your order is delayed.\n- - -\nWe will write again tomorrow\n---\nThanks,\nSam");
        Assert.Equal(
        [
            "If data roaming had been switched off before you landed, there would be no charges to talk about",
            "Your order is delayed.",
            "We will write again tomorrow",
        ], document.Sentences.Select(document.TextOf));
        Assert.DoesNotContain(document.Tokens, t => t.Norm is "=" or "-");
        Assert.Equal(document.Sentences[2].Span.End, document.ClosingInsertionPoint);
    }

    [Theory]
    [InlineData("=====\nThere is no outage.")]
    [InlineData("===")]
    [InlineData("---\r\n===\r\nThere is no outage.")]
    public void A_separator_on_the_first_line_is_a_separator(string text)
    {
        var document = ReplyDocument.Parse(text);
        Assert.All(document.Sentences, s => Assert.False(s.IsHeading));
        Assert.DoesNotContain(document.Tokens, t => t.Norm is "=" or "-");
    }

    [Theory]
    // Above the heading, as a paragraph of its own in the text's own line breaks.
    [InlineData("Hi Jo,\u2028\u2028# There is no outage\u2028\u2028We will check.", "Hi Jo,\u2028\u2028Sorry.\u2028\u2028# There is no outage\u2028\u2028We will check.")]
    [InlineData("Hi Jo,\r\n\r\n# There is no outage", "Hi Jo,\r\n\r\nSorry.\r\n\r\n# There is no outage")]
    // Not joined to a quote or list item on the line above: a blank line goes before it too.
    [InlineData("> It keeps dropping\n# There is no outage\n", "> It keeps dropping\n\nSorry.\n\n# There is no outage\n")]
    [InlineData("- check the cable\r# There is no outage", "- check the cable\r\rSorry.\r\r# There is no outage")]
    public void A_sentence_inserted_before_a_heading_is_a_paragraph_above_it(string text, string expected)
    {
        var document = ReplyDocument.Parse(text);
        var heading = document.Sentences.First(s => s.IsHeading);
        Assert.Equal(expected, document.Text.WithChanges([document.InsertBefore(heading, "Sorry.")]).Text);
    }

    [Fact]
    public void An_empty_heading_ends_the_sentence_before_it_and_its_mark_is_not_in_any_sentence()
    {
        var document = ReplyDocument.Parse("We have looked into the missing parcel from your order last week and the courier\n#\nsays it is at the depot.");
        Assert.Equal(["We have looked into the missing parcel from your order last week and the courier", "says it is at the depot."],
            document.Sentences.Select(document.TextOf));
    }

    [Theory]
    [InlineData("## Refund ##\u2028Your refund was sent.")]
    [InlineData("Refund\u2028===\u2028Your refund was sent.")]
    public void Unicode_line_separators_leave_the_heading_a_heading(string text)
    {
        var document = ReplyDocument.Parse(text);
        Assert.Equal("Refund", document.TextOf(document.Sentences[0]));
        Assert.True(document.Sentences[0].IsHeading);
    }

    [Fact]
    public void A_heading_that_ends_in_the_agents_initials_is_a_heading()
    {
        var document = ReplyDocument.Parse("Your refund was sent.\n# Refund ^QA");
        Assert.Equal(["Your refund was sent.", "Refund"], document.Sentences.Select(document.TextOf));
        Assert.True(document.Sentences[1].IsHeading);
        Assert.Equal(document.Sentences[0].Span.End, document.ClosingInsertionPoint);
    }

    [Fact]
    public void Leading_handles_are_the_greeting_of_a_tweet()
    {
        var document = ReplyDocument.Parse("@sam @acme Sorry to hear that! DM us.");
        Assert.True(document.Sentences[0].IsGreeting);
        Assert.Equal("@sam @acme", document.TextOf(document.Sentences[0]));
        Assert.Equal("Sorry to hear that!", document.TextOf(document.Sentences[1]));
    }

    [Fact]
    public void A_salutation_after_the_handles_is_part_of_the_greeting()
    {
        var document = ReplyDocument.Parse("@sam Hi there. Your order ships today.");
        Assert.Equal([true, true, false], document.Sentences.Select(s => s.IsGreeting));
        Assert.Equal(document.Sentences[2].Span.Start, document.OpeningInsertionPoint);
    }

    [Fact]
    public void Quoted_lines_and_the_on_wrote_block_are_not_linted()
    {
        const string text = "Thanks for writing.\n> you are wrong about my bill\nWe fixed it.\n\nOn Mon, 3 Jun 2024, Sam <sam@example.com> wrote:\nyou are wrong\n";
        var document = ReplyDocument.Parse(text);
        Assert.Equal(["Thanks for writing.", "We fixed it."], document.Sentences.Select(document.TextOf));
        Assert.Equal(2, document.QuotedSpans.Count);
        Assert.Contains("you are wrong about my bill", document.Text.ToString(document.QuotedSpans[0]));
    }

    [Fact]
    public void Outlook_header_blocks_start_quoted_history()
    {
        var document = ReplyDocument.Parse("Done, the refund is on its way.\n\nFrom: Sam Lee\nSent: Monday\nSubject: where is my refund\nyou people are useless");
        Assert.Equal(["Done, the refund is on its way."], document.Sentences.Select(document.TextOf));
    }

    [Fact]
    public void The_signature_after_a_sign_off_or_dash_line_is_not_linted()
    {
        var signOff = ReplyDocument.Parse("Hi Sam,\nThe parcel left today.\n\nBest regards,\nAlex Kim\nAcme Support");
        Assert.Equal(["Hi Sam,", "The parcel left today."], signOff.Sentences.Select(signOff.TextOf));
        Assert.NotNull(signOff.SignOffSpan);
        Assert.Equal("Best regards,", signOff.Text.ToString(signOff.SignOffSpan!.Value));

        var dashes = ReplyDocument.Parse("The parcel left today.\n-- \nAlex | Acme, pursuant to nothing");
        Assert.Equal(["The parcel left today."], dashes.Sentences.Select(dashes.TextOf));
    }

    [Theory]
    [InlineData("Sorry about that, DM us! ^QA", "^QA")]
    [InlineData("We're looking into it. -KC", "-KC")]
    [InlineData("Happy to help ~Sam B", "~Sam B")]
    public void Tweet_initials_are_the_signature(string text, string initials)
    {
        var document = ReplyDocument.Parse(text);
        Assert.NotNull(document.SignatureSpan);
        Assert.Equal(initials, document.Text.ToString(document.SignatureSpan!.Value));
        Assert.DoesNotContain(document.Sentences, s => document.TextOf(s).Contains(initials, StringComparison.Ordinal));
    }

    [Fact]
    public void Offsets_refer_to_the_original_text()
    {
        const string text = "> quoted\r\n\r\nHello there.\r\nIt's fixed now.";
        var document = ReplyDocument.Parse(text);
        foreach (var sentence in document.Sentences)
            Assert.Equal(document.TextOf(sentence), text.Substring(sentence.Span.Start, sentence.Span.Length));
        var last = document.Sentences[^1];
        Assert.Equal(new ReplyLint.Core.Text.LinePosition(3, 0), document.Text.GetLinePosition(last.Span.Start));
    }

    [Fact]
    public void Contractions_expand_but_keep_the_original_span()
    {
        var document = ReplyDocument.Parse("You’re not wrong, it isn't working.");
        var words = document.Words.ToArray();
        Assert.Equal(["you", "are", "not", "wrong", "it", "is", "not", "working"], words.Select(w => w.Norm));
        Assert.Equal("You’re", document.Text.ToString(words[0].Span));
        Assert.Equal(words[0].Span, words[1].Span);
    }
}
