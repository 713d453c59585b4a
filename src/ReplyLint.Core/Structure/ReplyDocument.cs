using ReplyLint.Core.Text;

namespace ReplyLint.Core.Structure;

/// <summary>
/// A reply split into what is linted (sentences, paragraphs, tokens) and what is not (quoted customer text,
/// the signature). Every offset refers to the original text.
/// </summary>
public sealed class ReplyDocument
{
    private readonly Token[] _words;
    private readonly int[] _wordTokenIndex;

    private ReplyDocument(ReplyText text, List<Token> tokens, List<Sentence> sentences,
        List<TextSpan> quoted, TextSpan? signature, TextSpan? signOff)
    {
        Text = text;
        Tokens = tokens;
        (_words, _wordTokenIndex) = IndexWords(tokens, sentences);
        Sentences = sentences;
        QuotedSpans = quoted;
        SignatureSpan = signature;
        SignOffSpan = signOff;
    }

    public ReplyText Text { get; }

    /// <summary>Phrase matches already computed for this document, so the model's features need not match again.</summary>
    internal (Matching.PhraseRuleSet Set, List<Matching.PhraseMatch> Matches)? CachedMatches { get; set; }
    public IReadOnlyList<Token> Tokens { get; }
    public IReadOnlyList<Sentence> Sentences { get; }
    /// <summary>Quoted customer text: lines starting with '>' and everything from an "On … wrote:" line on.</summary>
    public IReadOnlyList<TextSpan> QuotedSpans { get; }
    /// <summary>The signature: from a "-- " line, a sign-off line ("Best regards,") or trailing initials ("^QA").</summary>
    public TextSpan? SignatureSpan { get; }
    /// <summary>The sign-off line itself, where there is one; a next step is inserted before it.</summary>
    public TextSpan? SignOffSpan { get; }

    /// <summary>Words and numbers only, in order: what phrase patterns are matched against.</summary>
    public ReadOnlySpan<Token> Words => _words;

    /// <summary>The index in <see cref="Tokens"/> of word <paramref name="wordIndex"/>.</summary>
    public int TokenIndexOfWord(int wordIndex) => _wordTokenIndex[wordIndex];

    public ReadOnlySpan<Token> WordsOf(Sentence sentence) => _words.AsSpan(sentence.FirstWord, sentence.WordCount);

    public ReadOnlySpan<Token> TokensOf(Sentence sentence) =>
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan((List<Token>)Tokens).Slice(sentence.FirstToken, sentence.TokenCount);

    public string TextOf(Sentence sentence) => Text.ToString(sentence.Span);

    /// <summary>
    /// Where an opening sentence goes: after the greeting and any heading ("# Your refund"), else before the first
    /// sentence. A greeting inside the first sentence counts too: in "Hi Jo, please follow …" it goes after "Hi Jo,"
    /// (<see cref="Rules.TextFixes"/> then capitalizes "please").
    /// </summary>
    public int OpeningInsertionPoint
    {
        get
        {
            foreach (var s in Sentences)
                if (s.IsBody) return AfterInlineGreeting(s) ?? s.Span.Start;
            return Sentences.Count > 0 ? Sentences[^1].Span.End : 0;
        }
    }

    /// <summary>
    /// Where a sentence inserted before <paramref name="sentence"/> goes: at its start, or, when it opens the reply
    /// with an inline greeting, after the greeting ("Hi Jo, I'm sorry … Please follow …"). Every insert fix uses it,
    /// so two fixes that add a sentence before the opening land in the same place.
    /// </summary>
    public int InsertionPointBefore(Sentence sentence)
    {
        var opening = OpeningInsertionPoint;
        return opening > sentence.Span.Start && opening < sentence.Span.End ? opening : sentence.Span.Start;
    }

    /// <summary>
    /// Inserts <paramref name="newSentence"/> before <paramref name="sentence"/>: at <see cref="InsertionPointBefore"/>,
    /// or, before a heading, as a paragraph of its own on the lines above it (blank lines around it, in the text's own
    /// line breaks), so the heading stays whole and the sentence joins no quote or list item above.
    /// </summary>
    public TextEdit InsertBefore(Sentence sentence, string newSentence)
    {
        if (!sentence.IsHeading) return Rules.TextFixes.InsertSentence(Text, InsertionPointBefore(sentence), newSentence);
        // A heading is one line ("# …", or a title over its underline), so the sentence's line is the heading's.
        var line = Text.GetLinePosition(sentence.Span.Start).Line;
        var lineBreak = LineBreak(line + 1 < Text.LineCount ? line : line - 1);
        var blankAbove = line == 0 || Text[Text.GetLineSpan(line - 1)].IsWhiteSpace();
        return TextEdit.Insert(Text.GetLineSpan(line).Start, (blankAbove ? "" : lineBreak) + newSentence + lineBreak + lineBreak);
    }

