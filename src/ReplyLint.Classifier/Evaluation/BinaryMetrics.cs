namespace ReplyLint.Classifier.Evaluation;

/// <summary>A confusion matrix for one family and the figures derived from it.</summary>
public sealed record BinaryMetrics(int TruePositives, int FalsePositives, int FalseNegatives, int TrueNegatives)
{
    public int Positives => TruePositives + FalseNegatives;
    public int Negatives => FalsePositives + TrueNegatives;
    public int Count => Positives + Negatives;
    /// <summary>TP / (TP + FP); 0 when nothing was predicted positive.</summary>
    public double Precision => TruePositives + FalsePositives == 0 ? 0 : (double)TruePositives / (TruePositives + FalsePositives);
    /// <summary>TP / (TP + FN); 0 when there are no positives.</summary>
    public double Recall => Positives == 0 ? 0 : (double)TruePositives / Positives;
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
    public double FalsePositiveRate => Negatives == 0 ? 0 : (double)FalsePositives / Negatives;

    public static BinaryMetrics From(IEnumerable<(bool Actual, bool Predicted)> pairs)
    {
        int tp = 0, fp = 0, fn = 0, tn = 0;
        foreach (var (actual, predicted) in pairs)
        {
            if (actual && predicted) tp++;
            else if (!actual && predicted) fp++;
            else if (actual) fn++;
            else tn++;
        }
        return new BinaryMetrics(tp, fp, fn, tn);
    }

    /// <summary>Area under the ROC curve (ties count half); NaN when one class is absent.</summary>
    public static double Auc(IReadOnlyList<(bool Actual, float Score)> scored)
    {
        var positives = scored.Count(s => s.Actual);
        var negatives = scored.Count - positives;
        if (positives == 0 || negatives == 0) return double.NaN;
        var ordered = scored.OrderBy(s => s.Score).ToList();
        double rankSum = 0;
        for (var i = 0; i < ordered.Count;)
        {
            var j = i;
            while (j < ordered.Count && ordered[j].Score == ordered[i].Score) j++;
            var averageRank = (i + 1 + j) / 2.0; // ranks i+1..j
            for (var k = i; k < j; k++) if (ordered[k].Actual) rankSum += averageRank;
            i = j;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }
}
