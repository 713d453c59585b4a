using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using ReplyLint.Cli.Archives;
using ReplyLint.Cli.Hosting;
using ReplyLint.Cli.Input;
using ReplyLint.Cli.Output;
using ReplyLint.Cli.Reports;
using ReplyLint.Cli.Scoring;
using Spectre.Console;

namespace ReplyLint.Cli.Commands;

/// <summary>
/// <c>replylint score &lt;archive&gt;</c>: scores every reply of a JSONL/CSV archive, streaming, on all cores, and writes
/// per-reply results, a summary and an HTML report. Resumable: results are written in archive order, line by line.
/// </summary>
internal static class ScoreCommand
{
    public static Command Create(CliConsole console)
    {
        var archive = new Argument<FileInfo>("archive") { Description = "A .jsonl or .csv (.tsv) file of replies." };
        var output = new Option<FileInfo?>("--out", "-o") { Description = "Results file (default: <archive>.scores.jsonl beside the archive)." };
        var outputFormat = new Option<string?>("--output-format") { Description = "jsonl or csv (default: from --out's extension, else jsonl)." };
        outputFormat.AcceptOnlyFromAmong("jsonl", "csv");
        var inputFormat = new Option<string?>("--input-format") { Description = "jsonl, csv or tsv (default: from the archive's extension)." };
        inputFormat.AcceptOnlyFromAmong("jsonl", "csv", "tsv");
        var idColumn = new Option<string>("--id-column") { Description = "Column/property holding the reply id.", DefaultValueFactory = _ => "id" };
        var textColumn = new Option<string>("--text-column") { Description = "Column/property holding the reply text.", DefaultValueFactory = _ => "text" };
        var customerColumn = new Option<string>("--customer-column") { Description = "Column/property holding the customer message (optional).", DefaultValueFactory = _ => "customer" };
        var agentColumn = new Option<string>("--agent-column") { Description = "Column/property holding the agent (optional).", DefaultValueFactory = _ => "agent" };
        var channelColumn = new Option<string>("--channel-column") { Description = "Column/property holding the channel (optional).", DefaultValueFactory = _ => "channel" };
        var createdColumn = new Option<string>("--created-at-column") { Description = "Column/property holding the creation time (optional).", DefaultValueFactory = _ => "created_at" };
        var summary = new Option<FileInfo?>("--summary") { Description = "Summary JSON (default: <results>.summary.json)." };
        var report = new Option<FileInfo?>("--report") { Description = "HTML report (default: <results>.report.html)." };
        var noReport = new Option<bool>("--no-report") { Description = "Do not write the HTML report." };
        var resume = new Option<bool>("--resume") { Description = "Continue an interrupted run: keep the results already written and score the rest." };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace an existing results file." };
        var limit = new Option<long>("--limit") { Description = "Stop after scoring this many replies (resume later with --resume); 0, the default, scores them all." };
        var maxTextLength = new Option<int>("--max-text-length") { Description = "Skip (and report) a reply or customer message longer than this many characters.", DefaultValueFactory = _ => ScoreRunOptions.DefaultMaxTextLength };
        var parallelism = new Option<int>("--parallelism", "-j") { Description = "Worker threads (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var worst = new Option<int>("--worst") { Description = "How many of the worst replies the report shows.", DefaultValueFactory = _ => 25 };
        var progress = new Option<string>("--progress") { Description = "auto (a bar on a terminal, lines otherwise), bar, plain or none.", DefaultValueFactory = _ => "auto" };
        progress.AcceptOnlyFromAmong("auto", "bar", "plain", "none");
        var engineOptions = new EngineOptions();

        var command = new Command("score", "Score a whole archive of replies for QA: per-reply results, a summary and an HTML report.")
        {
            archive, output, outputFormat, inputFormat, idColumn, textColumn, customerColumn, agentColumn, channelColumn, createdColumn,
            summary, report, noReport, resume, overwrite, limit, maxTextLength, parallelism, worst, progress,
        };
        engineOptions.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(new ScoreArguments
        {
            Archive = parse.GetValue(archive)!.FullName,
            OutputPath = parse.GetValue(output)?.FullName,
            OutputFormat = parse.GetValue(outputFormat),
            InputFormat = parse.GetValue(inputFormat),
            Columns = new ArchiveColumns
            {
                Id = parse.GetValue(idColumn)!, Text = parse.GetValue(textColumn)!, Customer = parse.GetValue(customerColumn)!,
                Agent = parse.GetValue(agentColumn)!, Channel = parse.GetValue(channelColumn)!, CreatedAt = parse.GetValue(createdColumn)!,
            },
            SummaryPath = parse.GetValue(summary)?.FullName,
            ReportPath = parse.GetValue(report)?.FullName,
            NoReport = parse.GetValue(noReport),
            Resume = parse.GetValue(resume),
            Overwrite = parse.GetValue(overwrite),
            Limit = parse.GetValue(limit),
            MaxTextLength = parse.GetValue(maxTextLength),
            Parallelism = parse.GetValue(parallelism),
            Worst = parse.GetValue(worst),
            Progress = parse.GetValue(progress)!,
            Engine = engineOptions.Read(parse),
        }, console, cancellationToken));
        return command;
    }

