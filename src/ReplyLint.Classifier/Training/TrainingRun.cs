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
    /// <summary>The first line of the README.md that <c>train</c> writes beside the model (<see cref="ModelCard.ToMarkdown"/>).</summary>
    public const string CardHeading = "# ReplyLint tone model";

    /// <summary>
    /// Why <paramref name="directory"/> cannot take a training run's files, or null when it can: checked before the
    /// minutes of training, not after. Creates the folder. A README.md that a training run did not write is never
    /// replaced (<c>--out .</c> in the repository would otherwise overwrite the project's README).
    /// </summary>
    public static string? OutputProblem(string directory)
    {
        if (File.Exists(directory)) return $"--out '{directory}' is a file; name a folder (train writes {ModelPaths.FileName}, model-card.json and README.md into it)";
        try
        {
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, $".replylint-train.{Environment.ProcessId}.probe");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"--out '{directory}' cannot be written: {e.Message}";
        }
        var readme = Path.Combine(directory, "README.md");
        if (File.Exists(readme) && !string.Equals(File.ReadLines(readme).FirstOrDefault(), CardHeading, StringComparison.Ordinal))
            return $"--out '{directory}' has a README.md that train did not write, and train would replace it; choose another folder";
        return null;
    }

    /// <summary>
    /// <paramref name="skipped"/> hears of each malformed line of the data, real-reply and check files as it is found
    /// (the result lists them all too), so the caller decides how many to show.
    /// </summary>
    public static TrainingRunResult Execute(TrainingRunRequest request, IProgress<string>? progress = null, Action<DataProblem>? skipped = null)
    {
        if (OutputProblem(request.OutputDirectory) is { } outputProblem) throw new InvalidOperationException(outputProblem);
        if (request.Regenerate)
        {
            var written = TrainingDataGenerator.WriteFromConfig(request.DataPath);
            progress?.Report($"regenerated {Path.GetFileName(written.Path)}: {written.Rows} rows");
        }
        progress?.Report($"reading training data from {request.DataPath}");
        var data = TrainingDataSet.Load(request.DataPath);
        var problems = new List<DataProblem>(data.Problems);
        foreach (var problem in data.Problems) skipped?.Invoke(problem);
        var rows = new List<LabelledSentence>(data.Rows);

        List<LabelledReply>? replies = null;
        var realRows = 0;
        var realDescription = "not used";
        if (request.RealReplies is { } real)
        {
            var replyProblems = new List<DataProblem>();
            replies = Data.RealReplies.Read(real.Replies, real.Labels, replyProblems);
            foreach (var problem in replyProblems) skipped?.Invoke(problem);
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

        // The model and its card are written to temporary files and put in place together at the end, so an
        // interrupted run leaves the old model with its old card, never a new model beside the old card.
        var modelPath = Path.Combine(request.OutputDirectory, ModelPaths.FileName);
        var jsonPath = Path.Combine(request.OutputDirectory, "model-card.json");
        var markdownPath = Path.Combine(request.OutputDirectory, "README.md");
        var pending = new[] { modelPath, jsonPath, markdownPath }.ToDictionary(path => path, path => $"{path}.{Environment.ProcessId}.tmp");
        try
        {
            File.WriteAllBytes(pending[modelPath], result.ModelBytes);
            var card = MeasureAndDescribe(request, pending[modelPath], modelPath, result, data, rows, realRows, realDescription, replies, problems, progress, skipped);
            File.WriteAllText(pending[jsonPath], card.ToJson());
            File.WriteAllText(pending[markdownPath], card.ToMarkdown());
            foreach (var (final, temporary) in pending) File.Move(temporary, final, overwrite: true);
            return new TrainingRunResult(modelPath, jsonPath, markdownPath, card, problems);
        }
        finally
        {
            foreach (var temporary in pending.Values.Where(File.Exists)) File.Delete(temporary);
        }
    }

    private static ModelCard MeasureAndDescribe(TrainingRunRequest request, string modelFile, string modelPath, TrainingResult result, TrainingDataSet data,
        List<LabelledSentence> rows, int realRows, string realDescription, List<LabelledReply>? replies, List<DataProblem> problems, IProgress<string>? progress,
        Action<DataProblem>? skipped)
    {
        progress?.Report("measuring the model through the engine");
        using var model = ToneModel.Load(modelFile);
        if (model.CompiledFeaturizerProblem is { } slowPath)
            progress?.Report($"warning: this model will be {ToneModel.SlowFeaturizerNote}: {slowPath}");
        var rulesOnly = new ReplyLintEngine();
        var withModel = new ReplyLintEngine(model: model);

        var heldOut = new List<ModelCard.HeldOutCheck>();
        foreach (var check in request.CheckFiles)
        {
            var checkProblems = new List<DataProblem>();
            var checkRows = TrainingCsv.Read(check, checkProblems);
            foreach (var problem in checkProblems) skipped?.Invoke(problem);
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

        return new ModelCard
        {
            Command = request.CommandLine,
            ModelFile = DisplayPath(modelPath),
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
    }

    /// <summary>The model file as the card names it: relative to the working directory when inside it ("models/replylint.zip").</summary>
    private static string DisplayPath(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, Path.GetFullPath(path));
        return (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? Path.GetFullPath(path) : relative).Replace('\\', '/');
    }
}
