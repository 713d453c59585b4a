using System.CommandLine;
using ReplyLint.Classifier;
using ReplyLint.Classifier.Data;
using ReplyLint.Classifier.Evaluation;
using ReplyLint.Cli.Input;
using ReplyLint.Cli.Output;
using ReplyLint.Core.Engine;

namespace ReplyLint.Cli.Commands;

/// <summary>
/// <c>replylint eval</c>: measures the tone model on labelled data. One mode per input kind: <c>--data</c> (sentence
/// rows in the training format). A new mode adds its option and a <c>Run…</c> method, and a line in <see cref="Dispatch"/>.
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var model = new Option<string?>("--model") { Description = "The model file (default: the shipped models/replylint.zip)." };
        var data = new Option<string?>("--data") { Description = "A labelled sentence CSV in the training format (data/training/README.md)." };
        var engine = new Option<bool>("--engine") { Description = "With --data: also run each sentence through the engine, rules only and rules + model, and report catch rates." };
        var replies = new EvalRepliesMode.Options();
        var command = new Command("eval", "Measure ReplyLint on labelled data: sentences in the training format (--data: the tone model) or reviewed whole replies (--replies: rules + model, as a QA team would).")
        {
            model, data, engine,
        };
        foreach (var option in replies.All) command.Options.Add(option);
        command.SetAction(parse =>
        {
            if (parse.GetValue(replies.Replies) is not null)
            {
                if (parse.GetValue(data) is not null)
                {
                    parse.InvocationConfiguration.Error.WriteLine("replylint eval: give --data or --replies, not both.");
                    return ExitCodes.UsageOrInputError;
                }
                return EvalRepliesMode.Run(EvalRepliesMode.Read(replies, parse, parse.GetValue(model)),
                    parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            }
            return Dispatch(new Request(parse.GetValue(model), parse.GetValue(data), parse.GetValue(engine)),
                parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        });
        return command;
    }

    internal sealed record Request(string? Model, string? Data, bool Engine);

    internal static int Dispatch(Request request, TextWriter output, TextWriter error)
    {
        if (request.Data is not null) return RunSentences(request, output, error);
        error.WriteLine("replylint eval: nothing to evaluate: pass --data FILE (a labelled sentence CSV) or --replies FILE (reviewed replies).");
        return ExitCodes.UsageOrInputError;
    }

    internal static ToneModel? LoadModel(string? path, TextWriter error)
    {
        try
        {
            return ToneModel.Load(ModelPaths.Resolve(path));
        }
        catch (ModelLoadException e)
        {
            error.WriteLine($"replylint eval: {e.Message}");
            return null;
        }
    }

    private static int RunSentences(Request request, TextWriter output, TextWriter error)
    {
        if (FilePaths.CannotRead(request.Data!) is { } unreadable)
        {
            error.WriteLine($"replylint eval: {unreadable}");
            return ExitCodes.UsageOrInputError;
        }
        using var model = LoadModel(request.Model, error);
        if (model is null) return ExitCodes.UsageOrInputError;
        var problems = new List<DataProblem>();
        var rows = TrainingCsv.Read(request.Data!, problems);
        var skipped = new SkippedLines(error, "replylint eval");
        foreach (var problem in problems) skipped.Report(problem);
        skipped.Finish();
        if (rows.Count == 0)
        {
            error.WriteLine($"replylint eval: no usable rows in {request.Data}");
            return ExitCodes.UsageOrInputError;
        }

        var report = SentenceEvaluation.Evaluate(model, rows);
        output.WriteLine($"model {model.Path} (version {model.Version}); {report.Rows} rows from {request.Data}");
        output.WriteLine();
        output.WriteLine($"{"family",-18} {"threshold",9} {"precision",9} {"recall",7} {"F1",6} {"AUC",6}   {"TP",5} {"FP",5} {"FN",5} {"TN",5}");
        foreach (var (family, threshold, m, auc) in report.Families)
            output.WriteLine($"{family,-18} {threshold,9:0.000} {m.Precision,9:0.000} {m.Recall,7:0.000} {m.F1,6:0.000} {(double.IsNaN(auc) ? "n/a" : auc.ToString("0.000")),6}   {m.TruePositives,5} {m.FalsePositives,5} {m.FalseNegatives,5} {m.TrueNegatives,5}");
        output.WriteLine();
        output.WriteLine("Confusion matrices (rows: actual, columns: predicted):");
        foreach (var (family, _, m, _) in report.Families)
        {
            output.WriteLine($"  {family}");
            output.WriteLine($"    {"",10} {"pred 1",7} {"pred 0",7}");
            output.WriteLine($"    {"actual 1",10} {m.TruePositives,7} {m.FalseNegatives,7}");
            output.WriteLine($"    {"actual 0",10} {m.FalsePositives,7} {m.TrueNegatives,7}");
        }

        if (request.Engine)
        {
            output.WriteLine();
            foreach (var (name, engine) in new[] { ("rules only", new ReplyLintEngine()), ("rules + model", new ReplyLintEngine(model: model)) })
            {
                var r = EngineEvaluation.CatchRate(engine, rows);
                var families = string.Join(", ", r.PerFamily.Select(kv => $"{kv.Key} {kv.Value.Caught}/{kv.Value.Positives}"));
                output.WriteLine($"engine, {name}: caught {r.Caught}/{r.Positives} ({r.CatchRate:P1}) [{families}]; clean sentences flagged {r.CleanFlagged}/{r.Clean} ({r.CleanFlagRate:P1})");
            }
        }
        return ExitCodes.Clean;
    }
}
