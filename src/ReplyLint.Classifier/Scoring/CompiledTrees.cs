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
    // All trees' internal nodes in one array (children are absolute node indices, or the one's complement of an
    // absolute leaf index), and all leaves, pre-multiplied by their tree's weight, in another: one tight loop per
    // ensemble instead of an object and five arrays per tree. Nodes name features by their place among the few
    // hundred features the trees split on, so a sentence's values fit in a small stack buffer.
    private readonly Node[] _nodes;
    private readonly int _leafStart;
    private readonly int[] _roots;
    private readonly double[] _leaves;
    private readonly double _bias;
    private readonly ICalibrator _calibrator;
    private readonly int[] _compactFeature;
    private readonly int _usedFeatureCount;
    // A sentence has ~30 non-zero features of ~10,000, so many trees take the path of an all-zero vector: the sum
    // of those leaves is computed once, and a sentence walks only the trees that split on one of its non-zero features.
    private readonly double _allZeroScore;
    private readonly double[] _allZeroLeaf;
    private readonly int[][] _treesByFeature;

    private readonly BitmaskScorer? _bitmask;

    private CompiledTrees(Node[] nodes, int[] roots, double[] leaves, double bias, ICalibrator calibrator, BitmaskScorer? bitmask)
    {
        _bitmask = bitmask;
        _roots = roots;
        _leaves = leaves;
        _bias = bias;
        _calibrator = calibrator;
        var used = nodes.Select(n => n.Feature).Distinct().Order().ToArray();
        _usedFeatureCount = used.Length;
        _compactFeature = Enumerable.Repeat(-1, used.Length == 0 ? 0 : used[^1] + 1).ToArray();
        for (var i = 0; i < used.Length; i++) _compactFeature[used[i]] = i;
        // Leaves become nodes too, at the end, each its own child whatever the value: four trees can then be walked
        // in step, without a branch for the ones that already reached their leaf (the walk waits on memory, and
        // interleaving four walks overlaps those waits).
        _leafStart = nodes.Length;
        _nodes = nodes.Select(n => n with
            {
                Feature = _compactFeature[n.Feature],
                Left = n.Left >= 0 ? n.Left : _leafStart + ~n.Left,
                Right = n.Right >= 0 ? n.Right : _leafStart + ~n.Right,
            })
            .Concat(leaves.Select((_, i) => new Node(0, float.PositiveInfinity, _leafStart + i, _leafStart + i)))
            .ToArray();
        _roots = roots.Select(r => r >= 0 ? r : _leafStart + ~r).ToArray();
        _usedFeatureCount = Math.Max(1, _usedFeatureCount);

        _allZeroLeaf = _roots.Select(root => leaves[WalkAllZero(_nodes, root) - _leafStart]).ToArray();
        _allZeroScore = bias + _allZeroLeaf.Sum();
        _treesByFeature = new int[used.Length][];
        var trees = used.Select(_ => new SortedSet<int>()).ToArray();
        for (var t = 0; t < _roots.Length; t++)
            foreach (var feature in SplitFeatures(_nodes, _roots[t], _leafStart)) trees[feature].Add(t);
        for (var f = 0; f < used.Length; f++) _treesByFeature[f] = [.. trees[f]];
    }

    private static IEnumerable<int> SplitFeatures(Node[] nodes, int root, int leafStart)
    {
        var pending = new Stack<int>();
        if (root < leafStart) pending.Push(root);
        while (pending.Count > 0)
        {
            var node = nodes[pending.Pop()];
            yield return node.Feature;
            if (node.Left < leafStart) pending.Push(node.Left);
            if (node.Right < leafStart) pending.Push(node.Right);
        }
    }

    private int WalkAllZero(Node[] nodes, int root)
    {
        var node = root;
        while (node < _leafStart) node = 0f <= nodes[node].Threshold ? nodes[node].Left : nodes[node].Right;
        return node;
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
        var nodes = new List<Node>();
        var leaves = new List<double>();
        var roots = new List<int>();
        var bitmask = BitmaskScorer.TryCreate(ensemble);
        for (var t = 0; t < ensemble.Trees.Count; t++)
        {
            var tree = ensemble.Trees[t];
            var weight = ensemble.TreeWeights[t];
            if (tree.CategoricalSplitFlags.ToArray().Any(f => f))
                throw new InvalidOperationException("categorical splits are not expected in a tone model");
            int nodeBase = nodes.Count, leafBase = leaves.Count;
            // FastTree's convention: a negative child is the one's complement of a leaf index within the tree.
            int Absolute(int child) => child >= 0 ? nodeBase + child : ~(leafBase + ~child);
            for (var n = 0; n < tree.NumberOfNodes; n++)
                nodes.Add(new Node(tree.NumericalSplitFeatureIndexes[n], tree.NumericalSplitThresholds[n], Absolute(tree.LeftChild[n]), Absolute(tree.RightChild[n])));
            foreach (var leaf in tree.LeafValues) leaves.Add(weight * leaf);
            roots.Add(tree.NumberOfNodes == 0 ? ~leafBase : nodeBase);
        }
        return new CompiledTrees([.. nodes], [.. roots], [.. leaves], ensemble.Bias, platt.Model, bitmask);
    }

    /// <summary>The raw ensemble output (ML.NET's Score column) for a featurized sentence.</summary>
    public float RawScore(FeatureRow features) =>
        _bitmask is not null && _bitmask.TryRawScore(features, out var score) ? score : WalkRawScore(features);

    /// <summary>The same score by walking the trees: for values the bitmask scorer does not take (negative ones).</summary>
    internal float WalkRawScore(FeatureRow features)
    {
        Span<float> values = _usedFeatureCount <= 4096 ? stackalloc float[_usedFeatureCount] : new float[_usedFeatureCount];
        Span<bool> listed = _roots.Length <= 1024 ? stackalloc bool[_roots.Length] : new bool[_roots.Length];
        Span<int> walk = _roots.Length <= 1024 ? stackalloc int[_roots.Length] : new int[_roots.Length];
        var count = 0;
        var indices = features.Indices;
        for (var i = 0; i < indices.Length; i++)
        {
            if ((uint)indices[i] >= (uint)_compactFeature.Length || _compactFeature[indices[i]] is not (var feature and >= 0)) continue;
            values[feature] = features.Values[i];
            foreach (var t in _treesByFeature[feature])
            {
                if (listed[t]) continue;
                listed[t] = true;
                walk[count++] = t;
            }
        }

        var sum = _allZeroScore;
        var w = 0;
        for (; w + 4 <= count; w += 4)
        {
            int a = _roots[walk[w]], b = _roots[walk[w + 1]], c = _roots[walk[w + 2]], d = _roots[walk[w + 3]];
            while (a < _leafStart || b < _leafStart || c < _leafStart || d < _leafStart)
            {
                a = Step(a, values);
                b = Step(b, values);
                c = Step(c, values);
                d = Step(d, values);
            }
            sum += Leaf(a, walk[w]) + Leaf(b, walk[w + 1]) + Leaf(c, walk[w + 2]) + Leaf(d, walk[w + 3]);
        }
        for (; w < count; w++)
        {
            var node = _roots[walk[w]];
            while (node < _leafStart) node = Step(node, values);
            sum += Leaf(node, walk[w]);
        }
        return (float)sum;
    }

    // A value at or below the threshold goes to the "less than or equal" (left) child, as in FastTree.
    private int Step(int node, ReadOnlySpan<float> values)
    {
        ref readonly var split = ref _nodes[node];
        return values[split.Feature] <= split.Threshold ? split.Left : split.Right;
    }

    private double Leaf(int node, int tree) => _leaves[node - _leafStart] - _allZeroLeaf[tree];

    public float Probability(FeatureRow features) => _calibrator.PredictProbability(RawScore(features));

    private readonly record struct Node(int Feature, float Threshold, int Left, int Right);
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
    private readonly double _bias;
    private readonly Dictionary<int, int> _featureSlot;   // feature index -> its run of splits
    private readonly int[] _runStart;         // by slot; runs are sorted by threshold
    private readonly float[] _thresholds;
    private readonly int[] _splitTree;
    private readonly ulong[] _splitMask;

    private BitmaskScorer(ulong[] startMasks, int[] leafBase, double[] leafValues, double bias, Dictionary<int, int> featureSlot,
        int[] runStart, float[] thresholds, int[] splitTree, ulong[] splitMask)
    {
        (_startMasks, _leafBase, _leafValues, _bias, _featureSlot, _runStart, _thresholds, _splitTree, _splitMask) =
            (startMasks, leafBase, leafValues, bias, featureSlot, runStart, thresholds, splitTree, splitMask);
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
        var featureSlot = new Dictionary<int, int>();
        var runStart = new List<int>();
        for (var i = 0; i < runs.Count; i++)
        {
            if (i > 0 && runs[i].Feature == runs[i - 1].Feature) continue;
            featureSlot[runs[i].Feature] = runStart.Count;
            runStart.Add(i);
        }
        runStart.Add(runs.Count);
        return new BitmaskScorer(startMasks, leafBase, [.. leafValues], bias, featureSlot, [.. runStart],
            runs.Select(x => x.Threshold).ToArray(), runs.Select(x => x.Tree).ToArray(), runs.Select(x => x.Mask).ToArray());
    }

    public bool TryRawScore(FeatureRow features, out float score)
    {
        score = 0;
        var values = features.Values;
        foreach (var value in values)
            if (value < 0 || float.IsNaN(value)) return false;
        Span<ulong> masks = _startMasks.Length <= 512 ? stackalloc ulong[_startMasks.Length] : new ulong[_startMasks.Length];
        _startMasks.CopyTo(masks);
        var indices = features.Indices;
        for (var i = 0; i < indices.Length; i++)
        {
            if (!_featureSlot.TryGetValue(indices[i], out var slot)) continue;
            var value = values[i];
            // Splits sorted by threshold: those below the value fail (the value goes right).
            for (int k = _runStart[slot], end = _runStart[slot + 1]; k < end && _thresholds[k] < value; k++)
                masks[_splitTree[k]] &= _splitMask[k];
        }
        var sum = _bias;
        for (var t = 0; t < masks.Length; t++) sum += _leafValues[_leafBase[t] + System.Numerics.BitOperations.TrailingZeroCount(masks[t])];
        score = (float)sum;
        return true;
    }
}
