using System.IO.Compression;
using ReplyLint.Classifier.Data;
using ReplyLint.Core.Engine;
using ReplyLint.Core.Structure;
using Xunit;

namespace ReplyLint.Classifier.Tests;

[Collection(ShippedModelCollection.Name)]
public sealed class ToneModelTests(ShippedModelFixture shipped)
{
    [Fact]
    public void The_default_path_finds_the_shipped_model()
    {
        // Copied next to the app by the build (or found by walking up to the repository's models/).
        Assert.EndsWith(Path.Combine("models", "replylint.zip"), shipped.Path);
        Assert.Equal(File.ReadAllBytes(RepoPaths.File("models", "replylint.zip")), File.ReadAllBytes(shipped.Path));
        Assert.Matches("^[0-9a-f]{12}$", shipped.Model.Version);
        Assert.All(ToneFamilies.All, f => Assert.InRange(shipped.Model.Thresholds.Get(f), 0.01f, 1f));
    }

    [Fact]
    public void Scores_are_probabilities_and_separate_an_obvious_case()
    {
        var document = ReplyDocument.Parse("Sorry about the delay with your parcel. You should have read the FAQ before ordering. Pursuant to clause 4, no refund is due.");
        var scores = new ToneScores[document.Sentences.Count];
        shipped.Model.Score(document, scores);
        Assert.All(scores, s => Assert.All(ToneFamilies.All, f => Assert.InRange(s.Get(f), 0f, 1f)));
        Assert.True(scores[0].Acknowledgement > scores[1].Acknowledgement);
        Assert.True(scores[1].Defensive > scores[0].Defensive);
        Assert.True(scores[2].Jargon > scores[0].Jargon);
    }

    [Fact]
    public void Compiled_trees_score_exactly_as_ML_NET_scores_the_same_model()
    {
        var inputs = TrainingCsv.Read(RepoPaths.File("data", "training", "curated.csv"), new List<DataProblem>())
            .Select(r => Scoring.ModelSchema.Input(r.Text, SentenceFeatures.ComputeWhole(r.Text))).ToList();
        var fast = shipped.Model.ScoreSentences(inputs);
        var reference = shipped.Model.ScoreWithMlNetChain(inputs);
        for (var i = 0; i < inputs.Count; i++)
            foreach (var family in ToneFamilies.All)
                Assert.Equal(reference[i].Get(family), fast[i].Get(family), 1e-5); // a tolerance, not rounding: rounding to 4 places flips on a 1e-8 difference at a boundary
    }

    [Fact]
    public void Compiled_featurizer_gives_ML_NET_featurizer_vectors_for_every_training_sentence()
    {
        Assert.Null(shipped.Model.CompiledFeaturizerProblem);
        var texts = Directory.GetFiles(RepoPaths.File("data", "training"), "*.csv").Order(StringComparer.Ordinal)
            .SelectMany(f => TrainingCsv.Read(f, new List<DataProblem>())).Select(r => r.Text)
            .Concat(["Thanks   for  waiting -- we're   on it!!", "!!!", "3/4", "Sorry 😞 we'll fix it", "Café crème is back.", "Use a|b syntax.", "Tab\there.",
                string.Join(' ', Enumerable.Repeat(new string('a', 100), 3)), "It's £79 (© 2024), ½ off: {deal} <now> [ok] #1 @you ~ `x`"])
            .ToList();
        var compiled = 0;
        foreach (var text in texts)
        {
            var vectors = shipped.Model.FeaturizeBothWays(text, SentenceFeatures.ComputeWhole(text));
            if (!vectors.Compiled) continue;
            compiled++;
            Assert.True(ToneModel.SameVector(vectors.Indices, vectors.Values, vectors.ReferenceIndices, vectors.ReferenceValues), text);
        }
        // Sentences with characters it does not reproduce (accents, '|', control characters) go to ML.NET.
        Assert.InRange(compiled, texts.Count * 95 / 100, texts.Count - 3);
    }

