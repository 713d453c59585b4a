namespace ReplyLint.Cli.Output;

/// <summary>
/// Keeps an output from landing on a file the command reads: a report written over the draft it describes loses the
/// draft, and nothing can bring it back. Paths are compared as the file system would: after following every symbolic
/// link in them (writing through a link overwrites its target), and without case on Windows and macOS. A hard link is
/// not seen here; the writers replace files by renaming a new one over the name (<see cref="AtomicFile"/>), which
/// leaves a hard-linked draft's content as it was.
/// </summary>
internal static class OutputPaths
{
    private static readonly StringComparison Comparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    public static bool SameFile(string a, string b) => string.Equals(Resolve(a), Resolve(b), Comparison);

    /// <summary>The description of the first input that <paramref name="output"/> would overwrite, or null.</summary>
    public static string? Overwrites(string output, IEnumerable<(string Description, string? Path)> inputs) =>
        inputs.FirstOrDefault(input => input.Path is not null && SameFile(output, input.Path)).Description;

    /// <summary>
    /// The path with every symbolic link on the way followed, not only the last part: a link to a directory makes every
    /// file in it reachable under two names. Parts that do not exist yet are kept as written.
    /// </summary>
    private static string Resolve(string path, int depth = 0)
    {
        var full = Path.GetFullPath(path);
        if (depth > 40) return full; // a link loop: the OS would refuse it as well
        var root = Path.GetPathRoot(full)!;
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            try
            {
                FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
                if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target)
                    current = Resolve(target.FullName, depth + 1);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Not there yet, or not ours to look at: the path as written is all there is to compare.
            }
        }
        return current;
    }
}
