using ReplyLint.Core.Structure;

namespace ReplyLint.Core.Engine;

/// <summary>Probabilities for one sentence, per family; <see cref="Acknowledgement"/> is the positive side of empathy.</summary>
public record struct ToneScores(float Defensive, float PerceptionDenial, float Jargon, float Acknowledgement);

/// <summary>
/// A sentence-level tone model (the ML.NET classifier implements it). Core only knows this shape, so rules
/// run without any model and the classifier can be retrained or replaced without touching the engine.
/// </summary>
public interface IToneModel
{
    /// <summary>A stable identifier of the trained model (a hash of the model file).</summary>
    string Version { get; }

    /// <summary>Per-family decision thresholds, chosen on validation data.</summary>
    ToneScores Thresholds { get; }

    /// <summary>Scores every sentence of <paramref name="document"/>; thread-safe.</summary>
    void Score(ReplyDocument document, Span<ToneScores> sentenceScores);
}

/// <summary>Whether the engine has its model, and if not, why: callers must be able to see a degraded answer.</summary>
public sealed record ModelStatus(bool IsLoaded, string? Version, string? Problem)
{
    public static ModelStatus NotConfigured { get; } = new(false, null, "no model configured: rules only");
    public static ModelStatus Loaded(string version) => new(true, version, null);
    public static ModelStatus Failed(string problem) => new(false, null, problem);
}
