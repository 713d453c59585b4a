using System.Collections.Frozen;
using System.Collections.Immutable;
using ReplyLint.Core.Catalog;
using ReplyLint.Core.Configuration;
using ReplyLint.Core.Diagnostics;
using ReplyLint.Core.Matching;
using ReplyLint.Core.Rules;
using ReplyLint.Core.Structure;
using ReplyLint.Core.Text;

namespace ReplyLint.Core.Engine;

/// <summary>
/// Runs every rule (and the tone model, where one is loaded) over a reply and returns findings sorted by
/// position. Built once from options; thread-safe; one call per reply.
/// </summary>
public sealed class ReplyLintEngine
{
    private readonly PhraseRuleSet _phrases;
    private readonly CodeRule[] _codeRules;
    private readonly Dictionary<string, Severity> _severities;
    private readonly Severity _minimumSeverity;
    private readonly ReplyLintOptions _options;
    private readonly IToneModel? _model;

    public ReplyLintEngine(ReplyLintOptions? options = null, IToneModel? model = null, ModelStatus? modelStatus = null,
        RuleCatalog? catalog = null)
    {
        _options = options ?? new ReplyLintOptions();
        Catalog = catalog ?? RuleCatalog.Default;
        OptionsFile.Validate(_options, Catalog);
        _model = model;
        ModelStatus = model is not null ? ModelStatus.Loaded(model.Version) : modelStatus ?? ModelStatus.NotConfigured;
        _phrases = ReferenceEquals(Catalog, RuleCatalog.Default) && _options.ExtraPhrases.Count == 0
            ? PhraseRuleSet.Default
            : PhraseRuleSet.Build(Catalog, _options);
        _codeRules = CreateCodeRules(Catalog);
        _severities = Catalog.Descriptors.ToDictionary(d => d.Id, ResolveSeverity, StringComparer.Ordinal);
        SeverityParser.TryParse(_options.MinimumSeverity, out _minimumSeverity);
    }

    public RuleCatalog Catalog { get; }
    public ModelStatus ModelStatus { get; }
    public IReadOnlyList<RuleDescriptor> Rules => Catalog.Descriptors;
    /// <summary>True when a model was asked for and could not be loaded.</summary>
    public bool IsDegraded => _model is null && ModelStatus.Problem is not null && ModelStatus != ModelStatus.NotConfigured;

    /// <summary>The severity a rule reports with under this engine's options (None: off).</summary>
    public Severity EffectiveSeverity(string ruleId) => _severities.GetValueOrDefault(ruleId, Severity.None);

    public AnalysisResult Analyze(string text, string? customerMessage = null, AnalysisOverrides? overrides = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        overrides ??= AnalysisOverrides.None;
        var document = ReplyDocument.Parse(text);
        cancellationToken.ThrowIfCancellationRequested();

        var matches = new List<PhraseMatch>(document.Words.Length / 2 + 16); // lexicon sets match often: no regrowing
        _phrases.Index.FindAll(document, matches);
        document.CachedMatches = (_phrases, matches);
        var customer = AnalyzeCustomer(customerMessage);

        ToneScores[]? scores = null;
        if (_model is not null && document.Sentences.Count > 0)
        {
            scores = new ToneScores[document.Sentences.Count];
            _model.Score(document, scores);
        }
        cancellationToken.ThrowIfCancellationRequested();

        var includeFixes = overrides.IncludeFixes ?? _options.IncludeFixes;
        var context = new AnalysisContext(document, _phrases, matches, customer, scores,
            _model?.Thresholds ?? default, includeFixes);
        var severities = EffectiveSeverities(overrides);
        bool IsEnabled(string id) => severities(id) != Severity.None;

        PhraseRuleAnalyzer.Analyze(context, IsEnabled);
        if (scores is not null) ModelFindings.Merge(context, scores, _model!.Thresholds, Catalog, IsEnabled);
        foreach (var rule in _codeRules)
        {
            if (IsEnabled(rule.Descriptor.Id)) rule.Analyze(context);
        }

        var minimumSeverity = overrides.MinimumSeverity ?? _minimumSeverity;
        var minimumConfidence = overrides.MinimumConfidence ?? _options.MinimumConfidence;
        var kept = new List<Diagnostic>(context.Diagnostics.Count);
        foreach (var diagnostic in context.Diagnostics)
        {
            var severity = severities(diagnostic.Id);
            if (severity == Severity.None || severity < minimumSeverity || diagnostic.Confidence < minimumConfidence) continue;
            kept.Add(severity == diagnostic.Severity ? diagnostic : diagnostic with { Severity = severity });
        }
        kept.Sort(static (a, b) => a.Span.Start != b.Span.Start ? a.Span.Start.CompareTo(b.Span.Start)
            : a.Span.Length != b.Span.Length ? a.Span.Length.CompareTo(b.Span.Length)
            : string.CompareOrdinal(a.Id, b.Id));
        var diagnostics = kept.ToImmutableArray();

        return new AnalysisResult
        {
            Diagnostics = diagnostics,
            FamilyScores = Scoring.FamilyScores(diagnostics),
            OverallScore = Scoring.Overall(diagnostics),
            IsDegraded = IsDegraded,
            DegradedReason = IsDegraded ? ModelStatus.Problem : null,
            ModelVersion = ModelStatus.Version,
            HadCustomerMessage = customer.WasGiven,
        };
    }

