using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Microsoft.ML.Data;
using ReplyLint.Classifier.Scoring;
using ReplyLint.Core.Engine;
using ReplyLint.Core.Structure;

namespace ReplyLint.Classifier;

/// <summary>
/// The trained sentence classifier: per family a calibrated FastTree, a calibrated logistic regression, or the mean
/// of both (chosen by cross-validation when training), over word/character n-grams and Core's <see cref="SentenceFeatures"/>. Loaded once; <see cref="Score"/> is thread-safe (a pool of scorers, each with its own buffers).
/// </summary>
public sealed class ToneModel : IToneModel, IDisposable
{
    private readonly MLContext _ml;
    private readonly ITransformer _featurizer;
    private readonly (ITransformer Predictor, MemberKind Kind)[][] _references;
    private readonly ICompiledMember[][] _families;
    private readonly ObjectPool<Scorer> _scorers;
    private readonly int _width;
    private readonly CompiledFeaturizer? _compiledFeaturizer;
    private bool _disposed;

    private ToneModel(string path, string version, ToneScores thresholds, MLContext ml, ITransformer featurizer,
        (ITransformer Predictor, MemberKind Kind)[][] references, ICompiledMember[][] families)
    {
        Path = path;
        Version = version;
        Thresholds = thresholds;
        _ml = ml;
        _featurizer = featurizer;
        _references = references;
        _families = families;
        var schema = ModelSchema.InputSchema();
        var featuresColumn = featurizer.GetOutputSchema(ModelSchema.Load(ml, []).Schema)[ModelSchema.FeaturesColumn];
        var width = featuresColumn.Type is VectorDataViewType v ? v.Size : 0;
        var compiled = CompiledFeaturizer.TryCreate(featuresColumn, SentenceFeatures.Count, out var whyNot);
        // Retain plenty: a server runs more analyses at once than it has cores, and a scorer dropped by the pool is
        // thrown away (an ML.NET engine is costly to build, so scorers build theirs only when a sentence needs it).
        _scorers = new DefaultObjectPoolProvider { MaximumRetained = Math.Max(16, Environment.ProcessorCount * 8) }
            // Scorer is IDisposable, so this is a DisposableObjectPool: scorers it drops are disposed.
            .Create(new ScorerPolicy(() => new Scorer(
                () => ml.Model.CreatePredictionEngine<SentenceInput, FeaturesOutput>(featurizer, ignoreMissingColumns: true, inputSchemaDefinition: schema), width)));
        _width = width;
        CompiledFeaturizerProblem = whyNot ?? CheckCompiledFeaturizer(compiled!);
        if (CompiledFeaturizerProblem is null) _compiledFeaturizer = compiled;
    }

    /// <summary>The compiled tree ensembles, for tests of their two scoring paths.</summary>
    internal IEnumerable<CompiledTrees> TreeMembers => _families.SelectMany(f => f).OfType<CompiledTrees>();

    /// <summary>
    /// Null when sentences are featurized by the compiled featurizer (~1 µs a sentence); otherwise why ML.NET's
    /// featurizer does it all (~30 µs a sentence). Scores are the same either way; the server and <c>train</c> say so.
    /// </summary>
    public string? CompiledFeaturizerProblem { get; }

    /// <summary>How the server, <c>train</c> and the CLI word it when <see cref="CompiledFeaturizerProblem"/> is set.</summary>
    public const string SlowFeaturizerNote = "featurized by ML.NET, about 30 times slower than the compiled featurizer (same scores)";

    /// <summary>Sentences of the kinds replies hold, featurized both ways when loading: any difference disables the compiled featurizer.</summary>
    private static readonly string[] FeaturizerCheckSentences =
    [
        "Hi there.", "We're sorry to hear that your order #12345 hasn't arrived yet!",
        "As I already said, you should have read the terms and conditions before buying.",
        "Pursuant to our policy, we hereby reserve the right to cancel.",
        "Please DM us your e-mail address and we'll look into it.", "Thanks   for  reaching out -- we're on it.",
        "That's not what happened; our logs show the delivery was completed on 3/4.",
        "I understand how frustrating this must be, and I apologise.", "a", "OK", "It's £79 (© 2024) — 20° off.",
        "Thanks so much 😊🙌🏽 we\u2019ll DM you! 👨‍👩‍👧", "That's €20\u00A0off ™ → ☀\uFE0F today, Ⓢⓞⓡⓡⓨ.",
    ];

