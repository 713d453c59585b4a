using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace ReplyLint.Classifier.Scoring;

/// <summary>
/// One family's trained FastTree ensemble and Platt calibrator, read from the loaded ML.NET model through its public
/// tree API (a PredictionEngine per family cost ~30 µs a sentence in column plumbing). Scored by leaf bitmasks
/// (<see cref="BitmaskScorer"/>); walking the trees remains for what that does not take. Parity with ML.NET's own
/// scoring is a test (ToneModelTests), and so is the agreement of the two paths.
/// </summary>
internal sealed class CompiledTrees : ICompiledMember
{
    private readonly Tree[] _trees;
    private readonly double _bias;
    private readonly ICalibrator _calibrator;
    private readonly BitmaskScorer? _bitmask;

    private CompiledTrees(Tree[] trees, double bias, ICalibrator calibrator, BitmaskScorer? bitmask)
    {
        _trees = trees;
        _bias = bias;
        _calibrator = calibrator;
        _bitmask = bitmask;
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
        var trees = ensemble.Trees.Select((t, i) =>
        {
            if (t.CategoricalSplitFlags.ToArray().Any(f => f))
                throw new InvalidOperationException("categorical splits are not expected in a tone model");
            return new Tree([.. t.LeftChild], [.. t.RightChild], [.. t.NumericalSplitFeatureIndexes], [.. t.NumericalSplitThresholds],
                t.LeafValues.Select(v => ensemble.TreeWeights[i] * v).ToArray());
        }).ToArray();
        return new CompiledTrees(trees, ensemble.Bias, platt.Model, BitmaskScorer.TryCreate(ensemble));
    }

    /// <summary>The raw ensemble output (ML.NET's Score column) for a featurized sentence.</summary>
    public float RawScore(FeatureRow features) =>
        _bitmask is not null && _bitmask.TryRawScore(features, out var score) ? score : WalkRawScore(features);

    /// <summary>The same score by walking every tree: for what the bitmask scorer does not take (negative values).</summary>
    internal float WalkRawScore(FeatureRow features)
    {
        var values = new Dictionary<int, float>(features.Indices.Length);
        for (var i = 0; i < features.Indices.Length; i++) values[features.Indices[i]] = features.Values[i];
        var sum = _bias;
        foreach (var tree in _trees)
        {
            var node = 0;
            // FastTree's convention: a value at or below the threshold goes left; a negative child is the one's
            // complement of a leaf index. A tree without splits is a single leaf.
            if (tree.Feature.Length == 0) node = ~0;
            while (node >= 0)
                node = values.GetValueOrDefault(tree.Feature[node]) <= tree.Threshold[node] ? tree.Left[node] : tree.Right[node];
            sum += tree.Leaves[~node];
        }
        return (float)sum;
    }

    public float Probability(FeatureRow features) => _calibrator.PredictProbability(RawScore(features));

    private sealed record Tree(int[] Left, int[] Right, int[] Feature, float[] Threshold, double[] Leaves);
}

/// <summary>
/// Tree ensemble scoring without walking the trees, after QuickScorer (Lucchese et al., SIGIR 2015): each tree keeps
/// a bitmask of the leaves still reachable, numbered left to right; every split a value fails (value above the
/// threshold) clears the leaves of its left subtree, and the exit leaf is the lowest bit left. Values are never
/// negative here (counts, unit-length n-gram weights, Core's counts and flags), so the splits a zero fails are
/// folded into the starting masks once, and a sentence only visits the splits of its ~30 non-zero features whose
/// threshold lies between zero and its value. A negative value, or a tree with more than 64 leaves, goes back to
/// walking (<see cref="TryRawScore"/> returns false / <see cref="TryCreate"/> returns null).
/// </summary>
internal sealed class BitmaskScorer
{
    private readonly ulong[] _startMasks;     // by tree: reachable leaves when every feature is zero
    private readonly int[] _leafBase;         // by tree: where its leaves start in _leafValues
    private readonly double[] _leafValues;    // leaves in left-to-right order, tree weight applied
    private readonly double _startScore;       // bias plus every tree's all-zero exit leaf
    private readonly double[] _startLeafValue; // by tree
    private readonly int[] _featureSlot;      // feature index -> its run of splits, or -1
    private readonly int[] _runStart;         // by slot; runs are sorted by threshold
    private readonly Split[] _splits;         // one array of structs: a run is read front to back, in one stream

    private BitmaskScorer(ulong[] startMasks, int[] leafBase, double[] leafValues, double bias, int[] featureSlot,
        int[] runStart, Split[] splits)
    {
        (_startMasks, _leafBase, _leafValues, _featureSlot, _runStart, _splits) =
            (startMasks, leafBase, leafValues, featureSlot, runStart, splits);
        _startLeafValue = startMasks.Select((m, t) => leafValues[leafBase[t] + System.Numerics.BitOperations.TrailingZeroCount(m)]).ToArray();
        _startScore = bias + _startLeafValue.Sum();
    }

