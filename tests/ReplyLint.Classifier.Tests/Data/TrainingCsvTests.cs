using ReplyLint.Classifier.Data;
using Xunit;

namespace ReplyLint.Classifier.Tests.Data;

public sealed class TrainingCsvTests
{
    [Fact]
    public void Malformed_lines_are_reported_with_their_line_number_and_skipped()
    {
        var csv = string.Join('\n',
            "text,defensive,perception_denial,legal_jargon,acknowledgement",
            "Fine sentence.,0,0,0,1",
            "Too, many, fields,0,0,0,0",
            "Bad label.,2,0,0,0",
            "\"Quoted, with comma.\",1,0,0,0",
            "A \"stray\" quote,0,0,0,0",
            "\"Spans",
            "two lines.\",0,1,0,0",
            ",0,0,0,0",
            "Last one.,0,0,1,0");
        var problems = new List<DataProblem>();
        var rows = TrainingCsv.Read(new StringReader(csv), "t.csv", problems);

        Assert.Equal(["Fine sentence.", "Quoted, with comma.", "Spans\ntwo lines.", "Last one."], rows.Select(r => r.Text));
        Assert.Equal([3L, 4L, 6L, 9L], problems.Select(p => p.Line));
        Assert.All(problems, p => Assert.Equal("t.csv", p.File));
        Assert.Contains("expected 5 fields", problems[0].Problem);
        Assert.Contains("defensive", problems[1].Problem);
        Assert.StartsWith("t.csv:4:", problems[1].ToString());
    }

    private const string Header = "text,defensive,perception_denial,legal_jargon,acknowledgement";

    private static (List<LabelledSentence> Rows, List<DataProblem> Problems) ReadFile(TempFolder temp, string name, byte[] contents)
    {
        File.WriteAllBytes(temp.File(name), contents);
        var problems = new List<DataProblem>();
        return (TrainingCsv.Read(temp.File(name), problems), problems);
    }

    private static byte[] Utf8(params string[] lines) => System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");

    [Fact]
    public void A_quote_that_swallows_the_records_after_it_is_reported_with_every_line_it_took()
    {
        using var temp = new TempFolder();
        // Line 3 opens a quote it never closes; the quote on line 5 closes it, so lines 4 and 5 are part of that record.
        var (rows, problems) = ReadFile(temp, "t.csv", Utf8(Header,
            "You should have read the manual.,1,0,0,0",
            "\"stray quote start,0,0,0,0",
            "Your parcel ships Monday.,0,0,0,0",
            "Say \"hi\" to Sam.,0,0,0,0",
            "We are not liable.,0,0,1,0"));

        Assert.Equal(["You should have read the manual.", "We are not liable."], rows.Select(r => r.Text));
        var problem = Assert.Single(problems);
        Assert.Equal((3L, 5L), (problem.Line, problem.EndLine));
        Assert.StartsWith("t.csv:3-5: text after the closing quote of a field, in a record that runs over 3 lines", problem.ToString(), StringComparison.Ordinal);
        Assert.Equal(3, problem.LineCount);
    }

