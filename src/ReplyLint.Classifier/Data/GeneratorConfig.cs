using System.Text.Json;

namespace ReplyLint.Classifier.Data;

/// <summary><c>data/training/generator.json</c>: the generator's seed and size. Same config, same file, byte for byte.</summary>
public sealed record GeneratorConfig
{
    public const string FileName = "generator.json";
    public const string OutputFileName = "generated.csv";

    public int Seed { get; init; } = 20240611;
    /// <summary>Sentences to write (before duplicates are dropped).</summary>
    public int Rows { get; init; } = 6000;

    public static GeneratorConfig Load(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<GeneratorConfig>(File.ReadAllText(path), new JsonSerializerOptions { PropertyNameCaseInsensitive = true })
                ?? throw new InvalidDataException($"{path}: empty generator config");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}:{e.LineNumber + 1}: not a valid generator config ({e.Message})", e);
        }
    }
}
