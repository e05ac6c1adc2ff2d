using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Syntax;

namespace Xinji.Policy.Benchmarks;

/// <summary>
/// The compiler's front end on the stress shapes (<see cref="AnalysisShapes"/>): parsing the text,
/// and binding the parsed file, each measured on its own at sizes ten times apart, so a step that
/// grows faster than the policy shows as a ratio above ten. A shape that does not bind cleanly
/// fails the setup, so no time is reported for it.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(FrontEndConfig))]
public class FrontEndBenchmarks
{
    private string _path = string.Empty;
    private string _text = string.Empty;
    private IReadOnlyDictionary<string, string> _documents = new Dictionary<string, string>(StringComparer.Ordinal);
    private PolicyFile _file = null!;

    /// <summary>A shape and its size, as "shape size".</summary>
    [ParamsSource(nameof(Cases))]
    public string Case { get; set; } = string.Empty;

    public static IEnumerable<string> Cases() => new[]
    {
        "chain 100", "chain 1000",
        "star 100", "star 1000",
        "plain 100", "plain 1000", "plain 10000",
        "earliest 100",
        "enum 10000",
    };

    [GlobalSetup]
    public void Setup()
    {
        var parts = Case.Split(' ');
        var source = ShapeSource.Of(AnalysisShapes.Named(parts[0], int.Parse(parts[1], CultureInfo.InvariantCulture)));
        _path = source.Path;
        _text = source.Text;
        _documents = source.Documents;
        _file = PolicyParser.Parse(_path, _text);
        var bound = PolicyBinder.Bind(new[] { _file }, _documents);
        if (bound.Policy is null || bound.Diagnostics.Count > 0)
        {
            throw new InvalidOperationException($"The shape '{Case}' does not bind cleanly: {string.Join("; ", bound.Diagnostics.Select(d => d.Message))}");
        }
    }

    [Benchmark(Description = "parse")]
    public PolicyFile Parse() => PolicyParser.Parse(_path, _text);

    [Benchmark(Description = "bind")]
    public BindingResult Bind() => PolicyBinder.Bind(new[] { _file }, _documents);
}

/// <summary>In process, as the other benchmarks; few iterations, since the largest shapes take a good part of a second.</summary>
public sealed class FrontEndConfig : ManualConfig
{
    public FrontEndConfig() =>
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(5).WithToolchain(InProcessEmitToolchain.Instance));
}
