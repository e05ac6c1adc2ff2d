using Xinji.Policy.Dsl.Text;

namespace Xinji.Policy.Dsl.Binding;

// Examples after binding: every clause id, remedy, requirement, note and field they name exists.
// Their claims stay JSON text: the tools read them with the same strict reader as real claims.

/// <summary>A named example: a claim and what the policy must decide for it.</summary>
/// <param name="ClaimJson">The claim exactly as written in the example.</param>
/// <param name="ClaimFields">The claim's top-level field names where they are written, to point at a field the reader rejects.</param>
/// <param name="ClaimSpan">Where the claim's JSON object is written.</param>
/// <param name="Location">The example's name in its file.</param>
public sealed record BoundExample(
    string Name,
    string ClaimJson,
    EquatableArray<ClaimField> ClaimFields,
    SourceSpan ClaimSpan,
    BoundExpectation Expectation,
    SourceLocation Location);

public sealed record ClaimField(string Name, SourceSpan Span);

public abstract record BoundExpectation;

/// <summary><c>expect invalid field</c>: the claim must be rejected as input, for this field.</summary>
public sealed record ExpectedRejection(string Field) : BoundExpectation
{
    /// <summary>The field the claim reader names when the claim as a whole is wrong (not JSON it can read).</summary>
    public const string WholeClaim = "(claim)";
}

/// <summary><c>expect free|paid …</c>; the optional parts are null when the example does not state them.</summary>
/// <param name="WhatIfs">The what-ifs the decision must offer, all of them and no others; empty for <c>what-ifs none</c>.</param>
public sealed record ExpectedDecision(
    CoverageDecision Coverage,
    ExpectedSet Remedies,
    ExpectedSet Clauses,
    ExpectedSet? Requirements,
    ExpectedSet? Notes,
    ExpectedWarranty? Warranty,
    EquatableArray<ExpectedWhatIf>? WhatIfs = null) : BoundExpectation;

/// <summary>Names the decision must hold: exactly these, or (<paramref name="AtLeast"/>) these among others.</summary>
public sealed record ExpectedSet(EquatableArray<string> Items, bool AtLeast);

/// <summary>The warranty period; null dates mean the period is not established.</summary>
public sealed record ExpectedWarranty(DateValueLiteral? Start, DateValueLiteral? End, bool Active);

/// <summary>
/// A what-if an example states: the other coverage, the facts changed (in the policy's order of
/// facts), the clauses that newly decide and those that no longer do (in the policy's order of clauses).
/// </summary>
public sealed record ExpectedWhatIf(
    CoverageDecision Coverage,
    EquatableArray<ExpectedFactChange> Changes,
    EquatableArray<string> DecidedBy,
    EquatableArray<string> NoLongerDecidedBy);

/// <summary>
/// One fact of a what-if, its values written as a claim writes them: a bool's or enum's new value;
/// for a date or number, the run of values around the new one that decide alike; or neither, for a
/// fact that would not be known.
/// </summary>
/// <param name="Value"><c>true</c>, <c>false</c> or an enum member; null for a run or for not known.</param>
/// <param name="RunFrom">The run's first value (<c>2024-06-01</c>, <c>42</c>); null unless a run.</param>
/// <param name="RunThrough">The run's last value; null unless a run.</param>
public sealed record ExpectedFactChange(string Fact, string? Value, string? RunFrom, string? RunThrough);
