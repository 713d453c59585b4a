using System.Text;

namespace ReplyLint.Cli.Input;

/// <summary>
/// Reads a draft: UTF-8 (BOM or not) or UTF-16/32 with a BOM. Anything else is refused with the offending byte's offset
/// rather than read with U+FFFD in place of the bytes: `fix --in-place` would then write those U+FFFD back over the
/// customer's text.
/// </summary>
internal static class TextInput
{
    public static string ReadFile(string path)
    {
        var bytes = File.ReadAllBytes(path);
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
        try
        {
            return Strict.Utf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            var offset = e.Index >= 0 ? e.Index : 0;
            throw new InvalidDataException($"not valid UTF-8 (byte 0x{bytes[Math.Min(offset, bytes.Length - 1)]:X2} at offset {offset}); save it as UTF-8 and try again");
        }
    }

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
