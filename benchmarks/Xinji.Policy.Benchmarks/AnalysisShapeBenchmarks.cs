using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Xinji.Policy.Dsl.Analysis;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Syntax;

namespace Xinji.Policy.Benchmarks;

/// <summary>
/// How the whole analysis grows along each stress shape (<see cref="AnalysisShapes"/>), from a
/// bound policy, at several sizes up to 1,000 clauses: the target is at most 2 s each. A shape
/// that is not decided (a time-out or XP2005) fails the setup, so no time is reported for it.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(AnalysisShapeConfig))]
public class AnalysisShapeBenchmarks
{
    private BoundPolicy _policy = null!;

    /// <summary>A shape and its size, as "shape size".</summary>
    [ParamsSource(nameof(Cases))]
    public string Case { get; set; } = string.Empty;

    /// <summary>The sizes measured, up to the 1,000 clauses of the target.</summary>
    public static IEnumerable<string> Cases() => new[]
    {
        "chain 100", "chain 300", "chain 1000",
        "star 100", "star 1000",
        "earliest 10", "earliest 100",
        "enum 1000", "enum 10000",
        "plain 100", "plain 1000",
        "doubling 10", "doubling 20", "doubling 30",
    };

    [GlobalSetup]
    public void Setup()
    {
        var parts = Case.Split(' ');
        var text = AnalysisShapes.Named(parts[0], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        _policy = Bind(text) ?? throw new InvalidOperationException($"The shape '{Case}' does not bind.");
        var result = PolicyAnalysis.Analyze(_policy, new AnalysisOptions { Budget = TimeSpan.FromMinutes(10) });
        if (result.OutOfTime || result.Findings.Any(f => f.Kind == FindingKind.NotAnalysed))
        {
            throw new InvalidOperationException($"The shape '{Case}' is not decided: {string.Join("; ", result.Findings.Select(f => f.Message))}");
        }
    }

    /// <summary>Binds a shape with the document its clauses quote ("A rule."), named on its header.</summary>
    public static BoundPolicy? Bind(string text)
    {
        var source = ShapeSource.Of(text);
        return PolicyBinder.Bind(new[] { PolicyParser.Parse(source.Path, source.Text) }, source.Documents).Policy;
    }

    [Benchmark(Description = "analysis of a stress shape")]
    public AnalysisResult Analyze() => PolicyAnalysis.Analyze(_policy, new AnalysisOptions { Budget = TimeSpan.FromMinutes(10) });
}

/// <summary>In process, as the other benchmarks; few iterations, since one analysis can take seconds.</summary>
public sealed class AnalysisShapeConfig : ManualConfig
{
    public AnalysisShapeConfig() =>
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3).WithToolchain(InProcessEmitToolchain.Instance));
}

/// <summary>A shape's text as a file, its header naming the document its clauses quote ("A rule."), and that document.</summary>
public sealed record ShapeSource(string Path, string Text, IReadOnlyDictionary<string, string> Documents)
{
    public static ShapeSource Of(string text)
    {
        var path = System.IO.Path.GetFullPath("shape.policy");
        var sourced = text.Replace("implements \"Shapes document\"", "implements \"Shapes document\" source \"shapes.txt\"", StringComparison.Ordinal);
        var documents = new Dictionary<string, string>(StringComparer.Ordinal) { [PolicyBinder.DocumentPath(path, "shapes.txt")] = "A rule.\n" };
        return new ShapeSource(path, sourced, documents);
    }
}
