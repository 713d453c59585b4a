using ReplyLint.Cli.Input;
using Xunit;

namespace ReplyLint.Cli.Tests.Input;

public sealed class MarkdownProseTests
{
    [Theory]
    [InlineData("Plain prose stays.")]
    [InlineData("# Heading\n\nSome *emphasis* and `code` and [a link](http://x.test/y).\n\n```\nfenced\n```\n\n    indented code\n")]
    [InlineData("---\ntitle: x\n---\n> quote\n- item\n1. first\r\n<!-- hidden -->\n")]
    [InlineData("> # Title\r\nkept\r\n\r\n> ```\r\n>\tcode\r\nkept \u00e9\U0001F600\r\n> lazy\r\nline\r\n")]
    public void Keeps_length_and_line_breaks(string markdown)
    {
        var prose = MarkdownProse.Extract(markdown);
        Assert.Equal(markdown.Length, prose.Length);
        for (var i = 0; i < markdown.Length; i++)
        {
            if (markdown[i] is '\n' or '\r') Assert.Equal(markdown[i], prose[i]);
            // Everything kept is kept in place; anything else became a space.
            Assert.True(prose[i] == markdown[i] || prose[i] == ' ', $"position {i}");
        }
    }

    [Fact]
    public void Blanks_code_html_link_targets_and_markers_but_keeps_words()
    {
        const string markdown = "## Refunds ##\n\nWe **will** refund you. See [our guide](https://x.test/you-are-wrong) or `you are wrong`.\n\n~~~\nyou are wrong\n~~~\n<span>kept words</span>\n";
        var prose = MarkdownProse.Extract(markdown);
        Assert.DoesNotContain("you are wrong", prose, StringComparison.Ordinal);
        // A heading keeps its marks: the engine reads it as a heading and leaves the #s out of its sentences.
        Assert.StartsWith("## Refunds ##\n", prose, StringComparison.Ordinal);
        Assert.DoesNotContain("https", prose, StringComparison.Ordinal);
        Assert.DoesNotContain("<span>", prose, StringComparison.Ordinal);
        Assert.Contains("Refunds", prose, StringComparison.Ordinal);
        Assert.Contains("will", prose, StringComparison.Ordinal);
        Assert.Contains("our guide", prose, StringComparison.Ordinal);
        Assert.Contains("kept words", prose, StringComparison.Ordinal);
    }

    [Theory]
    // The engine reads "===" underlines only ("---" in plain text is a separator): a "---" underline is written as one.
    [InlineData("Your refund\n---\nIt went out.\n", "Your refund\n===\nIt went out.\n")]
    [InlineData("Your refund\r\n  ------ \r\nIt went out.\r\n", "Your refund\r\n  ====== \r\nIt went out.\r\n")]
    [InlineData("Your refund\n======\nIt went out.\n", "Your refund\n======\nIt went out.\n")]
    // Not under paragraph text, the same line is a rule (or, for "===", nothing), and is blanked.
    [InlineData("Your refund\n\n---\nIt went out.\n", "Your refund\n\n   \nIt went out.\n")]
    [InlineData("- Your refund\n---\nIt went out.\n", "  Your refund\n   \nIt went out.\n")]
    [InlineData("- Your refund\nwent out\n===\n", "  Your refund\nwent out\n   \n")]
    [InlineData("# Refund\n---\n", "# Refund\n   \n")]
    // A heading or rule after a list item ends the list, so a title under it is underlined as usual.
    [InlineData("- Refund\n# Next steps\nYour refund\n---\n", "  Refund\n# Next steps\nYour refund\n===\n")]
    [InlineData("- Refund\n***\nYour refund\n===\n", "  Refund\n   \nYour refund\n===\n")]
    [InlineData("1. Refund\n---\nYour refund\n---\n", "   Refund\n   \nYour refund\n===\n")]
    [InlineData("- Refund\n* * *\nYour refund\n---\n", "  Refund\n     \nYour refund\n===\n")]
    [InlineData("* * *\nYour refund\n---\n", "     \nYour refund\n===\n")]
    // Under a line that is all markup, there is nothing for it to underline.
    [InlineData("`ORD-1234`\n---\nYour order is delayed.\n", "          \n   \nYour order is delayed.\n")]
    [InlineData("<!-- template v2 -->\n===\nHi\n", "                    \n   \nHi\n")]
    // Nor under what the engine would not read as a title: a "•" item, a sentence, a paragraph of two lines.
    [InlineData("• Your refund was issued\n---\n", "• Your refund was issued\n   \n")]
    [InlineData("Your refund was issued.\n---\n", "Your refund was issued.\n   \n")]
    [InlineData("About your\nrefund\n---\n", "About your\nrefund\n   \n")]
    // "* * *" and "- - -" are rules, not list items.
    [InlineData("* * *\nThanks,\n", "     \nThanks,\n")]
    [InlineData("Hi\n\n- - -\n", "Hi\n\n     \n")]
    // Seven #s make no heading: the #s are blanked as before.
    [InlineData("####### Refund\n", "        Refund\n")]
    public void A_heading_keeps_its_marks_for_the_engine(string markdown, string expected)
    {
        Assert.Equal(expected, MarkdownProse.Extract(markdown));
    }

