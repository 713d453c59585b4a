using System.Buffers;
using System.Text;
using System.Text.Json;

namespace ReplyLint.Classifier.Data;

/// <summary>
/// JSON Lines cut into lines by the one rule every JSONL reader here follows (<c>score</c>'s archives, <c>eval
/// --replies</c>, <c>train</c>'s real replies), so a line has the same number in each: LF ends a line, and a CR just
/// before it goes with it (JSON Lines allows CR LF); the last line needs no LF. A lone CR does not end a line: in valid
/// JSON a raw CR can only be whitespace between tokens (inside a string it must be escaped), and <c>score</c>'s results
/// record line numbers that <c>--resume</c> must find again in the archive. Lines are bytes, read through one buffer, so
/// memory stays flat however long the file (a line longer than the buffer is gathered, up to
/// <see cref="RecordLimit.MaxBytes"/>; a longer one is passed over and reported). A UTF-8 byte-order mark is
/// skipped, and UTF-16 or UTF-32 with a mark (PowerShell 5 writes UTF-16) is transcoded to UTF-8.
/// </summary>
public sealed class JsonLineReader : IDisposable
{
    private readonly Stream _stream;
    private readonly Stream _utf8;
    private readonly bool _leaveOpen;
    private readonly byte[] _buffer;
    private readonly int _maxLineBytes;
    // A line longer than what is left of the buffer is gathered here (replaced after a line that was too long, so
    // its memory goes).
    private ArrayBufferWriter<byte> _longLine = new();
    private int _start, _end;

    public JsonLineReader(Stream stream, bool leaveOpen = false) : this(stream, 1 << 16, leaveOpen)
    {
    }

    /// <summary>A small <paramref name="bufferSize"/> lets tests put line breaks across reads.</summary>
    internal JsonLineReader(Stream stream, int bufferSize, bool leaveOpen, int maxLineBytes = RecordLimit.MaxBytes)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        _buffer = new byte[Math.Max(bufferSize, 4)];
        _maxLineBytes = maxLineBytes;
        _utf8 = SkipByteOrderMark(stream);
    }

    /// <summary>The 1-based number of the line last read (blank lines count).</summary>
    public long LineNumber { get; private set; }

    /// <summary>
    /// The line last read was longer than the limit: its bytes were passed over up to its line break, and the line
    /// given is empty. Check this before anything else (an empty line reads as blank).
    /// </summary>
    public bool LineTooLong { get; private set; }

    /// <summary>What a reader reports for a line that was too long.</summary>
    public string TooLongProblem => $"the line is over {_maxLineBytes:N0} bytes; passed over without reading it";

    /// <summary>
    /// From the first record on, as UTF-8. Files can go back to just after the mark; were the stream a pipe, wide text
    /// would be read as bytes and each line reported as not UTF-8.
    /// </summary>
    private Stream SkipByteOrderMark(Stream stream)
    {
        _end = stream.ReadAtLeast(_buffer.AsSpan(0, 4), 4, throwOnEndOfStream: false);
        var bom = Utf8Bytes.ByteOrderMark(_buffer.AsSpan(0, _end));
        if (bom.Wide is null || !stream.CanSeek)
        {
            _start = bom.Wide is null ? bom.Length : 0;
            return stream;
        }
        stream.Position = bom.Length;
        _start = _end = 0;
        return Encoding.CreateTranscodingStream(stream, bom.Wide, Encoding.UTF8, leaveOpen: true);
    }

    /// <summary>The next line's bytes without its LF or CR LF, valid until the next call; false at the end of the file.</summary>
    public bool TryReadLine(out ReadOnlyMemory<byte> line)
    {
        _longLine.ResetWrittenCount();
        LineTooLong = false;
        var gathering = false;
        while (true)
        {
            if (_start == _end)
            {
                _start = 0;
                _end = _utf8.Read(_buffer);
                if (_end == 0)
                {
                    line = LineTooLong ? default : TrimCarriageReturn(_longLine.WrittenMemory);
                    if (line.Length > _maxLineBytes) (LineTooLong, line) = (true, default);
                    if (gathering) LineNumber++;
                    return gathering;
                }
            }
            var available = _buffer.AsMemory(_start, _end - _start);
            var newline = available.Span.IndexOf((byte)'\n');
            var piece = newline < 0 ? available : available[..newline];
            if (newline < 0 || gathering)
            {
                // One byte over the limit is kept while gathering: it may be the CR of a CR LF.
                if (!LineTooLong && (long)_longLine.WrittenCount + piece.Length > _maxLineBytes + 1L)
                {
                    LineTooLong = true;
                    _longLine = new ArrayBufferWriter<byte>();
                }
                if (!LineTooLong) _longLine.Write(piece.Span);
            }
            if (newline < 0)
            {
                gathering = true;
                _start = _end;
                continue;
            }
            _start += newline + 1;
            line = LineTooLong ? default : TrimCarriageReturn(gathering ? _longLine.WrittenMemory : piece);
            if (line.Length > _maxLineBytes) (LineTooLong, line) = (true, default);
            LineNumber++;
            return true;
        }
    }

    private static ReadOnlyMemory<byte> TrimCarriageReturn(ReadOnlyMemory<byte> line) =>
        line.Span.EndsWith((byte)'\r') ? line[..^1] : line;

    /// <summary>A line of only whitespace, skipped by every reader (its number still counts).</summary>
    public static bool IsBlank(ReadOnlySpan<byte> line) => line.IndexOfAnyExcept(" \t\r\f\v"u8) < 0;

    /// <summary>
    /// Why a line did not parse. A CR left in a line that is not valid JSON is named: a file from a tool that ends lines
    /// with CR alone reads as one line, and the message says why.
    /// </summary>
    public static string NotValidJson(JsonException e, ReadOnlySpan<byte> line) =>
        $"not valid JSON (at byte {e.BytePositionInLine ?? 0})" +
        (line.Contains((byte)'\r') ? "; the line holds a CR without an LF, and only LF ends a line" : "");

    public void Dispose()
    {
        if (!ReferenceEquals(_utf8, _stream)) _utf8.Dispose();
        if (!_leaveOpen) _stream.Dispose();
    }
}