    /// <summary>
    /// Applies the first suggested rewrite of each finding (or of those <paramref name="select"/> picks). Each pass
    /// applies every non-overlapping edit at once, but only one inserted sentence, since the next pass may no longer
    /// need the others (one acknowledgement answers every denial after it); a fix that overlapped one already taken, or
    /// a further insertion, gets its turn in the next pass, so the result is a fixed point: fixing it again changes
    /// nothing. <paramref name="analysedView"/>, when
    /// given, is what each pass analyses instead of the text itself (e.g. the prose of a Markdown file): a view of the
    /// same length whose offsets are the text's, so the edits found on it apply to the text. The CLI's <c>fix</c> and the
    /// service's <c>ApplyFixes</c> with <c>all</c> both run this, so they give the same text.
    /// </summary>
    public FixAllResult FixAll(string text, string? customerMessage = null, Func<Diagnostic, bool>? select = null,
        AnalysisOverrides? overrides = null, Func<string, string>? analysedView = null, CancellationToken cancellationToken = default)
    {
        var current = new ReplyText(text);
        var applied = new List<(Diagnostic, CodeFix)>();
        var appliedPerPass = new List<int>();
        analysedView ??= static t => t;
        var result = Analyze(analysedView(text), customerMessage, overrides, cancellationToken);
        for (var pass = 0; pass < MaxFixAllPasses; pass++)
        {
            var chosen = result.Diagnostics.Where(d => d.Fixes.Length > 0 && (select?.Invoke(d) ?? true)).ToList();
            if (chosen.Count == 0) break;
            var next = CodeFixes.ApplyFirstFixes(current, chosen, out var appliedThisPass, oneInsertion: true);
            if (appliedThisPass.Count == 0 || next.Text == current.Text) break;
            applied.AddRange(appliedThisPass);
            appliedPerPass.Add(appliedThisPass.Count);
            current = next;
            result = Analyze(analysedView(current.Text), customerMessage, overrides, cancellationToken);
        }
        return new FixAllResult(current.Text, applied, result) { AppliedPerPass = appliedPerPass };
    }

    /// <summary>The most passes <see cref="FixAll"/> makes; a fix still overlapping another after them stays unapplied.</summary>
    public const int MaxFixAllPasses = 8;

