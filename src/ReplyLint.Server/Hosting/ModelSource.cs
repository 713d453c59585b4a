using ReplyLint.Core.Engine;

namespace ReplyLint.Server.Hosting;

/// <summary>Where the server's tone model comes from.</summary>
internal static class ModelSource
{
    public static (IToneModel? Model, ModelStatus Status) Load(ReplyLintServerOptions options)
    {
        if (options.DisableModel) return (null, ModelStatus.Failed("the model is turned off (ReplyLintServer:DisableModel)"));
        // The classifier (ToneModel.TryLoad / ModelPaths) is not on this branch yet: rules only until it is merged.
        return (null, ModelStatus.Failed("no tone model is built into this server yet: rules only"));
    }
}
