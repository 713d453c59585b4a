using System.CommandLine;
using ReplyLint.Classifier.Data;
using ReplyLint.Classifier.Evaluation;
using ReplyLint.Cli.Evaluation;
using ReplyLint.Cli.Hosting;
using ReplyLint.Cli.Input;
using ReplyLint.Cli.Output;
using ReplyLint.Core.Diagnostics;

namespace ReplyLint.Cli.Commands;

/// <summary>
/// <c>replylint eval --replies FILE [--labels FILE]</c>: how far the linter agrees with human reviewers on whole
/// replies, per family (precision, recall, F1), with the replies that reviewers left unlabelled but that got a
/// finding, and every disagreement. A QA team runs it on its own reviewed replies before turning ReplyLint on.
/// </summary>
internal static class EvalRepliesMode
{
    public sealed class Options
    {
        public Option<string?> Replies { get; } = new("--replies") { Description = "Reviewed replies: JSONL or CSV with id, text (or reply), optional customer, and the labels defensive, perception_denial, legal_jargon, missing_empathy (0/1), unless --labels gives them." };
        public Option<string?> Labels { get; } = new("--labels") { Description = "With --replies: a second JSONL/CSV file of labels, joined to the replies by id." };
        public Option<string?> IdColumn { get; } = new("--id-column") { Description = "Column holding the reply id.", DefaultValueFactory = _ => "id" };
        public Option<string?> TextColumn { get; } = new("--text-column") { Description = "Column holding the reply text (default: 'text', else 'reply')." };
        public Option<string?> CustomerColumn { get; } = new("--customer-column") { Description = "Column holding the customer's message.", DefaultValueFactory = _ => "customer" };
        public Option<string> Split { get; } = new("--split") { Description = "all, or the dev set's tuning or reporting half (by id, as the model's training splits it).", DefaultValueFactory = _ => "all" };
        public Option<string> MinSeverity { get; } = new("--min-severity") { Description = "A reply counts as flagged for a family with a finding at or above this severity.", DefaultValueFactory = _ => "info" };
        public Option<double> MinConfidence { get; } = new("--min-confidence") { Description = "...and at or above this confidence.", DefaultValueFactory = _ => 0 };
        public Option<bool> NoModel { get; } = new("--no-model") { Description = "With --replies: rules only." };
        public Option<string?> Config { get; } = new("--config") { Description = "A replylint.json to evaluate with." };
        public Option<string> Format { get; } = new("--format") { Description = "table or json.", DefaultValueFactory = _ => "table" };
        public Option<string?> Out { get; } = new("--out") { Description = "Write the report to this file instead of standard output." };
        public Option<int> MaxErrors { get; } = new("--max-errors") { Description = "How many disagreements the table lists (the JSON report lists all).", DefaultValueFactory = _ => 50 };

        public IEnumerable<Option> All => [Replies, Labels, IdColumn, TextColumn, CustomerColumn, Split, MinSeverity, MinConfidence, NoModel, Config, Format, Out, MaxErrors];
    }

    public sealed record Request(
        string Replies, string? Labels, ReplyColumns Columns, string Split, string MinSeverity, double MinConfidence,
        bool NoModel, string? Model, string? Config, string Format, string? Out, int MaxErrors);

    public static Request Read(Options o, ParseResult parse, string? model) => new(
        parse.GetValue(o.Replies)!, parse.GetValue(o.Labels),
        new ReplyColumns { Id = parse.GetValue(o.IdColumn) ?? "id", Text = parse.GetValue(o.TextColumn), Customer = parse.GetValue(o.CustomerColumn) ?? "customer" },
        parse.GetValue(o.Split) ?? "all", parse.GetValue(o.MinSeverity) ?? "info", parse.GetValue(o.MinConfidence),
        parse.GetValue(o.NoModel), model, parse.GetValue(o.Config), parse.GetValue(o.Format) ?? "table", parse.GetValue(o.Out),
        parse.GetValue(o.MaxErrors));

