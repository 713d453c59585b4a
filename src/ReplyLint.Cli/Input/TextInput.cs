using System.Text;
using ReplyLint.Classifier.Data;

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
        if (Utf8Bytes.FirstInvalid(bytes) is { } bad)
            throw new InvalidDataException($"not valid UTF-8 (byte 0x{bad.Byte:X2} at offset {bad.Offset}); save it as UTF-8 and try again");
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>
    /// The encoding a byte-order mark names (Utf8Bytes' table, shared with the archive readers), made strict: it refuses
    /// bad bytes instead of replacing them with U+FFFD.
    /// </summary>
    private static (Encoding Encoding, int Length)? ByteOrderMark(byte[] bytes)
    {
        var (wide, length) = Utf8Bytes.ByteOrderMark(bytes);
        if (length == 0) return null;
        var strict = (Encoding)(wide ?? new UTF8Encoding(false)).Clone();
        strict.DecoderFallback = DecoderFallback.ExceptionFallback;
        return (strict, length);
    }

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
