using ReplyLint.Classifier.Data;

namespace ReplyLint.Classifier.Evaluation;

/// <summary>The model alone on a labelled sentence file: per family, the confusion matrix at the model's thresholds and the AUC.</summary>
public sealed record SentenceEvaluationReport(int Rows, IReadOnlyList<(string Family, float Threshold, BinaryMetrics Metrics, double Auc)> Families);

public static class SentenceEvaluation
{
    /// <summary>Scores every row (features from the text alone, as for a training row); rows with a blank label are left out of that family.</summary>
    public static SentenceEvaluationReport Evaluate(ToneModel model, IReadOnlyList<LabelledSentence> rows)
    {
        ArgumentNullException.ThrowIfNull(model);
        var scores = rows.Select(r => model.ScoreSentence(r.Text)).ToArray();
        var families = new List<(string, float, BinaryMetrics, double)>();
        foreach (var family in ToneFamilies.All)
        {
            var threshold = model.Thresholds.Get(family);
            var scored = rows.Select((r, i) => (Label: r.Labels[family], Score: scores[i].Get(family)))
                .Where(x => x.Label is not null)
                .Select(x => (Actual: x.Label!.Value, x.Score))
                .ToList();
            families.Add((family.ColumnName(), threshold, BinaryMetrics.From(scored.Select(s => (s.Actual, s.Score >= threshold))), BinaryMetrics.Auc(scored)));
        }
        return new SentenceEvaluationReport(rows.Count, families);
    }
}
