using ReplyLint.Core.Catalog;
using ReplyLint.Core.Engine;
using ReplyLint.Core.Matching;
using ReplyLint.Core.Structure;
using ReplyLint.Core.Text;

namespace ReplyLint.Core.Rules;

/// <summary>
/// RL1006: the customer says they already took a step (contacted support before, did the self-help) and the reply
/// tells them, as an instruction, to do it again: read the article, visit the help site, try the steps. LABELLING.md,
/// defensive: "telling them, as an instruction, to redo or read something they evidently already did or read".
/// </summary>
internal sealed class RL1006SentBackToAStepAlreadyTaken(CatalogRule rule) : CodeRule(rule)
{
    public override void Analyze(AnalysisContext context)
    {
        if (context.Customer.AlreadyTriedEvidence is not { } tried) return;
        // "I can see you've already tried this", "if you haven't already": the reply owns the attempt. A reply that
        // also offers something concrete ("I've refunded you") does not leave the customer with the redo alone.
        if (context.ReplyHasSet("acknowledges_attempt") || context.ReplyHasSet("alternative")) return;
        // A set's matches carry the complement of the set index as their owner (rule matches carry the rule's index).
        var selfHelpOwner = ~context.Phrases.SetIndex("self_help_instruction");
        // A customer who already contacted the company and is told to contact it again is sent back too.
        int? contactAgainOwner = context.Customer.AlreadyContacted ? ~context.Phrases.SetIndex("contact_instruction") : null;
        int contactChannel = context.Phrases.SetIndex("contact_channel"), serviceLink = context.Phrases.SetIndex("service_link"),
            asksWhetherTried = context.Phrases.SetIndex("asks_whether_tried"), conditional = context.Phrases.SetIndex("conditional_offer");
        var document = context.Document;
        foreach (var match in context.Matches)
        {
            var contactAgain = match.Pattern.Owner == contactAgainOwner;
            if (match.Pattern.Owner != selfHelpOwner && !contactAgain) continue;
            var sentence = document.Sentences[match.Sentence];
            // "Did you try the steps here?" asks politely, which LABELLING does not count; "Could you try the steps
            // here?" is the instruction again.
            if (PhraseRuleAnalyzer.IsQuestion(document, sentence) && context.HasSet(match.Sentence, asksWhetherTried)) continue;
            // "Please follow this link so that we can help you one-on-one" hands over to a person, "here's the tracking
            // link" gives a service: neither is self-help.
            if (!contactAgain && (context.HasSet(match.Sentence, contactChannel) || context.HasSet(match.Sentence, serviceLink))) continue;
            // "Try these tips if you're unable to receive a code" offers an option on a condition.
            if (context.HasSet(match.Sentence, conditional)) continue;
            Report(TextSpan.FromBounds(document.Words[match.FirstWord].Span.Start, document.Words[match.LastWord].Span.End), sentence);
            return; // one finding a reply: it is one step sent back
        }
        if (context.Customer.WordsWhenAlreadyTried is { } customerWords
            && SameStepAgain(document, customerWords, RedoVocabulary.For(context.Phrases)) is { } again)
            Report(again.Span, again.Sentence);

        void Report(TextSpan span, Sentence sentence) =>
            context.Report(Descriptor, span, Rule.File.Confidence, InsertFixesBefore(context, sentence),
                messageArgument: $"the customer said: '{CustomerWords(tried)}'");
    }