    private string? CheckCompiledFeaturizer(CompiledFeaturizer compiled)
    {
        foreach (var sentence in FeaturizerCheckSentences)
        {
            var vectors = FeaturizeBothWays(sentence, SentenceFeatures.ComputeWhole(sentence), compiled);
            // Emoji sentences are left to ML.NET when the vocabulary holds emoji trigrams; every other one must be taken.
            if (!vectors.Compiled && !compiled.TakesSurrogates && sentence.Any(char.IsSurrogate)) continue;
            if (!vectors.Compiled || !SameVector(vectors.Indices, vectors.Values, vectors.ReferenceIndices, vectors.ReferenceValues))
                return $"the compiled featurizer differs from ML.NET's on \"{sentence}\"";
        }
        return null;
    }

    internal static bool SameVector(ReadOnlySpan<int> indices, ReadOnlySpan<float> values, ReadOnlySpan<int> otherIndices, ReadOnlySpan<float> otherValues)
    {
        if (indices.Length != otherIndices.Length) return false;
        var other = new Dictionary<int, float>();
        for (var i = 0; i < otherIndices.Length; i++) other[otherIndices[i]] = otherValues[i];
        for (var i = 0; i < indices.Length; i++)
            if (!other.TryGetValue(indices[i], out var v) || Math.Abs(v - values[i]) > 1e-6f * Math.Max(1, Math.Abs(v))) return false;
        return true;
    }

    /// <summary>A sentence's feature vector through the compiled featurizer (when it takes the sentence) and through ML.NET's: the parity tests' view.</summary>
    internal (int[] Indices, float[] Values, bool Compiled, int[] ReferenceIndices, float[] ReferenceValues) FeaturizeBothWays(
        string text, float[] coreFeatures, CompiledFeaturizer? compiled = null)
    {
        compiled ??= _compiledFeaturizer;
        var row = new SparseFeatureRow(_width);
        var usedCompiled = compiled is not null && compiled.TryFeaturize(text, coreFeatures, row);
        var scorer = _scorers.Get();
        try
        {
            var reference = scorer.Featurize(text, coreFeatures, compiled: null).AsRow();
            return (row.AsRow().Indices.ToArray(), row.AsRow().Values.ToArray(), usedCompiled, reference.Indices.ToArray(), reference.Values.ToArray());
        }
        finally
        {
            _scorers.Return(scorer);
        }
    }

    /// <summary>The model file this was loaded from.</summary>
    public string Path { get; }
    /// <summary>The first 12 hex digits of the model file's SHA-256.</summary>
    public string Version { get; }
    public ToneScores Thresholds { get; }

