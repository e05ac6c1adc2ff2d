using System;
using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using Xinji.Policy.Benchmarks;

// dotnet run -c Release --project benchmarks/Xinji.Policy.Benchmarks -- --filter '*'   (docs/performance.md)
var sinceMain = Stopwatch.StartNew();
switch (args)
{
    case ["cold", var engine]:
        return ColdStart.Measure(engine, sinceMain);
    case ["cold-start", ..]:
        return ColdStart.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5);
}

// No timing before every implementation has given the generated decision on 20,000 claims.
if (!CorrectnessGate.Passes(Console.Out))
{
    return 1;
}

if (args is ["batch", ..])
{
    return BatchThroughput.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200_000);
}

BenchmarkSwitcher.FromAssembly(typeof(EvaluatorBenchmarks).Assembly).Run(args);
return 0;