    /// <summary>Reads what the customer's message says: does it report a problem, frustration or complaint?</summary>
    public CustomerMessageInfo AnalyzeCustomer(string? customerMessage)
    {
        if (string.IsNullOrWhiteSpace(customerMessage)) return CustomerMessageInfo.NotGiven;
        var document = ReplyDocument.Parse(customerMessage);
        var matches = new List<PhraseMatch>();
        _phrases.Index.FindAll(document, matches);
        var strong = _phrases.SetIndex("customer_problem");
        var statement = _phrases.SetIndex("customer_problem_statement");
        var hint = _phrases.SetIndex("customer_problem_hint");
        var contrast = _phrases.SetIndex("customer_contrast");
        var informationQuestion = _phrases.SetIndex("information_question");
        var noProblemIdiom = _phrases.SetIndex("customer_no_problem_idiom");
        var praise = _phrases.SetIndex("customer_praise");
        var alreadyTried = _phrases.SetIndex("customer_already_tried");
        var alreadyContacted = _phrases.SetIndex("customer_already_contacted");
        var resolvedSet = _phrases.SetIndex("customer_resolved");
        var turn = _phrases.SetIndex("customer_turn");
        var resolved = false;
        // Sentences that open like a request for information (tweets often drop the question mark): "how do I add a
        // missing road" asks; "why is my order missing?" complains. Sentences of praise ("I randomly found dark mode
        // and love it") take no hint either, and words inside an idiom ("can't wait") are no signal at all.
        var asking = new bool[document.Sentences.Count];
        var praising = new bool[document.Sentences.Count];
        var turning = new bool[document.Sentences.Count];
        var turnsAgainstResolution = new bool[document.Sentences.Count];
        var inIdiom = new bool[document.Words.Length];
        // A question that opens with "if" asks about a case, it does not report one: "if I cancel now, do I lose my
        // history?". Without the question mark it may be a threat ("if this isn't sorted I'm leaving").
        for (var s = 0; s < document.Sentences.Count; s++)
        {
            var sentence = document.Sentences[s];
            asking[s] = sentence.WordCount > 0 && document.Words[FirstWordAfterGreeting(document, sentence)].Norm == "if"
                && PhraseRuleAnalyzer.IsQuestion(document, sentence);
        }
        foreach (var match in matches)
        {
            if (match.Pattern.Owner >= 0) continue;
            var set = ~match.Pattern.Owner;
            if (set == informationQuestion && match.FirstWord == FirstWordAfterGreeting(document, document.Sentences[match.Sentence]))
                asking[match.Sentence] = true;
            else if (set == praise) praising[match.Sentence] = true;
            else if (set == contrast) turning[match.Sentence] = true;
            else if (set == turn) turnsAgainstResolution[match.Sentence] = true;
            else if (set == resolvedSet)
            {
                // "Thanks for the quick fix": the resolution's own words are no problem ("fix").
                resolved = true;
                NoSignalIn(match);
            }
            else if (set == noProblemIdiom)
            {
                praising[match.Sentence] = true;
                NoSignalIn(match);
            }
        }
        string? problem = null, tried = null;
        var contacted = false;
        foreach (var match in matches)
        {
            if (match.Pattern.Owner >= 0) continue;
            var set = ~match.Pattern.Owner;
            if (set == alreadyTried || set == alreadyContacted)
            {
                tried ??= EvidenceOf(match);
                contacted |= set == alreadyContacted;
                continue;
            }
            if (problem is not null) continue;
            // "Thanks for the quick fix, but the app won't open": a sentence that turns keeps its signals after a resolution.
            var settled = resolved && !turnsAgainstResolution[match.Sentence];
            var counts = set == strong
                || set == statement && !asking[match.Sentence] && !settled
                || set == hint && !asking[match.Sentence] && !praising[match.Sentence] && !settled;
            if (!counts) continue;
            if (Array.IndexOf(inIdiom, true, match.FirstWord, match.LastWord - match.FirstWord + 1) >= 0) continue;
            problem = EvidenceOf(match);
        }
        // Many tweets carry the complaint in an emoji ("Can you just help me please😩😭"); patterns match words only.
        // Not beside praise: "love the update 😭❤️" cries for joy, unless the sentence turns ("love it but it crashes 😭").
        for (var s = 0; problem is null && s < document.Sentences.Count; s++)
        {
            if (praising[s] && !turning[s]) continue;
            foreach (var token in document.TokensOf(document.Sentences[s]))
            {
                if (token.Kind != TokenKind.Symbol || !DistressEmoji.Contains(token.Norm)) continue;
                problem = customerMessage.Substring(token.Span.Start, token.Span.Length);
                break;
            }
        }
        return new CustomerMessageInfo(true, problem is not null, problem, tried, contacted)
        {
            WordsWhenAlreadyTried = tried is null ? null : NormalizedWords(document),
        };

        void NoSignalIn(PhraseMatch match)
        {
            for (var w = match.FirstWord; w <= match.LastWord; w++) inIdiom[w] = true;
        }

        string EvidenceOf(PhraseMatch match) =>
            customerMessage[document.Words[match.FirstWord].Span.Start..document.Words[match.LastWord].Span.End];
    }

    private static string[] NormalizedWords(ReplyDocument document)
    {
        var words = new string[document.Words.Length];
        for (var i = 0; i < words.Length; i++) words[i] = document.Words[i].Norm;
        return words;
    }

