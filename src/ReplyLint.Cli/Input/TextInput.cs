using System.Text;

namespace ReplyLint.Cli.Input;

/// <summary>Reads a draft: UTF-8 (BOM or not; UTF-16 with a BOM), invalid bytes become U+FFFD rather than an error.</summary>
internal static class TextInput
{
    public static string ReadFile(string path)
    {
        using var reader = new StreamReader(path, new UTF8Encoding(false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    public static bool IsMarkdown(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".md" or ".markdown" or ".mdown" or ".mkd";
}
