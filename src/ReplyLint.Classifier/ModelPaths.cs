namespace ReplyLint.Classifier;

/// <summary>Where the shipped model is: next to the app (models/replylint.zip in the output folder), else the repository's models/.</summary>
public static class ModelPaths
{
    public const string FileName = "replylint.zip";
    public const string FolderName = "models";

    /// <summary>
    /// The shipped model: <c>models/replylint.zip</c> in <see cref="AppContext.BaseDirectory"/> or the nearest
    /// folder above it that has one (a build output inside the repository finds the repository's models/). When
    /// none exists, returns the path next to the app, so the load error names where the model was expected.
    /// </summary>
    public static string DefaultModelPath() => Find(AppContext.BaseDirectory) ?? Path.Combine(AppContext.BaseDirectory, FolderName, FileName);

    /// <summary>An explicit path wins; null or empty falls back to <see cref="DefaultModelPath"/>.</summary>
    public static string Resolve(string? explicitPath) =>
        string.IsNullOrWhiteSpace(explicitPath) ? DefaultModelPath() : Path.GetFullPath(explicitPath);

    internal static string? Find(string startDirectory)
    {
        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, FolderName, FileName);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
