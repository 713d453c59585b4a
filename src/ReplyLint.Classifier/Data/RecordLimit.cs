namespace ReplyLint.Classifier.Data;

/// <summary>
/// The largest record any data reader holds (a JSONL line, a CSV record): far above any record the readers accept
/// (score's 200,000-character reply and customer message, escaped), and low enough that a file without line breaks, or
/// a quote left open early in a large CSV, cannot exhaust memory.
/// </summary>
public static class RecordLimit
{
    public const int MaxBytes = 64 << 20;
}
