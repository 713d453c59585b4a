namespace ReplyLint.Classifier;

/// <summary>The model file is missing, unreadable or not a ReplyLint model; the message names the file and why.</summary>
public sealed class ModelLoadException : Exception
{
    public ModelLoadException(string path, string reason, Exception? inner = null)
        : base($"cannot load the tone model '{path}': {reason}", inner)
    {
        Path = path;
        Reason = reason;
    }

    public string Path { get; }
    public string Reason { get; }
}
