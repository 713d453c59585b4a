using ReplyLint.Classifier;
using ReplyLint.Core.Engine;

namespace ReplyLint.Server.Hosting;

/// <summary>Where the server's tone model comes from: ReplyLintServer:ModelPath, else the shipped models/replylint.zip.</summary>
internal static class ModelSource
{
    public static (IToneModel? Model, ModelStatus Status) Load(ReplyLintServerOptions options) =>
        options.DisableModel
            ? (null, ModelStatus.Failed("the model is turned off (ReplyLintServer:DisableModel)"))
            : ToneModel.TryLoad(ModelPaths.Resolve(options.ModelPath));
}
