using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Transforms.Text;
using ReplyLint.Classifier.Data;
using ReplyLint.Classifier.Evaluation;
using ReplyLint.Classifier.Scoring;
using ReplyLint.Core.Engine;

namespace ReplyLint.Classifier.Training;

/// <summary>Where a row went in the seeded split.</summary>
public enum SplitPart
{
    Train,
    Calibration,
    Validation,
}

/// <summary>How one family's predictor did on the held-out validation rows, at its chosen threshold.</summary>
public sealed record FamilyReport(string Family, float Threshold, bool ReachedTargetPrecision, int TrainRows, int TrainPositives,
    int CalibrationRows, int CalibrationPositives, BinaryMetrics Validation, double ValidationAuc);

/// <summary>The outcome of a training run: the model file's bytes plus what the model card needs.</summary>
public sealed record TrainingResult(byte[] ModelBytes, TrainingOptions Options, IReadOnlyList<FamilyReport> Families,
    int Rows, int TrainRows, int CalibrationRows, int ValidationRows, int FeatureCount, TimeSpan Duration);

/// <summary>
/// Trains the tone model: a text featurizer (word 1–2-grams and character 3-grams, rare n-grams dropped) fitted
/// once, then per family a seeded FastTree on [n-grams + core features] with a Platt calibrator fitted on held-out
/// calibration rows, and a threshold chosen on those rows for a target precision.
/// </summary>
public static class ToneTrainer
{
    public static TrainingResult Train(IReadOnlyList<LabelledSentence> rows, TrainingOptions options, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        options.Validate();
        var clock = Stopwatch.StartNew();
        var ml = new MLContext(seed: options.Seed);

        progress?.Report($"computing core features for {rows.Count} rows");
        var prepared = rows.Select(r => (Row: r, Features: r.ContextFeatures ?? SentenceFeatures.ComputeWhole(r.Text), Part: PartOf(r.Text, options)))
            .ToList();
        var train = prepared.Where(p => p.Part == SplitPart.Train).ToList();
        var calibration = prepared.Where(p => p.Part == SplitPart.Calibration).ToList();
        var validation = prepared.Where(p => p.Part == SplitPart.Validation).ToList();
        if (train.Count == 0 || calibration.Count == 0 || validation.Count == 0)
            throw new InvalidOperationException($"too few rows to train ({rows.Count}): the split left train {train.Count}, calibration {calibration.Count}, validation {validation.Count}");

        progress?.Report($"fitting the text featurizer on {train.Count} training rows");
        var featurizer = FitFeaturizer(ml, train.Select(p => ModelSchema.Input(p.Row.Text, p.Features)), options);
        var featureCount = FeatureCount(featurizer, ml);

        var reports = new List<FamilyReport>();
        var predictors = new List<(ToneFamily Family, ITransformer Predictor, float Threshold)>();
        foreach (var family in ToneFamilies.All)
        {
            var familyTrain = Known(train, family, options.HandLabelledWeight);
            var familyCalibration = Known(calibration, family);
            var familyValidation = Known(validation, family);
            var positives = familyTrain.Count(r => r.Label);
            if (positives == 0 || positives == familyTrain.Count)
                throw new InvalidOperationException($"cannot train '{family.ColumnName()}': the training rows need both 1s and 0s (found {positives} of {familyTrain.Count})");
            progress?.Report($"training {family.ColumnName()}: {familyTrain.Count} rows ({positives} positive), {options.NumberOfTrees} trees");

            // Materialise the features once: FastTree reads its input several times.
            var trainView = ml.Data.Cache(featurizer.Transform(ModelSchema.Load(ml, familyTrain)));
            var familyClock = Stopwatch.StartNew();
            var trainer = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
            {
                LabelColumnName = ModelSchema.LabelColumn,
                FeatureColumnName = ModelSchema.FeaturesColumn,
                ExampleWeightColumnName = ModelSchema.WeightColumn,
                NumberOfTrees = options.NumberOfTrees,
                NumberOfLeaves = options.NumberOfLeaves,
                MinimumExampleCountPerLeaf = options.MinimumExampleCountPerLeaf,
                LearningRate = options.LearningRate,
                // The MLContext seed does not reach FastTree (DOTNET-NOTES): seed it, or two seeds give one model.
                Seed = options.Seed,
                NumberOfThreads = 2,
            });
            var tree = trainer.Fit(trainView);
            progress?.Report($"  {family.ColumnName()}: trees fitted in {familyClock.Elapsed.TotalSeconds:0.0} s");

            // FastTree's own sigmoid is overconfident: fit Platt on rows the trees never saw.
            var calibrationView = tree.Transform(featurizer.Transform(ModelSchema.Load(ml, familyCalibration)));
            var platt = ml.BinaryClassification.Calibrators.Platt(ModelSchema.LabelColumn, "Score").Fit(calibrationView);
            var predictor = new TransformerChain<ITransformer>(tree, platt);

            var calibrationScores = Probabilities(ml, predictor, featurizer, familyCalibration);
            // Thresholds come from the hand-labelled calibration rows when there are enough of them: generated
            // rows are easy for the model, so on them almost any threshold looks precise.
            var handLabelled = calibration.Where(p => p.Row.Labels[family] is not null)
                .Select(p => p.Row.Source != TrainingDataGenerator.SourceName).ToList();
            var handScores = calibrationScores.Where((_, i) => handLabelled[i]).ToList();
            var thresholdRows = handScores.Count(s => s.Actual) >= options.MinimumHandLabelledPositives ? handScores : calibrationScores;
            var (threshold, reached) = ChooseThreshold(thresholdRows, options);
            var validationScores = Probabilities(ml, predictor, featurizer, familyValidation);
            var metrics = BinaryMetrics.From(validationScores.Select(s => (s.Actual, s.Score >= threshold)));
            reports.Add(new FamilyReport(family.ColumnName(), threshold, reached, familyTrain.Count, positives,
                familyCalibration.Count, familyCalibration.Count(r => r.Label), metrics, BinaryMetrics.Auc(validationScores)));
            predictors.Add((family, predictor, threshold));
        }

