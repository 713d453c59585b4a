using ReplyLint.Core.Configuration;
using ReplyLint.Core.Diagnostics;
using ReplyLint.Core.Engine;
using ReplyLint.Core.Structure;
using ReplyLint.Testing;
using Xunit;

namespace ReplyLint.Core.Tests.Engine;

public sealed class EngineTests
{
    private const string Mixed = "As I already said, you are wrong. We hereby confirm the RCA. It's not our fault.";

    [Fact]
    public void Findings_are_sorted_by_position_with_line_and_column()
    {
        var result = ReplyVerifier.DefaultEngine.Analyze("Hi Sam,\nAs I already said, you are wrong.");
        Assert.Equal(result.Diagnostics.OrderBy(d => d.Span.Start).Select(d => d.Id), result.Diagnostics.Select(d => d.Id));
        var wrong = result.Diagnostics.Single(d => d.Id == "RL2001");
        Assert.Equal(new ReplyLint.Core.Text.LinePosition(1, 19), wrong.LineSpan.Start);
        Assert.Equal(FindingSource.Rule, wrong.Source);
        Assert.InRange(wrong.Confidence, 0.01, 1);
        Assert.Equal("docs/rules/RL2001.md", wrong.Descriptor.HelpLink);
        Assert.Contains("you are wrong", wrong.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scores_drop_with_findings_per_family()
    {
        var clean = ReplyVerifier.DefaultEngine.Analyze("Thanks for the details! We've refunded the charge.");
        Assert.Equal(100, clean.OverallScore);
        Assert.All(clean.FamilyScores.Values, s => Assert.Equal(100, s));
        var bad = ReplyVerifier.DefaultEngine.Analyze(Mixed);
        Assert.True(bad.OverallScore < 50);
        Assert.True(bad.FamilyScores[RuleFamily.Defensiveness] < 100);
        Assert.True(bad.FamilyScores[RuleFamily.Jargon] < 100);
        Assert.Equal(100, bad.FamilyScores[RuleFamily.Empathy]);
    }

    [Fact]
    public void Per_call_overrides_turn_rules_and_families_off_and_change_severity()
    {
        var engine = ReplyVerifier.DefaultEngine;
        var overrides = new AnalysisOverrides
        {
            DisabledRules = ["RL1003"],
            DisabledFamilies = [RuleFamily.Jargon],
            SeverityOverrides = new Dictionary<string, Severity> { ["RL2001"] = Severity.Error },
            IncludeFixes = false,
        };
        var result = engine.Analyze(Mixed, overrides: overrides);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "RL1003" || d.Family == RuleFamily.Jargon);
        Assert.Equal(Severity.Error, result.Diagnostics.Single(d => d.Id == "RL2001").Severity);
        Assert.All(result.Diagnostics, d => Assert.Empty(d.Fixes));
        var warningsOnly = engine.Analyze("Our legal team will review the RCA.", overrides: new AnalysisOverrides { MinimumSeverity = Severity.Warning });
        Assert.DoesNotContain(warningsOnly.Diagnostics, d => d.Severity < Severity.Warning);
    }

    [Fact]
    public void Fix_all_applies_every_fix_and_the_findings_do_not_come_back()
    {
        var result = ReplyVerifier.DefaultEngine.FixAll(Mixed);
        // The RL1002 rewrite reads as an acknowledgement, and RL4002 moves it ahead of the facts.
        Assert.Equal("It's not what we want for you. There may be a mix-up. We confirm the review of what went wrong.", result.Text);
        Assert.Empty(result.Remaining.Diagnostics);
        var again = ReplyVerifier.DefaultEngine.FixAll(result.Text);
        Assert.Equal(result.Text, again.Text);
    }

    [Fact]
    public void A_model_that_failed_to_load_makes_the_answer_degraded_but_rules_still_run()
    {
        var engine = new ReplyLintEngine(modelStatus: ModelStatus.Failed("models/replylint.zip: file not found"));
        var result = engine.Analyze(Mixed);
        Assert.True(result.IsDegraded);
        Assert.Contains("models/replylint.zip", result.DegradedReason, StringComparison.Ordinal);
        Assert.NotEmpty(result.Diagnostics);
        Assert.False(ReplyVerifier.DefaultEngine.Analyze(Mixed).IsDegraded); // rules only by choice is not degraded
    }

    [Fact]
    public void Model_scores_join_rule_findings_and_flag_sentences_no_rule_caught()
    {
        // A fixed scorer stands in for the classifier here; the real model is tested in ReplyLint.Classifier.Tests.
        var model = new KeywordModel();
        var engine = new ReplyLintEngine(model: model);
        var result = engine.Analyze("You are wrong about the fee. Kindly note the matter was settled last week. We open at nine.");
        var rule = result.Diagnostics.Single(d => d.Id == "RL2001");
        Assert.Equal(0.95, rule.ModelConfidence!.Value, 3);
        var modelFinding = result.Diagnostics.Single(d => d.Id == "RL1900");
        Assert.Equal(FindingSource.Model, modelFinding.Source);
        Assert.Equal("Kindly note the matter was settled last week.", "You are wrong about the fee. Kindly note the matter was settled last week. We open at nine."
            .Substring(modelFinding.Span.Start, modelFinding.Span.Length));
        Assert.Equal("test-model", result.ModelVersion);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "RL2900"); // the rule already covers that sentence
    }

