using System.Collections.Generic;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Evaluation;

namespace Xinji.Policy.Tooling;

// What `explain` prints, as data: the decision, then why. Values are the reference interpreter's;
// texts are quoted from the .policy files, so a reader can find every part in the source.

/// <summary>Why a policy decided a claim as it did.</summary>
/// <param name="Decision">The decision, exactly as <c>evaluate --policy</c> prints it.</param>
/// <param name="Why">The answer to "why paid, not free?" (or "why free?").</param>
/// <param name="Facts">Every fact of the claim, with defaults filled in.</param>
/// <param name="Definitions">The derived values the decision used, each after the values it reads.</param>
/// <param name="Clauses">Every clause, in the order of the policy's files.</param>
public sealed record Explanation(
    string PolicyName,
    InterpretedDecisionView Decision,
    CoverageReason Why,
    IReadOnlyList<FactValue> Facts,
    IReadOnlyList<DefinitionExplanation> Definitions,
    IReadOnlyList<ClauseExplanation> Clauses)
{
    /// <summary>What would change the decision: the smallest changes to the claim's provable facts that give the other coverage.</summary>
    public IReadOnlyList<WhatIf> WhatIfs { get; init; } = System.Array.Empty<WhatIf>();

    /// <summary>The policy marks facts <c>provable</c>, so what-ifs were looked for (and none may have been found).</summary>
    public bool WhatIfsSought { get; init; }
}

public enum FactSource
{
    /// <summary>The claim states the value.</summary>
    Given,

    /// <summary>The claim leaves the fact out and the policy's default applies.</summary>
    Default,

    /// <summary>An optional fact the claim leaves out or gives as null: unknown.</summary>
    NotGiven,
}

public sealed record FactValue(string Name, PolicyValue Value, FactSource Source);

/// <summary>A part of a condition or definition: its source text, its value, and the parts it is made of.</summary>
/// <param name="Text">The source text, on one line, without comments.</param>
/// <param name="Parts">The sub-expressions, literals left out (their value is their text).</param>
public sealed record ExpressionValue(string Text, PolicyValue Value, SourceLocation Location, IReadOnlyList<ExpressionValue> Parts);

public sealed record DefinitionExplanation(string Name, string Description, PolicyValue Value, SourceLocation Location, ExpressionValue Expression);

/// <param name="Applies">Its condition held.</param>
/// <param name="InForce">It applied and no clause in force is an exception to it.</param>
/// <param name="OverriddenBy">The clauses in force that are exceptions to it.</param>
public sealed record ClauseExplanation(
    BoundClause Clause,
    bool Applies,
    bool InForce,
    IReadOnlyList<string> OverriddenBy,
    ExpressionValue Condition)
{
    public string Id => Clause.Id;
}

public enum ReadKind
{
    Fact,
    Definition,

    /// <summary>The coverage decided by the clauses that do not read it.</summary>
    Coverage,
}

/// <summary>A value a condition read that made it come out as it did; a derived value with the values that made it.</summary>
public sealed record ValueRead(string Name, ReadKind Kind, PolicyValue Value, IReadOnlyList<ValueRead> DerivedFrom);

/// <summary>A clause in an answer: whether its condition held and the values that made it so.</summary>
/// <param name="Condition">The condition's source text.</param>
/// <param name="Because">The values that decided the condition's value (for a false conjunction, only its false parts).</param>
/// <param name="OverriddenBy">The exceptions to it that are in force, with their own reasons: they override it, or would have had it applied.</param>
public sealed record ClauseReason(
    BoundClause Clause,
    string Condition,
    bool Applies,
    IReadOnlyList<ValueRead> Because,
    IReadOnlyList<ClauseReason> OverriddenBy)
{
    public string Id => Clause.Id;
}

/// <summary>
/// The answer to "why paid, not free?" or "why free?": the clauses in force that decided the
/// coverage, and for every clause that would have decided the other way, why it did not: its
/// condition was false (and the values that made it false), or an exception overrode it.
/// </summary>
public sealed record CoverageReason(CoverageDecision Coverage, IReadOnlyList<ClauseReason> DecidedBy, IReadOnlyList<ClauseReason> OtherWayNot)
{
    public string Question => Coverage == CoverageDecision.Free ? "Why free?" : "Why paid, not free?";

    /// <summary>On a paid decision, why the claim has no warranty period at all; null when it has one.</summary>
    public WarrantyNotEstablished? NotEstablished { get; init; }
}

/// <summary>
/// A reason of its own, apart from the clauses: the claim has no warranty period, because the start
/// the policy's <c>warranty</c> declaration names is unknown.
/// </summary>
/// <param name="Start">The start as the policy names it: the definition or fact after <c>from</c>.</param>
/// <param name="UnknownFacts">The facts the start is computed from that the claim leaves unknown, in the policy's order.</param>
public sealed record WarrantyNotEstablished(string Start, IReadOnlyList<string> UnknownFacts);
