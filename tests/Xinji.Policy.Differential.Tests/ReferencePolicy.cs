using System;
using System.IO;
using Xinji.Policy.Tooling;

namespace Xinji.Policy.Differential.Tests;

/// <summary>The policy/ files copied next to the tests, read and bound as the CLI reads them, behind the reference interpreter.</summary>
internal static class ReferencePolicy
{
    private static readonly Lazy<InterpretedEvaluator> Lazy = new(() =>
    {
        var loaded = PolicyLoader.Load(new[] { Path.Combine(AppContext.BaseDirectory, "policy") });
        if (loaded.Policy is null)
        {
            throw new InvalidOperationException("The policy/ files do not bind: " + string.Join("; ", loaded.Diagnostics));
        }

        return new InterpretedEvaluator(loaded.Policy);
    });

    public static InterpretedEvaluator Interpreter => Lazy.Value;
}
