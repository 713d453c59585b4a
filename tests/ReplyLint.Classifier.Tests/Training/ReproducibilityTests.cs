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

        Assert.Equal(first.Families, second.Families);
        Assert.Equal(first.ModelBytes, second.ModelBytes);
        Assert.All(first.Families, f => Assert.True(f.Validation.Count > 0));
    }

    [Fact]
    public void A_different_seed_changes_the_split()
    {
        var rows = Sample();
        var parts = rows.Select(r => ToneTrainer.PartOf(r.Text, Small)).ToList();
        var other = rows.Select(r => ToneTrainer.PartOf(r.Text, Small with { Seed = Small.Seed + 1 })).ToList();
        Assert.NotEqual(parts, other);
        // Seeded split shares: about 70 / 15 / 15.
        Assert.InRange(parts.Count(p => p == SplitPart.Train) / (double)rows.Count, 0.6, 0.8);
    }

    [Fact]
    public void A_family_without_positives_is_a_clear_error()
    {
        var rows = Enumerable.Range(0, 60).Select(i => new LabelledSentence($"Sentence number {i} is fine.", LabelSet.AllZero, "t")).ToList();
        var e = Assert.Throws<InvalidOperationException>(() => ToneTrainer.Train(rows, Small));
        Assert.Contains("defensive", e.Message);
    }

    [Fact]
    public void Thresholds_reach_the_target_precision_and_respect_the_floor()
    {
        var scored = new List<(bool, float)>();
        for (var i = 0; i < 100; i++) scored.Add((i >= 40, i / 100f)); // perfect separation above 0.40
        var (threshold, reached) = ToneTrainer.ChooseThreshold(scored, new TrainingOptions { TargetPrecision = 0.8, MinimumThreshold = 0.2 });
        Assert.True(reached);
        Assert.Equal(0.25f, threshold); // 60 TP (0.40..0.99) + 15 FP (0.25..0.39): precision 0.8 exactly; one lower dips below
        var (floored, _) = ToneTrainer.ChooseThreshold(scored, new TrainingOptions { TargetPrecision = 0.8, MinimumThreshold = 0.5 });
        Assert.Equal(0.5f, floored);
    }
}