    internal sealed record ScoreArguments
    {
        public required string Archive { get; init; }
        public string? OutputPath { get; init; }
        public string? OutputFormat { get; init; }
        public string? InputFormat { get; init; }
        public ArchiveColumns Columns { get; init; } = ArchiveColumns.Default;
        public string? SummaryPath { get; init; }
        public string? ReportPath { get; init; }
        public bool NoReport { get; init; }
        public bool Resume { get; init; }
        public bool Overwrite { get; init; }
        public long Limit { get; init; }
        public int MaxTextLength { get; init; } = ScoreRunOptions.DefaultMaxTextLength;
        public int Parallelism { get; init; } = Environment.ProcessorCount;
        public int Worst { get; init; } = 25;
        public string Progress { get; init; } = "auto";
        public int BatchSize { get; init; } = 256;
        public EngineRequest Engine { get; init; } = new(null, false, null);
    }

    /// <summary>Every file the run writes must be its own: a summary written over the archive loses the archive.</summary>
    private static string? SharedOutputPath(string archive, string results, string summary, string? report)
    {
        var files = new List<(string Role, string Path)> { ("the archive", archive), ("the results file", results), ("the summary", summary) };
        if (report is not null) files.Add(("the report", report));
        for (var i = 1; i < files.Count; i++)
            for (var j = 0; j < i; j++)
                if (OutputPaths.SameFile(files[i].Path, files[j].Path))
                    return $"{files[i].Role} would overwrite {files[j].Role} ('{files[j].Path}'); give it another path";
        return null;
    }

