using System;
using System.Collections.Generic;

namespace Xinji.Policy.Runtime;

/// <summary>A claim that is not valid input: the message names the field and what is wrong with it.</summary>
public sealed class ClaimInputException : Exception
{
    public ClaimInputException(string field, string problem)
        : base(ClaimJson.Shorten(field) + ": " + problem)
    {
        Field = field;
        Problem = problem;
    }

    /// <summary>The claim field at fault, as spelled in the JSON contract.</summary>
    public string Field { get; }

    public string Problem { get; }
}

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
