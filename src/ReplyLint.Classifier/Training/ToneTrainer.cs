using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Transforms.Text;
using ReplyLint.Classifier.Data;
using ReplyLint.Classifier.Evaluation;
using ReplyLint.Classifier.Scoring;
using ReplyLint.Core.Engine;

namespace ReplyLint.Classifier.Training;

/// <summary>The scorers compared per family: FastTree alone, logistic regression alone, or the mean of their calibrated probabilities.</summary>
public enum Candidate
{
    FastTree,
    Linear,
    Mean,
}

/// <summary>One candidate's out-of-fold figures on the hand-labelled rows of a family.</summary>
public sealed record CandidateReport(string Candidate, double Auc, float Threshold, bool ReachedTargetPrecision, double Precision, double Recall);

/// <summary>
/// One family: the candidate chosen, its threshold, and its out-of-fold figures on hand-labelled rows (every row
/// scored by a model that did not train on it).
/// </summary>
public sealed record FamilyReport(string Family, string Chosen, float Threshold, bool ReachedTargetPrecision, int TrainRows, int TrainPositives,
    int HandRows, int HandPositives, CandidateReport[] Candidates, BinaryMetrics OutOfFold, double OutOfFoldAuc);

/// <summary>The outcome of a training run: the model file's bytes plus what the model card needs.</summary>
public sealed record TrainingResult(byte[] ModelBytes, TrainingOptions Options, IReadOnlyList<FamilyReport> Families,
    int Rows, int HandRows, int GeneratedRows, int GeneratedRowsUsed, int FeatureCount, TimeSpan Duration);

