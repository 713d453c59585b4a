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
        if (HasByteOrderMark(bytes))
        {
            using var reader = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
            try { return reader.ReadToEnd(); }
            catch (DecoderFallbackException) { throw new InvalidDataException("its byte-order mark does not match its bytes"); }
        }
        if (LooksLikeUtf16(bytes))
            throw new InvalidDataException("not valid UTF-8 (it looks like UTF-16 without a byte-order mark); save it as UTF-8 and try again");
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            var offset = e.Index >= 0 ? e.Index : 0;
            throw new InvalidDataException($"not valid UTF-8 (byte 0x{bytes[Math.Min(offset, bytes.Length - 1)]:X2} at offset {offset}); save it as UTF-8 and try again");
        }
    }

    private static bool HasByteOrderMark(byte[] bytes) =>
        bytes is [0xEF, 0xBB, 0xBF, ..] or [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..];

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
