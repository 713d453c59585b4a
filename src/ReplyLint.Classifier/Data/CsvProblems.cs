using CsvHelper;

namespace ReplyLint.Classifier.Data;

/// <summary>
/// One wording for CsvHelper's malformed-record reasons, shared by every reader of CSV files (training data,
/// reviewed replies, QA archives), so a person sees the same message for the same mistake. Never quotes the data.
/// </summary>
public static class CsvProblems
{
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
