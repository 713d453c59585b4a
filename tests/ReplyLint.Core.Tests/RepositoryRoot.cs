namespace ReplyLint.Core.Tests;

/// <summary>The repository root, found by walking up from the test binaries to ReplyLint.sln.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "ReplyLint.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("ReplyLint.sln not found above " + AppContext.BaseDirectory);
    }
}
