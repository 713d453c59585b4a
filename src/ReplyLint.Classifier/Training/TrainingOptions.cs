namespace ReplyLint.Classifier.Training;

/// <summary>Everything that decides a trained model besides the data; recorded in the model card.</summary>
public sealed record TrainingOptions
{
    /// <summary>Seeds the MLContext, FastTree, the cross-validation folds and the choice of generated rows.</summary>
    public int Seed { get; init; } = 42;
    /// <summary>Thresholds are the lowest probability at which precision on out-of-fold hand-labelled rows stays at or above this.</summary>
    public double TargetPrecision { get; init; } = 0.8;
    /// <summary>
    /// Thresholds also flag at most this share of a family's out-of-fold hand-labelled negatives: precision alone lets a
    /// threshold flag 1 clean sentence in 25 when positives are common in the data, far too noisy on real replies.
    /// </summary>
    public double MaximumFalsePositiveRate { get; init; } = 0.005;
    /// <summary>
    /// Per-family overrides of <see cref="MaximumFalsePositiveRate"/>, keyed by label name (<c>perception_denial</c>), for a
    /// family whose hand-labelled negatives are much harder (or easier) than the sentences it will meet. None by default:
    /// looser caps for perception_denial and legal_jargon (2%) caught more of the development list but flagged more
    /// clean sentences of the held-out list (data/eval/README.md).
    /// </summary>
    public IReadOnlyDictionary<string, double> FamilyMaximumFalsePositiveRates { get; init; } = new Dictionary<string, double>();

    /// <summary>The false-positive cap that applies to <paramref name="family"/>.</summary>
    public double MaximumFalsePositiveRateFor(ToneFamily family) =>
        FamilyMaximumFalsePositiveRates.TryGetValue(family.ColumnName(), out var rate) ? rate : MaximumFalsePositiveRate;
    /// <summary>No threshold goes below this, whatever the held-out rows say: model-only findings stay rare on polite replies.</summary>
    public double MinimumThreshold { get; init; } = 0.3;
    public int NumberOfTrees { get; init; } = 100;
    public int NumberOfLeaves { get; init; } = 16;
    public int MinimumExampleCountPerLeaf { get; init; } = 5;
    public double LearningRate { get; init; } = 0.2;
    /// <summary>Share of the features FastTree considers for each tree (seeded): halves its training time and acts as a regulariser.</summary>
    public double FeatureFraction { get; init; } = 0.5;
    /// <summary>Folds of the cross-validation over hand-labelled rows (model choice, calibration and thresholds).</summary>
    public int Folds { get; init; } = 5;
    /// <summary>
    /// Times the cross-validation is repeated, each with its own seeded split; a row's out-of-fold score is the mean
    /// over the repeats. More repeats steady the model choice and thresholds (a handful of new rows can move them) at
    /// the cost of training time, which grows in proportion. 1 (the default) is one split, as the shipped model was made.
    /// </summary>
    public int CrossValidationRepeats { get; init; } = 1;
    /// <summary>At most this many generated rows are trained on (a seeded choice): beyond that they only teach the templates harder.</summary>
    public int MaximumGeneratedRows { get; init; } = 1500;
    /// <summary>L2 regularisation of the logistic regression member.</summary>
    public double LinearL2 { get; init; } = 1;
    /// <summary>L1 regularisation of the logistic regression member (also keeps its weight vector sparse).</summary>
    public double LinearL1 { get; init; } = 0.1;
    /// <summary>Null (default): per family, the candidate that cross-validates best; otherwise this one for every family (tests, experiments).</summary>
    public Candidate? ForceCandidate { get; init; }
    /// <summary>
    /// Weight of a hand-labelled row (curated, real replies, your own files) relative to a generated one: the
    /// generator's templates are many but narrow, and hand-written paraphrases are what the model must generalise to.
    /// </summary>
    public double HandLabelledWeight { get; init; } = 6;
    /// <summary>The most frequent word unigrams and bigrams kept as features (each length).</summary>
    public int MaximumWordNgrams { get; init; } = 3000;
    /// <summary>The most frequent character trigrams kept as features.</summary>
    public int MaximumCharNgrams { get; init; } = 4000;

    // Written as "not inside the range" so that NaN, which fails every comparison, is refused too.
    public void Validate()
    {
        if (!(TargetPrecision is > 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(TargetPrecision), TargetPrecision, "must be in (0, 1]");
        if (!(MinimumThreshold is >= 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(MinimumThreshold), MinimumThreshold, "must be in [0, 1)");
        if (!(HandLabelledWeight > 0 && double.IsFinite(HandLabelledWeight))) throw new ArgumentOutOfRangeException(nameof(HandLabelledWeight), HandLabelledWeight, "must be a positive number");
        if (MaximumWordNgrams < 1) throw new ArgumentOutOfRangeException(nameof(MaximumWordNgrams), MaximumWordNgrams, "must be at least 1");
        if (MaximumCharNgrams < 1) throw new ArgumentOutOfRangeException(nameof(MaximumCharNgrams), MaximumCharNgrams, "must be at least 1");
        if (NumberOfTrees < 1) throw new ArgumentOutOfRangeException(nameof(NumberOfTrees), NumberOfTrees, "must be at least 1");
        if (!(LearningRate > 0 && double.IsFinite(LearningRate))) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "must be a positive number");
        if (MinimumExampleCountPerLeaf < 1) throw new ArgumentOutOfRangeException(nameof(MinimumExampleCountPerLeaf), MinimumExampleCountPerLeaf, "must be at least 1");
        if (NumberOfLeaves < 2) throw new ArgumentOutOfRangeException(nameof(NumberOfLeaves), NumberOfLeaves, "must be at least 2");
        if (!(FeatureFraction is > 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(FeatureFraction), FeatureFraction, "must be in (0, 1]");
        if (!(MaximumFalsePositiveRate is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(MaximumFalsePositiveRate), MaximumFalsePositiveRate, "must be in [0, 1]");
        foreach (var (family, rate) in FamilyMaximumFalsePositiveRates)
        {
            if (!ToneFamilies.TryParse(family, out var parsed) || parsed.ColumnName() != family)
                throw new ArgumentOutOfRangeException(nameof(FamilyMaximumFalsePositiveRates), family, $"is not a family ({string.Join(", ", ToneFamilies.All.Select(f => f.ColumnName()))})");
            if (!(rate is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(FamilyMaximumFalsePositiveRates), rate, $"the cap for {family} must be in [0, 1]");
        }
        if (Folds is < 2 or > 20) throw new ArgumentOutOfRangeException(nameof(Folds), Folds, "must be in [2, 20]");
        if (CrossValidationRepeats is < 1 or > 10) throw new ArgumentOutOfRangeException(nameof(CrossValidationRepeats), CrossValidationRepeats, "must be in [1, 10]");
        if (MaximumGeneratedRows < 0) throw new ArgumentOutOfRangeException(nameof(MaximumGeneratedRows), MaximumGeneratedRows, "must not be negative");
        if (!(LinearL2 >= 0 && double.IsFinite(LinearL2))) throw new ArgumentOutOfRangeException(nameof(LinearL2), LinearL2, "must be a number, not negative");
        if (!(LinearL1 >= 0 && double.IsFinite(LinearL1))) throw new ArgumentOutOfRangeException(nameof(LinearL1), LinearL1, "must be a number, not negative");
    }
}
