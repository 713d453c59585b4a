namespace ReplyLint.Classifier.Training;

/// <summary>Everything that decides a trained model besides the data; recorded in the model card.</summary>
public sealed record TrainingOptions
{
    /// <summary>Seeds the MLContext, FastTree and the train/calibration/validation split.</summary>
    public int Seed { get; init; } = 42;
    /// <summary>Thresholds are the lowest probability at which precision on held-out rows stays at or above this.</summary>
    public double TargetPrecision { get; init; } = 0.8;
    /// <summary>No threshold goes below this, whatever the held-out rows say: model-only findings stay rare on polite replies.</summary>
    public double MinimumThreshold { get; init; } = 0.5;
    public int NumberOfTrees { get; init; } = 100;
    public int NumberOfLeaves { get; init; } = 16;
    public int MinimumExampleCountPerLeaf { get; init; } = 5;
    public double LearningRate { get; init; } = 0.2;
    /// <summary>Share of rows (by a seeded hash of the text) held out to fit the Platt calibrator and choose thresholds.</summary>
    public double CalibrationFraction { get; init; } = 0.15;
    /// <summary>Share of rows held out to report metrics; never used to fit or choose anything.</summary>
    public double ValidationFraction { get; init; } = 0.15;
    /// <summary>
    /// Weight of a hand-labelled row (curated, real replies, your own files) relative to a generated one: the
    /// generator's templates are many but narrow, and hand-written paraphrases are what the model must generalise to.
    /// </summary>
    public double HandLabelledWeight { get; init; } = 3;
    /// <summary>
    /// Thresholds are chosen on the hand-labelled calibration rows alone when they hold at least this many positives
    /// for the family (otherwise on all calibration rows).
    /// </summary>
    public int MinimumHandLabelledPositives { get; init; } = 8;
    /// <summary>The most frequent word unigrams and bigrams kept as features (each length).</summary>
    public int MaximumWordNgrams { get; init; } = 3000;
    /// <summary>The most frequent character trigrams kept as features.</summary>
    public int MaximumCharNgrams { get; init; } = 4000;

    public void Validate()
    {
        if (TargetPrecision is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(TargetPrecision), TargetPrecision, "must be in (0, 1]");
        if (MinimumThreshold is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(MinimumThreshold), MinimumThreshold, "must be in [0, 1)");
        if (HandLabelledWeight <= 0) throw new ArgumentOutOfRangeException(nameof(HandLabelledWeight), HandLabelledWeight, "must be positive");
        if (MaximumWordNgrams < 1 || MaximumCharNgrams < 1) throw new ArgumentOutOfRangeException(nameof(MaximumWordNgrams), "n-gram caps must be at least 1");
        if (NumberOfTrees < 1) throw new ArgumentOutOfRangeException(nameof(NumberOfTrees), NumberOfTrees, "must be at least 1");
        if (NumberOfLeaves < 2) throw new ArgumentOutOfRangeException(nameof(NumberOfLeaves), NumberOfLeaves, "must be at least 2");
        if (CalibrationFraction is <= 0 or >= 0.5) throw new ArgumentOutOfRangeException(nameof(CalibrationFraction), CalibrationFraction, "must be in (0, 0.5)");
        if (ValidationFraction is <= 0 or >= 0.5) throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, "must be in (0, 0.5)");
    }
}
