using ReplyLint.Classifier;
using System.CommandLine;
using ReplyLint.Classifier.Data;
using ReplyLint.Classifier.Training;
using ReplyLint.Cli.Output;

namespace ReplyLint.Cli.Commands;

/// <summary><c>replylint train</c>: trains the tone model from a data folder and writes the model and its card.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Training data: a folder of CSVs in the training format (see data/training/README.md), or one CSV.", DefaultValueFactory = _ => "data/training" };
        var output = new Option<string>("--out") { Description = "Folder to write replylint.zip, model-card.json and README.md to.", DefaultValueFactory = _ => "models" };
        var seed = new Option<int>("--seed") { Description = "Seed for the folds, ML.NET and FastTree.", DefaultValueFactory = _ => new TrainingOptions().Seed };
        var precision = new Option<double>("--target-precision") { Description = "Per-family thresholds reach this precision on held-out rows.", DefaultValueFactory = _ => new TrainingOptions().TargetPrecision };
        var minThreshold = new Option<double>("--min-threshold") { Description = "No threshold below this probability.", DefaultValueFactory = _ => new TrainingOptions().MinimumThreshold };
        var trees = new Option<int>("--trees") { Description = "FastTree trees per family.", DefaultValueFactory = _ => new TrainingOptions().NumberOfTrees };
        var leaves = new Option<int>("--leaves") { Description = "FastTree leaves per tree.", DefaultValueFactory = _ => new TrainingOptions().NumberOfLeaves };
        var maxWords = new Option<int>("--max-word-ngrams") { Description = "Most frequent word 1-grams and 2-grams kept as features (each).", DefaultValueFactory = _ => new TrainingOptions().MaximumWordNgrams };
        var maxChars = new Option<int>("--max-char-ngrams") { Description = "Most frequent character 3-grams kept as features.", DefaultValueFactory = _ => new TrainingOptions().MaximumCharNgrams };
        var handWeight = new Option<double>("--hand-weight") { Description = "Weight of hand-labelled rows (anything not generated) relative to generated rows.", DefaultValueFactory = _ => new TrainingOptions().HandLabelledWeight };
        var featureFraction = new Option<double>("--feature-fraction") { Description = "Share of the features FastTree considers per tree.", DefaultValueFactory = _ => new TrainingOptions().FeatureFraction };
        var maxFpr = new Option<double>("--max-fpr") { Description = "Thresholds flag at most this share of a family's out-of-fold hand-labelled negatives.", DefaultValueFactory = _ => new TrainingOptions().MaximumFalsePositiveRate };
        var familyMaxFpr = new Option<string[]>("--family-max-fpr") { Description = "Per-family overrides of --max-fpr, as family=rate (e.g. perception_denial=0.01 legal_jargon=0.01).", AllowMultipleArgumentsPerToken = true };
        var folds = new Option<int>("--folds") { Description = "Cross-validation folds over the hand-labelled rows (model choice, calibration, thresholds).", DefaultValueFactory = _ => new TrainingOptions().Folds };
        var cvRepeats = new Option<int>("--cv-repeats") { Description = "Repeat the cross-validation with this many seeded splits and average each row's out-of-fold score: steadier model choice and thresholds, proportionally longer training.", DefaultValueFactory = _ => new TrainingOptions().CrossValidationRepeats };
        var maxGenerated = new Option<int>("--max-generated") { Description = "At most this many generated rows are trained on (seeded choice).", DefaultValueFactory = _ => new TrainingOptions().MaximumGeneratedRows };
        var l2 = new Option<double>("--linear-l2") { Description = "L2 regularisation of the logistic regression member.", DefaultValueFactory = _ => new TrainingOptions().LinearL2 };
        var l1 = new Option<double>("--linear-l1") { Description = "L1 regularisation of the logistic regression member.", DefaultValueFactory = _ => new TrainingOptions().LinearL1 };
        var realReplies = new Option<string?>("--real-replies") { Description = "Real replies (JSONL with id, customer, reply); the tuning half is trained on. Default: ../shared/data/real-replies/ibm-twitter-dev.jsonl beside the repository, if present." };
        var realLabels = new Option<string?>("--real-labels") { Description = "Labels for --real-replies (JSONL, LABELLING.md). Default: the .labels.jsonl beside it." };
        var noReal = new Option<bool>("--no-real-replies") { Description = "Train on the CSVs only." };
        var check = new Option<string[]>("--check") { Description = "Held-out sentence CSV(s) to measure through the engine after training (never trained on). Default: <data>/../eval/model-paraphrases.csv and model-paraphrases-3.csv, where present.", AllowMultipleArgumentsPerToken = true };
        var regenerate = new Option<bool>("--regenerate") { Description = "Rewrite generated.csv in the data folder from generator.json before training." };
        var command = new Command("train", "Train the tone model (see data/training/README.md for the data format).")
        {
            data, output, seed, precision, minThreshold, trees, leaves, maxWords, maxChars, handWeight, featureFraction, maxFpr, familyMaxFpr, folds, cvRepeats, maxGenerated, l2, l1, realReplies, realLabels, noReal, check, regenerate,
        };
        command.SetAction(parse =>
        {
            if (!TryParseFamilyRates(parse.GetValue(familyMaxFpr), out var familyRates, out var badRate))
            {
                parse.InvocationConfiguration.Error.WriteLine($"replylint train: --family-max-fpr: '{badRate}' is not family=rate with a family given once ({string.Join(", ", Classifier.ToneFamilies.All.Select(f => f.ColumnName()))}) and a rate in [0, 1], e.g. perception_denial=0.02");
                return ExitCodes.UsageOrInputError;
            }
            var options = new TrainingOptions
            {
                Seed = parse.GetValue(seed),
                TargetPrecision = parse.GetValue(precision),
                MinimumThreshold = parse.GetValue(minThreshold),
                NumberOfTrees = parse.GetValue(trees),
                NumberOfLeaves = parse.GetValue(leaves),
                MaximumWordNgrams = parse.GetValue(maxWords),
                MaximumCharNgrams = parse.GetValue(maxChars),
                HandLabelledWeight = parse.GetValue(handWeight),
                FeatureFraction = parse.GetValue(featureFraction),
                MaximumFalsePositiveRate = parse.GetValue(maxFpr),
                FamilyMaximumFalsePositiveRates = familyRates,
                Folds = parse.GetValue(folds),
                CrossValidationRepeats = parse.GetValue(cvRepeats),
                MaximumGeneratedRows = parse.GetValue(maxGenerated),
                LinearL2 = parse.GetValue(l2),
                LinearL1 = parse.GetValue(l1),
            };
            var request = new TrainingRunRequest
            {
                DataPath = parse.GetValue(data)!,
                OutputDirectory = parse.GetValue(output)!,
                Options = options,
                Regenerate = parse.GetValue(regenerate),
                CommandLine = "dotnet run --project src/ReplyLint.Cli -c Release -- " + string.Join(' ', parse.Tokens.Select(t => t.Value)),
            };
            return Run(request, parse.GetValue(noReal), parse.GetValue(realReplies), parse.GetValue(realLabels), parse.GetValue(check),
                parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        });
        return command;
    }

    // Validation names the setting; a CLI user typed the flag.
    private static readonly Dictionary<string, string> OptionForSetting = new(StringComparer.Ordinal)
    {
        [nameof(TrainingOptions.TargetPrecision)] = "--target-precision",
        [nameof(TrainingOptions.MinimumThreshold)] = "--min-threshold",
        [nameof(TrainingOptions.HandLabelledWeight)] = "--hand-weight",
        [nameof(TrainingOptions.MaximumWordNgrams)] = "--max-word-ngrams",
        [nameof(TrainingOptions.MaximumCharNgrams)] = "--max-char-ngrams",
        [nameof(TrainingOptions.NumberOfTrees)] = "--trees",
        [nameof(TrainingOptions.NumberOfLeaves)] = "--leaves",
        [nameof(TrainingOptions.FeatureFraction)] = "--feature-fraction",
        [nameof(TrainingOptions.MaximumFalsePositiveRate)] = "--max-fpr",
        [nameof(TrainingOptions.FamilyMaximumFalsePositiveRates)] = "--family-max-fpr",
        [nameof(TrainingOptions.Folds)] = "--folds",
        [nameof(TrainingOptions.CrossValidationRepeats)] = "--cv-repeats",
        [nameof(TrainingOptions.MaximumGeneratedRows)] = "--max-generated",
        [nameof(TrainingOptions.LinearL2)] = "--linear-l2",
        [nameof(TrainingOptions.LinearL1)] = "--linear-l1",
    };

    internal static int Run(TrainingRunRequest request, bool noReal, string? replies, string? labels, string[]? checks, TextWriter output, TextWriter error)
    {
        if (!File.Exists(request.DataPath) && !Directory.Exists(request.DataPath))
        {
            error.WriteLine($"replylint train: training data not found: {request.DataPath}");
            return ExitCodes.UsageOrInputError;
        }
        try { request.Options.Validate(); }
        catch (ArgumentOutOfRangeException e)
        {
            var option = e.ParamName is { } name && OptionForSetting.TryGetValue(name, out var flag) ? flag : e.ParamName;
            var value = e.ActualValue is null ? "" : $" (got {Convert.ToString(e.ActualValue, System.Globalization.CultureInfo.InvariantCulture)})";
            error.WriteLine($"replylint train: {option} {e.Message.Split(" (Parameter")[0]}{value}");
            return ExitCodes.UsageOrInputError;
        }

        (string, string)? real = null;
        if (!noReal)
        {
            if (replies is not null)
            {
                labels ??= Path.ChangeExtension(replies, null) + ".labels.jsonl";
                foreach (var file in new[] { replies, labels })
                {
                    if (File.Exists(file)) continue;
                    error.WriteLine($"replylint train: real-reply file not found: {file}");
                    return ExitCodes.UsageOrInputError;
                }
                real = (replies, labels);
            }
            else real = RealReplies.FindDefault(Path.GetFullPath(Directory.Exists(request.DataPath) ? request.DataPath : Path.GetDirectoryName(Path.GetFullPath(request.DataPath))!));
        }
        var checkFiles = checks is { Length: > 0 } ? checks : DefaultChecks(request.DataPath);
        foreach (var file in checkFiles.Where(f => !File.Exists(f)))
        {
            error.WriteLine($"replylint train: --check file not found: {file}");
            return ExitCodes.UsageOrInputError;
        }

        var progress = new Progress(output);
        var skipped = new SkippedLines(error, "replylint train");
        try
        {
            var result = TrainingRun.Execute(request with { RealReplies = real, CheckFiles = checkFiles }, progress, skipped.Report);
            PrintSummary(result, output);
            skipped.Finish();
            // Counted per line, as score counts them: a record that a quote never closed took several lines with it.
            if (skipped.Lines > 0)
                error.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"replylint train: {skipped.Lines:N0} malformed line(s) were skipped ({(skipped.NotShown > 0 ? $"the first {SkippedLines.MaxShown} listed above" : "listed above")})."));
            return ExitCodes.Clean;
        }
        catch (Exception e) when (e is InvalidOperationException or InvalidDataException or IOException or UnauthorizedAccessException or Classifier.ModelLoadException)
        {
            skipped.Finish();
            error.WriteLine($"replylint train: {e.Message}");
            return ExitCodes.UsageOrInputError;
        }
    }

    private static bool TryParseFamilyRates(string[]? values, out Dictionary<string, double> rates, out string? bad)
    {
        rates = new Dictionary<string, double>(StringComparer.Ordinal);
        bad = null;
        foreach (var value in values ?? [])
        {
            var parts = value.Split('=', 2);
            if (parts.Length != 2 || !double.TryParse(parts[1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var rate))
            {
                bad = value;
                return false;
            }
            if (!Classifier.ToneFamilies.TryParse(parts[0].Trim(), out var family) || !(rate is >= 0 and <= 1)
                || !rates.TryAdd(family.ColumnName(), rate))
            {
                bad = value;
                return false;
            }
        }
        return true;
    }

    private static readonly string[] HeldOutLists = ["model-paraphrases.csv", "model-paraphrases-3.csv"];

    private static string[] DefaultChecks(string dataPath)
    {
        var folder = Directory.Exists(dataPath) ? dataPath : Path.GetDirectoryName(Path.GetFullPath(dataPath))!;
        // The held-out lists (data/eval/README.md); model-paraphrases-2.csv is the development list, so it is not one.
        return HeldOutLists.Select(name => Path.GetFullPath(Path.Combine(folder, "..", "eval", name))).Where(File.Exists).ToArray();
    }

    private static void PrintSummary(TrainingRunResult result, TextWriter output)
    {
        var card = result.Card;
        output.WriteLine();
        output.WriteLine("out-of-fold figures on the hand-labelled rows:");
        output.WriteLine($"{"family",-18} {"chosen",-8} {"threshold",9} {"precision",9} {"recall",7} {"F1",6} {"AUC",6} {"rows",6} {"pos",5}");
        foreach (var f in card.Families)
            output.WriteLine($"{f.Family,-18} {f.Chosen,-8} {f.Threshold,9:0.000} {f.OutOfFold.Precision,9:0.000} {f.OutOfFold.Recall,7:0.000} {f.OutOfFold.F1,6:0.000} {f.OutOfFoldAuc,6:0.000} {f.OutOfFold.Count,6} {f.OutOfFold.Positives,5}");
        output.WriteLine();
        foreach (var held in card.HeldOut)
            output.WriteLine($"{held.File}: rules only caught {held.RulesOnly.Caught}/{held.RulesOnly.Positives}, rules + model {held.RulesAndModel.Caught}/{held.RulesAndModel.Positives} ({held.RulesAndModel.CatchRate:P1}); clean flagged {held.RulesAndModel.CleanFlagged}/{held.RulesAndModel.Clean} ({held.RulesAndModel.CleanFlagRate:P1})");
        if (card.RealReplyFigures is { } real)
            output.WriteLine($"real replies with any finding: rules only {real.RulesOnlyAll.AnyShare:P1}, rules + model {real.RulesAndModelAll.AnyShare:P1} (problem families: {real.RulesOnlyAll.ProblemShare:P1} -> {real.RulesAndModelAll.ProblemShare:P1})");
        output.WriteLine($"data: {card.CsvRows} CSV rows + {card.RealReplyRows} real-reply rows, hash {card.DataHash[..16]}…; seed {card.Options.Seed}");
        output.WriteLine($"model {result.ModelPath} ({card.ModelBytes / 1024.0:0} KiB, version {card.ModelVersion}), trained in {card.TrainingSeconds:0.0} s; card: {result.CardJsonPath}, {result.CardMarkdownPath}");
    }

    /// <summary>Progress lines with the elapsed time (plain lines: readable in CI logs and when redirected).</summary>
    private sealed class Progress(TextWriter output) : IProgress<string>
    {
        private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
        public void Report(string value) => output.WriteLine($"[{_clock.Elapsed.TotalSeconds,6:0.0}s] {value}");
    }
}
