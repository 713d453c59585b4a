using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReplyLint.Classifier.Scoring;

/// <summary>
/// <c>manifest.json</c> inside models/replylint.zip: which entries hold the featurizer and each family's
/// predictors (one or two members, averaged), the decision thresholds, and the core feature names the model was trained with.
/// </summary>
/// <summary>What one member of a family's scorer is.</summary>
internal enum MemberKind
{
    FastTree,
    Linear,
}

internal sealed class ModelManifest
{
    public const string EntryName = "manifest.json";
    public const string FormatName = "replylint-tone-model";
    public const int CurrentFormatVersion = 2;

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
        public float Threshold { get; set; }
        /// <summary>The family's probability is the mean of its members' calibrated probabilities.</summary>
        public List<MemberEntry> Members { get; set; } = [];
    }

    public sealed class MemberEntry
    {
        /// <summary><c>fasttree</c> or <c>linear</c>.</summary>
        public string Kind { get; set; } = "";
        public string Entry { get; set; } = "";
    }

    public static string KindName(MemberKind kind) => kind == MemberKind.FastTree ? "fasttree" : "linear";

    public static bool TryParseKind(string name, out MemberKind kind)
    {
        kind = name == "linear" ? MemberKind.Linear : MemberKind.FastTree;
        return name is "fasttree" or "linear";
    }

    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}