    public static BitmaskScorer? TryCreate(RegressionTreeEnsemble ensemble) => TryCreate(ensemble.Trees.Select(t =>
        ((IReadOnlyList<int>)t.LeftChild, (IReadOnlyList<int>)t.RightChild, (IReadOnlyList<int>)t.NumericalSplitFeatureIndexes,
         (IReadOnlyList<float>)t.NumericalSplitThresholds, (IReadOnlyList<double>)t.LeafValues)).ToList(), ensemble.TreeWeights, ensemble.Bias);

    public static BitmaskScorer? TryCreate(
        IReadOnlyList<(IReadOnlyList<int> Left, IReadOnlyList<int> Right, IReadOnlyList<int> Feature, IReadOnlyList<float> Threshold, IReadOnlyList<double> Leaves)> trees,
        IReadOnlyList<double> weights, double bias)
    {
        var startMasks = new ulong[trees.Count];
        var leafBase = new int[trees.Count];
        var leafValues = new List<double>();
        var splits = new List<(int Feature, float Threshold, int Tree, ulong Mask)>();
        for (var t = 0; t < trees.Count; t++)
        {
            var (left, right, feature, threshold, leaves) = trees[t];
            if (leaves.Count is < 1 or > 64) return null;
            // Leaves left to right, and for each split the run of them its left subtree holds.
            var order = new List<int>();
            var leftRun = new (int Start, int End)[left.Count];
            (int Start, int End) Visit(int child)
            {
                if (child < 0)
                {
                    order.Add(~child);
                    return (order.Count - 1, order.Count);
                }
                var l = Visit(left[child]);
                var r = Visit(right[child]);
                leftRun[child] = l;
                return (l.Start, r.End);
            }
            if (left.Count == 0) order.Add(0);
            else Visit(0);
            if (order.Count != leaves.Count) return null;

            leafBase[t] = leafValues.Count;
            leafValues.AddRange(order.Select(leaf => weights[t] * leaves[leaf]));
            var all = leaves.Count == 64 ? ulong.MaxValue : (1UL << leaves.Count) - 1;
            startMasks[t] = all;
            for (var n = 0; n < left.Count; n++)
            {
                var (start, end) = leftRun[n];
                var width = end - start;
                var mask = ~((width == 64 ? ulong.MaxValue : (1UL << width) - 1) << start);
                // A zero fails a split whose threshold is below zero: that holds for every sentence.
                if (threshold[n] < 0) startMasks[t] &= mask;
                else splits.Add((feature[n], threshold[n], t, mask));
            }
        }
        var runs = splits.OrderBy(x => x.Feature).ThenBy(x => x.Threshold).ToList();
        var featureSlot = Enumerable.Repeat(-1, runs.Count == 0 ? 0 : runs.Max(x => x.Feature) + 1).ToArray();
        var runStart = new List<int>();
        for (var i = 0; i < runs.Count; i++)
        {
            if (i > 0 && runs[i].Feature == runs[i - 1].Feature) continue;
            featureSlot[runs[i].Feature] = runStart.Count;
            runStart.Add(i);
        }
        runStart.Add(runs.Count);
        return new BitmaskScorer(startMasks, leafBase, [.. leafValues], bias, featureSlot, [.. runStart],
            runs.Select(x => new Split(x.Threshold, x.Tree, x.Mask)).ToArray());
    }

    public bool TryRawScore(FeatureRow features, out float score)
    {
        score = 0;
        var values = features.Values;
        foreach (var value in values)
            if (value < 0 || float.IsNaN(value)) return false;
        // Masks start at zero, meaning "untouched": a reachable-leaf mask is never empty. Only trees a split of this
        // sentence touches are summed; the others exit where the all-zero vector does (_startScore).
        var trees = _startMasks.Length;
        Span<ulong> masks = trees <= 512 ? stackalloc ulong[trees] : new ulong[trees];
        Span<int> touched = trees <= 512 ? stackalloc int[trees] : new int[trees];
        var touchedCount = 0;
        var indices = features.Indices;
        for (var i = 0; i < indices.Length; i++)
        {
            if ((uint)indices[i] >= (uint)_featureSlot.Length || _featureSlot[indices[i]] is not (var slot and >= 0)) continue;
            var value = values[i];
            // Splits sorted by threshold: those below the value fail (the value goes right).
            foreach (ref readonly var split in _splits.AsSpan(_runStart[slot], _runStart[slot + 1] - _runStart[slot]))
            {
                if (split.Threshold >= value) break;
                var t = split.Tree;
                if (masks[t] == 0)
                {
                    masks[t] = _startMasks[t];
                    touched[touchedCount++] = t;
                }
                masks[t] &= split.Mask;
            }
        }
        var sum = _startScore;
        foreach (var t in touched[..touchedCount])
            sum += _leafValues[_leafBase[t] + System.Numerics.BitOperations.TrailingZeroCount(masks[t])] - _startLeafValue[t];
        score = (float)sum;
        return true;
    }

    private readonly record struct Split(float Threshold, int Tree, ulong Mask);
}
