using ReplyLint.Classifier.Data;
using ReplyLint.Classifier.Training;
using Xunit;

namespace ReplyLint.Classifier.Tests.Data;

public sealed class GeneratorTests
{
    [Fact]
    public void Same_seed_gives_the_same_bytes()
    {
        var config = new GeneratorConfig { Seed = 7, Rows = 800 };
        Assert.Equal(TrainingDataGenerator.ToCsvBytes(config), TrainingDataGenerator.ToCsvBytes(config));
    }

    [Fact]
    public void A_different_seed_gives_different_rows()
    {
        Assert.NotEqual(TrainingDataGenerator.ToCsvBytes(new GeneratorConfig { Seed = 1, Rows = 300 }),
            TrainingDataGenerator.ToCsvBytes(new GeneratorConfig { Seed = 2, Rows = 300 }));
    }

    [Fact]
    public void The_committed_generated_csv_is_what_generator_json_produces()
    {
        var folder = RepoPaths.File("data", "training");
        var config = GeneratorConfig.Load(Path.Combine(folder, GeneratorConfig.FileName));
        var committed = File.ReadAllBytes(Path.Combine(folder, GeneratorConfig.OutputFileName));
        Assert.True(committed.SequenceEqual(TrainingDataGenerator.ToCsvBytes(config)),
            "generated.csv is stale: run train with --regenerate (or TrainingDataGenerator.WriteFromConfig) and commit it");
    }

    [Fact]
    public void Generated_rows_judge_only_their_own_problem_family_and_cover_every_family()
    {
        var rows = TrainingDataGenerator.Generate(new GeneratorConfig { Seed = 3, Rows = 2000 });
        ToneFamily[] problemFamilies = [ToneFamily.Defensive, ToneFamily.PerceptionDenial, ToneFamily.Jargon];
        Assert.All(rows, r =>
        {
            Assert.NotNull(r.Labels[ToneFamily.Acknowledgement]);
            var positive = problemFamilies.Where(f => r.Labels[f] == true).ToList();
            // A problem example leaves the other problem families blank; any other row is 0 in all three.
            Assert.All(problemFamilies.Except(positive), f => Assert.Equal(positive.Count > 0 ? null : false, r.Labels[f]));
        });
        foreach (var family in ToneFamilies.All)
            Assert.InRange(rows.Count(r => r.Labels[family] == true), 100, 1000);
        Assert.Contains(rows, r => r.Labels == LabelSet.AllZero);
    }

    [Fact]
    public void The_generator_never_produces_a_held_out_evaluation_sentence()
    {
        var problems = new List<DataProblem>();
        var held = new[] { "model-paraphrases.csv", "model-paraphrases-3.csv" }
            .SelectMany(file => TrainingCsv.Read(RepoPaths.File("data", "eval", file), problems))
            .Select(r => ToneTrainer.Normalize(r.Text)).ToHashSet();
        Assert.True(held.Count >= 200);
        var config = GeneratorConfig.Load(RepoPaths.File("data", "training", GeneratorConfig.FileName));
        var overlap = TrainingDataGenerator.Generate(config with { Rows = config.Rows * 3 })
            .Where(r => held.Contains(ToneTrainer.Normalize(r.Text))).Select(r => r.Text).ToList();
        Assert.Empty(overlap);
    }
}