    /// <summary>Facepalm, crying, weary, tired, angry, cursing, steaming, sad, disappointed, broken heart, eye-roll,
    /// expressionless, unamused. Not the
    /// upside-down face: ironic in "got a size 6. great 🙃", playful as often ("refreshing at 6am for the drop 🙃").</summary>
    private static readonly FrozenSet<string> DistressEmoji =
        new[] { "🤦", "😭", "😩", "😫", "😡", "😠", "🤬", "😤", "😢", "😞", "💔", "🙄", "😑", "😒" }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly HashSet<string> LeadingGreetingWords = new(StringComparer.Ordinal)
        { "hi", "hey", "hello", "dear", "yo", "hiya", "so", "ok", "okay", "um", "also", "and", "but", "good", "morning", "afternoon", "evening", "guys", "team", "there" };

    private static int FirstWordAfterGreeting(ReplyDocument document, Sentence sentence)
    {
        var words = document.Words;
        var index = sentence.FirstWord;
        while (index < sentence.FirstWord + sentence.WordCount - 1 && LeadingGreetingWords.Contains(words[index].Norm)) index++;
        return index;
    }

    private Func<string, Severity> EffectiveSeverities(AnalysisOverrides overrides)
    {
        if (overrides == AnalysisOverrides.None) return id => _severities.GetValueOrDefault(id, Severity.None);
        return id =>
        {
            if (overrides.DisabledRules.Contains(id, StringComparer.OrdinalIgnoreCase)) return Severity.None;
            var family = RuleIds.FamilyOf(id);
            if (family is { } f && overrides.DisabledFamilies.Contains(f)) return Severity.None;
            if (overrides.SeverityOverrides.TryGetValue(id, out var severity)) return severity;
            return _severities.GetValueOrDefault(id, Severity.None);
        };
    }

    private Severity ResolveSeverity(RuleDescriptor descriptor)
    {
        if (_options.DisabledRules.Contains(descriptor.Id, StringComparer.OrdinalIgnoreCase)) return Severity.None;
        foreach (var (key, value) in _options.Severity)
            if (string.Equals(key, descriptor.Id, StringComparison.OrdinalIgnoreCase) && SeverityParser.TryParse(value, out var byId))
                return byId;
        foreach (var (key, value) in _options.Severity)
            if (RuleFamilyNames.TryParse(key, out var family) && family == descriptor.Family && SeverityParser.TryParse(value, out var byFamily))
                return descriptor.IsEnabledByDefault || byFamily == Severity.None ? byFamily : Severity.None;
        return descriptor.IsEnabledByDefault ? descriptor.DefaultSeverity : Severity.None;
    }

    private static CodeRule[] CreateCodeRules(RuleCatalog catalog)
    {
        var factories = new Dictionary<string, Func<CatalogRule, CodeRule>>(StringComparer.Ordinal)
        {
            [RuleIds.SendingBackToAStepAlreadyTaken] = r => new RL1006SentBackToAStepAlreadyTaken(r),
            [RuleIds.NoAcknowledgement] = r => new RL4001NoAcknowledgement(r),
            [RuleIds.LateAcknowledgement] = r => new RL4002LateAcknowledgement(r),
            [RuleIds.NoThanks] = r => new RL4003NoThanks(r),
            [RuleIds.NoNextStep] = r => new RL4004NoNextStep(r),
        };
        var rules = new List<CodeRule>();
        foreach (var rule in catalog.Rules.Where(r => r.File.Kind == "code"))
        {
            if (factories.TryGetValue(rule.Descriptor.Id, out var create)) rules.Add(create(rule));
            else if (!ModelFindings.IsModelRule(rule.Descriptor.Id))
                throw new ReplyLintConfigurationException(rule.SourceName, 1, "$.kind", $"no C# analyzer implements code rule {rule.Descriptor.Id}");
        }
        return [.. rules];
    }
}

/// <summary>The result of fix-all: the new text, the fixes applied and the analysis of the new text.</summary>
public sealed record FixAllResult(string Text, IReadOnlyList<(Diagnostic Diagnostic, CodeFix Fix)> Applied, AnalysisResult Remaining)
{
    /// <summary>How many of <see cref="Applied"/> each pass applied, in order. A fix of pass 0 is against the text as
    /// given; a fix of pass N &gt; 0 against the text after pass N - 1 (its finding came from re-analysing that text).</summary>
    public IReadOnlyList<int> AppliedPerPass { get; init; } = [];
}