        progress?.Report("writing the model file");
        var bytes = Package(ml, featurizer, predictors, options, rows);
        return new TrainingResult(bytes, options, reports, rows.Count, train.Count, calibration.Count, validation.Count, featureCount, clock.Elapsed);
    }

    /// <summary>The seeded split: a hash of the seed and the normalised text, so duplicates land together.</summary>
    public static SplitPart PartOf(string text, TrainingOptions options)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{options.Seed}\u001f{Normalize(text)}"), hash);
        var bucket = BitConverter.ToUInt32(hash) / (double)uint.MaxValue;
        if (bucket < options.ValidationFraction) return SplitPart.Validation;
        if (bucket < options.ValidationFraction + options.CalibrationFraction) return SplitPart.Calibration;
        return SplitPart.Train;
    }

    internal static string Normalize(string text) =>
        string.Join(' ', text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>
    /// The lowest threshold (not below the floor) at which precision on the calibration rows, for every
    /// threshold at or above it, stays at the target: walking down from the top, stop at the first dip.
    /// </summary>
    internal static (float Threshold, bool Reached) ChooseThreshold(IReadOnlyList<(bool Actual, float Score)> scored, TrainingOptions options)
    {
        var floor = (float)options.MinimumThreshold;
        var ordered = scored.Where(s => s.Score >= floor).OrderByDescending(s => s.Score).ToList();
        int tp = 0, fp = 0;
        float? best = null;
        for (var i = 0; i < ordered.Count;)
        {
            var score = ordered[i].Score;
            while (i < ordered.Count && ordered[i].Score == score)
            {
                if (ordered[i].Actual) tp++; else fp++;
                i++;
            }
            if ((double)tp / (tp + fp) >= options.TargetPrecision) best = score;
            else if (tp + fp >= 5) break; // a dip past the first handful of rows: precision will not recover reliably
        }
        if (best is { } threshold) return (Math.Max(threshold, floor), true);
        // Nothing reaches the target: only fire when the model is all but certain.
        return (Math.Max(0.95f, floor), false);
    }

    private static List<SentenceInput> Known(List<(LabelledSentence Row, float[] Features, SplitPart Part)> rows, ToneFamily family,
        double handLabelledWeight = 1) =>
        rows.Where(p => p.Row.Labels[family] is not null)
            .Select(p => ModelSchema.Input(p.Row.Text, p.Features, p.Row.Labels[family]!.Value,
                p.Row.Source == TrainingDataGenerator.SourceName ? 1f : (float)handLabelledWeight))
            .ToList();

    private static List<(bool Actual, float Score)> Probabilities(MLContext ml, ITransformer predictor, ITransformer featurizer, List<SentenceInput> rows)
    {
        var scored = predictor.Transform(featurizer.Transform(ModelSchema.Load(ml, rows)));
        var probabilities = scored.GetColumn<float>("Probability").ToList();
        return rows.Select((r, i) => (r.Label, float.IsNaN(probabilities[i]) ? 0f : probabilities[i])).ToList();
    }

    private static ITransformer FitFeaturizer(MLContext ml, IEnumerable<SentenceInput> rows, TrainingOptions options)
    {
        var text = new TextFeaturizingEstimator.Options
        {
            CaseMode = Microsoft.ML.Transforms.Text.TextNormalizingEstimator.CaseMode.Lower,
            KeepDiacritics = false,
            KeepPunctuations = false,
            KeepNumbers = false,
            // Capped dictionaries (most frequent n-grams) instead of a slot-dropping step: the scoring chain stays
            // short and the vectors small, which is what a sub-millisecond reply needs.
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true, MaximumNgramsCount = [options.MaximumWordNgrams, options.MaximumWordNgrams] },
            CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 3, UseAllLengths = false, MaximumNgramsCount = [options.MaximumCharNgrams] },
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        };
        var estimator = ml.Transforms.Text.FeaturizeText(ModelSchema.TextFeaturesColumn, text, ModelSchema.TextColumn)
            .Append(ml.Transforms.Concatenate(ModelSchema.FeaturesColumn, ModelSchema.TextFeaturesColumn, ModelSchema.CoreFeaturesColumn));
        return estimator.Fit(ModelSchema.Load(ml, rows));
    }

    private static int FeatureCount(ITransformer featurizer, MLContext ml)
    {
        var schema = featurizer.GetOutputSchema(ModelSchema.Load(ml, []).Schema);
        return schema[ModelSchema.FeaturesColumn].Type is VectorDataViewType vector ? vector.Size : 0;
    }

    private static byte[] Package(MLContext ml, ITransformer featurizer, List<(ToneFamily Family, ITransformer Predictor, float Threshold)> predictors,
        TrainingOptions options, IReadOnlyList<LabelledSentence> rows)
    {
        var inputSchema = ModelSchema.Load(ml, []).Schema;
        var featurizedSchema = featurizer.GetOutputSchema(inputSchema);
        var manifest = new ModelManifest
        {
            CoreFeatures = [.. SentenceFeatures.Names],
            Seed = options.Seed,
            DataHash = RowsHash(rows),
            TrainedWith = "ReplyLint.Classifier " + typeof(ToneTrainer).Assembly.GetName().Version,
            Families = predictors.Select(p => new ModelManifest.FamilyEntry
            {
                Name = p.Family.ColumnName(),
                Entry = p.Family.ColumnName() + ".zip",
                Threshold = p.Threshold,
            }).ToList(),
        };
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            // A fixed timestamp: the same training gives the same bytes, so the same version hash.
            var stamp = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
            void Add(string name, Action<Stream> write)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = stamp;
                using var buffer = new MemoryStream();
                write(buffer);
                using var stream = entry.Open();
                stream.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
            }
            Add(ModelManifest.EntryName, s => JsonSerializer.Serialize(s, manifest, ModelManifest.JsonOptions));
            Add(manifest.Featurizer, s => Restamp(s, buffer => ml.Model.Save(featurizer, inputSchema, buffer), stamp));
            foreach (var (family, predictor, _) in predictors)
                Add(family.ColumnName() + ".zip", s => Restamp(s, buffer => ml.Model.Save(predictor, featurizedSchema, buffer), stamp));
        }
        return output.ToArray();
    }

    /// <summary>ML.NET stamps its zip entries with the current time; rewrite them with a fixed one so a retrain is byte-identical.</summary>
    private static void Restamp(Stream output, Action<Stream> save, DateTimeOffset stamp)
    {
        using var saved = new MemoryStream();
        save(saved);
        saved.Position = 0;
        using var source = new ZipArchive(saved, ZipArchiveMode.Read);
        using var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var entry in source.Entries)
        {
            var copy = target.CreateEntry(entry.FullName, CompressionLevel.Optimal);
            copy.LastWriteTime = stamp;
            using var from = entry.Open();
            using var to = copy.Open();
            from.CopyTo(to);
        }
    }

    /// <summary>A hash of the rows actually trained on (text and labels), independent of file layout.</summary>
    internal static string RowsHash(IReadOnlyList<LabelledSentence> rows)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var row in rows)
        {
            var labels = string.Concat(ToneFamilies.All.Select(f => row.Labels[f] switch { true => '1', false => '0', null => '-' }));
            sha.AppendData(Encoding.UTF8.GetBytes(row.Text + "\u001f" + labels + "\n"));
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
