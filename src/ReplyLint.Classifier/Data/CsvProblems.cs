using CsvHelper;

namespace ReplyLint.Classifier.Data;

/// <summary>A CSV record that was skipped, with the lines it took up (<see cref="EndLine"/> = <see cref="Line"/> for one line).</summary>
public readonly record struct CsvSkippedRecord(long Line, long EndLine, string Problem);

/// <summary>
/// How every reader of CSV files here (training data, reviewed replies, QA archives) treats a malformed record: it is
/// skipped and reported by line, in one wording, so a person sees the same message for the same mistake, and the rest
/// of the file is read. Never quotes the data.
/// </summary>
public static class CsvProblems
{
    /// <summary>
    /// What a reader reports when CsvHelper cannot go on (a record over <see cref="RecordLimit.MaxBytes"/>; without the
    /// limit CsvHelper grows its buffer to about 2 GiB): reading stops there, since the reader cannot find where that
    /// record ends.
    /// </summary>
    public static readonly string ReadingStopped =
        $"the CSV record from here on cannot be parsed (over {RecordLimit.MaxBytes >> 20} MiB: a quote that is never closed?); the rest of the file was not read";

    /// <summary>
    /// The line where the record CsvHelper could not get past starts: the exception's, else the line after the last
    /// record read (which may itself have run over several lines).
    /// </summary>
    public static long StoppedAtLine(CsvFormatException e, CsvReader reader) => e.LineNumber > 0 ? e.LineNumber : reader.LineNumber + 1;

    /// <summary>
    /// Reader options: a header row, line numbers, malformed records and wrong field counts skipped and passed to
    /// <paramref name="report"/> with the lines they took up, no values in exception messages (replies carry personal
    /// data). <paramref name="expectedFields"/> is read when a problem is reported, so it may depend on the header read
    /// later.
    /// </summary>
    public static CsvReaderOptions TolerantOptions(char separator, Func<int> expectedFields, Action<CsvSkippedRecord> report) =>
        CsvReaderOptions.Default with
        {
            Separator = separator,
            HasHeader = true,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Skip,
            IncludeValuesInExceptions = false,
            MaxRecordSize = RecordLimit.MaxBytes,
            OnMalformedRecord = record => report(Skipped(record, expectedFields())),
        };

    /// <summary>
    /// A record CsvHelper skipped, with the lines it took up. A quote opened and never closed makes the line breaks
    /// after it part of the field, so the records on the next lines become part of this one and are skipped with it:
    /// the report names the whole range, so that none of those lines goes missing without a word.
    /// </summary>
    public static CsvSkippedRecord Skipped(CsvMalformedRecord record, int expectedFields)
    {
        var problem = Describe(record.Reason, expectedFields);
        var endLine = record.LineNumber + LineBreaks(record.RawRecord);
        if (endLine > record.LineNumber)
            problem += $", in a record that runs over {endLine - record.LineNumber + 1} lines (a quote that is never closed takes in the records after it)";
        return new CsvSkippedRecord(record.LineNumber, endLine, problem);
    }

    public static string Describe(CsvMalformedReason reason, int expectedFields) => reason switch
    {
        CsvMalformedReason.StrayQuote => "a quote inside an unquoted field (quote the field and double the inner quote)",
        CsvMalformedReason.TextAfterClosingQuote => "text after the closing quote of a field",
        CsvMalformedReason.UnterminatedQuote => "a quoted field is never closed",
        CsvMalformedReason.LineBreakInQuotes => "a line break inside a quoted field",
        CsvMalformedReason.FieldCountMismatch => $"expected {expectedFields} fields as in the header, found another count (an unquoted comma?)",
        _ => $"malformed record ({reason})",
    };

    // CR LF, CR and LF each end a line, as CsvHelper counts them for LineNumber. A quote left open at the end of the
    // file takes in the file's last line break too, which ends the last line rather than starting another.
    private static int LineBreaks(string text)
    {
        var end = text.Length;
        if (text.EndsWith("\r\n", StringComparison.Ordinal)) end -= 2;
        else if (text.EndsWith('\n') || text.EndsWith('\r')) end -= 1;
        var count = 0;
        for (var i = 0; i < end; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == end || text[i + 1] != '\n'))) count++;
        }
        return count;
    }
}
