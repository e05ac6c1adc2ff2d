using System;
using System.Collections.Generic;
using System.Linq;
using Xinji.Policy.Runtime;

namespace Xinji.Policy.Tooling;

/// <summary>An evaluator compiled from a policy, with the content hash of the policy it was compiled from.</summary>
public sealed record CompiledPolicy(string Hash, IPolicyEvaluator Evaluator);

/// <summary>Which evaluator decides for a policy: the one place that choice is made.</summary>
public static class PolicyEvaluators
{
    /// <summary>
    /// The compiled evaluator of the same content hash when there is one (the policy read is the
    /// one compiled); else, for <paramref name="expectedClaims"/> enough to pay for it, the policy compiled
    /// in memory; else the reference interpreter over the loaded policy (<see cref="Compilation.PolicyEvaluatorFactory"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The policy did not bind.</exception>
    public static IPolicyEvaluator For(LoadedPolicy loaded, IEnumerable<CompiledPolicy> compiled, long expectedClaims = 1)
    {
        _ = loaded.Policy ?? throw new ArgumentException("The policy has errors and cannot decide.", nameof(loaded));
        return compiled.FirstOrDefault(c => string.Equals(c.Hash, loaded.Identity.Hash, StringComparison.Ordinal))?.Evaluator
               ?? Compilation.PolicyEvaluatorFactory.For(loaded, expectedClaims);
    }

    /// <summary>Whether <see cref="For"/> decides with a compiled evaluator (built in, or compiled in memory for that many claims).</summary>
    public static bool IsCompiled(LoadedPolicy loaded, IEnumerable<CompiledPolicy> compiled, long expectedClaims = 1) =>
        compiled.Any(c => string.Equals(c.Hash, loaded.Identity.Hash, StringComparison.Ordinal))
        || Compilation.PolicyEvaluatorFactory.Choose(expectedClaims) == Compilation.PolicyEngine.Compiled;
}
