using System.Threading.Channels;
using ReplyLint.Cli.Archives;
using ReplyLint.Cli.Output;
using ReplyLint.Cli.Reports;
using ReplyLint.Core.Engine;

namespace ReplyLint.Cli.Scoring;

internal sealed record ScoreRunOptions
{
    /// <summary>Records per work item: big enough to amortise scheduling, small enough to keep memory flat.</summary>
    public int BatchSize { get; init; } = 256;
    public int Parallelism { get; init; } = Environment.ProcessorCount;
    /// <summary>Archive lines up to and including this one were scored by an earlier run (resume).</summary>
    public long ResumeAfterLine { get; init; }
    /// <summary>Stop after this many newly scored replies (0: no limit).</summary>
    public long MaxRows { get; init; }
    /// <summary>How many skipped-row messages go to stderr before they are only counted.</summary>
    public int MaxProblemMessages { get; init; } = SkippedLines.MaxShown;
    /// <summary>
    /// Longer replies or customer messages are skipped and reported: a 100 MB field pasted into an archive would take
    /// minutes and gigabytes, and hold up the batch an interrupt waits for. Real replies are a few thousand characters.
    /// </summary>
    public int MaxTextLength { get; init; } = DefaultMaxTextLength;
    public const int DefaultMaxTextLength = 200_000;
}

internal enum ScoreOutcome
{
    Completed,
    Interrupted,
    LimitReached,
}

/// <summary>
/// The streaming pipeline: a reader task cuts the archive into batches and starts scoring each on the thread pool;
/// the tasks go through a bounded channel (so at most ~2 batches per core are in memory) to one writer that awaits
/// them in order, writes results line by line, flushes each batch and feeds the summary. Output order is archive
/// order, which is what makes resume a matter of "skip up to the last line written".
/// </summary>
internal sealed class ScoreRunner(ReplyLintEngine engine, ScoreRunOptions options)
{
    private sealed record Item(ArchiveEntry Entry, ScoredReply? Result, bool Resumed, string? Failure);

    public async Task<ScoreOutcome> RunAsync(IArchiveReader reader, IResultWriter writer, IEnumerator<ScoredReply>? previous,
        ScoreSummary summary, IScoreProgress progress, TextWriter error, string archiveName, CancellationToken cancellationToken)
    {
        var parallelism = Math.Max(1, options.Parallelism);
        var channel = Channel.CreateBounded<(Task<Item[]> Items, long BytesRead)>(new BoundedChannelOptions(parallelism * 2)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        // Not disposed: after an interruption, batches still being scored finish in the background and release it.
        var gate = new SemaphoreSlim(parallelism);
        // Stops the reader when the user interrupts or when writing fails (so it never waits on a full channel forever).
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var limitReached = false;

        var producer = Task.Run(async () =>
        {
            try
            {
                long taken = 0;
                var batch = new List<ArchiveEntry>(options.BatchSize);
                while (!stop.IsCancellationRequested && reader.TryRead(out var entry))
                {
                    var isNew = entry.Row is not null && entry.Line > options.ResumeAfterLine;
                    if (isNew && options.MaxRows > 0 && taken >= options.MaxRows)
                    {
                        limitReached = true;
                        break;
                    }
                    if (isNew) taken++;
                    batch.Add(entry);
                    if (batch.Count >= options.BatchSize)
                    {
                        await channel.Writer.WriteAsync((StartBatch(batch, gate), reader.BytesRead), stop.Token);
                        batch = new List<ArchiveEntry>(options.BatchSize);
                    }
                }
                if (batch.Count > 0 && !stop.IsCancellationRequested) await channel.Writer.WriteAsync((StartBatch(batch, gate), reader.BytesRead), stop.Token);
                channel.Writer.Complete();
            }
            catch (OperationCanceledException)
            {
                channel.Writer.Complete();
            }
            catch (Exception e)
            {
                channel.Writer.Complete(e);
            }
        }, CancellationToken.None);

        long scored = 0, skipped = 0, problemMessages = 0;
        try
        {
            await foreach (var (task, bytesRead) in channel.Reader.ReadAllAsync(CancellationToken.None))
            {
                var items = await task.ConfigureAwait(false);
                foreach (var item in items)
                {
                    var entry = item.Entry;
                    if (item.Failure is not null || entry.Problem is not null)
                    {
                        var problem = item.Failure ?? entry.Problem!;
                        summary.AddProblem(entry.Line, entry.EndLine, problem);
                        if (problemMessages++ < options.MaxProblemMessages)
                            error.WriteLine($"replylint: {archiveName}:{entry.Lines}: skipped: {problem}");
                        else if (problemMessages == options.MaxProblemMessages + 1)
                            error.WriteLine("replylint: more skipped rows are counted in the summary only");
                        continue;
                    }
                    var row = entry.Row!;
                    if (item.Resumed)
                    {
                        summary.Add(MatchPrevious(previous, row), row.Text, resumed: true);
                        skipped++;
                        continue;
                    }
                    writer.Write(item.Result!);
                    summary.Add(item.Result!, row.Text);
                    scored++;
                }
                writer.Flush();
                // Progress counts what is written, not what the reader has run ahead to.
                progress.Report(scored, skipped, bytesRead, reader.TotalBytes);
                // Interrupted: stop at this batch boundary (the results are a prefix in archive order) rather than
                // wait for batches still being scored; resume picks up from here.
                if (cancellationToken.IsCancellationRequested) break;
            }
        }
        catch
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await producer.ConfigureAwait(false);
            throw;
        }
        await stop.CancelAsync().ConfigureAwait(false);
        await producer.ConfigureAwait(false);
        progress.Complete(scored, skipped, reader.BytesRead, reader.TotalBytes);
        if (cancellationToken.IsCancellationRequested) return ScoreOutcome.Interrupted;
        return limitReached ? ScoreOutcome.LimitReached : ScoreOutcome.Completed;
    }

