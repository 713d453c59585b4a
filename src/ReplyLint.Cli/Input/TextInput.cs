using System.Text;

namespace ReplyLint.Cli.Input;

/// <summary>
/// Reads a draft: UTF-8 (BOM or not) or UTF-16/32 with a BOM. Anything else is refused with the offending byte's offset
/// rather than read with U+FFFD in place of the bytes: `fix --in-place` would then write those U+FFFD back over the
/// customer's text.
/// </summary>
internal static class TextInput
{
    public static string ReadFile(string path) => Decode(File.ReadAllBytes(path));

    /// <summary>Reads a whole stream (standard input) and decodes it as a file is decoded.</summary>
    public static string ReadStream(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Decode(buffer.ToArray());
    }

    private static string Decode(byte[] bytes)
    {
        if (ByteOrderMark(bytes) is { } marked)
        {
            try
            {
                return marked.Encoding.GetString(bytes, marked.Length, bytes.Length - marked.Length);
            }
            catch (DecoderFallbackException)
            {
                throw new InvalidDataException($"not valid {marked.Encoding.WebName} although its byte-order mark says so; save it as UTF-8 and try again");
            }
        }
        if (LooksLikeUtf16(bytes))
            throw new InvalidDataException("not valid UTF-8 (it looks like UTF-16 without a byte-order mark); save it as UTF-8 and try again");
        if (FirstInvalidUtf8(bytes) is { } bad)
            throw new InvalidDataException($"not valid UTF-8 (byte 0x{bad.Byte:X2} at offset {bad.Offset}); save it as UTF-8 and try again");
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Null for valid UTF-8; otherwise the first byte that does not decode (a sequence cut short at the end counts).</summary>
    public static (int Offset, byte Byte)? FirstInvalidUtf8(ReadOnlySpan<byte> bytes) => Classifier.Data.Utf8Bytes.FirstInvalid(bytes);

    // Decoders that refuse bad bytes instead of replacing them with U+FFFD.
    private static class Strict
    {
        public static readonly Encoding Utf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);
        public static readonly Encoding Utf16LittleEndian = new UnicodeEncoding(false, false, throwOnInvalidBytes: true);
        public static readonly Encoding Utf16BigEndian = new UnicodeEncoding(true, false, throwOnInvalidBytes: true);
        public static readonly Encoding Utf32LittleEndian = new UTF32Encoding(false, false, throwOnInvalidCharacters: true);
        public static readonly Encoding Utf32BigEndian = new UTF32Encoding(true, false, throwOnInvalidCharacters: true);
    }

    // UTF-32 LE's mark starts like UTF-16 LE's, so it is tested first.
    private static (Encoding Encoding, int Length)? ByteOrderMark(byte[] bytes) => bytes switch
    {
        [0xEF, 0xBB, 0xBF, ..] => (Strict.Utf8, 3),
        [0xFF, 0xFE, 0x00, 0x00, ..] => (Strict.Utf32LittleEndian, 4),
        [0x00, 0x00, 0xFE, 0xFF, ..] => (Strict.Utf32BigEndian, 4),
        [0xFF, 0xFE, ..] => (Strict.Utf16LittleEndian, 2),
        [0xFE, 0xFF, ..] => (Strict.Utf16BigEndian, 2),
        _ => null,
    };

    // UTF-16 text of mostly ASCII has a zero in every other byte.
    private static bool LooksLikeUtf16(byte[] bytes)
    {
        var zeros = 0;
        var sample = Math.Min(bytes.Length, 512);
        for (var i = 0; i < sample; i++) if (bytes[i] == 0) zeros++;
        return sample >= 4 && zeros * 4 >= sample;
    }

    public static bool IsMarkdown(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".md" or ".markdown" or ".mdown" or ".mkd";
}
