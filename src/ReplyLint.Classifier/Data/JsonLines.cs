using System.Buffers;
using System.Text;
using System.Text.Json;

namespace ReplyLint.Classifier.Data;

/// <summary>
/// JSON Lines read line by line: each object with its 1-based line number. Blank lines are skipped; a line that is not
/// valid UTF-8 or not a JSON object is passed to <c>skipped</c> with the reason (the same wording as
/// <c>replylint score</c>'s) and the rest of the file is still read. Lines are read as bytes and checked: a decoder
/// would put U+FFFD in place of a Latin-1 byte, and the line would be read as text it never had.
/// </summary>
internal static class JsonLines
{
    public static IEnumerable<(long Line, JsonElement Root)> Read(string path, Action<long, string> skipped)
    {
        using var file = File.OpenRead(path);
        using var stream = Utf8(file);
        long number = 0;
        foreach (var line in Lines(stream))
        {
            number++;
            if (Utf8Bytes.Problem(line, "line") is { } notUtf8)
            {
                skipped(number, notUtf8);
                continue;
            }
            var text = Encoding.UTF8.GetString(line);
            if (string.IsNullOrWhiteSpace(text)) continue;
            JsonElement root;
            try
            {
                using var json = JsonDocument.Parse(text);
                root = json.RootElement.Clone();
            }
            catch (JsonException e)
            {
                skipped(number, $"not valid JSON (at byte {e.BytePositionInLine ?? 0})");
                continue;
            }
            if (root.ValueKind != JsonValueKind.Object)
            {
                skipped(number, "not a JSON object");
                continue;
            }
            yield return (number, root);
        }
    }

    /// <summary>
    /// The file as UTF-8 from its first line on, as File.ReadLines would decode it: a UTF-8 byte-order mark is skipped,
    /// and UTF-16 or UTF-32 with a mark is transcoded.
    /// </summary>
    private static Stream Utf8(FileStream file)
    {
        Span<byte> mark = stackalloc byte[4];
        var length = file.ReadAtLeast(mark, 4, throwOnEndOfStream: false);
        var bom = Utf8Bytes.ByteOrderMark(mark[..length]);
        file.Position = bom.Length;
        return bom.Wide is null ? file : Encoding.CreateTranscodingStream(file, bom.Wide, Encoding.UTF8, leaveOpen: true);
    }

    /// <summary>The lines' bytes, each ended by LF, CR LF or CR as StreamReader.ReadLine ends them, so line numbers stay as they were.</summary>
    private static IEnumerable<byte[]> Lines(Stream stream)
    {
        var buffer = new byte[1 << 16];
        var line = new ArrayBufferWriter<byte>();
        var lineFeedEndsLine = false; // the last read ended on a CR whose LF, if any, comes with the next read
        int count;
        while ((count = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            var start = lineFeedEndsLine && buffer[0] == '\n' ? 1 : 0;
            lineFeedEndsLine = false;
            for (var i = start; i < count; i++)
            {
                if (buffer[i] is not ((byte)'\n' or (byte)'\r')) continue;
                line.Write(buffer.AsSpan(start, i - start));
                yield return line.WrittenMemory.ToArray();
                line.ResetWrittenCount();
                if (buffer[i] == '\r')
                {
                    if (i + 1 == count) lineFeedEndsLine = true;
                    else if (buffer[i + 1] == '\n') i++;
                }
                start = i + 1;
            }
            line.Write(buffer.AsSpan(start, count - start));
        }
        if (line.WrittenCount > 0) yield return line.WrittenMemory.ToArray();
    }
}
