using ReplyLint.Core.Engine;

namespace ReplyLint.Cli.Hosting;

/// <summary>Finds and loads the tone model; the one place the CLI meets the classifier.</summary>
internal static class ModelLoader
{
    /// <summary>Loads <paramref name="path"/>, or the shipped model when it is null. Never throws: a problem names the path.</summary>
    public static (IToneModel? Model, ModelStatus Status, string? Problem) Load(string? path)
    {
        // The classifier (ToneModel, ModelPaths) lands on branch `classifier`; until it is merged there is no model to load.
        var problem = path is null
            ? "no tone model is available in this build (models/replylint.zip)"
            : $"cannot load model '{path}': this build has no classifier";
        return (null, ModelStatus.Failed(problem), problem);
    }
}
