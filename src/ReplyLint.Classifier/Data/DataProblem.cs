namespace ReplyLint.Classifier.Data;

/// <summary>
/// A line of a data file that could not be used, and why; the rest of the file is still read. Every reader of data
/// files reports with it (training CSVs, real replies, reviewed replies), so the commands print them alike. A CSV record
/// may run over several lines, up to <see cref="EndLine"/> (a quote that is never closed takes in the records after it).
/// </summary>
public sealed record DataProblem(string File, long Line, string Problem)
{
    public long EndLine { get; init; } = Line;

    /// <summary>How many lines of the file the problem took out of use.</summary>
    public long LineCount => EndLine - Line + 1;

    /// <summary><c>file:12</c>, or <c>file:12-14</c> for a record over several lines, as <c>replylint score</c> names them.</summary>
    public string Location => EndLine > Line ? $"{File}:{Line}-{EndLine}" : $"{File}:{Line}";

    /// <summary><c>file:12: problem</c>.</summary>
    public override string ToString() => $"{Location}: {Problem}";
}
