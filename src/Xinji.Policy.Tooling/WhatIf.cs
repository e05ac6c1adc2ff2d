using System.Collections.Generic;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Evaluation;

namespace Xinji.Policy.Tooling;

// What would change a decision, as data: the smallest changes to a claim's provable facts that
// give the other coverage, each decided by the evaluator (WhatIfFinder.cs finds them).

/// <summary>One fact changed: from its value in the claim to the value that changes the decision.</summary>
/// <param name="Fact">The fact, marked <c>provable</c> in the policy.</param>
/// <param name="From">Its value in the claim, defaults filled in; unknown for an optional fact not given.</param>
/// <param name="To">The value tried: for a date or number, the one nearest <paramref name="From"/> that gives the new coverage.</param>
/// <param name="RangeFrom">For a date or number: the first value of the run around <paramref name="To"/> that gives the same decision; else unknown.</param>
/// <param name="RangeThrough">For a date or number: the last value of that run; else unknown.</param>
public sealed record FactChange(FactSymbol Fact, PolicyValue From, PolicyValue To, PolicyValue RangeFrom, PolicyValue RangeThrough)
{
    public string Name => Fact.Name;

    /// <summary>A date or number, whose change is a run of values rather than one.</summary>
    public bool IsRange => RangeFrom.IsKnown;
}

/// <summary>
/// A change to the claim that gives the other coverage, as the evaluator decides the changed claim.
/// </summary>
/// <param name="Changes">The changed facts, in the policy's order: one, or two when no single change flips the coverage.</param>
/// <param name="Coverage">The coverage of the changed claim.</param>
/// <param name="Remedies">The changed claim's remedies.</param>
/// <param name="Requirements">The changed claim's requirements.</param>
/// <param name="DecidedBy">The clauses in force in the changed claim that decide its coverage: they newly decide.</param>
/// <param name="NoLongerDecidedBy">The clauses that decided the claim as it is and are not in force in the changed claim.</param>
public sealed record WhatIf(
    IReadOnlyList<FactChange> Changes,
    CoverageDecision Coverage,
    IReadOnlyList<OutcomeSymbol> Remedies,
    IReadOnlyList<OutcomeSymbol> Requirements,
    IReadOnlyList<BoundClause> DecidedBy,
    IReadOnlyList<BoundClause> NoLongerDecidedBy);
