using CsvHelper;

namespace ReplyLint.Classifier.Data;

/// <summary>
/// How every reader of CSV files here (training data, reviewed replies, QA archives) treats a malformed record: it is
/// skipped and reported by line, in one wording, so a person sees the same message for the same mistake, and the rest
/// of the file is read. Never quotes the data.
/// </summary>
public static class CsvProblems
{
    /// <summary>
    /// Reader options: a header row, line numbers, malformed records and wrong field counts skipped and passed to
    /// <paramref name="report"/> (line, problem), no values in exception messages (replies carry personal data).
    /// <paramref name="expectedFields"/> is read when a problem is reported, so it may depend on the header read later.
    /// </summary>
    public static CsvReaderOptions TolerantOptions(char separator, Func<int> expectedFields, Action<long, string> report) =>
        CsvReaderOptions.Default with
        {
            Separator = separator,
            HasHeader = true,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Skip,
            IncludeValuesInExceptions = false,
            OnMalformedRecord = record => report(record.LineNumber, Describe(record.Reason, expectedFields())),
        };

    public static string Describe(CsvMalformedReason reason, int expectedFields) => reason switch
    {
        CsvMalformedReason.StrayQuote => "a quote inside an unquoted field (quote the field and double the inner quote)",
        CsvMalformedReason.TextAfterClosingQuote => "text after the closing quote of a field",
        CsvMalformedReason.UnterminatedQuote => "a quoted field is never closed",
        CsvMalformedReason.LineBreakInQuotes => "a line break inside a quoted field",
        CsvMalformedReason.FieldCountMismatch => $"expected {expectedFields} fields as in the header, found another count (an unquoted comma?)",
        _ => $"malformed record ({reason})",
    };
}
