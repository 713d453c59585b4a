using Microsoft.ML;
using Microsoft.ML.Data;
using ReplyLint.Core.Engine;

namespace ReplyLint.Classifier.Scoring;

/// <summary>The model's input row: the sentence text plus Core's <see cref="SentenceFeatures"/>.</summary>
internal sealed class SentenceInput
{
    public string Text { get; set; } = "";
    public float[] CoreFeatures { get; set; } = [];
    public bool Label { get; set; }
    /// <summary>Training only: hand-labelled rows count more than generated ones.</summary>
    public float Weight { get; set; } = 1;
}

/// <summary>One family member's calibrated probability, as ML.NET's own chain computes it (parity tests).</summary>
internal sealed class MemberOutput
{
    public float Probability { get; set; }
}

/// <summary>The featurizer's output: what the compiled trees read.</summary>
internal sealed class FeaturesOutput
{
    public VBuffer<float> Features { get; set; }
}

internal static class ModelSchema
{
    public const string TextColumn = nameof(SentenceInput.Text);
    public const string CoreFeaturesColumn = nameof(SentenceInput.CoreFeatures);
    public const string LabelColumn = nameof(SentenceInput.Label);
    public const string TextFeaturesColumn = "TextFeatures";
    public const string FeaturesColumn = "Features";

    public static string OutputColumn(ToneFamily family) => "p_" + family.ColumnName();

    /// <summary>The input schema: the core feature vector's size is only known at run time.</summary>
    public static SchemaDefinition InputSchema()
    {
        var schema = SchemaDefinition.Create(typeof(SentenceInput));
        schema[CoreFeaturesColumn].ColumnType = new VectorDataViewType(NumberDataViewType.Single, SentenceFeatures.Count);
        return schema;
    }

    public static IDataView Load(MLContext ml, IEnumerable<SentenceInput> rows) => ml.Data.LoadFromEnumerable(rows, InputSchema());

    public const string WeightColumn = nameof(SentenceInput.Weight);

    public static SentenceInput Input(string text, float[] coreFeatures, bool label = false, float weight = 1) =>
        new() { Text = text, CoreFeatures = coreFeatures, Label = label, Weight = weight };
}
