using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace ReplyLint.Classifier.Scoring;

/// <summary>
/// One family's trained logistic regression and Platt calibrator, read from the loaded ML.NET model: the dot product
/// of the weights with a sentence's few non-zero features (~30 of 10,000), plus the bias, then the calibrator.
/// Parity with ML.NET's own scoring is a test (ToneModelTests).
/// </summary>
internal sealed class CompiledLinear : ICompiledMember
{
    private readonly float[] _weights;
    private readonly float _bias;
    private readonly ICalibrator _calibrator;

    private CompiledLinear(float[] weights, float bias, ICalibrator calibrator)
    {
        _weights = weights;
        _bias = bias;
        _calibrator = calibrator;
    }

    /// <summary>Reads a family member saved by the trainer: linear binary transformer, then a Platt calibrator on its Score.</summary>
    public static CompiledLinear From(ITransformer predictor)
    {
        if (predictor is not TransformerChain<ITransformer> chain || chain.Count() != 2)
            throw new InvalidOperationException("a linear family member is not the expected logistic regression + Platt chain");
        if (chain.First() is not ISingleFeaturePredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>> linear)
            throw new InvalidOperationException($"a linear family member is {chain.First().GetType().Name}, not a linear binary model");
        if (chain.Last() is not IPredictionTransformer<PlattCalibrator> platt)
            throw new InvalidOperationException($"a family calibrator is {chain.Last().GetType().Name}, not Platt");
        return new CompiledLinear([.. linear.Model.SubModel.Weights], linear.Model.SubModel.Bias, platt.Model);
    }

    /// <summary>The raw linear output (ML.NET's Score column) for a featurized sentence.</summary>
    public float RawScore(FeatureRow features)
    {
        var sum = _bias;
        var indices = features.Indices;
        var values = features.Values;
        for (var i = 0; i < indices.Length; i++)
            if ((uint)indices[i] < (uint)_weights.Length) sum += _weights[indices[i]] * values[i];
        return sum;
    }

    public float Probability(FeatureRow features) => _calibrator.PredictProbability(RawScore(features));
}
