using ReplyLint.Classifier.Data;
using ReplyLint.Classifier.Evaluation;
using ReplyLint.Core.Engine;

namespace ReplyLint.Classifier.Training;

/// <summary>What <c>replylint train</c> was asked to do.</summary>
public sealed record TrainingRunRequest
{
    public required string DataPath { get; init; }
    public required string OutputDirectory { get; init; }
    public TrainingOptions Options { get; init; } = new();
    /// <summary>Real replies + labels: the tuning half (<see cref="DevSplit"/>) becomes training rows; null: none.</summary>
    public (string Replies, string Labels)? RealReplies { get; init; }
    /// <summary>Held-out sentence files measured through the engine after training (never trained on).</summary>
    public IReadOnlyList<string> CheckFiles { get; init; } = [];
    /// <summary>Regenerate <c>generated.csv</c> in the data folder from <c>generator.json</c> before training.</summary>
    public bool Regenerate { get; init; }
    /// <summary>The command line, recorded in the model card.</summary>
    public string CommandLine { get; init; } = "";
}

/// <summary>The files a training run wrote and its card.</summary>
public sealed record TrainingRunResult(string ModelPath, string CardJsonPath, string CardMarkdownPath, ModelCard Card,
    IReadOnlyList<DataProblem> Problems);

/// <summary>Loads the data, trains, writes models/replylint.zip + model-card.json + README.md, and measures the result.</summary>
public static class TrainingRun
{
    public static TrainingRunResult Execute(TrainingRunRequest request, IProgress<string>? progress = null)
    {
        if (request.Regenerate)
        {
            var written = TrainingDataGenerator.WriteFromConfig(request.DataPath);
            progress?.Report($"regenerated {Path.GetFileName(written.Path)}: {written.Rows} rows");
        }
        progress?.Report($"reading training data from {request.DataPath}");
        var data = TrainingDataSet.Load(request.DataPath);
        var problems = new List<DataProblem>(data.Problems);
        foreach (var problem in data.Problems) progress?.Report($"skipped {problem}");
        var rows = new List<LabelledSentence>(data.Rows);

        List<LabelledReply>? replies = null;
        var realRows = 0;
        var realDescription = "not used";
        if (request.RealReplies is { } real)
        {
            var replyProblems = new List<DataProblem>();
            replies = Data.RealReplies.Read(real.Replies, real.Labels, replyProblems);
            foreach (var problem in replyProblems) progress?.Report($"skipped {problem}");
            problems.AddRange(replyProblems);
            var tuning = replies.Where(r => DevSplit.IsTuningHalf(r.Id)).ToList();
            var sentenceRows = tuning.SelectMany(Data.RealReplies.ToSentenceRows).ToList();
            realRows = sentenceRows.Count;
            rows.AddRange(sentenceRows);
            realDescription = $"tuning half of {Path.GetFileName(real.Replies)}: {tuning.Count} of {replies.Count} replies";
            progress?.Report($"real replies: {sentenceRows.Count} sentence rows from the tuning half ({tuning.Count} of {replies.Count} replies)");
        }
        if (rows.Count == 0) throw new InvalidOperationException($"no training rows in {request.DataPath}");

        var result = ToneTrainer.Train(rows, request.Options, progress);

        Directory.CreateDirectory(request.OutputDirectory);
        var modelPath = Path.Combine(request.OutputDirectory, ModelPaths.FileName);
        var temporary = modelPath + ".tmp";
        File.WriteAllBytes(temporary, result.ModelBytes);
        File.Move(temporary, modelPath, overwrite: true);

        progress?.Report("measuring the model through the engine");
        using var model = ToneModel.Load(modelPath);
        var rulesOnly = new ReplyLintEngine();
        var withModel = new ReplyLintEngine(model: model);

        var heldOut = new List<ModelCard.HeldOutCheck>();
        foreach (var check in request.CheckFiles)
        {
            var checkProblems = new List<DataProblem>();
            var checkRows = TrainingCsv.Read(check, checkProblems);
            foreach (var problem in checkProblems) progress?.Report($"skipped {problem}");
            problems.AddRange(checkProblems);
            heldOut.Add(new ModelCard.HeldOutCheck(Path.GetFileName(check),
                EngineEvaluation.CatchRate(rulesOnly, checkRows), EngineEvaluation.CatchRate(withModel, checkRows)));
        }

        ModelCard.RealReplyCheck? realCheck = null;
        if (replies is not null)
        {
            var reporting = replies.Where(r => DevSplit.IsReportingHalf(r.Id)).ToList();
            var modelOnly = new SortedDictionary<string, int>(StringComparer.Ordinal);
            foreach (var reply in replies)
                foreach (var d in withModel.Analyze(reply.Reply, reply.Customer).Diagnostics)
                    if (d.Source == Core.Diagnostics.FindingSource.Model)
                        modelOnly[d.Id] = modelOnly.GetValueOrDefault(d.Id) + 1;
            realCheck = new ModelCard.RealReplyCheck(
                "The dev replies are split by a stable hash of their id (`DevSplit`): sentence rows derived from the tuning half " +
                "(the sentence holding a label's evidence is positive; sentences of replies labelled 0 are negative; others are left out) " +
                "are training rows; the reporting half is never trained on, so its figures are the honest ones. Each reply is analysed with its customer message.",
                EngineEvaluation.ReplyFindings(rulesOnly, replies), EngineEvaluation.ReplyFindings(withModel, replies),
                EngineEvaluation.ReplyFindings(rulesOnly, reporting), EngineEvaluation.ReplyFindings(withModel, reporting),
                modelOnly);
        }

        var card = new ModelCard
        {
            Command = request.CommandLine,
            ModelFile = ModelPaths.FolderName + "/" + ModelPaths.FileName,
            ModelVersion = model.Version,
            ModelBytes = result.ModelBytes.Length,
            DataHash = ToneTrainer.RowsHash(rows),
            DataFiles = data.Files,
            CsvRows = data.Rows.Count,
            RealReplyRows = realRows,
            RealReplies = realDescription,
            Options = request.Options,
            HandLabelledRows = result.HandRows,
            GeneratedRows = result.GeneratedRows,
            GeneratedRowsUsed = result.GeneratedRowsUsed,
            FeatureCount = result.FeatureCount,
            TrainingSeconds = Math.Round(result.Duration.TotalSeconds, 1),
            Families = result.Families,
            HeldOut = heldOut,
            RealReplyFigures = realCheck,
        };
        var jsonPath = Path.Combine(request.OutputDirectory, "model-card.json");
        var markdownPath = Path.Combine(request.OutputDirectory, "README.md");
        File.WriteAllText(jsonPath, card.ToJson());
        File.WriteAllText(markdownPath, card.ToMarkdown());
        return new TrainingRunResult(modelPath, jsonPath, markdownPath, card, problems);
    }
}