    [Fact]
    public void A_blockquote_is_quoted_text_and_is_blanked_up_to_the_blank_line_that_ends_it()
    {
        const string markdown = "Hi Sam,\n\n> You are wrong, the parcel\nnever came.\n>> as I already said\n\nSorry about that, a new one is on its way.\n";
        // "never came" is a lazy continuation of the quote.
        var prose = ExtractBlanking(markdown, "You are wrong", "never came", "already said");
        Assert.Contains("Sorry about that, a new one is on its way.", prose, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("> You are wrong, she wrote.\n- As previously explained, the fee stands.\n")]
    [InlineData("> You are wrong, she wrote.\n## As previously explained, the fee stands.\n")]
    [InlineData("> You are wrong, she wrote.\n```\ncode\n```\nAs previously explained, the fee stands.\n")]
    [InlineData("> You are wrong, she wrote.\r\n\r\nAs previously explained, the fee stands.\r\n")]
    [InlineData("- > You are wrong, she wrote.\n- As previously explained, the fee stands.\n")]
    [InlineData("- > You are wrong, she wrote.\n\n  As previously explained, the fee stands.\n")]
    public void The_reply_s_own_text_after_a_blockquote_is_kept(string markdown)
    {
        var prose = MarkdownProse.Extract(markdown);
        Assert.DoesNotContain("You are wrong", prose, StringComparison.Ordinal);
        Assert.Contains("As previously explained, the fee stands.", prose, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("> # You are wrong, she wrote.\nAs previously explained, the fee stands.\n")]
    [InlineData("> You are wrong, she wrote.\n> ---\nAs previously explained, the fee stands.\n")]
    [InlineData("> You are wrong, she wrote.\n> ***\nAs previously explained, the fee stands.\n")]
    [InlineData("> You are wrong, she wrote.\r\n> ***\r\nAs previously explained, the fee stands.\r\n")]
    [InlineData("> You are wrong, she wrote.\n>\nAs previously explained, the fee stands.\n")]
    [InlineData("> ```\n> You are wrong, she wrote.\n> ```\nAs previously explained, the fee stands.\n")]
    [InlineData("> ```\n> You are wrong, she wrote.\nAs previously explained, the fee stands.\n")]
    [InlineData("> # You are wrong, she wrote.\r\nAs previously explained, the fee stands.\r\n")]
    [InlineData("> #\tYou are wrong, she wrote.\nAs previously explained, the fee stands.\n")]
    [InlineData("> You are wrong, she wrote.\n> _\t_\t_\nAs previously explained, the fee stands.\n")]
    [InlineData("> You are wrong, she wrote.\n> ===\t\nAs previously explained, the fee stands.\n")]
    [InlineData("> ```\r\n> You are wrong, she wrote.\r\nAs previously explained, the fee stands.\r\n")]
    public void Only_a_quoted_paragraph_has_lazy_continuation_lines(string markdown)
    {
        // CommonMark: a quoted heading or code block, or a blank '>' line, leaves no paragraph for a plain line to
        // continue, so the plain line after it is the reply's own text, kept in place.
        const string own = "As previously explained, the fee stands.";
        var prose = ExtractBlanking(markdown, "You are wrong");
        Assert.Equal(markdown.IndexOf(own, StringComparison.Ordinal), prose.IndexOf(own, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("> Why was I charged twice?\nWe refunded the second charge.\n")]
    [InlineData("> Why was I charged twice?\r\nWe refunded the second charge.\r\n")]
    public void An_answer_on_the_line_right_after_a_quote_is_part_of_the_quote(string markdown)
    {
        // CommonMark reads the answer as a lazy continuation of the quoted paragraph; docs/CLI.md says to leave a
        // blank line between the quote and the answer.
        var prose = MarkdownProse.Extract(markdown);
        Assert.DoesNotContain("charged twice", prose, StringComparison.Ordinal);
        Assert.DoesNotContain("We refunded", prose, StringComparison.Ordinal);

        var newline = markdown.Contains('\r') ? "\r\n" : "\n";
        var separated = markdown.Replace("?", "?" + newline, StringComparison.Ordinal);
        Assert.Contains("We refunded the second charge.", MarkdownProse.Extract(separated), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("> I was charged twice,\nYou are wrong, she wrote.\n")]
    [InlineData("> - I was charged twice,\nYou are wrong, she wrote.\n")]
    [InlineData(">> I was charged twice,\n> You are wrong, she wrote,\nYou are wrong again.\n")]
    [InlineData("> ```\n> code\n> ```\n> I was charged twice,\nYou are wrong, she wrote.\n")]
    [InlineData("> I was charged twice\n#You are wrong, she wrote.\n")]
    [InlineData("> I was charged twice\n    You are wrong, she wrote.\n")]
    public void A_plain_line_that_continues_a_quoted_paragraph_is_quoted(string markdown) =>
        ExtractBlanking(markdown, "charged twice", "You are wrong");

    [Theory]
    [InlineData("- > You are wrong, she wrote.\n")]
    [InlineData("1. > You are wrong, she wrote.\r\n")]
    [InlineData("-\t> You are wrong, she wrote.\n")]
    [InlineData("* - >> You are wrong, she wrote.\n")]
    [InlineData("- > I was charged twice,\nYou are wrong, she wrote.\n")]
    [InlineData("- > I was charged twice,\n  > You are wrong, she wrote.\n")]
    [InlineData("- Her words:\n    - > You are wrong, she wrote.\n")]
    public void A_quote_inside_a_list_item_is_quoted(string markdown) =>
        ExtractBlanking(markdown, "charged twice", "You are wrong");

    [Theory]
    [InlineData("- You are wrong > she wrote.\n")]
    [InlineData("-> You are wrong, she wrote.\n")]
    [InlineData("1.> You are wrong, she wrote.\n")]
    public void A_list_item_that_does_not_start_with_a_quote_is_the_reply_s_own_text(string markdown)
    {
        var prose = MarkdownProse.Extract(markdown);
        Assert.Contains("You are wrong", prose, StringComparison.Ordinal);
        Assert.Equal(markdown.Length, prose.Length);
    }

    [Fact]
    public void A_quote_in_an_indented_code_block_is_code_and_leaves_the_next_line_to_the_reply()
    {
        const string markdown = "Her words:\n\n    - > You are wrong, she wrote.\nAs previously explained, the fee stands.\n";
        const string own = "As previously explained, the fee stands.";
        var prose = MarkdownProse.Extract(markdown);
        Assert.DoesNotContain("You are wrong", prose, StringComparison.Ordinal);
        Assert.Equal(markdown.IndexOf(own, StringComparison.Ordinal), prose.IndexOf(own, StringComparison.Ordinal));
    }

    // The prose of markdown, checked to keep its length and to hold none of the quoted phrases.
    private static string ExtractBlanking(string markdown, params string[] quoted)
    {
        var prose = MarkdownProse.Extract(markdown);
        foreach (var phrase in quoted) Assert.DoesNotContain(phrase, prose, StringComparison.Ordinal);
        Assert.Equal(markdown.Length, prose.Length);
        return prose;
    }

    // Crafted input: one line of about a megabyte that once cost a stack frame per list marker (and overflowed the
    // stack, killing the process) or a rescan of the line per marker or per '[' / "<!--" / "<http:" (quadratic). It
    // must come back whole, in one pass. Quoted shapes are blanked whole.
    [Theory]
    [InlineData("> ", "- ", "x", true)]
    [InlineData("> ", "-\t", "x", true)]
    [InlineData("> ", "- * ", "x", true)]
    [InlineData("> ", "1. ", "x", true)]
    [InlineData("", ">", " x", true)]
    [InlineData("> ", "\t", "x", true)]
    [InlineData("", "- ", "> x", false)]
    [InlineData("", "[", "x", false)]
    [InlineData("", "[](", "x", false)]
    [InlineData("", "<!--", "x", false)]
    [InlineData("", "<http:", "x", false)]
    [InlineData("", "`", " x", false)]
    public void A_megabyte_line_of_repeated_markers_is_read_whole(string prefix, string unit, string suffix, bool quoted)
    {
        var builder = new System.Text.StringBuilder(prefix);
        while (builder.Length < 1 << 20) builder.Append(unit);
        var markdown = builder.Append(suffix).ToString();

        var prose = MarkdownProse.Extract(markdown);

        Assert.Equal(markdown.Length, prose.Length);
        if (quoted) Assert.True(string.IsNullOrWhiteSpace(prose));
    }
}
