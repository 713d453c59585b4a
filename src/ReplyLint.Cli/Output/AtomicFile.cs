using System.Text;

namespace ReplyLint.Cli.Output;

/// <summary>
/// Replaces a file so that a crash leaves either the old or the new content, never half of each: write a temporary
/// file beside it, flush it to disk, then rename over the original. The replacement keeps what the old file was: a
/// symbolic link is written through (its target is replaced, the link stays), the permission bits are carried over
/// (a private 0600 draft stays private), and a read-only file is refused rather than replaced.
/// </summary>
internal static class AtomicFile
{
    public static void WriteAllText(string path, string contents, Encoding encoding)
    {
        var target = FinalTarget(Path.GetFullPath(path));
        UnixFileMode? mode = null;
        if (File.Exists(target))
        {
            if (IsReadOnly(target, out var existingMode))
                throw new UnauthorizedAccessException($"'{path}' is read-only; make it writable to replace it");
            mode = existingMode;
        }
        var directory = Path.GetDirectoryName(target)!;
        var temp = Path.Combine(directory, $".{Path.GetFileName(target)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                var bytes = encoding.GetPreamble().Concat(encoding.GetBytes(contents)).ToArray();
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            if (mode is { } keep && !OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, keep);
            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>The file a path names once every symbolic link is followed; the path itself when it is not a link.</summary>
    private static string FinalTarget(string path)
    {
        try
        {
            return File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path;
        }
        catch (IOException)
        {
            // A dangling link or a loop: writing through it would fail the same way, with a clearer message.
            return path;
        }
    }

    /// <summary>
    /// Read-only by its own flags: no owner write bit on Unix (checked on the bits, not by trying, because root may
    /// write anything), the ReadOnly attribute on Windows. <paramref name="mode"/> is the Unix mode to carry over.
    /// </summary>
    private static bool IsReadOnly(string path, out UnixFileMode? mode)
    {
        if (OperatingSystem.IsWindows())
        {
            mode = null;
            return File.GetAttributes(path).HasFlag(FileAttributes.ReadOnly);
        }
        var bits = File.GetUnixFileMode(path);
        mode = bits;
        return (bits & UnixFileMode.UserWrite) == 0;
    }
}