    [Fact]
    public void The_model_does_not_call_an_expected_delivery_defensive()
    {
        // "You should have received ..." says what the customer can expect; receiving is not their act to blame.
        var engine = new ReplyLintEngine(model: new KeywordModel());
        Assert.DoesNotContain(engine.Analyze("Kindly note you should have received the code by text.").Diagnostics, d => d.Id == "RL1900");
        Assert.DoesNotContain(engine.Analyze("Kindly note you should've been sent a reminder on Monday.").Diagnostics, d => d.Id == "RL1900");
        Assert.Contains(engine.Analyze("Kindly note you should have been more careful with the code.").Diagnostics, d => d.Id == "RL1900");
        // Getting the bigger size was the customer's own act: that is blame, not an expectation.
        Assert.Contains(engine.Analyze("Kindly note you should have gotten the bigger size.").Diagnostics, d => d.Id == "RL1900");
    }

    [Fact]
    public void An_apology_and_an_alternative_clear_a_model_denial_of_responsibility_but_not_blame()
    {
        // LABELLING: denying responsibility is defensive only "with no apology and no real alternative"; blaming the
        // customer (here: the answer was "right there") stays defensive after "sorry, but".
        var engine = new ReplyLintEngine(model: new KeywordModel());
        Assert.DoesNotContain(engine.Analyze("Sorry about that. Kindly note the warehouse closed early that day. We can offer an exchange.").Diagnostics,
            d => d.Id == "RL1900");
        Assert.Contains(engine.Analyze("Sorry about that. Kindly note the size chart was on the product page before you ordered. We can offer an exchange.").Diagnostics,
            d => d.Id == "RL1900");
    }

    [Fact]
    public void After_the_reply_admits_the_customer_is_right_the_model_does_not_call_the_explanation_defensive()
    {
        // LABELLING's hard negatives: "you are right", "we were wrong". What follows explains the admission.
        var engine = new ReplyLintEngine(model: new KeywordModel());
        const string customer = "I told you my address had changed and you still sent my card to the old one.";
        Assert.DoesNotContain(engine.Analyze("You're right, and I'm sorry. Kindly note the card had already been ordered. A new one is on its way.", customer).Diagnostics,
            d => d.Id is "RL1900" or "RL2900");
        Assert.Contains(engine.Analyze("Kindly note the card had already been ordered. A new one is on its way.", customer).Diagnostics,
            d => d.Id == "RL1900");
    }

    [Fact]
    public void An_apology_for_the_reply_s_lateness_does_not_clear_a_model_denial_after_it()
    {
        // LABELLING: a denial "without first acknowledging how it seemed to them". "Sorry, we missed your message"
        // apologises for the reply, not for what the customer saw; the model's acknowledgement score, reading its "sorry", does not
        // count there either. It still counts as an apology for RL4001.
        var engine = new ReplyLintEngine(model: new KeywordModel());
        const string customer = "My balance has been wrong since Monday.";
        var late = engine.Analyze("Sorry, we missed your message. Your balance is not wrong, it includes the pending refund.", customer).Diagnostics;
        Assert.Contains(late, d => d.Id == "RL2900" && d.Span.Start > 0);
        Assert.DoesNotContain(late, d => d.Id == "RL4001");
        Assert.DoesNotContain(engine.Analyze("Sorry for the trouble. Your balance is not wrong, it includes the pending refund.", customer).Diagnostics,
            d => d.Id == "RL2900");
        Assert.DoesNotContain(engine.Analyze("Sorry we missed your message, and sorry for the worry. Your balance is not wrong, it includes the pending refund.", customer).Diagnostics,
            d => d.Id == "RL2900");
    }

    [Fact]
    public void The_model_acknowledgement_score_counts_for_RL4001()
    {
        var engine = new ReplyLintEngine(model: new KeywordModel());
        Assert.DoesNotContain(engine.Analyze("We feel for you here. Your order ships Monday.", "My order is late!").Diagnostics, d => d.Id == "RL4001");
        Assert.Contains(ReplyVerifier.DefaultEngine.Analyze("We feel for you here. Your order ships Monday.", "My order is late!").Diagnostics, d => d.Id == "RL4001");
    }

    [Fact]
    public void The_model_does_not_judge_a_tweet_tail_of_initials_and_numbers()
    {
        var engine = new ReplyLintEngine(model: new JargonEverywhereModel());
        var diagnostics = engine.Analyze("Thanks for your patience while we fix this! ^JL 2/2").Diagnostics;
        Assert.Contains(diagnostics, d => d.Id == "RL3900" && d.Span.Start == 0);
        Assert.DoesNotContain(diagnostics, d => d.Id == "RL3900" && d.Span.Start > 0);
    }

    private sealed class JargonEverywhereModel : IToneModel
    {
        public string Version => "test-jargon";
        public ToneScores Thresholds => new(0.5f, 0.5f, 0.5f, 0.5f);

        public void Score(ReplyDocument document, Span<ToneScores> sentenceScores)
        {
            for (var i = 0; i < document.Sentences.Count; i++) sentenceScores[i] = new ToneScores(0.1f, 0.1f, 0.9f, 0.1f);
        }
    }

    /// <summary>Scores sentences by a keyword, so the merge can be checked exactly.</summary>
    private sealed class KeywordModel : IToneModel
    {
        public string Version => "test-model";
        public ToneScores Thresholds => new(0.5f, 0.5f, 0.5f, 0.5f);

        public void Score(ReplyDocument document, Span<ToneScores> sentenceScores)
        {
            for (var i = 0; i < document.Sentences.Count; i++)
            {
                var text = document.TextOf(document.Sentences[i]);
                sentenceScores[i] = new ToneScores(
                    text.Contains("Kindly note", StringComparison.Ordinal) ? 0.8f : 0.1f,
                    text.Contains("wrong", StringComparison.Ordinal) ? 0.95f : 0.1f,
                    0.05f,
                    // "Sorry" too, as a trained model scores any apology, whatever it is for.
                    text.Contains("feel for you", StringComparison.Ordinal) || text.Contains("Sorry", StringComparison.Ordinal) ? 0.9f : 0.1f);
            }
        }
    }
}
