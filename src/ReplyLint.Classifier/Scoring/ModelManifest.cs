using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReplyLint.Classifier.Scoring;

/// <summary>
/// <c>manifest.json</c> inside models/replylint.zip: which entries hold the featurizer and each family's
/// predictor, the decision thresholds, and the core feature names the model was trained with.
/// </summary>
internal sealed class ModelManifest
{
    public const string EntryName = "manifest.json";
    public const string FormatName = "replylint-tone-model";
    public const int CurrentFormatVersion = 1;

    public string Format { get; set; } = FormatName;
    public int FormatVersion { get; set; } = CurrentFormatVersion;
    public string Featurizer { get; set; } = "featurizer.zip";
    public List<string> CoreFeatures { get; set; } = [];
    public List<FamilyEntry> Families { get; set; } = [];
    public int Seed { get; set; }
    public string DataHash { get; set; } = "";
    public string TrainedWith { get; set; } = "";

    public sealed class FamilyEntry
    {
        public string Name { get; set; } = "";
        public string Entry { get; set; } = "";
        public float Threshold { get; set; }
    }

    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}
