using System;
using System.Collections.Generic;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Diagnostics;
using Xinji.Policy.Dsl.Evaluation;

namespace Xinji.Policy.Dsl.Analysis;

public enum FindingKind
{
    /// <summary>Two clauses in force decide a claim differently.</summary>
    Conflict,

    /// <summary>A valid claim that no clause decides.</summary>
    Gap,

    /// <summary>No valid claim meets the clause's condition.</summary>
    NeverApplies,

    /// <summary>Every claim the clause meets is taken by clauses that override it.</summary>
    AlwaysOverridden,

    /// <summary>Another clause with the same effect is in force wherever this one is.</summary>
    Redundant,

    /// <summary>The analysis could not decide something and says what.</summary>
    NotAnalysed,

    /// <summary>The <c>reject</c> declarations refuse every claim, so nothing else can be decided.</summary>
    EveryClaimRejected,

    /// <summary>The warranty's <c>active when</c> disagrees with its period on some claim date.</summary>
    InconsistentWarranty,
}

/// <summary>
/// What the analysis found, where, and (for conflicts, gaps and overridden clauses) a claim that
/// shows it: replaying the witness through an evaluator reproduces the finding.
/// </summary>
public sealed record Finding(
    FindingKind Kind,
    string Message,
    SourceLocation Location,
    IReadOnlyList<string> ClauseIds,
    IReadOnlyDictionary<string, PolicyValue>? Witness)
{
    /// <summary>The other places the finding involves: the other clause of a conflict, the clauses a gap's claim almost met.</summary>
    public IReadOnlyList<RelatedLocation> Related { get; init; } = Array.Empty<RelatedLocation>();
}