    public static int Run(Request request, TextWriter output, TextWriter error)
    {
        const string Name = "replylint eval";
        if (!SeverityParser.TryParse(request.MinSeverity, out var minimumSeverity))
            return Fail(error, $"{Name}: --min-severity is none, info, warning or error, not '{request.MinSeverity}'");
        if (request.MinConfidence is < 0 or > 1)
            return Fail(error, $"{Name}: --min-confidence is between 0 and 1");
        Func<string, bool> inSplit = request.Split.ToLowerInvariant() switch
        {
            "all" => _ => true,
            "tuning" => DevSplit.IsTuningHalf,
            "reporting" => DevSplit.IsReportingHalf,
            _ => null!,
        };
        if (inSplit is null) return Fail(error, $"{Name}: --split is all, tuning or reporting, not '{request.Split}'");
        if (request.Format is not ("table" or "json")) return Fail(error, $"{Name}: --format is table or json, not '{request.Format}'");

        foreach (var path in new[] { request.Replies, request.Labels })
            if (path is not null && FilePaths.CannotRead(path) is { } unreadable) return Fail(error, $"{Name}: {unreadable}");
        if (request.Out is not null && FilePaths.CannotWrite(request.Out) is { } unwritable) return Fail(error, $"{Name}: {unwritable}");
        if (request.Out is not null && OutputPaths.Overwrites(request.Out, [("the --replies file", request.Replies), ("the --labels file", request.Labels), ("the --config file", request.Config)]) is { } overwritten)
            return Fail(error, $"{Name}: --out names {overwritten}; write the report to another file");

        var problems = new List<DataProblem>();
        IReadOnlyList<ReviewedReply> replies;
        try
        {
            replies = ReviewedReplyReader.Read(request.Replies, request.Labels, request.Columns, problems);
        }
        catch (FileNotFoundException e)
        {
            return Fail(error, $"{Name}: {e.Message}");
        }
        var skipped = new SkippedLines(error, Name);
        foreach (var problem in problems) skipped.Report(problem);
        skipped.Finish();
        replies = replies.Where(r => inSplit(r.Id)).ToList();
        if (replies.Count == 0) return Fail(error, $"{Name}: no usable replies in {request.Replies}");

        using var setup = EngineFactory.Create(new EngineRequest(request.Config, request.NoModel, request.Model), error);
        if (setup.Engine is not { } engine) return Fail(error, setup.Error!);
        var modelNote = request.NoModel ? "rules only" : engine.IsDegraded ? "rules only (model failed to load)" : "rules + model";

        var report = ReplyEvaluator.Evaluate(engine, replies, minimumSeverity, request.MinConfidence);
        var description = $"{replies.Count} replies from {request.Replies}{(request.Labels is null ? "" : $" (labels: {request.Labels})")}, " +
                          $"split {request.Split}, {modelNote}; flagged = a finding at or above {minimumSeverity.ToConfigString()}" +
                          (request.MinConfidence > 0 ? $" with confidence >= {request.MinConfidence}" : "");
        if (request.Out is { } outPath)
        {
            try
            {
                using var file = File.Create(outPath);
                if (request.Format == "json") ReplyEvaluationOutput.WriteJson(report, description, file);
                else
                {
                    using var writer = new StreamWriter(file);
                    ReplyEvaluationOutput.WriteTable(report, description, writer, int.MaxValue);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Fail(error, $"{Name}: cannot write '{outPath}': {e.Message}");
            }
            output.WriteLine($"{Name}: report written to {outPath}");
            ReplyEvaluationOutput.WriteTable(report, description, output, 0);
        }
        else if (request.Format == "json")
        {
            using var buffer = new MemoryStream();
            ReplyEvaluationOutput.WriteJson(report, description, buffer);
            output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        }
        else
        {
            ReplyEvaluationOutput.WriteTable(report, description, output, request.MaxErrors);
        }
        return ExitCodes.Clean;
    }

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine(message);
        return ExitCodes.UsageOrInputError;
    }
}
