using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;
using ReplyLint.Classifier.Data;
using ReplyLint.Classifier.Scoring;
using ReplyLint.Classifier.Training;
using ReplyLint.Core.Engine;
using Xunit;

namespace ReplyLint.Classifier.Tests;

/// <summary>
/// The compiled featurizer must give ML.NET's vectors for every sentence it takes, whatever model it serves: these
/// tests check ML.NET itself, character by character, and models trained on the characters that once differed.
/// </summary>
public sealed class CompiledFeaturizerTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private sealed class Row
    {
        public string Text { get; set; } = "";
    }

    private static IEnumerable<char> TakenCharacters() =>
        Enumerable.Range(1, 0xFFFF).Select(i => (char)i)
            .Where(c => CompiledFeaturizer.IsReproduced(c) && !char.IsPunctuation(c) && !char.IsNumber(c));

    [Fact]
    public void ML_NET_normalizes_every_character_it_takes_to_its_invariant_lower_case()
    {
        var characters = TakenCharacters().ToList();
        var ml = new MLContext(seed: 0);
        var data = ml.Data.LoadFromEnumerable(characters.Select(c => new Row { Text = "a" + c + "b" }));
        // The trainer's options (ToneTrainer.FitFeaturizer): lower case, no diacritics, punctuation or numbers.
        var normalized = ml.Transforms.Text.NormalizeText("Normalized", nameof(Row.Text), TextNormalizingEstimator.CaseMode.Lower,
            keepDiacritics: false, keepPunctuations: false, keepNumbers: false).Fit(data).Transform(data).GetColumn<string>("Normalized").ToList();

        var differing = characters.Where((c, i) => normalized[i] != "a" + char.ToLowerInvariant(c) + "b").Select(c => $"U+{(int)c:X4}").ToList();
        Assert.True(differing.Count == 0, "normalized otherwise by ML.NET: " + string.Join(", ", differing.Take(40)));
        Assert.Contains('Ⓐ', characters); // a character ToLowerInvariant changes is among them
    }

    [Fact]
    public void ML_NET_names_the_slot_of_every_character_it_takes_by_the_character_itself_except_surrogates()
    {
        var ml = new MLContext(seed: 0);
        var data = ml.Data.LoadFromEnumerable(new[] { new Row { Text = "a" } });
        var schema = ml.Transforms.Text.TokenizeIntoCharactersAsKeys("Chars", nameof(Row.Text)).Fit(data).GetOutputSchema(data.Schema);
        VBuffer<ReadOnlyMemory<char>> names = default;
        schema["Chars"].GetKeyValues(ref names);
        var byKey = names.DenseValues().Select(n => n.ToString()).ToArray();

        // Key k names character k (key 0 is "missing"); the space has a marker name, which TryParseTrigram reads.
        string Expected(char c) => c == ' ' ? "<␠>" : char.IsSurrogate(c) ? CompiledFeaturizer.EscapedCharName : c.ToString();
        var differing = TakenCharacters().Where(c => byKey[c - 1] != Expected(c))
            .Select(c => $"U+{(int)c:X4} '{byKey[c - 1]}'").ToList();
        Assert.True(differing.Count == 0, "named otherwise by ML.NET: " + string.Join(", ", differing.Take(40)));
    }

    private ToneModel TrainWith(string name, IEnumerable<string> extraSentences)
    {
        var curated = TrainingCsv.Read(RepoPaths.File("data", "training", "curated.csv"), new List<DataProblem>())
            .Where(r => !r.Text.Any(char.IsSurrogate));
        var generated = TrainingDataGenerator.Generate(new GeneratorConfig { Seed = 11, Rows = 700 });
        List<LabelledSentence> rows = [.. curated.Where((_, i) => i % 2 == 0), .. generated,
            .. extraSentences.Select(t => new LabelledSentence(t, LabelSet.AllZero, "test"))];
        var result = ToneTrainer.Train(rows, new TrainingOptions { NumberOfTrees = 20, NumberOfLeaves = 8, Folds = 3 });
        var path = _temp.File(name + ".zip");
        File.WriteAllBytes(path, result.ModelBytes);
        return ToneModel.Load(path);
    }

    [Fact]
    public void A_model_whose_vocabulary_holds_emoji_other_scripts_and_circled_letters_keeps_the_compiled_featurizer_and_ML_NET_vectors()
    {
        // Real exports carry emoji and other scripts: their n-grams enter the vocabulary (accents do not: ML.NET strips
        // them), and must not cost the fast path.
        using var model = TrainWith("emoji", Enumerable.Range(0, 150).SelectMany(i => new[]
        {
            $"Thanks so much 😊🙌 order {i} is on its way 👍",
            $"Ⓣⓗⓐⓝⓚⓢ ⓕⓞⓡ ⓦⓐⓘⓣⓘⓝⓖ, order {i} is on its way.",
            $"Спасибо, order {i} to Hauptstraße is on its way.",
        }));
        Assert.True(model.CompiledFeaturizerProblem is null, model.CompiledFeaturizerProblem);

        string[] sentences = ["We are sorry about the delay.", "Thanks so much 😊🙌 we'll sort it 👍", "Ⓣⓗⓐⓝⓚⓢ ⓕⓞⓡ ⓦⓐⓘⓣⓘⓝⓖ.", "Ⓢⓞⓡⓡⓨ!",
            "Спасибо, your order is on its way.", "Your order to the Hauptstraße is on its way.", "Your order is on its way, José."];
        foreach (var text in sentences)
        {
            var vectors = model.FeaturizeBothWays(text, SentenceFeatures.ComputeWhole(text));
            // Emoji trigrams have slots named "\u4X" here, so emoji sentences go to ML.NET, as other scripts and accents
            // always do; the others are compiled.
            Assert.Equal(!text.Any(c => char.IsSurrogate(c) || c > '\u00BF' && char.IsLetter(c)), vectors.Compiled);
            if (vectors.Compiled)
                Assert.True(ToneModel.SameVector(vectors.Indices, vectors.Values, vectors.ReferenceIndices, vectors.ReferenceValues), text);
        }
    }

    [Fact]
    public void A_model_the_compiled_featurizer_cannot_read_says_why_and_scores_as_ML_NET_does()
    {
        // '|' separates n-grams in ML.NET's slot names, so a trigram holding it cannot be read back.
        using var model = TrainWith("pipes", Enumerable.Range(0, 150).Select(i => $"Use the a|b|c syntax for rule {i}."));
        Assert.NotNull(model.CompiledFeaturizerProblem);
        Assert.Contains("is not a trigram this class reads", model.CompiledFeaturizerProblem);
        Assert.DoesNotContain("a|b", model.CompiledFeaturizerProblem); // slots are named by number: their names are training text
        var inputs = new[] { "You should have read the manual.", "Use a|b here." }
            .Select(t => Classifier.Scoring.ModelSchema.Input(t, SentenceFeatures.ComputeWhole(t))).ToList();
        var scores = model.ScoreSentences(inputs);
        var reference = model.ScoreWithMlNetChain(inputs);
        for (var i = 0; i < inputs.Count; i++)
            foreach (var family in ToneFamilies.All) Assert.Equal(reference[i].Get(family), scores[i].Get(family), 1e-5);

        // The CLI says so when it loads such a model.
        var draft = _temp.File("draft.txt");
        File.WriteAllText(draft, "You should have read the manual.");
        var (exit, _, error) = Cli.TrainAndEvalCommandTests.RunTool(_temp.Path, "lint", draft, "--model", _temp.File("pipes.zip"));
        Assert.True(exit is 0 or 1, error);
        Assert.Contains("replylint: warning: this model is featurized by ML.NET, about 30 times slower", error, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();
}
