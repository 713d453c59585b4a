using Microsoft.ML.Data;

namespace ReplyLint.Classifier.Scoring;

/// <summary>A featurized sentence: its non-zero entries (a sentence has ~30 of ~10,000).</summary>
internal readonly ref struct FeatureRow(ReadOnlySpan<int> indices, ReadOnlySpan<float> values)
{
    public ReadOnlySpan<int> Indices { get; } = indices;
    public ReadOnlySpan<float> Values { get; } = values;
}

/// <summary>A compiled member of a family's scorer: a calibrated probability from the featurized sentence.</summary>
internal interface ICompiledMember
{
    float Probability(FeatureRow features);
}

/// <summary>
/// A featurized sentence being built: the list of its non-zero entries (a sentence has ~30 of ~10,000), with
/// where each index sits in it, so that n-gram counts accumulate and clearing costs only what was written.
/// </summary>
internal sealed class SparseFeatureRow(int width)
{
    private readonly int[] _positionPlusOne = new int[width];
    private int[] _indices = new int[64];
    private float[] _values = new float[64];
    private int _count;

    public int Width => _positionPlusOne.Length;

    public FeatureRow AsRow() => new(_indices.AsSpan(0, _count), _values.AsSpan(0, _count));

    public void Clear()
    {
        for (var i = 0; i < _count; i++) _positionPlusOne[_indices[i]] = 0;
        _count = 0;
    }

    /// <summary>Adds <paramref name="value"/> at <paramref name="index"/> (accumulating: n-gram counts).</summary>
    public void Add(int index, float value)
    {
        var existing = _positionPlusOne[index] - 1;
        if (existing >= 0)
        {
            _values[existing] += value;
            return;
        }
        if (_count == _indices.Length)
        {
            Array.Resize(ref _indices, _count * 2);
            Array.Resize(ref _values, _count * 2);
        }
        _positionPlusOne[index] = _count + 1;
        _indices[_count] = index;
        _values[_count++] = value;
    }

    /// <summary>Scales the entries in [from, to) to unit L2 length (ML.NET's LpNorm; an all-zero block stays zero).</summary>
    public void ScaleToUnitLength(int from, int to)
    {
        var sum = 0f;
        for (var i = 0; i < _count; i++)
            if (_indices[i] >= from && _indices[i] < to) sum += _values[i] * _values[i];
        if (sum == 0) return;
        var scale = 1 / MathF.Sqrt(sum);
        for (var i = 0; i < _count; i++)
        {
            if (_indices[i] < from || _indices[i] >= to) continue;
            _values[i] *= scale;
        }
    }

    /// <summary>Copies ML.NET's featurized vector in (the fallback path).</summary>
    public void Load(in VBuffer<float> features)
    {
        var values = features.GetValues();
        if (features.IsDense)
        {
            for (var i = 0; i < values.Length; i++)
                if (values[i] != 0) Add(i, values[i]);
        }
        else
        {
            var indices = features.GetIndices();
            for (var i = 0; i < indices.Length; i++)
                if (values[i] != 0) Add(indices[i], values[i]);
        }
    }
}
