using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace ReplyLint.Classifier.Scoring;

/// <summary>
/// One family's trained logistic regression and Platt calibrator, read from the loaded ML.NET model: a sparse dot
/// product (only the non-zero weights are kept) plus the bias, then the calibrator. Parity with ML.NET's own scoring
/// is a test (ToneModelTests).
/// </summary>
internal sealed class CompiledLinear : ICompiledMember
{
    private readonly int[] _indices;
    private readonly float[] _weights;
    private readonly float _bias;
    private readonly ICalibrator _calibrator;

    private CompiledLinear(int[] indices, float[] weights, float bias, ICalibrator calibrator)
    {
        _indices = indices;
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
        var weights = linear.Model.SubModel.Weights;
        var indices = new List<int>();
        var values = new List<float>();
        for (var i = 0; i < weights.Count; i++)
        {
            if (weights[i] == 0) continue;
            indices.Add(i);
            values.Add(weights[i]);
        }
        return new CompiledLinear([.. indices], [.. values], linear.Model.SubModel.Bias, platt.Model);
    }

    /// <summary>The raw linear output (ML.NET's Score column) for a dense feature vector.</summary>
    public float RawScore(ReadOnlySpan<float> features)
    {
        var sum = _bias;
        for (var i = 0; i < _indices.Length; i++) sum += _weights[i] * features[_indices[i]];
        return sum;
    }

    public float Probability(ReadOnlySpan<float> features) => _calibrator.PredictProbability(RawScore(features));
}

/// <summary>A compiled member of a family's scorer: a calibrated probability from the dense featurized vector.</summary>
internal interface ICompiledMember
{
    float Probability(ReadOnlySpan<float> features);
}
