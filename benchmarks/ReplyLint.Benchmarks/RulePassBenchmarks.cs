using BenchmarkDotNet.Attributes;
using ReplyLint.Core.Engine;
using ReplyLint.Core.Matching;
using ReplyLint.Core.Structure;

namespace ReplyLint.Benchmarks;

/// <summary>The rule pass taken apart: structure, phrase matching, the whole analysis with and without fixes.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class RulePassBenchmarks
{
    private readonly ReplyLintEngine _engine = new();
    private string _text1k = "";
    private ReplyDocument _document = null!;
    private readonly List<PhraseMatch> _matches = new(256);
    private static readonly Core.Configuration.AnalysisOverrides NoFixes = new() { IncludeFixes = false };

    [GlobalSetup]
    public void Setup()
    {
        _text1k = EngineBenchmarks.Compose(1000);
        _document = ReplyDocument.Parse(_text1k);
        _engine.Analyze(_text1k);
    }

    [Benchmark(Description = "parse (structure + tokens), 1,000 chars")]
    public ReplyDocument Parse() => ReplyDocument.Parse(_text1k);

    [Benchmark(Description = "phrase matching, 1,000 chars")]
    public int Match()
    {
        _matches.Clear();
        PhraseRuleSet.Default.Index.FindAll(_document, _matches);
        return _matches.Count;
    }

    [Benchmark(Description = "rules, 1,000 chars, no fixes")]
    public AnalysisResult AnalyzeWithoutFixes() => _engine.Analyze(_text1k, overrides: NoFixes);

    [Benchmark(Description = "rules, 1,000 chars, with the customer's message")]
    public AnalysisResult AnalyzeWithCustomer() => _engine.Analyze(_text1k, "My parcel never arrived and nobody answers!");
}
