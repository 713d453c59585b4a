using System.CommandLine;

namespace ReplyLint.Cli.Hosting;

/// <summary>The options every analysing command shares: configuration file and model choice.</summary>
internal sealed class EngineOptions
{
    public Option<FileInfo?> Config { get; } = new("--config", "-c")
    {
        Description = "A replylint.json with severities, disabled rules and extra phrases.",
    };

    public Option<bool> NoModel { get; } = new("--no-model")
    {
        Description = "Rules only: do not load the tone model.",
    };

    public Option<FileInfo?> Model { get; } = new("--model")
    {
        Description = "The tone model to use (default: the shipped models/replylint.zip). A bad file is an error.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Config);
        command.Options.Add(NoModel);
        command.Options.Add(Model);
    }

    public EngineRequest Read(ParseResult parse) =>
        new(parse.GetValue(Config)?.FullName, parse.GetValue(NoModel), parse.GetValue(Model)?.FullName);
}

/// <summary>
/// What the user asked for: a configuration file, and which model (none, a given file, the shipped one).
/// <see cref="ShippedModelPath"/> replaces where the shipped model is looked for (tests of the degraded path).
/// </summary>
internal sealed record EngineRequest(string? ConfigPath, bool NoModel, string? ModelPath, string? ShippedModelPath = null);
