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
    /// one compiled), else the reference interpreter over the loaded policy.
    /// </summary>
    /// <exception cref="ArgumentException">The policy did not bind.</exception>
    public static IPolicyEvaluator For(LoadedPolicy loaded, IEnumerable<CompiledPolicy> compiled)
    {
        var policy = loaded.Policy ?? throw new ArgumentException("The policy has errors and cannot decide.", nameof(loaded));
        return compiled.FirstOrDefault(c => string.Equals(c.Hash, loaded.Identity.Hash, StringComparison.Ordinal))?.Evaluator
               ?? new InterpretedEvaluator(policy);
    }

    /// <summary>Whether <see cref="For"/> decides with a compiled evaluator.</summary>
    public static bool IsCompiled(LoadedPolicy loaded, IEnumerable<CompiledPolicy> compiled) =>
        compiled.Any(c => string.Equals(c.Hash, loaded.Identity.Hash, StringComparison.Ordinal));
}
