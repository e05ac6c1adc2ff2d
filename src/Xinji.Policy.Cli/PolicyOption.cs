using System.Collections.Generic;
using Xinji.Policy.Runtime;
using Xinji.Policy.Tooling;
using Xinji.Policy.Tooling.Compilation;
using Xinji.Warranty;

namespace Xinji.Policy.Cli;

/// <summary>The policy a command works with: the compiled XINJI policy, or one read from disk.</summary>
internal static class PolicyOption
{
    /// <summary>The evaluator for <c>--policy</c>, or null after printing why the policy cannot be used.</summary>
    /// <param name="expectedClaims">About how many claims it will decide: enough of them, and the policy is compiled.</param>
    /// <exception cref="PolicyReadException">The policy cannot be read (reported by <see cref="CliApplication"/>).</exception>
    public static IPolicyEvaluator? Evaluator(string? path, CliContext context, long expectedClaims = 1)
    {
        if (path is null)
        {
            return WarrantyPolicy.Instance;
        }

        return Load(new[] { path }, withExamples: false, context) is { } loaded ? PolicyEvaluatorFactory.For(loaded, expectedClaims) : null;
    }

    /// <summary>Reads and binds a policy, printing its diagnostics on stderr; null when it has errors.</summary>
    /// <exception cref="PolicyReadException">The policy cannot be read (reported by <see cref="CliApplication"/>).</exception>
    public static LoadedPolicy? Load(IReadOnlyList<string> paths, bool withExamples, CliContext context)
    {
        var loaded = PolicySources.Load(paths, withExamples, context.WorkingDirectory);
        foreach (var diagnostic in loaded.Diagnostics)
        {
            context.Error.WriteLine(diagnostic.ToString());
        }

        return loaded.HasErrors ? null : loaded;
    }
}