    /// <summary>
    /// The step the customer reported, given back as an instruction: "I've restarted the router three times" answered
    /// with "Please restart your router…" or "Try restarting your router", "already tried 3 different cables" with "Try
    /// a different cable". The verb must be one the customer used and so must its object ("router", "cable"; "it"
    /// refers back), so "Reset the app's cache" is no redo of "I reset my password twice". Only an instruction counts
    /// (the sentence's first word, or after "please", "then", "need to"…), never a question: "Have you tried
    /// restarting it at the wall?" asks politely, which LABELLING does not count.
    /// </summary>
    private static (TextSpan Span, Sentence Sentence)? SameStepAgain(ReplyDocument document, IReadOnlyList<string> customerWords,
        RedoVocabulary vocabulary)
    {
        var words = document.Words;
        // One pass over the customer's words, and the objects of each verb found once: a long reply of instructions
        // against a long customer message stays linear.
        HashSet<string>? customerSet = null;
        Dictionary<string, HashSet<string>>? objectsByVerb = null;
        foreach (var sentence in document.Sentences)
        {
            if (sentence.WordCount == 0 || PhraseRuleAnalyzer.IsQuestion(document, sentence)) continue;
            var end = sentence.FirstWord + sentence.WordCount;
            var first = sentence.FirstWord;
            while (first < end - 1 && vocabulary.Leads.Contains(words[first].Norm)) first++;
            for (var i = first; i < end; i++)
            {
                var instruction = i == first || words[i - 1].Norm is "please" or "kindly" or "then"
                    || (i - 2 >= sentence.FirstWord && words[i - 1].Norm == "to" && words[i - 2].Norm is "need" or "have");
                if (!instruction) continue;
                var verb = words[i].Norm;
                var objectFrom = i + 1;
                // "Try restarting your router": the step is the -ing verb after "try".
                if (verb == "try" && objectFrom < end && LemmaOfGerund(words[objectFrom].Norm, vocabulary) is { } gerund)
                {
                    verb = gerund;
                    objectFrom++;
                }
                if (!vocabulary.FormsByVerb.TryGetValue(verb, out var forms)) continue;
                customerSet ??= new HashSet<string>(customerWords, StringComparer.Ordinal);
                if (!forms.Any(customerSet.Contains)) continue;
                objectsByVerb ??= new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
                if (!objectsByVerb.TryGetValue(verb, out var objects)) objectsByVerb[verb] = objects = ObjectsAfter(customerWords, forms, vocabulary.Fillers);
                if (!ObjectIsCustomers(document, objectFrom, end, objects, vocabulary.Fillers)) continue;
                return (TextSpan.FromBounds(words[i].Span.Start, words[end - 1].Span.End), sentence);
            }
        }
        return null;
    }

    /// <summary>The words the customer put after the verb ("restarted the router three times": router, three, times).</summary>
    private static HashSet<string> ObjectsAfter(IReadOnlyList<string> customerWords, string[] forms, HashSet<string> fillers)
    {
        var objects = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < customerWords.Count; i++)
        {
            if (Array.IndexOf(forms, customerWords[i]) < 0) continue;
            for (int k = i + 1, taken = 0; k < customerWords.Count && taken < 3; k++)
            {
                if (fillers.Contains(customerWords[k])) continue;
                objects.Add(customerWords[k]);
                taken++;
            }
        }
        return objects;
    }

    private static bool ObjectIsCustomers(ReplyDocument document, int from, int end, HashSet<string> customerObjects, HashSet<string> fillers)
    {
        var words = document.Words;
        if (from >= end || words[from].Norm is "it" or "them") return true;
        for (var k = from; k < end; k++)
            if (!fillers.Contains(words[k].Norm)) return customerObjects.Contains(words[k].Norm);
        return true;
    }

    private static string? LemmaOfGerund(string word, RedoVocabulary vocabulary)
    {
        if (!word.EndsWith("ing", StringComparison.Ordinal) || word.Length < 6) return null;
        var stem = word[..^3];
        foreach (var candidate in (ReadOnlySpan<string>)[stem, stem + "e", stem[..^1]]) // restart, update, unplug(g)
            if (vocabulary.FormsByVerb.ContainsKey(candidate)) return candidate;
        return null;
    }

    /// <summary>The word lists of the same-step check, from lexicons.json (macros instruction_lead, step_object_filler, redo_step_*).</summary>
    private sealed class RedoVocabulary
    {
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<PhraseRuleSet, RedoVocabulary> Cache = [];

        private RedoVocabulary(PhraseRuleSet phrases)
        {
            Leads = Words(phrases, "instruction_lead");
            Fillers = Words(phrases, "step_object_filler");
            foreach (var (name, words) in phrases.Macros)
                if (name.StartsWith("redo_step_", StringComparison.Ordinal) && words.Length > 1) FormsByVerb[words[0]] = words[1..];
        }

        public static RedoVocabulary For(PhraseRuleSet phrases) => Cache.GetValue(phrases, p => new RedoVocabulary(p));

        public HashSet<string> Leads { get; }
        public HashSet<string> Fillers { get; }
        public Dictionary<string, string[]> FormsByVerb { get; } = new(StringComparer.Ordinal);

        private static HashSet<string> Words(PhraseRuleSet phrases, string macro) =>
            new(phrases.Macros.TryGetValue(macro, out var words) ? words : [], StringComparer.Ordinal);
    }
}
