using System;
using System.IO;
using BenchmarkDotNet.Attributes;
using Xinji.Policy.Dsl.Analysis;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Syntax;
using Xinji.Policy.Tooling;

namespace Xinji.Policy.Benchmarks;

/// <summary>
/// The whole analysis (conflicts, gap, reachability, redundancy) of the real XINJI policy and of
/// a synthetic 1,000-clause policy, from a bound policy: what the analyzer does per policy edit.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class AnalysisBenchmarks
{
    private BoundPolicy _real = null!;
    private BoundPolicy _synthetic = null!;

    [GlobalSetup]
    public void Setup()
    {
        _real = PolicyLoader.Load(new[] { Path.Combine(AppContext.BaseDirectory, "policy") }).Policy
            ?? throw new InvalidOperationException("The real policy does not bind.");
        _synthetic = PolicyBinder.Bind(new[] { PolicyParser.Parse("synthetic.policy", SyntheticPolicy.Generate(1000)) }).Policy
            ?? throw new InvalidOperationException("The synthetic policy does not bind.");
        if (_synthetic.Clauses.Count != 1000 || PolicyAnalysis.Analyze(_synthetic).Findings.Count != 0 || PolicyAnalysis.Analyze(_real).Findings.Count != 0)
        {
            throw new InvalidOperationException("The benchmark policies must be clean and the synthetic one 1,000 clauses.");
        }
    }

    [Benchmark(Description = "XINJI policy (24 clauses)")]
    public AnalysisResult RealPolicy() => PolicyAnalysis.Analyze(_real);

    [Benchmark(Description = "Synthetic policy (1,000 clauses)")]
    public AnalysisResult Synthetic1000() => PolicyAnalysis.Analyze(_synthetic);
}
