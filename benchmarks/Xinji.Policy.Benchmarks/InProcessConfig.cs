using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Xinji.Policy.Benchmarks;

/// <summary>
/// Runs in this process: on a shared 2-core machine the separate build BenchmarkDotNet makes for
/// each job can outlast its timeout, and every implementation here is measured alike either way.
/// </summary>
public sealed class InProcessConfig : ManualConfig
{
    public InProcessConfig() =>
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10).WithToolchain(InProcessEmitToolchain.Instance));
}
