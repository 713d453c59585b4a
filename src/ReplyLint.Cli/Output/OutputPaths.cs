namespace ReplyLint.Cli.Output;

/// <summary>
/// Keeps an output from landing on a file the command reads: a report written over the draft it describes loses the
/// draft, and nothing can bring it back. Paths are compared as the file system would: after following a symbolic link
/// to its target (writing through the link overwrites the target), and without case on Windows and macOS.
/// </summary>
internal static class OutputPaths
{
    private static readonly StringComparison Comparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    public static bool SameFile(string a, string b) => string.Equals(Resolve(a), Resolve(b), Comparison);

    /// <summary>The description of the first input that <paramref name="output"/> would overwrite, or null.</summary>
    public static string? Overwrites(string output, IEnumerable<(string Description, string? Path)> inputs) =>
        inputs.FirstOrDefault(input => input.Path is not null && SameFile(output, input.Path)).Description;

    private static string Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        try
        {
            return File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not there yet, or not ours to look at: the path itself is all there is to compare.
            return full;
        }
    }
}
