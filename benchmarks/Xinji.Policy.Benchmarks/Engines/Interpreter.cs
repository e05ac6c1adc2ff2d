using System;
using System.IO;
using Xinji.Policy.Tooling;

namespace Xinji.Policy.Benchmarks;

/// <summary>The reference interpreter on the policy/ files copied next to the benchmarks, read as the CLI reads them.</summary>
internal static class Interpreter
{
    public static InterpretedEvaluator Load()
    {
        var loaded = PolicyLoader.Load(new[] { Path.Combine(AppContext.BaseDirectory, "policy") });
        return new InterpretedEvaluator(loaded.Policy ?? throw new InvalidOperationException("The policy/ files do not bind."));
    }
}
