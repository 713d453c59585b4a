using System.Text;

namespace ReplyLint.Cli.Output;

/// <summary>
/// Replaces a file so that a crash leaves either the old or the new content, never half of each: write a temporary
/// file beside it, flush it to disk, then rename over the original.
/// </summary>
internal static class AtomicFile
{
    public static void WriteAllText(string path, string contents, Encoding encoding)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                var bytes = encoding.GetPreamble().Concat(encoding.GetBytes(contents)).ToArray();
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
