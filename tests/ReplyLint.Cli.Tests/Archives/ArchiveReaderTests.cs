using ReplyLint.Cli.Archives;
using Xunit;

namespace ReplyLint.Cli.Tests.Archives;

public sealed class ArchiveReaderTests : IDisposable
{
    private readonly CliRun _run = new();

    private List<ArchiveEntry> ReadAll(string name, string contents, ArchiveFormat format, ArchiveColumns? columns = null)
    {
        var path = _run.Write(name, contents);
        using var reader = ArchiveReaders.Open(path, format, columns ?? ArchiveColumns.Default);
        var entries = new List<ArchiveEntry>();
        while (reader.TryRead(out var entry)) entries.Add(entry);
        Assert.Equal(reader.TotalBytes, reader.BytesRead);
        return entries;
    }

    [Fact]
    public void Jsonl_reports_each_bad_line_by_number_and_keeps_going()
    {
        var entries = ReadAll("a.jsonl",
            "{\"id\":1,\"text\":\"one\",\"Agent\":\"ann\"}\n\n[1,2]\n{\"id\":\"3\",\"text\":5}\n{\"id\":\"\",\"text\":\"x\"}\nnot json\n{\"id\":\"6\",\"text\":\"six\",\"customer\":\"c\"}\n",
            ArchiveFormat.Jsonl);

        Assert.Equal([1L, 3, 4, 5, 6, 7], entries.Select(e => e.Line));
        Assert.Equal("1", entries[0].Row!.Id);
        Assert.Equal("ann", entries[0].Row!.Agent);
        Assert.All(entries.Skip(1).Take(4), e => Assert.NotNull(e.Problem));
        Assert.Equal("c", entries[5].Row!.Customer);
    }

    [Fact]
    public void Jsonl_with_a_byte_order_mark_is_read_utf8_or_utf16_alike()
    {
        const string lines = "{\"id\":\"1\",\"text\":\"caf\u00e9\"}\r\n\n{\"id\":\"2\",\"text\":\"two\"}";
        foreach (var (name, encoding) in new (string, System.Text.Encoding)[] { ("utf8.jsonl", new System.Text.UTF8Encoding(true)), ("utf16.jsonl", System.Text.Encoding.Unicode) })
        {
            var path = _run.PathOf(name);
            File.WriteAllBytes(path, [.. encoding.GetPreamble(), .. encoding.GetBytes(lines)]);
            using var reader = ArchiveReaders.Open(path, ArchiveFormat.Jsonl, ArchiveColumns.Default);
            var entries = new List<ArchiveEntry>();
            while (reader.TryRead(out var entry)) entries.Add(entry);

            Assert.Equal([1L, 3], entries.Select(e => e.Line));
            Assert.Equal(["caf\u00e9", "two"], entries.Select(e => e.Row!.Text));
            Assert.Equal(reader.TotalBytes, reader.BytesRead);
        }
    }

    [Fact]
    public void Jsonl_with_the_wrong_text_column_is_an_input_error()
    {
        var lines = string.Concat(Enumerable.Range(0, 30).Select(i => $"{{\"id\":\"{i}\",\"reply\":\"x\"}}\n"));
        Assert.Throws<ArchiveFormatException>(() => ReadAll("a.jsonl", lines, ArchiveFormat.Jsonl));
        var ok = ReadAll("b.jsonl", lines, ArchiveFormat.Jsonl, new ArchiveColumns { Text = "reply" });
        Assert.Equal(30, ok.Count(e => e.Row is not null));
    }

    [Fact]
    public void Csv_rows_carry_their_starting_line_and_bad_rows_are_reported()
    {
        var entries = ReadAll("a.csv",
            "ID,Text,Channel\n1,\"two\nlines\",email\n2,short\n3,\"ok\",chat\n\n4,stray \"quote,chat\n5,last,\n",
            ArchiveFormat.Csv);

        Assert.Equal([2L, 4, 5, 7, 8], entries.Select(e => e.Line));
        Assert.Equal("two\nlines", entries[0].Row!.Text);
        Assert.NotNull(entries[1].Problem);
        Assert.Equal("chat", entries[2].Row!.Channel);
        Assert.NotNull(entries[3].Problem);
        Assert.Null(entries[4].Row!.Channel);
    }

    [Fact]
    public void Csv_without_the_text_column_or_header_is_an_input_error()
    {
        Assert.Throws<ArchiveFormatException>(() => ReadAll("a.csv", "id,body\n1,x\n", ArchiveFormat.Csv));
        Assert.Throws<ArchiveFormatException>(() => ReadAll("b.csv", "", ArchiveFormat.Csv));
    }

    public void Dispose() => _run.Dispose();
}
