using System;
using System.Collections.Generic;
using System.Linq;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Evaluation;

namespace Xinji.Policy.Tooling.Examples;

/// <summary>What the policy did with an example's claim.</summary>
public abstract record ExampleOutcome;

public sealed record DecidedOutcome(InterpretedDecision Decision) : ExampleOutcome
{
    /// <summary>What would change the decision, found only when the example states its what-ifs; else null.</summary>
    public IReadOnlyList<WhatIf>? WhatIfs { get; init; }
}

/// <summary>The claim reader or a <c>reject</c> declaration refused the claim.</summary>
public sealed record RejectedOutcome(string Field, string Problem) : ExampleOutcome;

/// <summary>The policy decided the claim both ways, or not at all.</summary>
public sealed record DefectOutcome(string Message) : ExampleOutcome;

/// <summary>
/// One part of an expectation the decision does not meet. For lists, <paramref name="Missing"/>
/// holds what was expected but is not there, <paramref name="Extra"/> what is there unexpected
/// (always empty for <c>at least</c>).
/// </summary>
/// <param name="Part">coverage, remedies, cites, requirements, notes, warranty, what-ifs, or outcome (decided or rejected).</param>
public sealed record Mismatch(string Part, string Expected, string Actual, IReadOnlyList<string> Missing, IReadOnlyList<string> Extra)
{
    /// <summary>
    /// The items are lines of their own (what-ifs, which hold commas): <see cref="Expected"/> and
    /// <see cref="Actual"/> put one on each line, and a report lists them a line each.
    /// </summary>
    public bool OneItemPerLine { get; init; }

    public static Mismatch Of(string part, string expected, string actual) =>
        new(part, expected, actual, Array.Empty<string>(), Array.Empty<string>());
}

public sealed record ExampleResult(BoundExample Example, ExampleOutcome Outcome, IReadOnlyList<Mismatch> Mismatches)
{
    public bool Passed => Mismatches.Count == 0;
}

/// <summary>Which clauses the examples exercise: a clause is exercised when an example's decision cites it.</summary>
public sealed record ClauseCoverage(IReadOnlyList<BoundClause> Exercised, IReadOnlyList<BoundClause> NotExercised)
{
    public int Total => Exercised.Count + NotExercised.Count;

    public bool IsComplete => NotExercised.Count == 0;

    /// <summary>Rounded down, so 99.9% is never shown as 100%.</summary>
    public int Percent => Total == 0 ? 100 : Exercised.Count * 100 / Total;
}

public sealed record ExampleRun(BoundPolicy Policy, IReadOnlyList<ExampleResult> Results, ClauseCoverage Coverage)
{
    public int Passed => Results.Count(r => r.Passed);

    public int Failed => Results.Count - Passed;

    public bool AllPassed => Failed == 0;
}
