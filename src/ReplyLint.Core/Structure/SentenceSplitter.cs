using ReplyLint.Core.Text;

namespace ReplyLint.Core.Structure;

/// <summary>
/// Groups tokens into sentences and paragraphs; line breaks are dropped from the sentences they end. A heading's words
/// make sentences of their own, and no sentence runs across a heading's marks or a separator line.
/// </summary>
internal static class SentenceSplitter
{
    internal static readonly HashSet<string> GreetingWords = new(StringComparer.Ordinal)
    {
        "hi", "hello", "hey", "dear", "greetings", "good", "hiya", "howdy", "morning", "afternoon", "evening",
    };

    public static List<Sentence> Split(string text, List<Token> tokens, IReadOnlyList<TextSpan> headings, IReadOnlyList<TextSpan> markup)
    {
        var sentences = new List<Sentence>();
        var paragraph = 0;
        var openingGreetings = true; // every sentence so far is a greeting
        var start = -1; // first token of the open sentence
        var lineStartToken = 0;
        var heading = 0; // the first heading that does not end before the current token
        var openHeading = -1; // the heading the open sentence is in, or -1
        var mark = 0; // the first piece of markup (a heading's marks, a separator line) at or after the current token
        var lastMarkStart = -1; // where the last piece of markup before the current token starts

        void Close(int endExclusive)
        {
            if (start < 0) return;
            var last = endExclusive - 1;
            while (last >= start && tokens[last].Kind == TokenKind.LineBreak) last--;
            if (last >= start)
            {
                var span = TextSpan.FromBounds(tokens[start].Span.Start, tokens[last].Span.End);
                var sentence = new Sentence(sentences.Count, span, start, last - start + 1, paragraph);
                if (openHeading >= 0)
                {
                    // A heading above the greeting ("# Your refund" / "Hi Sam,") leaves the greeting the opening.
                    sentences.Add(sentence with { IsHeading = true });
                }
                else
                {
                    // "@sam Hi there." opens with two greetings: the handles, then the salutation.
                    var isGreeting = IsGreeting(tokens, sentence, openingGreetings);
                    openingGreetings &= isGreeting;
                    sentences.Add(sentence with { IsGreeting = isGreeting });
                }
            }
            start = -1;
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind == TokenKind.LineBreak)
            {
                if (token.Norm == "\n\n")
                {
                    Close(i);
                    if (sentences.Count > 0) paragraph++;
                }
                else if (start >= 0 && EndsSentenceAtLineBreak(text, tokens, lineStartToken, i))
                {
                    Close(i);
                }
                lineStartToken = i + 1;
                continue;
            }
            while (heading < headings.Count && headings[heading].End <= token.Span.Start) heading++;
            var inHeading = heading < headings.Count && headings[heading].Start <= token.Span.Start ? heading : -1;
            for (; mark < markup.Count && markup[mark].Start < token.Span.Start; mark++) lastMarkStart = markup[mark].Start;
            // Into or out of a heading, or across markup (an empty "#" line, a separator): a new sentence.
            if (start >= 0 && (inHeading != openHeading || lastMarkStart > tokens[start].Span.Start)) Close(i);
            if (start < 0)
            {
                start = i;
                openHeading = inHeading;
            }

            if (token.IsSentenceTerminator)
            {
                // Keep runs ("?!", "...") and closing quotes or brackets with the sentence.
                var j = i + 1;
                while (j < tokens.Count && tokens[j].Kind == TokenKind.Punctuation &&
                       (tokens[j].IsSentenceTerminator || tokens[j].Norm is "\"" or "'" or ")" or "]") &&
                       tokens[j].Span.Start == tokens[j - 1].Span.End)
                    j++;
                // Emoji straight after the full stop belong to the sentence too.
                while (j < tokens.Count && tokens[j].Kind == TokenKind.Symbol) j++;
                Close(j);
                i = j - 1;
            }
            else if (IsLeadingHandleRun(tokens, start, i))
            {
                // "@Sam @Acme Thanks for ..." : the handles are the tweet's greeting.
                if (i + 1 < tokens.Count && tokens[i + 1].Kind != TokenKind.Handle) Close(i + 1);
            }
        }
        Close(tokens.Count);
        return sentences;
    }

    private static bool IsLeadingHandleRun(List<Token> tokens, int start, int i)
    {
        if (tokens[i].Kind != TokenKind.Handle) return false;
        for (var k = start; k <= i; k++)
            if (tokens[k].Kind != TokenKind.Handle) return false;
        return true;
    }

    /// <summary>
    /// A single line break ends a sentence unless the line looks hard-wrapped: a short line, a line ending
    /// in punctuation, or a next line that starts a list item ends it.
    /// </summary>
    private static bool EndsSentenceAtLineBreak(string text, List<Token> tokens, int lineStart, int breakIndex)
    {
        if (breakIndex == lineStart) return false;
        var previous = tokens[breakIndex - 1];
        if (previous.Kind is TokenKind.Punctuation or TokenKind.Symbol or TokenKind.Url) return true;
        var lineLength = previous.Span.End - tokens[lineStart].Span.Start;
        if (lineLength < 60) return true;
        if (breakIndex + 1 < tokens.Count)
        {
            var next = tokens[breakIndex + 1];
            if (next.Norm is "-" or "*" or "•" || next.Kind == TokenKind.Number) return true;
            if (next.IsWord && char.IsUpper(text[next.Span.Start]) && lineLength < 50) return true;
        }
        return false;
    }

    private static bool IsGreeting(List<Token> tokens, Sentence sentence, bool first)
    {
        if (!first) return false;
        var firstToken = tokens[sentence.FirstToken];
        if (firstToken.Kind == TokenKind.Handle)
        {
            for (var k = 0; k < sentence.TokenCount; k++)
                if (tokens[sentence.FirstToken + k].Kind != TokenKind.Handle) return false;
            return true;
        }
        // "Hi Sam," / "Dear Ms. Lee," / "Good morning Alex!": a short opening that starts with a greeting word.
        return GreetingWords.Contains(firstToken.Norm) && sentence.TokenCount <= 6 &&
               (firstToken.Norm != "good" || (sentence.TokenCount > 1 && tokens[sentence.FirstToken + 1].Norm is "morning" or "afternoon" or "evening" or "day"));
    }
}
