using System;
using System.Collections.Generic;

// Linked into the DSL (the interpreter throws it) and the runtime (generated evaluators throw it):
// the same type and messages on each side of the netstandard2.0/net8.0 boundary, each in its own
// assembly's namespace.
#if XINJI_POLICY_RUNTIME
namespace Xinji.Policy.Runtime;
#else
namespace Xinji.Policy.Dsl.Evaluation;
#endif

/// <summary>
/// The policy itself failed on a claim: clauses in force decide it both free and paid, or no
/// clause decides it. The analysis reports such claims at build time; this is the last guard.
/// </summary>
public sealed class PolicyDefectException : Exception
{
    public PolicyDefectException(string message, IReadOnlyList<string> clauseIds)
        : base(message)
    {
        ClauseIds = clauseIds;
    }

    /// <summary>The clauses in force that decide the claim both ways; empty for a gap.</summary>
    public IReadOnlyList<string> ClauseIds { get; }

    public static PolicyDefectException Conflict(IReadOnlyList<string> freeClauses, IReadOnlyList<string> paidClauses)
    {
        var all = new List<string>(freeClauses);
        all.AddRange(paidClauses);
        return new PolicyDefectException(
            "The policy decides this claim both free (" + string.Join(", ", freeClauses) + ") and paid (" + string.Join(", ", paidClauses) + ")",
            all);
    }

    public static PolicyDefectException Gap() =>
        new("No clause of the policy decides the coverage of this claim", Array.Empty<string>());
}
