using System.Text;
using BenchmarkDotNet.Attributes;
using ReplyLint.Classifier;
using ReplyLint.Core.Engine;

namespace ReplyLint.Benchmarks;

/// <summary>One Analyze call on a reply of a given size: rules only, and rules plus the shipped tone model.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class EngineBenchmarks
{
    // A realistic mix: acknowledgement, next steps, a defensive line, a denial, jargon, a sign-off.
    private static readonly string[] Sentences =
    [
        "Hi Dana, thanks for getting in touch about order #4471.",
        "I'm sorry the parcel hasn't turned up yet.",
        "Our tracking shows it was delivered on Tuesday afternoon.",
        "As previously explained, refunds take 5-7 working days.",
        "Could you check with your neighbours and let us know?",
        "I've escalated this to tier 2 and they will follow up within 48 hours.",
        "You should have selected the signature option at checkout.",
        "We reserve the right to close cases after 14 days of inactivity.",
        "In the meantime, here's the help article with the steps: https://help.example.com/track",
        "Happy to help with anything else.",
    ];

    private ReplyLintEngine _rules = null!;
    private ReplyLintEngine _withModel = null!;
    private ToneModel _model = null!;
    private string _text1k = "";
    private string _text10k = "";

    [GlobalSetup]
    public void Setup()
    {
        _rules = new ReplyLintEngine();
        _model = ToneModel.Load(ModelPaths.DefaultModelPath());
        _withModel = new ReplyLintEngine(model: _model);
        _text1k = Compose(1000);
        _text10k = Compose(10_000);
        _withModel.Analyze(_text1k); // warm the prediction engine pool
    }

    [GlobalCleanup]
    public void Cleanup() => _model.Dispose();

    [Benchmark(Description = "rules only, 1,000 chars")]
    public AnalysisResult RulesOnly1k() => _rules.Analyze(_text1k);

    [Benchmark(Description = "rules only, 10,000 chars")]
    public AnalysisResult RulesOnly10k() => _rules.Analyze(_text10k);

    [Benchmark(Description = "rules + model, 1,000 chars")]
    public AnalysisResult RulesAndModel1k() => _withModel.Analyze(_text1k);

    internal static string Compose(int length)
    {
        var sb = new StringBuilder();
        for (var i = 0; sb.Length < length; i++)
        {
            if (sb.Length > 0) sb.Append(i % 4 == 0 ? "\n\n" : " ");
            sb.Append(Sentences[i % Sentences.Length]);
        }
        return sb.ToString(0, length);
    }
}