    [Fact]
    public void A_quote_still_open_at_the_end_of_the_file_is_reported_with_every_line_to_the_end()
    {
        using var temp = new TempFolder();
        var (rows, problems) = ReadFile(temp, "t.csv", Utf8(Header,
            "Sorry about the delay!,0,0,0,1",
            "\"stray quote start,0,0,0,0",
            "Your parcel ships Monday.,0,0,0,0",
            "Thanks for waiting.,0,0,0,1"));

        Assert.Equal(["Sorry about the delay!"], rows.Select(r => r.Text));
        var problem = Assert.Single(problems);
        Assert.Equal((3L, 5L), (problem.Line, problem.EndLine));
        Assert.Contains("a quoted field is never closed, in a record that runs over 3 lines", problem.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_that_is_not_utf8_is_reported_rather_than_read_with_a_replacement_character()
    {
        using var temp = new TempFolder();
        // "Café" as Latin-1 writes it: é is the single byte 0xE9.
        byte[] latin1 = [.. Utf8(Header, "Ok.,0,0,0,0"), .. "Caf"u8, 0xE9, .. " is shut.,0,0,0,0\n"u8, .. Utf8("Last one.,0,0,1,0")];

        var (rows, problems) = ReadFile(temp, "latin1.csv", latin1);

        Assert.Equal(["Ok.", "Last one."], rows.Select(r => r.Text));
        var problem = Assert.Single(problems);
        Assert.StartsWith("latin1.csv:3: not valid UTF-8 (byte 0xE9 at offset 3 of the record)", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Crlf_and_a_byte_order_mark_read_as_plain_lf_utf8()
    {
        using var temp = new TempFolder();
        var lines = new[] { Header, "\"Two\r\nlines.\",0,0,0,1", "Caf\u00e9.,1,0,0,0" };
        var (plain, none) = ReadFile(temp, "lf.csv", Utf8(lines));
        var (windows, alsoNone) = ReadFile(temp, "crlf.csv", [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n")]);

        Assert.Empty(none);
        Assert.Empty(alsoNone);
        Assert.Equal(["Two\r\nlines.", "Caf\u00e9."], windows.Select(r => r.Text));
        Assert.Equal(plain.Select(r => r.Labels), windows.Select(r => r.Labels));
    }

    [Fact]
    public void A_csv_in_the_data_folder_that_lacks_a_training_column_or_is_empty_is_reported_not_passed_over()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("good.csv"), Header + "\nOk.,0,0,0,0\n");
        File.WriteAllText(temp.File("typo.csv"), "text,defensive,perception_denial,legal_jargon,acknowledgment\nSorry!,0,0,0,1\n");
        File.WriteAllText(temp.File("empty.csv"), "");
        // A CSV with none of the training columns is some other file, and is left alone as the README says.
        File.WriteAllText(temp.File("notes.csv"), "name,count\nx,1\n");

        var data = TrainingDataSet.Load(temp.Path);

        Assert.Equal(["good.csv"], data.Files);
        Assert.Equal(["Ok."], data.Rows.Select(r => r.Text));
        Assert.Equal(["empty.csv:1", "typo.csv:1"], data.Problems.Select(p => $"{p.File}:{p.Line}"));
        Assert.Contains("empty", data.Problems[0].Problem, StringComparison.Ordinal);
        Assert.Contains("lacks column(s) acknowledgement", data.Problems[1].Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Blank_cells_mean_unknown_for_that_family_and_source_is_optional()
    {
        var csv = "text,defensive,perception_denial,legal_jargon,acknowledgement,source\nYou should have read it.,1,,,0,export-1\nHello.,0,0,0,0,\n";
        var problems = new List<DataProblem>();
        var rows = TrainingCsv.Read(new StringReader(csv), "mine.csv", problems);

        Assert.Empty(problems);
        Assert.Equal(new LabelSet(true, null, null, false), rows[0].Labels);
        Assert.Equal("export-1", rows[0].Source);
        Assert.Equal("mine", rows[1].Source);
    }

    [Fact]
    public void A_missing_column_is_reported_on_the_header_line()
    {
        var problems = new List<DataProblem>();
        var rows = TrainingCsv.Read(new StringReader("text,defensive\nHi.,0\n"), "x.csv", problems);
        Assert.Empty(rows);
        var problem = Assert.Single(problems);
        Assert.Equal(1, problem.Line);
        Assert.Contains("perception_denial", problem.Problem);
    }

    [Fact]
    public void Written_rows_read_back_the_same()
    {
        LabelledSentence[] rows =
        [
            new("Say \"hi\", then go.", new LabelSet(true, false, null, true), "a"),
            new("Line\nbreak.", LabelSet.AllZero, "b"),
        ];
        var writer = new StringWriter();
        TrainingCsv.Write(writer, rows, includeSource: true);
        var problems = new List<DataProblem>();
        var back = TrainingCsv.Read(new StringReader(writer.ToString()), "w.csv", problems);
        Assert.Empty(problems);
        Assert.Equal(rows, back);
    }
}
