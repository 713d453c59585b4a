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

    private CompiledTrees(Node[] nodes, int[] roots, double[] leaves, double bias, ICalibrator calibrator)
    {
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
        return new CompiledTrees([.. nodes], [.. roots], [.. leaves], ensemble.Bias, platt.Model);
    }

    /// <summary>The raw ensemble output (ML.NET's Score column) for a featurized sentence.</summary>
    public float RawScore(FeatureRow features)
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