    /// <summary>Loads a model file written by <c>replylint train</c>; throws <see cref="ModelLoadException"/> naming the path.</summary>
    public static ToneModel Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new ModelLoadException(full, "it is a folder; expected the model file (models/replylint.zip)");
        if (!File.Exists(full)) throw new ModelLoadException(full, "the file does not exist");
        byte[] bytes;
        try { bytes = File.ReadAllBytes(full); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelLoadException(full, $"the file cannot be read ({e.GetType().Name})", e);
        }
        return Load(full, bytes);
    }

    /// <summary>Loads the model without throwing: on failure, a <see cref="ModelStatus.Failed"/> status names the path and reason.</summary>
    public static (IToneModel? Model, ModelStatus Status) TryLoad(string path)
    {
        try
        {
            var model = Load(path);
            return (model, ModelStatus.Loaded(model.Version));
        }
        catch (ModelLoadException e)
        {
            return (null, ModelStatus.Failed(e.Message));
        }
        catch (ArgumentException e)
        {
            return (null, ModelStatus.Failed($"cannot load the tone model '{path}': {e.Message}"));
        }
    }

    private static ToneModel Load(string path, byte[] bytes)
    {
        var ml = new MLContext(seed: 0);
        ModelManifest manifest;
        var models = new Dictionary<string, ITransformer>(StringComparer.Ordinal);
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            var manifestEntry = zip.GetEntry(ModelManifest.EntryName) ?? throw new ModelLoadException(path, $"no {ModelManifest.EntryName} inside; not a ReplyLint model file");
            using (var stream = manifestEntry.Open())
                manifest = JsonSerializer.Deserialize<ModelManifest>(stream, ModelManifest.JsonOptions) ?? throw new ModelLoadException(path, "the manifest is empty");
            Validate(path, manifest);
            foreach (var entryName in manifest.Families.SelectMany(f => f.Members.Select(m => m.Entry)).Prepend(manifest.Featurizer).Distinct())
            {
                var entry = zip.GetEntry(entryName) ?? throw new ModelLoadException(path, $"the manifest names '{entryName}', which is not in the file");
                using var buffer = new MemoryStream();
                using (var stream = entry.Open()) stream.CopyTo(buffer);
                buffer.Position = 0;
                models[entryName] = ml.Model.Load(buffer, out _);
            }
        }
        catch (ModelLoadException) { throw; }
        catch (InvalidDataException e) { throw new ModelLoadException(path, "not a valid zip file (corrupt or truncated)", e); }
        catch (JsonException e) { throw new ModelLoadException(path, $"the manifest is not valid JSON (line {e.LineNumber + 1})", e); }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException or IOException or NotSupportedException)
        {
            throw new ModelLoadException(path, $"an ML.NET model inside is unreadable ({e.GetType().Name})", e);
        }

        var compiled = new ICompiledMember[ToneFamilies.All.Count][];
        var references = new (ITransformer Predictor, MemberKind Kind)[ToneFamilies.All.Count][];
        try
        {
            foreach (var f in manifest.Families)
            {
                ToneFamilies.TryParse(f.Name, out var family);
                references[(int)family] = f.Members.Select(m => (models[m.Entry], ModelManifest.TryParseKind(m.Kind, out var k) ? k : MemberKind.FastTree)).ToArray();
                compiled[(int)family] = references[(int)family]
                    .Select(m => m.Kind == MemberKind.Linear ? (ICompiledMember)CompiledLinear.From(m.Predictor) : CompiledTrees.From(m.Predictor)).ToArray();
            }
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or ArgumentOutOfRangeException)
        {
            throw new ModelLoadException(path, $"the models inside do not fit together ({e.Message})", e);
        }
        var thresholds = new float[4];
        foreach (var family in manifest.Families)
        {
            ToneFamilies.TryParse(family.Name, out var f);
            thresholds[(int)f] = family.Threshold;
        }
        var version = Convert.ToHexStringLower(SHA256.HashData(bytes))[..12];
        var model = new ToneModel(path, version, ToneFamilies.From(thresholds), ml, models[manifest.Featurizer], references, compiled);
        model.ScoreSentences([ModelSchema.Input("Smoke test.", new float[SentenceFeatures.Count])]); // fail at load, not at first request
        return model;
    }

    private static void Validate(string path, ModelManifest manifest)
    {
        if (manifest.Format != ModelManifest.FormatName)
            throw new ModelLoadException(path, $"the manifest's format is '{manifest.Format}', expected '{ModelManifest.FormatName}'");
        if (manifest.FormatVersion != ModelManifest.CurrentFormatVersion)
            throw new ModelLoadException(path, $"model format version {manifest.FormatVersion} is not supported (this build reads {ModelManifest.CurrentFormatVersion}); retrain with this version");
        if (!manifest.CoreFeatures.SequenceEqual(SentenceFeatures.Names))
            throw new ModelLoadException(path, "the model was trained with different core sentence features than this build computes; retrain it");
        var names = manifest.Families.Select(f => f.Name).ToList();
        var expected = ToneFamilies.All.Select(f => f.ColumnName()).ToList();
        if (names.Count != expected.Count || expected.Any(e => !names.Contains(e)))
            throw new ModelLoadException(path, $"the manifest lists families [{string.Join(", ", names)}], expected [{string.Join(", ", expected)}]");
        foreach (var family in manifest.Families)
        {
            if (!(family.Threshold is > 0 and <= 1))
                throw new ModelLoadException(path, $"the threshold for {family.Name} is {family.Threshold}, expected a probability in (0, 1]");
            if (family.Members.Count is < 1 or > 2)
                throw new ModelLoadException(path, $"{family.Name} has {family.Members.Count} members, expected 1 or 2");
            foreach (var member in family.Members)
                if (!ModelManifest.TryParseKind(member.Kind, out _))
                    throw new ModelLoadException(path, $"{family.Name} has a member of kind '{member.Kind}', expected 'fasttree' or 'linear'");
        }
    }

    public void Score(ReplyDocument document, Span<ToneScores> sentenceScores)
    {
        ArgumentNullException.ThrowIfNull(document);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (sentenceScores.Length < document.Sentences.Count)
            throw new ArgumentException("the span is shorter than the document's sentence count", nameof(sentenceScores));
        if (document.Sentences.Count == 0) return;
        var features = SentenceFeatures.ComputeAll(document);
        var scorer = _scorers.Get();
        try
        {
            for (var s = 0; s < document.Sentences.Count; s++)
                sentenceScores[s] = scorer.Score(document.TextOf(document.Sentences[s]), features[s], _families, _compiledFeaturizer);
        }
        finally
        {
            _scorers.Return(scorer);
        }
    }

    /// <summary>Scores a standalone sentence (a training-format row): features from the text as one unit.</summary>
    public ToneScores ScoreSentence(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ScoreSentences([ModelSchema.Input(text, SentenceFeatures.ComputeWhole(text))])[0];
    }

    internal ToneScores[] ScoreSentences(IReadOnlyList<SentenceInput> inputs)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var result = new ToneScores[inputs.Count];
        var scorer = _scorers.Get();
        try
        {
            for (var i = 0; i < inputs.Count; i++) result[i] = scorer.Score(inputs[i].Text, inputs[i].CoreFeatures, _families, _compiledFeaturizer);
        }
        finally
        {
            _scorers.Return(scorer);
        }
        return result;
    }

    /// <summary>
    /// The same rows scored by ML.NET's own chains (featurizer, then each member's trained model and Platt calibrator),
    /// members averaged: the reference for parity tests.
    /// </summary>
    internal ToneScores[] ScoreWithMlNetChain(IReadOnlyList<SentenceInput> inputs)
    {
        var result = new float[inputs.Count, ToneFamilies.All.Count];
        foreach (var family in ToneFamilies.All)
        {
            var members = _references[(int)family];
            foreach (var (predictor, _) in members)
            {
                var chain = new TransformerChain<ITransformer>(_featurizer, predictor);
                using var engine = _ml.Model.CreatePredictionEngine<SentenceInput, MemberOutput>(chain, ignoreMissingColumns: true, inputSchemaDefinition: ModelSchema.InputSchema());
                for (var i = 0; i < inputs.Count; i++) result[i, (int)family] += Clean(engine.Predict(inputs[i]).Probability) / members.Length;
            }
        }
        return Enumerable.Range(0, inputs.Count).Select(i => new ToneScores(result[i, 0], result[i, 1], result[i, 2], result[i, 3])).ToArray();
    }

    private static float Clean(float p) => float.IsNaN(p) ? 0 : Math.Clamp(p, 0, 1);

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        (_scorers as IDisposable)?.Dispose();
    }

    /// <summary>
    /// One scoring context (not thread-safe: pooled): the compiled featurizer's buffer, and ML.NET's featurizer
    /// engine for the sentences the compiled one leaves to it.
    /// </summary>
    private sealed class Scorer(Func<PredictionEngine<SentenceInput, FeaturesOutput>> createEngine, int width) : IDisposable
    {
        private PredictionEngine<SentenceInput, FeaturesOutput>? _engine;
        private readonly SentenceInput _input = new();
        private readonly FeaturesOutput _output = new();
        private readonly SparseFeatureRow _row = new(width);

        public ToneScores Score(string text, float[] coreFeatures, ICompiledMember[][] families, CompiledFeaturizer? compiled)
        {
            Featurize(text, coreFeatures, compiled);
            var row = _row.AsRow();
            Span<float> p = stackalloc float[4];
            for (var f = 0; f < families.Length; f++)
            {
                var members = families[f];
                var sum = 0f;
                for (var m = 0; m < members.Length; m++) sum += Clean(members[m].Probability(row));
                p[f] = sum / members.Length;
            }
            return ToneFamilies.From(p);
        }

        /// <summary>The sentence's feature vector, as ML.NET's featurizer computes it: compiled when it can be, else by ML.NET.</summary>
        public SparseFeatureRow Featurize(string text, float[] coreFeatures, CompiledFeaturizer? compiled)
        {
            _row.Clear();
            if (compiled is not null && compiled.TryFeaturize(text, coreFeatures, _row)) return _row; // false: nothing written
            _input.Text = text;
            _input.CoreFeatures = coreFeatures;
            var output = _output;
            (_engine ??= createEngine()).Predict(_input, ref output);
            _row.Load(output.Features);
            return _row;
        }

        public void Dispose() => _engine?.Dispose();
    }

    private sealed class ScorerPolicy(Func<Scorer> create) : IPooledObjectPolicy<Scorer>
    {
        public Scorer Create() => create();
        public bool Return(Scorer obj) => true;
    }
}
