using System.Globalization;
using ReplyLint.Classifier.Data;

namespace ReplyLint.Cli.Output;

/// <summary>
/// Prints the lines a command skipped, worded as <c>score</c> words them (<c>replylint eval: mine.csv:12: skipped: …</c>),
/// up to <see cref="MaxShown"/> of them: a 100,000-line export with every line bad would otherwise bury the run's own
/// output. The rest are counted and <see cref="Finish"/> says how many, so none is skipped without a word.
/// </summary>
internal sealed class SkippedLines(TextWriter error, string prefix)
{
    /// <summary>How many skipped records <c>score</c>, <c>train</c> and <c>eval</c> each name before they only count them.</summary>
    public const int MaxShown = 50;

    private int _shown;

    /// <summary>Every line skipped, shown or not: a record a quote ran over several lines counts each, as score counts them.</summary>
    public long Lines { get; private set; }

    /// <summary>The lines skipped but not named.</summary>
    public long NotShown { get; private set; }

    public void Report(DataProblem problem)
    {
        Lines += problem.LineCount;
        if (_shown == MaxShown)
        {
            NotShown += problem.LineCount;
            return;
        }
        _shown++;
        error.WriteLine($"{prefix}: {problem.Location}: skipped: {problem.Problem}");
    }

    /// <summary>After the last problem: one line for those not named, if any.</summary>
    public void Finish()
    {
        if (NotShown > 0)
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{prefix}: {NotShown:N0} more malformed line(s) were skipped and not shown"));
    }
}
