using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace ReplyLint.Classifier.Scoring;

/// <summary>
/// One family's trained FastTree ensemble and Platt calibrator, read from the loaded ML.NET model through its public
/// tree API and evaluated over a dense feature array. A PredictionEngine per family costs ~30 µs a sentence in
/// column plumbing; walking 100 small trees costs ~1 µs, which is what keeps rules + model under a millisecond.
/// Parity with ML.NET's own scoring is a test (ToneModelTests).
/// </summary>
internal sealed class CompiledTrees : ICompiledMember
{
    private readonly Tree[] _trees;
    private readonly double[] _weights;
    private readonly double _bias;
    private readonly ICalibrator _calibrator;

    private CompiledTrees(Tree[] trees, double[] weights, double bias, ICalibrator calibrator)
    {
        _trees = trees;
        _weights = weights;
        _bias = bias;
        _calibrator = calibrator;
    }

    /// <summary>Reads a family predictor saved by the trainer: FastTree binary transformer, then a Platt calibrator on its Score.</summary>
    public static CompiledTrees From(ITransformer predictor)
    {
        if (predictor is not TransformerChain<ITransformer> chain || chain.Count() != 2)
            throw new InvalidOperationException("a family predictor is not the expected FastTree + Platt chain");
        if (chain.First() is not ISingleFeaturePredictionTransformer<CalibratedModelParametersBase<FastTreeBinaryModelParameters, PlattCalibrator>> fastTree)
            throw new InvalidOperationException($"a family predictor is {chain.First().GetType().Name}, not a FastTree binary model");
        if (chain.Last() is not IPredictionTransformer<PlattCalibrator> platt)
            throw new InvalidOperationException($"a family calibrator is {chain.Last().GetType().Name}, not Platt");
        var ensemble = fastTree.Model.SubModel.TrainedTreeEnsemble;
        var trees = ensemble.Trees.Select(t =>
        {
            if (t.CategoricalSplitFlags.ToArray().Any(f => f))
                throw new InvalidOperationException("categorical splits are not expected in a tone model");
            return new Tree([.. t.LeftChild], [.. t.RightChild], [.. t.NumericalSplitFeatureIndexes], [.. t.NumericalSplitThresholds], [.. t.LeafValues]);
        }).ToArray();
        return new CompiledTrees(trees, [.. ensemble.TreeWeights], ensemble.Bias, platt.Model);
    }

    /// <summary>The raw ensemble output (ML.NET's Score column) for a dense feature vector.</summary>
    public float RawScore(ReadOnlySpan<float> features)
    {
        var sum = _bias;
        for (var t = 0; t < _trees.Length; t++) sum += _weights[t] * _trees[t].Evaluate(features);
        return (float)sum;
    }

    public float Probability(ReadOnlySpan<float> features) => _calibrator.PredictProbability(RawScore(features));

    private sealed record Tree(int[] Left, int[] Right, int[] Feature, float[] Threshold, double[] Leaf)
    {
        public double Evaluate(ReadOnlySpan<float> features)
        {
            if (Leaf.Length == 1) return Leaf[0];
            var node = 0;
            // FastTree's convention: a value at or below the threshold goes to the "less than or equal" child;
            // a negative child is the one's complement of a leaf index.
            while (node >= 0) node = features[Feature[node]] <= Threshold[node] ? Left[node] : Right[node];
            return Leaf[~node];
        }
    }
}
