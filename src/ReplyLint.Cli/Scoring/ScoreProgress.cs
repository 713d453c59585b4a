using System.Diagnostics;
using System.Globalization;

namespace ReplyLint.Cli.Scoring;

/// <summary>Progress of a scoring run: counts and bytes only, never reply text.</summary>
internal interface IScoreProgress
{
    void Report(long scored, long skipped, long bytesRead, long totalBytes);
    void Complete(long scored, long skipped, long bytesRead, long totalBytes);
}

internal sealed class NoProgress : IScoreProgress
{
    public static NoProgress Instance { get; } = new();
    public void Report(long scored, long skipped, long bytesRead, long totalBytes) { }
    public void Complete(long scored, long skipped, long bytesRead, long totalBytes) { }
}

/// <summary>Plain lines for logs and CI (no cursor movement): one every <c>interval</c>, and one at the end.</summary>
internal sealed class PlainProgress(TextWriter error, TimeSpan interval) : IScoreProgress
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _next;

    public void Report(long scored, long skipped, long bytesRead, long totalBytes)
    {
        if (_next == TimeSpan.Zero) _next = interval;
        if (_clock.Elapsed < _next) return;
        _next = _clock.Elapsed + interval;
        error.WriteLine(Line(scored, skipped, bytesRead, totalBytes, _clock.Elapsed, final: false));
    }

    public void Complete(long scored, long skipped, long bytesRead, long totalBytes) =>
        error.WriteLine(Line(scored, skipped, bytesRead, totalBytes, _clock.Elapsed, final: true));

    internal static string Line(long scored, long skipped, long bytesRead, long totalBytes, TimeSpan elapsed, bool final)
    {
        var rate = elapsed.TotalSeconds > 0 ? scored / elapsed.TotalSeconds : 0;
        var text = string.Create(CultureInfo.InvariantCulture, $"replylint: {(final ? "done" : "progress")}: {scored:N0} replies scored ({rate:N0}/s)");
        if (skipped > 0) text += string.Create(CultureInfo.InvariantCulture, $", {skipped:N0} already done");
        if (!final && totalBytes > 0)
        {
            var fraction = Math.Clamp((double)bytesRead / totalBytes, 0, 1);
            text += string.Create(CultureInfo.InvariantCulture, $", {fraction:P0} of input");
            if (fraction > 0.001)
            {
                var eta = TimeSpan.FromSeconds(elapsed.TotalSeconds * (1 - fraction) / fraction);
                text += $", ETA {eta:hh\\:mm\\:ss}";
            }
        }
        if (final) text += $" in {elapsed:hh\\:mm\\:ss\\.f}";
        return text;
    }
}

/// <summary>A live bar on a terminal (Spectre.Console, on stderr): percent of input, rate, ETA.</summary>
internal sealed class SpectreProgress(Spectre.Console.ProgressTask task) : IScoreProgress
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public void Report(long scored, long skipped, long bytesRead, long totalBytes)
    {
        var rate = _clock.Elapsed.TotalSeconds > 0 ? scored / _clock.Elapsed.TotalSeconds : 0;
        task.Description = string.Create(CultureInfo.InvariantCulture, $"Scoring: {scored:N0} replies, {rate:N0}/s") +
            (skipped > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({skipped:N0} already done)") : "");
        if (totalBytes > 0)
        {
            task.MaxValue = totalBytes;
            task.Value = Math.Min(bytesRead, totalBytes);
        }
    }

    public void Complete(long scored, long skipped, long bytesRead, long totalBytes)
    {
        Report(scored, skipped, bytesRead, totalBytes);
        task.Value = task.MaxValue;
        task.StopTask();
    }
}
