using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Xinji.Policy.Benchmarks.AnalysisBenchmarks).Assembly).Run(args);
