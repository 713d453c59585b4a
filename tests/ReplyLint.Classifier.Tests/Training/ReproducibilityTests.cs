using System.Text.Json;
using ReplyLint.Classifier.Data;
using ReplyLint.Classifier.Training;
using Xunit;

namespace ReplyLint.Classifier.Tests.Training;

public sealed class ReproducibilityTests
{
    private static readonly TrainingOptions Small = new() { NumberOfTrees = 30, NumberOfLeaves = 8 };

    private static List<LabelledSentence> Sample()
    {
        var curated = TrainingCsv.Read(RepoPaths.File("data", "training", "curated.csv"), new List<DataProblem>());
        var generated = TrainingDataGenerator.Generate(new GeneratorConfig { Seed = 11, Rows = 700 });
        return [.. curated.Where((_, i) => i % 2 == 0), .. generated];
    }

    [Fact]
    public void Same_seed_and_data_give_the_same_metrics_and_the_same_model_bytes()
    {
        var rows = Sample();
        var first = ToneTrainer.Train(rows, Small);
        var second = ToneTrainer.Train(rows, Small);

        Assert.Equal(JsonSerializer.Serialize(first.Families), JsonSerializer.Serialize(second.Families));
        Assert.Equal(first.ModelBytes, second.ModelBytes);
        Assert.All(first.Families, f =>
        {
            Assert.True(f.OutOfFold.Count > 0);
            Assert.Equal(f.HandRows, f.OutOfFold.Count); // every hand-labelled row is scored out of fold
            Assert.Equal(["fasttree", "linear", "mean"], f.Candidates.Select(c => c.Candidate));
            Assert.Contains(f.Chosen, f.Candidates.Select(c => c.Candidate));
        });
    }

    [Fact]
    public void A_different_seed_changes_the_folds_and_the_folds_are_balanced()
    {
        var rows = Sample();
        var folds = rows.Select(r => ToneTrainer.FoldOf(r.Text, Small)).ToList();
        var other = rows.Select(r => ToneTrainer.FoldOf(r.Text, Small with { Seed = Small.Seed + 1 })).ToList();
        Assert.NotEqual(folds, other);
        Assert.All(Enumerable.Range(0, Small.Folds), k => Assert.InRange(folds.Count(f => f == k) / (double)rows.Count, 0.12, 0.28));
        // Duplicates (after case and whitespace normalisation) share a fold, so a row never tests its own copy.
        Assert.Equal(ToneTrainer.FoldOf("You should have  read the FAQ.", Small), ToneTrainer.FoldOf("you should have read the faq.", Small));
    }

    [Fact]
    public void A_family_without_positives_is_a_clear_error()
    {
        var rows = Enumerable.Range(0, 60).Select(i => new LabelledSentence($"Sentence number {i} is fine.", LabelSet.AllZero, "t")).ToList();
        var e = Assert.Throws<InvalidOperationException>(() => ToneTrainer.Train(rows, Small));
        Assert.Contains("defensive", e.Message);
    }

    [Fact]
    public void Thresholds_reach_the_target_precision_and_respect_the_floor_and_the_false_positive_budget()
    {
        var scored = new List<(bool, float)>();
        for (var i = 0; i < 100; i++) scored.Add((i >= 40, i / 100f)); // perfect separation above 0.40
        var (threshold, reached) = ToneTrainer.ChooseThreshold(scored, new TrainingOptions { TargetPrecision = 0.8, MinimumThreshold = 0.2 }, maximumFalsePositiveRate: 1);
        Assert.True(reached);
        Assert.Equal(0.25f, threshold); // 60 TP (0.40..0.99) + 15 FP (0.25..0.39): precision 0.8 exactly; one lower dips below
        var (floored, _) = ToneTrainer.ChooseThreshold(scored, new TrainingOptions { TargetPrecision = 0.8, MinimumThreshold = 0.5 }, maximumFalsePositiveRate: 1);
        Assert.Equal(0.5f, floored);
        // A false-positive budget of 10% of the 40 negatives: at most 4 flagged (0.36..0.39), even though precision allows 15.
        var (capped, cappedReached) = ToneTrainer.ChooseThreshold(scored, new TrainingOptions { TargetPrecision = 0.8, MinimumThreshold = 0.2 }, maximumFalsePositiveRate: 0.1);
        Assert.True(cappedReached);
        Assert.Equal(0.36f, capped);
    }

    [Fact]
    public void A_family_cap_overrides_the_general_false_positive_cap_for_that_family_only()
    {
        var options = new TrainingOptions
        {
            MaximumFalsePositiveRate = 0.005,
            FamilyMaximumFalsePositiveRates = new Dictionary<string, double> { ["perception_denial"] = 0.02 },
        };
        Assert.Equal(0.02, options.MaximumFalsePositiveRateFor(ToneFamily.PerceptionDenial));
        Assert.Equal(0.005, options.MaximumFalsePositiveRateFor(ToneFamily.Defensive));
        var unknown = options with { FamilyMaximumFalsePositiveRates = new Dictionary<string, double> { ["rudeness"] = 0.1 } };
        Assert.Throws<ArgumentOutOfRangeException>(unknown.Validate);
    }

    [Fact]
    public void Repeated_cross_validation_is_reproducible_and_each_repeat_has_its_own_split()
    {
        var rows = Sample();
        // Repeat 0 is the single run's split; later repeats split differently, each balanced.
        Assert.Equal(rows.Select(r => ToneTrainer.FoldOf(r.Text, Small)), rows.Select(r => ToneTrainer.FoldOf(r.Text, Small, repeat: 0)));
        var second = rows.Select(r => ToneTrainer.FoldOf(r.Text, Small, repeat: 1)).ToList();
        Assert.NotEqual(rows.Select(r => ToneTrainer.FoldOf(r.Text, Small)), second);
        Assert.All(Enumerable.Range(0, Small.Folds), k => Assert.InRange(second.Count(f => f == k) / (double)rows.Count, 0.12, 0.28));

        var twice = Small with { CrossValidationRepeats = 2 };
        var first = ToneTrainer.Train(rows, twice);
        var again = ToneTrainer.Train(rows, twice);
        Assert.Equal(first.ModelBytes, again.ModelBytes);
        Assert.All(first.Families, f => Assert.Equal(f.HandRows, f.OutOfFold.Count)); // every hand row scored, once
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public void Cross_validation_repeats_outside_1_to_10_are_rejected(int repeats)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(new TrainingOptions { CrossValidationRepeats = repeats }.Validate);
        Assert.Equal(nameof(TrainingOptions.CrossValidationRepeats), e.ParamName);
    }
}
