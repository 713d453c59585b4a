using System.Buffers;
using System.Text;

namespace ReplyLint.Classifier.Data;

/// <summary>
/// The UTF-8 check of every reader here: a decoder puts U+FFFD in place of a byte that is not UTF-8 (a Latin-1 or
/// Windows-1252 export's "é"), and the line would be read as text it never had, so readers check the bytes and skip
/// the line instead, with this message.
/// </summary>
public static class Utf8Bytes
{
    /// <summary>Null for valid UTF-8; otherwise the first byte that does not decode (a sequence cut short at the end counts).</summary>
    public static (int Offset, byte Byte)? FirstInvalid(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes)) return null;
        var offset = 0;
        while (Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) == OperationStatus.Done) offset += consumed;
        return (offset, bytes[offset]);
    }

    /// <summary>
    /// Null for valid UTF-8; otherwise the problem as <c>replylint score</c> words it, e.g. "not valid UTF-8 (byte 0xE9 at
    /// offset 21 of the line); save the file as UTF-8". <paramref name="part"/> is "line" or "record".
    /// </summary>
    public static string? Problem(ReadOnlySpan<byte> bytes, string part, string file = "file") =>
        FirstInvalid(bytes) is { } bad ? $"not valid UTF-8 (byte 0x{bad.Byte:X2} at offset {bad.Offset} of the {part}); save the {file} as UTF-8" : null;

    /// <summary>
    /// The byte-order mark a file starts with: its length, and the wide encoding to transcode from (null for UTF-8 or
    /// no mark). UTF-32 LE's mark starts like UTF-16 LE's, so it is tested first.
    /// </summary>
    public static (Encoding? Wide, int Length) ByteOrderMark(ReadOnlySpan<byte> start) => start switch
    {
        [0xEF, 0xBB, 0xBF, ..] => (null, 3),
        [0xFF, 0xFE, 0x00, 0x00, ..] => (new UTF32Encoding(bigEndian: false, byteOrderMark: false), 4),
        [0x00, 0x00, 0xFE, 0xFF, ..] => (new UTF32Encoding(bigEndian: true, byteOrderMark: false), 4),
        [0xFF, 0xFE, ..] => (new UnicodeEncoding(bigEndian: false, byteOrderMark: false), 2),
        [0xFE, 0xFF, ..] => (new UnicodeEncoding(bigEndian: true, byteOrderMark: false), 2),
        _ => (null, 0),
    };
}