/// <summary>
/// Trains the tone model: a text featurizer (word 1–2-grams and character 3-grams, most frequent kept) fitted once;
/// then per family a seeded FastTree and an L-BFGS logistic regression on [n-grams + core features], each compared by
/// k-fold cross-validation over the hand-labelled rows (generated rows are always training rows, weighted down and
/// capped: they teach the generator's templates). Each member gets a Platt calibrator fitted on its out-of-fold scores;
/// per family the candidate (FastTree, linear, or the mean of both) with the best out-of-fold recall at the target
/// precision is kept, with its threshold chosen on the same out-of-fold predictions.
/// </summary>
public static class ToneTrainer
{
    public static TrainingResult Train(IReadOnlyList<LabelledSentence> rows, TrainingOptions options, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        options.Validate();
        var clock = Stopwatch.StartNew();
        var ml = new MLContext(seed: options.Seed);

        var hand = rows.Where(r => !IsGenerated(r)).ToList();
        var generatedAll = rows.Where(IsGenerated).ToList();
        // Cap the generated rows (a seeded, text-keyed choice): more of them only teaches the templates harder.
        var generated = generatedAll.Count <= options.MaximumGeneratedRows ? generatedAll
            : generatedAll.OrderBy(r => Bucket(r.Text, options, "gen")).ThenBy(r => r.Text, StringComparer.Ordinal).Take(options.MaximumGeneratedRows).ToList();
        if (hand.Count == 0) throw new InvalidOperationException($"no hand-labelled rows among {rows.Count}: cross-validation and thresholds need them");
        var used = generated.Concat(hand).ToList();

        progress?.Report($"computing core features and folds for {used.Count} rows ({hand.Count} hand-labelled, {generated.Count} of {generatedAll.Count} generated)");
        var inputs = used.Select(r => ModelSchema.Input(r.Text, r.ContextFeatures ?? SentenceFeatures.ComputeWhole(r.Text))).ToList();
        var foldsByRepeat = Enumerable.Range(0, options.CrossValidationRepeats)
            .Select(repeat => used.Select(r => IsGenerated(r) ? -1 : FoldOf(r.Text, options, repeat)).ToArray()).ToArray();

        progress?.Report($"fitting the text featurizer on {used.Count} rows");
        var featurizer = FitFeaturizer(ml, inputs, options);
        var featureCount = FeatureCount(featurizer, ml);
        var vectors = Featurize(ml, featurizer, inputs);

        var reports = new List<FamilyReport>();
        var packaged = new List<(ToneFamily Family, float Threshold, List<(MemberKind Kind, ITransformer Predictor)> Members)>();
        foreach (var family in ToneFamilies.All)
        {
            var known = Enumerable.Range(0, used.Count).Where(i => used[i].Labels[family] is not null).ToList();
            var positives = known.Count(i => used[i].Labels[family] == true);
            if (positives == 0 || positives == known.Count)
                throw new InvalidOperationException($"cannot train '{family.ColumnName()}': the training rows need both 1s and 0s (found {positives} of {known.Count})");
            var handRows = known.Where(i => !IsGenerated(used[i])).ToList();
            var handPositives = handRows.Count(i => used[i].Labels[family] == true);
            if (handPositives == 0 || handPositives == handRows.Count)
                throw new InvalidOperationException($"cannot cross-validate '{family.ColumnName()}': the hand-labelled rows need both 1s and 0s (found {handPositives} of {handRows.Count})");
            var repeats = options.CrossValidationRepeats;
            progress?.Report($"{family.ColumnName()}: {known.Count} rows ({positives} positive), {handRows.Count} hand-labelled ({handPositives} positive), {options.Folds}-fold CV" +
                (repeats > 1 ? $" x {repeats}" : ""));
            var familyClock = Stopwatch.StartNew();

            // Out-of-fold raw scores per member for every hand-labelled row: the mean over the repeats' splits.
            var oof = new Dictionary<MemberKind, float[]> { [MemberKind.FastTree] = new float[used.Count], [MemberKind.Linear] = new float[used.Count] };
            foreach (var split in foldsByRepeat)
                for (var fold = 0; fold < options.Folds; fold++)
                {
                    var held = handRows.Where(i => split[i] == fold).ToList();
                    if (held.Count == 0) continue;
                    var trainView = ml.Data.Cache(View(ml, vectors, used, family, known.Where(i => split[i] != fold), options, featureCount));
                    var heldView = View(ml, vectors, used, family, held, options, featureCount);
                    foreach (var kind in MemberKinds)
                    {
                        var model = Fit(ml, kind, trainView, options);
                        var scores = model.Transform(heldView).GetColumn<float>("Score").ToArray();
                        for (var j = 0; j < held.Count; j++) oof[kind][held[j]] += (float.IsNaN(scores[j]) ? 0 : scores[j]) / repeats;
                    }
                }
            progress?.Report($"  {family.ColumnName()}: cross-validated in {familyClock.Elapsed.TotalSeconds:0.0} s");

            // Final members on every row, each with a Platt calibrator fitted on its out-of-fold scores.
            var allView = ml.Data.Cache(View(ml, vectors, used, family, known, options, featureCount));
            var members = new Dictionary<MemberKind, (ITransformer Chain, float[] Calibrated)>();
            foreach (var kind in MemberKinds)
            {
                var model = Fit(ml, kind, allView, options);
                var scored = ml.Data.LoadFromEnumerable(handRows.Select(i => new ScoredRow { Label = used[i].Labels[family] == true, Score = oof[kind][i] }));
                var platt = ml.BinaryClassification.Calibrators.Platt(nameof(ScoredRow.Label), nameof(ScoredRow.Score)).Fit(scored);
                var calibrator = ((IPredictionTransformer<PlattCalibrator>)platt).Model;
                var calibrated = handRows.Select(i => Clean(calibrator.PredictProbability(oof[kind][i]))).ToArray();
                members[kind] = (new TransformerChain<ITransformer>(model, platt), calibrated);
            }

            var actual = handRows.Select(i => used[i].Labels[family] == true).ToArray();
            var candidates = new List<(Candidate Candidate, float[] Scores, CandidateReport Report)>();
            foreach (var candidate in Enum.GetValues<Candidate>())
            {
                var scores = candidate switch
                {
                    Candidate.FastTree => members[MemberKind.FastTree].Calibrated,
                    Candidate.Linear => members[MemberKind.Linear].Calibrated,
                    _ => members[MemberKind.FastTree].Calibrated.Zip(members[MemberKind.Linear].Calibrated, (a, b) => (a + b) / 2).ToArray(),
                };
                var pairs = actual.Zip(scores).ToList();
                var (threshold, reached) = ChooseThreshold(pairs, options, options.MaximumFalsePositiveRateFor(family));
                var metrics = BinaryMetrics.From(pairs.Select(p => (p.First, p.Second >= threshold)));
                candidates.Add((candidate, scores, new CandidateReport(Name(candidate), BinaryMetrics.Auc(pairs), threshold, reached,
                    metrics.Precision, reached ? metrics.Recall : 0)));
            }
            // Best recall at the target precision; ties (e.g. none reaches it) go to the better ranking, then the simpler model.
            var best = candidates.Where(c => options.ForceCandidate is null || c.Candidate == options.ForceCandidate)
                .OrderByDescending(c => c.Report.Recall).ThenByDescending(c => c.Report.Auc).ThenBy(c => c.Candidate).First();
            var bestPairs = actual.Zip(best.Scores).ToList();
            var oofMetrics = BinaryMetrics.From(bestPairs.Select(p => (p.First, p.Second >= best.Report.Threshold)));
            reports.Add(new FamilyReport(family.ColumnName(), Name(best.Candidate), best.Report.Threshold, best.Report.ReachedTargetPrecision,
                known.Count, positives, handRows.Count, handPositives, [.. candidates.Select(c => c.Report)], oofMetrics, best.Report.Auc));
            progress?.Report($"  {family.ColumnName()}: " + string.Join("; ", candidates.Select(c =>
                $"{c.Report.Candidate} AUC {c.Report.Auc:0.000} recall {c.Report.Recall:0.000}@{c.Report.Threshold:0.000}")) + $" -> {Name(best.Candidate)}");

            List<(MemberKind, ITransformer)> chosen = best.Candidate switch
            {
                Candidate.FastTree => [(MemberKind.FastTree, members[MemberKind.FastTree].Chain)],
                Candidate.Linear => [(MemberKind.Linear, members[MemberKind.Linear].Chain)],
                _ => [(MemberKind.FastTree, members[MemberKind.FastTree].Chain), (MemberKind.Linear, members[MemberKind.Linear].Chain)],
            };
            packaged.Add((family, best.Report.Threshold, chosen));
        }

        progress?.Report("writing the model file");
        var bytes = Package(ml, featurizer, packaged, options, rows);
        return new TrainingResult(bytes, options, reports, rows.Count, hand.Count, generatedAll.Count, generated.Count, featureCount, clock.Elapsed);
    }

