using ReplyLint.Classifier;
using ReplyLint.Core.Engine;

namespace ReplyLint.Cli.Hosting;

/// <summary>Finds and loads the tone model; the one place the CLI meets the classifier.</summary>
internal static class ModelLoader
{
    /// <summary>
    /// Loads <paramref name="path"/>, or the shipped model (<see cref="ModelPaths.DefaultModelPath"/>) when it is null.
    /// Never throws: a problem is returned as text that names the path and the reason.
    /// </summary>
    public static (IToneModel? Model, ModelStatus Status, string? Problem) Load(string? path)
    {
        var (model, status) = ToneModel.TryLoad(ModelPaths.Resolve(path));
        return (model, status, model is null ? status.Problem ?? $"cannot load the tone model '{ModelPaths.Resolve(path)}'" : null);
    }
}
