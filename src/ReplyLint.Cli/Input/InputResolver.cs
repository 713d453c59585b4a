using System.Text;
using System.Text.RegularExpressions;

namespace ReplyLint.Cli.Input;

/// <summary>One thing to lint: a file, or standard input (<c>-</c>).</summary>
internal sealed record InputSource(string DisplayPath, string? FullPath)
{
    public bool IsStdin => FullPath is null;

    public static InputSource Stdin { get; } = new("<stdin>", null);
}

/// <summary>
/// Turns the command line's inputs into files: plain paths, <c>-</c> for stdin, globs (<c>*</c>, <c>?</c>, <c>**</c>)
/// and directories (every .txt/.md inside). A path that does not exist or a glob that matches nothing is an error.
/// </summary>
internal static class InputResolver
{
    private static readonly string[] DirectoryExtensions = [".txt", ".md", ".markdown"];

    public static IReadOnlyList<InputSource> Resolve(IEnumerable<string> arguments, string baseDirectory, out List<string> errors)
    {
        errors = [];
        var result = new List<InputSource>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(string fullPath)
        {
            if (seen.Add(fullPath)) result.Add(new InputSource(Display(fullPath, baseDirectory), fullPath));
        }

        foreach (var argument in arguments)
        {
            if (argument == "-")
            {
                if (seen.Add("-")) result.Add(InputSource.Stdin);
                continue;
            }
            var full = Path.GetFullPath(argument, baseDirectory);
            if (File.Exists(full)) { Add(full); continue; }
            if (Directory.Exists(full))
            {
                var files = Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories)
                    .Where(f => DirectoryExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal).ToList();
                if (files.Count == 0) errors.Add($"'{argument}': the directory has no .txt or .md files");
                files.ForEach(Add);
                continue;
            }
            if (argument.IndexOfAny(['*', '?']) >= 0)
            {
                var matches = ExpandGlob(argument, baseDirectory);
                if (matches.Count == 0) errors.Add($"'{argument}': no file matches");
                matches.ForEach(Add);
                continue;
            }
            errors.Add($"'{argument}': no such file");
        }
        return result;
    }

    /// <summary>Expands a glob: the part before the first wildcard segment is the root to walk.</summary>
    public static List<string> ExpandGlob(string pattern, string baseDirectory)
    {
        var normalized = pattern.Replace('\\', '/');
        var segments = normalized.Split('/');
        var firstWild = Array.FindIndex(segments, s => s.IndexOfAny(['*', '?']) >= 0);
        var rootPart = string.Join('/', segments.Take(firstWild));
        var root = Path.GetFullPath(rootPart.Length == 0 ? "." : rootPart, baseDirectory);
        if (normalized.StartsWith('/') && rootPart.Length == 0) root = "/";
        if (!Directory.Exists(root)) return [];
        var regex = new Regex("^" + GlobToRegex(string.Join('/', segments.Skip(firstWild))) + "$",
            RegexOptions.CultureInvariant | (OperatingSystem.IsWindows() ? RegexOptions.IgnoreCase : RegexOptions.None));
        var recursive = segments.Skip(firstWild).Count() > 1 || normalized.Contains("**", StringComparison.Ordinal);
        return Directory.EnumerateFiles(root, "*", recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
            .Where(f => regex.IsMatch(Path.GetRelativePath(root, f).Replace('\\', '/')))
            .Order(StringComparer.Ordinal).ToList();
    }

    private static string GlobToRegex(string glob)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                // "**/" matches zero or more directories; a trailing "**" matches anything.
                if (i + 2 < glob.Length && glob[i + 2] == '/') { sb.Append("(?:.*/)?"); i += 2; }
                else { sb.Append(".*"); i++; }
            }
            else if (c == '*') sb.Append("[^/]*");
            else if (c == '?') sb.Append("[^/]");
            else sb.Append(Regex.Escape(c.ToString()));
        }
        return sb.ToString();
    }

    private static string Display(string fullPath, string baseDirectory)
    {
        var relative = Path.GetRelativePath(baseDirectory, fullPath);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? fullPath : relative;
    }
}
