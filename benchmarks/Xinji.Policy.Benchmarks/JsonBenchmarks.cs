using BenchmarkDotNet.Attributes;
using Xinji.Warranty;

namespace Xinji.Policy.Benchmarks;

/// <summary>
/// JSON bytes in, decision JSON bytes out, per claim over 1,000 random claims, into a reused
/// buffer and writer: the generated reader, evaluator and writer against System.Text.Json's
/// source-generated reader, the hand-written policy and a hand-written Utf8JsonWriter.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessConfig))]
public class JsonBenchmarks
{
    private const int Claims = 1_000;

    private byte[][] _json = null!;
    private ReusedWriter _output = null!;

    [GlobalSetup]
    public void Setup()
    {
        _json = RandomClaims.Json(RandomClaims.Make(Claims));
        _output = new ReusedWriter();
    }

    [Benchmark(Baseline = true, Description = "generated FromJson + Evaluate + WriteJson", OperationsPerInvoke = Claims)]
    public int Generated()
    {
        var length = 0;
        foreach (var json in _json)
        {
            WarrantyPolicy.Evaluate(WarrantyClaim.FromJson(json)).WriteJson(_output.Start());
            length += _output.Finish().Length;
        }

        return length;
    }

    [Benchmark(Description = "generated, with ToJson()", OperationsPerInvoke = Claims)]
    public int GeneratedToJson()
    {
        var length = 0;
        foreach (var json in _json)
        {
            length += WarrantyPolicy.Evaluate(WarrantyClaim.FromJson(json)).ToJson().Length;
        }

        return length;
    }

    [Benchmark(Description = "System.Text.Json source-gen + hand-written + Utf8JsonWriter", OperationsPerInvoke = Claims)]
    public int SystemTextJson()
    {
        var length = 0;
        foreach (var json in _json)
        {
            StjPipeline.Write(_output.Start(), HandWritten.Evaluate(StjPipeline.Read(json)));
            length += _output.Finish().Length;
        }

        return length;
    }
}