    private static readonly MemberKind[] MemberKinds = [MemberKind.FastTree, MemberKind.Linear];

    public static string Name(Candidate candidate) => candidate switch
    {
        Candidate.FastTree => "fasttree",
        Candidate.Linear => "linear",
        _ => "mean",
    };

    internal static bool IsGenerated(LabelledSentence row) => row.Source == TrainingDataGenerator.SourceName;

    /// <summary>
    /// The cross-validation fold of a hand-labelled row: a seeded hash of its normalised text, so duplicates share a
    /// fold. Each repeat of the cross-validation hashes differently; repeat 0 is the split a single run uses.
    /// </summary>
    public static int FoldOf(string text, TrainingOptions options, int repeat = 0) =>
        Math.Min(options.Folds - 1, (int)(Bucket(text, options, repeat == 0 ? "fold" : $"fold{repeat}") * options.Folds));

    private static double Bucket(string text, TrainingOptions options, string purpose)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{options.Seed}\u001f{purpose}\u001f{Normalize(text)}"), hash);
        return BitConverter.ToUInt32(hash) / ((double)uint.MaxValue + 1);
    }

    internal static string Normalize(string text) =>
        string.Join(' ', text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>
    /// The lowest threshold (not below the floor) at which precision on the scored rows, for every
    /// threshold at or above it, stays at the target and at most the allowed share of negatives is flagged:
    /// walking down from the top, stop at the first dip or when the false-positive budget is spent.
    /// </summary>
    internal static (float Threshold, bool Reached) ChooseThreshold(IReadOnlyList<(bool Actual, float Score)> scored, TrainingOptions options, double maximumFalsePositiveRate)
    {
        var floor = (float)options.MinimumThreshold;
        var ordered = scored.Where(s => s.Score >= floor).OrderByDescending(s => s.Score).ToList();
        // Clean sentences far outnumber problem ones in real replies: cap the share of negatives flagged too.
        var allowedFalsePositives = maximumFalsePositiveRate * scored.Count(s => !s.Actual);
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
            if (fp > allowedFalsePositives) break;
            if ((double)tp / (tp + fp) >= options.TargetPrecision) best = score;
            else if (tp + fp >= 5) break; // a dip past the first handful of rows: precision will not recover reliably
        }
        if (best is { } threshold) return (Math.Max(threshold, floor), true);
        // Nothing reaches the target: only fire when the model is all but certain.
        return (Math.Max(0.95f, floor), false);
    }

    private static ITransformer Fit(MLContext ml, MemberKind kind, IDataView train, TrainingOptions options) => kind switch
    {
        MemberKind.FastTree => ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            LabelColumnName = ModelSchema.LabelColumn,
            FeatureColumnName = ModelSchema.FeaturesColumn,
            ExampleWeightColumnName = ModelSchema.WeightColumn,
            NumberOfTrees = options.NumberOfTrees,
            NumberOfLeaves = options.NumberOfLeaves,
            MinimumExampleCountPerLeaf = options.MinimumExampleCountPerLeaf,
            LearningRate = options.LearningRate,
            FeatureFraction = options.FeatureFraction,
            // The MLContext seed does not reach FastTree (DOTNET-NOTES): seed it, or two seeds give one model.
            Seed = options.Seed,
            NumberOfThreads = 2,
        }).Fit(train),
        _ => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = ModelSchema.LabelColumn,
            FeatureColumnName = ModelSchema.FeaturesColumn,
            ExampleWeightColumnName = ModelSchema.WeightColumn,
            L2Regularization = (float)options.LinearL2,
            L1Regularization = (float)options.LinearL1,
            // One thread: the optimiser's sums then run in a fixed order, so retrains are bit-identical.
            NumberOfThreads = 1,
        }).Fit(train),
    };

    private static float Clean(float p) => float.IsNaN(p) ? 0 : Math.Clamp(p, 0, 1);

    /// <summary>The featurized vectors of every row, computed once (the featurizer has no labels in it).</summary>
    private static VBuffer<float>[] Featurize(MLContext ml, ITransformer featurizer, List<SentenceInput> inputs)
    {
        var view = featurizer.Transform(ModelSchema.Load(ml, inputs));
        var result = new VBuffer<float>[inputs.Count];
        using var cursor = view.GetRowCursor([view.Schema[ModelSchema.FeaturesColumn]]);
        var getter = cursor.GetGetter<VBuffer<float>>(view.Schema[ModelSchema.FeaturesColumn]);
        var i = 0;
        while (cursor.MoveNext())
        {
            var value = default(VBuffer<float>);
            getter(ref value);
            var copy = default(VBuffer<float>);
            value.CopyTo(ref copy);
            result[i++] = copy;
        }
        return result;
    }

    private static IDataView View(MLContext ml, VBuffer<float>[] vectors, List<LabelledSentence> rows, ToneFamily family, IEnumerable<int> indices,
        TrainingOptions options, int width)
    {
        var schema = SchemaDefinition.Create(typeof(FeaturizedRow));
        schema[nameof(FeaturizedRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        return ml.Data.LoadFromEnumerable(indices.Select(i => new FeaturizedRow
        {
            Label = rows[i].Labels[family] == true,
            Weight = IsGenerated(rows[i]) ? 1f : (float)options.HandLabelledWeight,
            Features = vectors[i],
        }).ToList(), schema);
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

    private static byte[] Package(MLContext ml, ITransformer featurizer, List<(ToneFamily Family, float Threshold, List<(MemberKind Kind, ITransformer Predictor)> Members)> families,
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
            Families = families.Select(p => new ModelManifest.FamilyEntry
            {
                Name = p.Family.ColumnName(),
                Threshold = p.Threshold,
                Members = p.Members.Select(m => new ModelManifest.MemberEntry { Kind = ModelManifest.KindName(m.Kind), Entry = EntryName(p.Family, m.Kind) }).ToList(),
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
            foreach (var (family, _, members) in families)
                foreach (var (kind, predictor) in members)
                    Add(EntryName(family, kind), s => Restamp(s, buffer => ml.Model.Save(predictor, featurizedSchema, buffer), stamp));
        }
        return output.ToArray();
    }

    private static string EntryName(ToneFamily family, MemberKind kind) => $"{family.ColumnName()}.{ModelManifest.KindName(kind)}.zip";

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

    private sealed class ScoredRow
    {
        public bool Label { get; set; }
        public float Score { get; set; }
    }

    private sealed class FeaturizedRow
    {
        public bool Label { get; set; }
        public float Weight { get; set; }
        public VBuffer<float> Features { get; set; }
    }
}