    private Task<Item[]> StartBatch(List<ArchiveEntry> batch, SemaphoreSlim gate) => Task.Run(async () =>
    {
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            var items = new Item[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                var entry = batch[i];
                // A row too long to score was skipped by the earlier run too, so it is no resumed result.
                if (entry.Row is not { } row) items[i] = new Item(entry, null, false, null);
                else if (TooLong(row) is { } tooLong) items[i] = new Item(entry, null, false, tooLong);
                else if (row.Line <= options.ResumeAfterLine) items[i] = new Item(entry, null, true, null);
                else items[i] = Score(entry, row);
            }
            return items;
        }
        finally
        {
            gate.Release();
        }
    });

    private string? TooLong(ArchiveRow row)
    {
        if (row.Text.Length > options.MaxTextLength)
            return $"the reply is {row.Text.Length:N0} characters, over the limit of {options.MaxTextLength:N0} (--max-text-length)";
        if (row.Customer is { Length: var length } && length > options.MaxTextLength)
            return $"the customer message is {length:N0} characters, over the limit of {options.MaxTextLength:N0} (--max-text-length)";
        return null;
    }

    private Item Score(ArchiveEntry entry, ArchiveRow row)
    {
        try
        {
            return new Item(entry, ScoredReply.From(row, engine.Analyze(row.Text, row.Customer)), false, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The engine should not throw on any text; if it does, this reply is skipped and counted, the run goes on.
            return new Item(entry, null, false, $"analysis failed ({e.GetType().Name})");
        }
    }

    /// <summary>The previous run's result for a row being skipped: same line and id, or the output is not this archive's.</summary>
    private static ScoredReply MatchPrevious(IEnumerator<ScoredReply>? previous, ArchiveRow row)
    {
        if (previous is null || !previous.MoveNext())
            throw new ResultFileException($"the existing output has no result for line {row.Line} (id '{row.Id}'); it was not made from this archive");
        var result = previous.Current;
        if (result.Line != row.Line || !string.Equals(result.Id, row.Id, StringComparison.Ordinal))
            throw new ResultFileException($"the existing output has line {result.Line} (id '{result.Id}') where the archive has line {row.Line} (id '{row.Id}'); it was not made from this archive");
        return result;
    }
}