    /// <summary>The line break that ends <paramref name="line"/> (CR LF, CR, LF, U+2028 or U+2029); LF when there is none.</summary>
    private string LineBreak(int line)
    {
        if (line < 0 || line + 1 >= Text.LineCount) return "\n";
        var next = Text.GetLineSpan(line + 1).Start;
        var start = next;
        while (start > next - 2 && start > 0 && Text.Text[start - 1] is '\n' or '\r' or '\u2028' or '\u2029') start--;
        return Text.Text[start..next];
    }

    /// <summary>"Hi Jo, please …", "Hey there, we're …": the start of what follows the greeting's comma, or null.</summary>
    private int? AfterInlineGreeting(Sentence sentence)
    {
        const int MaxGreetingTokens = 6; // "Good morning", up to three name words (a handle or an emoji wave too), the comma
        var tokens = TokensOf(sentence);
        var first = 0;
        while (first < tokens.Length && tokens[first].Kind == TokenKind.Handle) first++;
        if (first >= tokens.Length) return null;
        // The splitter's greeting words open it; "good" only as "good morning / afternoon / evening": "Good news," and
        // "Morning deliveries," greet nobody.
        var opener = tokens[first].Norm;
        if (opener == "good" && first + 1 < tokens.Length && tokens[first + 1].Norm is "morning" or "afternoon" or "evening") first++;
        else if (opener is "good" or "morning" or "afternoon" or "evening" || !SentenceSplitter.GreetingWords.Contains(opener)) return null;
        for (var k = first + 1; k < Math.Min(tokens.Length - 1, first + MaxGreetingTokens); k++)
        {
            if (tokens[k].Kind == TokenKind.Punctuation && tokens[k].Norm == ",") return tokens[k + 1].IsWord ? tokens[k + 1].Span.Start : null;
            if (!tokens[k].IsWord && tokens[k].Kind is not (TokenKind.Handle or TokenKind.Symbol)) return null;
        }
        return null;
    }

    /// <summary>
    /// Where a closing sentence goes: after the last sentence of the body (so before the sign-off, and not into a
    /// heading that ends the reply), else after the last sentence.
    /// </summary>
    public int ClosingInsertionPoint
    {
        get
        {
            for (var i = Sentences.Count - 1; i >= 0; i--)
                if (!Sentences[i].IsHeading) return Sentences[i].Span.End;
            return Sentences.Count == 0 ? 0 : Sentences[^1].Span.End;
        }
    }

    private static (Token[] Words, int[] TokenIndex) IndexWords(List<Token> tokens, List<Sentence> sentences)
    {
        var words = new List<Token>(tokens.Count);
        var index = new List<int>(tokens.Count);
        for (var s = 0; s < sentences.Count; s++)
        {
            var sentence = sentences[s];
            var first = words.Count;
            for (var t = sentence.FirstToken; t < sentence.FirstToken + sentence.TokenCount; t++)
            {
                if (!tokens[t].IsWord) continue;
                words.Add(tokens[t]);
                index.Add(t);
            }
            sentences[s] = sentence with { FirstWord = first, WordCount = words.Count - first };
        }
        return ([.. words], [.. index]);
    }

    public static ReplyDocument Parse(string text) => Parse(new ReplyText(text));

    public static ReplyDocument Parse(ReplyText text)
    {
        var regions = ReplyRegions.Find(text);
        var tokens = new List<Token>(Math.Min(text.Length / 4 + 8, 1 << 20));
        foreach (var span in regions.Lintable)
            Tokenizer.Tokenize(text.Text, span, tokens);
        var sentences = SentenceSplitter.Split(text.Text, tokens, regions.Headings, regions.Markup);
        return new ReplyDocument(text, tokens, sentences, regions.Quoted, regions.Signature, regions.SignOff);
    }
}
