namespace ReplyLint.Cli.Input;

/// <summary>
/// Says plainly why a path from the command line cannot be read or written, before the operating system says it in
/// its own words: for a directory .NET says "Access to the path … is denied", which sends people to check permissions,
/// and a reader that only asks File.Exists calls a directory missing.
/// </summary>
internal static class FilePaths
{
    /// <summary>Why <paramref name="path"/> cannot be read as a file (shown as <paramref name="shown"/>), or null.</summary>
    public static string? CannotRead(string path, string? shown = null)
    {
        if (Directory.Exists(path)) return $"'{shown ?? path}' is a directory, not a file";
        return File.Exists(path) ? null : $"'{shown ?? path}': no such file";
    }

    /// <summary>Why a file cannot be written at <paramref name="path"/> (a directory is there), or null.</summary>
    public static string? CannotWrite(string path, string? shown = null) =>
        Directory.Exists(path) ? $"cannot write '{shown ?? path}': it is a directory; name a file" : null;
}
