using ReplyLint.Classifier.Evaluation;
using Xunit;

namespace ReplyLint.Classifier.Tests.Evaluation;

public sealed class MetricsTests
{
    [Fact]
    public void Precision_recall_and_F1_from_a_hand_counted_matrix()
    {
        // 3 TP, 1 FP, 2 FN, 4 TN
        (bool, bool)[] pairs = [(true, true), (true, true), (true, true), (false, true), (true, false), (true, false), (false, false), (false, false), (false, false), (false, false)];
        var m = BinaryMetrics.From(pairs);
        Assert.Equal(new BinaryMetrics(3, 1, 2, 4), m);
        Assert.Equal(0.75, m.Precision, 10);
        Assert.Equal(0.6, m.Recall, 10);
        Assert.Equal(2 * 0.75 * 0.6 / 1.35, m.F1, 10);
        Assert.Equal(0.2, m.FalsePositiveRate, 10);
    }

    [Fact]
    public void Empty_cases_are_zero_not_NaN()
    {
        var m = new BinaryMetrics(0, 0, 0, 5);
        Assert.Equal(0, m.Precision);
        Assert.Equal(0, m.Recall);
        Assert.Equal(0, m.F1);
    }

    [Fact]
    public void Auc_counts_ties_as_half()
    {
        Assert.Equal(1.0, BinaryMetrics.Auc([(true, 0.9f), (false, 0.1f)]));
        Assert.Equal(0.5, BinaryMetrics.Auc([(true, 0.5f), (false, 0.5f)]));
        Assert.Equal(0.75, BinaryMetrics.Auc([(true, 0.8f), (true, 0.3f), (false, 0.5f), (false, 0.1f)]));
        Assert.True(double.IsNaN(BinaryMetrics.Auc([(true, 0.5f)])));
    }
}