    [Fact]
    public void Compiled_featurizer_gives_ML_NET_featurizer_vectors_for_every_sentence_of_the_hand_written_reply_files()
    {
        // Whole replies as the engine splits them, with the emoji, no-break spaces and symbols of chat and social replies.
        var replies = Directory.GetFiles(RepoPaths.File("data", "eval"), "replies-*.jsonl").Order(StringComparer.Ordinal)
            .SelectMany(File.ReadLines).Where(line => line.Length > 0)
            .Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("text").GetString()!).ToList();
        int sentences = 0, compiled = 0, withEmoji = 0;
        foreach (var reply in replies)
        {
            var document = ReplyDocument.Parse(reply);
            var features = SentenceFeatures.ComputeAll(document);
            for (var s = 0; s < document.Sentences.Count; s++)
            {
                var text = document.TextOf(document.Sentences[s]);
                var vectors = shipped.Model.FeaturizeBothWays(text, features[s]);
                sentences++;
                if (!vectors.Compiled) continue;
                compiled++;
                if (text.Any(char.IsSurrogate)) withEmoji++;
                Assert.True(ToneModel.SameVector(vectors.Indices, vectors.Values, vectors.ReferenceIndices, vectors.ReferenceValues), text);
            }
        }
        Assert.InRange(compiled, sentences * 99 / 100, sentences);
        Assert.True(withEmoji >= 20, $"only {withEmoji} compiled sentences with emoji");
    }

    [Fact]
    public void Bitmask_scoring_and_walking_the_trees_give_the_same_raw_scores()
    {
        var texts = TrainingCsv.Read(RepoPaths.File("data", "training", "curated.csv"), new List<DataProblem>()).Select(r => r.Text).Take(300);
        var random = new Random(7);
        var trees = shipped.Model.TreeMembers.ToList();
        Assert.NotEmpty(trees);
        foreach (var text in texts)
        {
            var vectors = shipped.Model.FeaturizeBothWays(text, SentenceFeatures.ComputeWhole(text));
            // The sentence's own vector, and one with values moved across split thresholds.
            var shifted = vectors.ReferenceValues.Select(v => v * (float)(0.5 + random.NextDouble())).ToArray();
            foreach (var values in new[] { vectors.ReferenceValues, shifted })
                foreach (var member in trees)
                {
                    var row = new Scoring.FeatureRow(vectors.ReferenceIndices, values);
                    Assert.Equal(member.WalkRawScore(row), member.RawScore(row), 1e-4);
                }
        }
        // A negative value (never produced by the featurizer) is scored by walking.
        var negative = new Scoring.FeatureRow([10000], [-1f]);
        foreach (var member in trees) Assert.Equal(member.WalkRawScore(negative), member.RawScore(negative));
    }

    [Theory]
    [InlineData("!!!")]
    [InlineData("Sorry 😞 we'll fix it, as I already said.")]
    [InlineData("Café crème: you should have read the terms.")]
    [InlineData("Thanks   for  waiting -- we're   on it!!")]
    public void Sentences_either_featurizer_takes_score_as_ML_NET_scores_them(string text)
    {
        var input = Scoring.ModelSchema.Input(text, SentenceFeatures.ComputeWhole(text));
        var fast = shipped.Model.ScoreSentences([input])[0];
        var reference = shipped.Model.ScoreWithMlNetChain([input])[0];
        foreach (var family in ToneFamilies.All) Assert.Equal(reference.Get(family), fast.Get(family), 1e-5);
    }

    [Fact]
    public void Both_member_kinds_and_their_mean_score_exactly_as_ML_NET_scores_them()
    {
        // A small model forced to average FastTree and logistic regression in every family: covers both compiled paths.
        var curated = TrainingCsv.Read(RepoPaths.File("data", "training", "curated.csv"), new List<DataProblem>());
        var generated = TrainingDataGenerator.Generate(new GeneratorConfig { Seed = 5, Rows = 400 });
        var trained = ReplyLint.Classifier.Training.ToneTrainer.Train([.. curated, .. generated],
            new ReplyLint.Classifier.Training.TrainingOptions { NumberOfTrees = 20, NumberOfLeaves = 8, Folds = 3, ForceCandidate = ReplyLint.Classifier.Training.Candidate.Mean });
        Assert.All(trained.Families, f => Assert.Equal("mean", f.Chosen));
        using var temp = new TempFolder();
        var path = temp.File("mean.zip");
        File.WriteAllBytes(path, trained.ModelBytes);
        using var model = ToneModel.Load(path);
        var inputs = curated.Take(150).Select(r => Scoring.ModelSchema.Input(r.Text, SentenceFeatures.ComputeWhole(r.Text))).ToList();
        var fast = model.ScoreSentences(inputs);
        var reference = model.ScoreWithMlNetChain(inputs);
        for (var i = 0; i < inputs.Count; i++)
            foreach (var family in ToneFamilies.All)
                Assert.Equal(reference[i].Get(family), fast[i].Get(family), 1e-5); // a tolerance, not rounding: rounding to 4 places flips on a 1e-8 difference at a boundary
    }

    [Fact]
    public void Parallel_scoring_gives_the_same_answers_as_sequential()
    {
        var texts = TrainingCsv.Read(RepoPaths.File("data", "training", "curated.csv"), new List<DataProblem>())
            .Select(r => r.Text).Take(120).Select((t, i) => i % 3 == 0 ? t : t + " Thanks for your patience. " + t).ToArray();
        var documents = texts.Select(ReplyDocument.Parse).ToArray();
        ToneScores[] ScoreOne(ReplyDocument d)
        {
            var s = new ToneScores[d.Sentences.Count];
            shipped.Model.Score(d, s);
            return s;
        }
        var sequential = documents.Select(ScoreOne).ToArray();
        var parallel = new ToneScores[documents.Length][];
        Parallel.For(0, documents.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => parallel[i] = ScoreOne(documents[i]));
        for (var i = 0; i < documents.Length; i++) Assert.Equal(sequential[i], parallel[i]);
    }

    [Fact]
    public void A_missing_file_throws_naming_the_path_and_TryLoad_gives_a_degraded_engine()
    {
        using var temp = new TempFolder();
        var path = temp.File("nope.zip");
        var e = Assert.Throws<ModelLoadException>(() => ToneModel.Load(path));
        Assert.Equal(path, e.Path);
        Assert.Contains(path, e.Message);

        var (model, status) = ToneModel.TryLoad(path);
        Assert.Null(model);
        Assert.False(status.IsLoaded);
        Assert.Contains(path, status.Problem);
        var engine = new ReplyLintEngine(model: model, modelStatus: status);
        Assert.True(engine.IsDegraded);
        var result = engine.Analyze("You should have read the manual.");
        Assert.True(result.IsDegraded);
        Assert.Contains(path, result.DegradedReason);
    }

    public static TheoryData<string> CorruptFiles => new() { "garbage", "truncated", "no-manifest", "bad-manifest", "wrong-features", "missing-entry" };

    [Theory]
    [MemberData(nameof(CorruptFiles))]
    public void A_corrupt_file_throws_naming_the_path(string kind)
    {
        using var temp = new TempFolder();
        var path = temp.File(kind + ".zip");
        var shippedBytes = File.ReadAllBytes(shipped.Path);
        switch (kind)
        {
            case "garbage": File.WriteAllBytes(path, "this is not a zip file"u8.ToArray()); break;
            case "truncated": File.WriteAllBytes(path, shippedBytes[..(shippedBytes.Length / 2)]); break;
            default:
                File.WriteAllBytes(path, shippedBytes);
                using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
                {
                    var manifest = zip.GetEntry("manifest.json")!;
                    string json;
                    using (var reader = new StreamReader(manifest.Open())) json = reader.ReadToEnd();
                    manifest.Delete();
                    if (kind == "no-manifest") break;
                    json = kind switch
                    {
                        "bad-manifest" => json[..(json.Length / 2)],
                        "wrong-features" => json.Replace("\"words_log\"", "\"renamed_feature\"", StringComparison.Ordinal),
                        _ => System.Text.RegularExpressions.Regex.Replace(json, "\"defensive\\.(fasttree|linear)\\.zip\"", "\"absent.zip\""),
                    };
                    using var writer = new StreamWriter(zip.CreateEntry("manifest.json").Open());
                    writer.Write(json);
                }
                break;
        }
        var e = Assert.Throws<ModelLoadException>(() => ToneModel.Load(path));
        Assert.Equal(path, e.Path);
        Assert.Contains(path, e.Message);
        Assert.False(string.IsNullOrWhiteSpace(e.Reason));
        var (model, status) = ToneModel.TryLoad(path);
        Assert.Null(model);
        Assert.Contains(path, status.Problem);
    }
}
