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
}