    internal static async Task<int> RunAsync(ScoreArguments args, CliConsole console, CancellationToken cancellationToken)
    {
        var error = console.Error;
        if (FilePaths.CannotRead(args.Archive) is { } unreadable)
            return Fail(error, unreadable);
        if (args.Resume && args.Overwrite)
            return Fail(error, "--resume and --overwrite contradict each other");
        if (args.Parallelism < 1 || args.Worst < 0 || args.Limit < 0 || args.MaxTextLength < 1)
            return Fail(error, "--parallelism and --max-text-length must be at least 1; --worst and --limit cannot be negative");

        ArchiveFormat inputFormat;
        if (args.InputFormat is not null) inputFormat = Enum.Parse<ArchiveFormat>(args.InputFormat, ignoreCase: true);
        else if (ArchiveReaders.FormatFromExtension(args.Archive) is { } detected) inputFormat = detected;
        else return Fail(error, $"'{args.Archive}': cannot tell the format from the extension; pass --input-format jsonl|csv|tsv");

        var archiveName = Path.GetFileName(args.Archive);
        if (NoRecordsToScore(args.Archive, inputFormat, args.Columns) is { } nothing)
            return Fail(error, $"{archiveName}: {nothing}");

        var outputFormat = args.OutputFormat is not null ? Enum.Parse<ResultFormat>(args.OutputFormat, ignoreCase: true)
            : args.OutputPath is not null && Path.GetExtension(args.OutputPath).Equals(".csv", StringComparison.OrdinalIgnoreCase) ? ResultFormat.Csv
            : ResultFormat.Jsonl;
        var archiveStem = Path.Combine(Path.GetDirectoryName(args.Archive)!, Path.GetFileNameWithoutExtension(args.Archive));
        var outputPath = args.OutputPath ?? $"{archiveStem}.scores.{(outputFormat == ResultFormat.Csv ? "csv" : "jsonl")}";
        var resultsStem = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(outputPath))!, Path.GetFileNameWithoutExtension(outputPath));
        var summaryPath = args.SummaryPath ?? $"{resultsStem}.summary.json";
        var reportPath = args.NoReport ? null : args.ReportPath ?? $"{resultsStem}.report.html";
        if (SharedOutputPath(args.Archive, outputPath, summaryPath, reportPath) is { } clash)
            return Fail(error, clash);
        // Checked before scoring: a summary path that is a directory would otherwise fail after the whole archive.
        foreach (var path in new[] { outputPath, summaryPath, reportPath })
            if (path is not null && FilePaths.CannotWrite(path) is { } unwritable) return Fail(error, unwritable);

        long resumeAfter = 0, previousCount = 0;
        var outputExists = File.Exists(outputPath) && new FileInfo(outputPath).Length > 0;
        if (outputExists && !args.Resume && !args.Overwrite)
            return Fail(error, $"'{outputPath}' exists; pass --resume to continue that run or --overwrite to start again");
        if (outputExists && args.Resume)
        {
            try
            {
                (resumeAfter, previousCount) = ResultFiles.PrepareForResume(outputPath, outputFormat);
            }
            catch (Exception e) when (e is ResultFileException or IOException or UnauthorizedAccessException)
            {
                return Fail(error, $"cannot resume from '{outputPath}': {e.Message}");
            }
            error.WriteLine($"replylint: resuming: {previousCount:N0} results already in {outputPath} (up to archive line {resumeAfter:N0})");
        }

        using var setup = EngineFactory.Create(args.Engine, error);
        if (setup.Engine is not { } engine)
        {
            error.WriteLine(setup.Error);
            return ExitCodes.UsageOrInputError;
        }

        var summary = new ScoreSummary(args.Worst);
        var clock = Stopwatch.StartNew();
        ScoreOutcome outcome;
        ArchiveStop? stoppedAt = null;
        try
        {
            using var reader = ArchiveReaders.Open(args.Archive, inputFormat, args.Columns);
            using var writer = ResultFiles.OpenWriter(outputPath, outputFormat, append: args.Resume && outputExists);
            using var previous = resumeAfter > 0 ? ResultFiles.Read(outputPath, outputFormat).GetEnumerator() : null;
            var runner = new ScoreRunner(engine, new ScoreRunOptions
            {
                Parallelism = args.Parallelism,
                ResumeAfterLine = resumeAfter,
                MaxRows = args.Limit,
                MaxTextLength = args.MaxTextLength,
                BatchSize = args.BatchSize,
            });
            var mode = args.Progress == "auto" ? (console.IsInteractive ? "bar" : "plain") : args.Progress;
            Task<ScoreOutcome> Run(IScoreProgress progress) =>
                runner.RunAsync(reader, writer, previous, summary, progress, error, archiveName, cancellationToken);
            outcome = mode switch
            {
                "bar" => await RunWithBar(Run, error),
                "plain" => await Run(new PlainProgress(error, TimeSpan.FromSeconds(2))),
                _ => await Run(NoProgress.Instance),
            };
            stoppedAt = reader.StoppedAt;
        }
        catch (ArchiveFormatException e)
        {
            return Fail(error, $"{archiveName}: {e.Message}");
        }
        catch (ResultFileException e)
        {
            return Fail(error, $"cannot resume from '{outputPath}': {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(error, e.Message);
        }

        var outcomeName = outcome switch
        {
            // The reader reads ahead of the scoring: a stop counts only when the run got through everything before it.
            ScoreOutcome.Completed when stoppedAt is not null => "incomplete",
            ScoreOutcome.Completed => "completed",
            ScoreOutcome.Interrupted => "interrupted",
            _ => "stopped at --limit",
        };
        var context = new ReportContext(archiveName, outputPath, DateTimeOffset.UtcNow, engine.ModelStatus.Version, engine.IsDegraded,
            engine.IsDegraded ? engine.ModelStatus.Problem : null, outcomeName, clock.Elapsed, outcome == ScoreOutcome.Completed ? stoppedAt : null);
        try
        {
            using (var buffer = new MemoryStream())
            {
                SummaryJsonWriter.Write(summary, context, buffer);
                AtomicFile.WriteAllText(summaryPath, Encoding.UTF8.GetString(buffer.ToArray()) + "\n", new UTF8Encoding(false));
            }
            if (reportPath is not null)
                AtomicFile.WriteAllText(reportPath, HtmlReportBuilder.Build(summary, context, engine.Catalog), new UTF8Encoding(false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(error, $"cannot write the summary or report: {e.Message}");
        }

        var seconds = Math.Max(clock.Elapsed.TotalSeconds, 0.001);
        error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"replylint: {outcomeName}: {summary.Scored:N0} replies scored in {clock.Elapsed.TotalSeconds:0.0} s ({summary.Scored / seconds:N0}/s)") +
            (summary.Resumed > 0 ? string.Create(CultureInfo.InvariantCulture, $", {summary.Resumed:N0} from the previous run") : "") +
            string.Create(CultureInfo.InvariantCulture, $", {summary.Malformed:N0} malformed rows skipped; mean score {summary.MeanScore:0.0}") +
            (engine.IsDegraded ? " (degraded: rules only)" : ""));
        error.WriteLine($"replylint: results: {outputPath}");
        error.WriteLine($"replylint: summary: {summaryPath}");
        if (reportPath is not null) error.WriteLine($"replylint: report:  {reportPath}");
        if (outcome == ScoreOutcome.Completed && stoppedAt is not null)
        {
            // Scored plus malformed no longer account for every record: a scheduled run must not pass for a clean one.
            error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"replylint: {archiveName} was not read to the end, line {stoppedAt.Line}: {stoppedAt.Problem}. Fix that record and run again with --resume to score the rest."));
            return ExitCodes.UsageOrInputError;
        }
        if (outcome != ScoreOutcome.Completed) error.WriteLine("replylint: run again with --resume to score the rest.");
        return outcome == ScoreOutcome.Interrupted ? ExitCodes.Interrupted : ExitCodes.Clean;
    }

    /// <summary>
    /// Why the archive has nothing to score, or null. Asked before any output is created or a previous run's output is
    /// touched: an archive without a single record (an empty file, blank lines, a CSV header alone) is an input error,
    /// as an empty CSV always had to be, since it cannot name its columns. An empty export is a mistake to catch, not a
    /// run of zero replies whose empty results and report would pass for a clean day.
    /// </summary>
    private static string? NoRecordsToScore(string archive, ArchiveFormat format, ArchiveColumns columns)
    {
        try
        {
            using var reader = ArchiveReaders.Open(archive, format, columns);
            return reader.TryRead(out _) ? null : "no records to score (the file is empty, or holds only blank lines or a header)";
        }
        catch (ArchiveFormatException e)
        {
            return e.Message;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }

    private static async Task<ScoreOutcome> RunWithBar(Func<IScoreProgress, Task<ScoreOutcome>> run, TextWriter error)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) });
        return await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new ElapsedTimeColumn())
            .StartAsync(async context => await run(new SpectreProgress(context.AddTask("Scoring", maxValue: 1))));
    }

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine($"replylint: {message}");
        return ExitCodes.UsageOrInputError;
    }
}
