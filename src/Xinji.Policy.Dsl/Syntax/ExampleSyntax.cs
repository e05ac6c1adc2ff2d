using Xinji.Policy.Dsl.Text;

namespace Xinji.Policy.Dsl.Syntax;

// Examples: tests written in the policy language. A claim, given as the JSON the claim contract
// reads, and what the policy must decide for it. Code generation ignores them; `xinji-policy test`
// runs them.

/// <summary>
/// <c>example "name" claim {…} expect paid remedies repair cites EX-3, EX-9</c>.
/// </summary>
public sealed record ExampleDeclaration(StringLiteral Name, ClaimSyntax Claim, ExpectationSyntax Expectation, SourceSpan Span) : Declaration(Span);

/// <summary>
/// A claim exactly as written: the JSON text is handed to the strict claim reader unchanged, so an
/// example reads its claim the way the command does. The top-level field names are kept with
/// their spans so an error the reader reports about a field can point at it.
/// </summary>
public sealed record ClaimSyntax(string Json, EquatableArray<Name> Fields, SourceSpan Span);

public abstract record ExpectationSyntax(SourceSpan Span);

/// <summary><c>expect invalid claimDate</c>: the claim is rejected as input, for this field.</summary>
public sealed record InvalidExpectationSyntax(Name Field, SourceSpan Span) : ExpectationSyntax(Span);

/// <summary><c>expect paid remedies … cites … [requirements …] [notes …] [warranty …] [what-ifs …]</c>.</summary>
public sealed record DecisionExpectationSyntax(
    Name Coverage,
    ExpectedListSyntax Remedies,
    ExpectedListSyntax Cites,
    ExpectedListSyntax? Requirements,
    ExpectedListSyntax? Notes,
    WarrantyExpectationSyntax? Warranty,
    WhatIfsExpectationSyntax? WhatIfs,
    SourceSpan Span) : ExpectationSyntax(Span);

/// <summary><c>repair, replacement</c>, <c>at least EX-3</c> or <c>none</c>.</summary>
public sealed record ExpectedListSyntax(EquatableArray<Name> Items, bool AtLeast, SourceSpan Span);

/// <summary>
/// <c>warranty from 2024-06-01 through 2025-05-31 active</c> (or <c>not active</c>), or
/// <c>warranty not established</c> when the policy has no start date for the claim.
/// </summary>
public sealed record WarrantyExpectationSyntax(DateLiteral? Start, DateLiteral? End, bool Active, SourceSpan Span);

/// <summary>
/// <c>what-ifs</c> and one what-if a line, or <c>what-ifs none</c>: the changes to the claim's
/// provable facts that would give the other coverage, as <c>explain</c> finds them.
/// </summary>
/// <param name="Items">Empty for <c>none</c>.</param>
public sealed record WhatIfsExpectationSyntax(EquatableArray<WhatIfSyntax> Items, SourceSpan Span);

/// <summary>
/// <c>free if hasReceipt is true and seal is intact (B-1; no longer B-2, B-3)</c>: the coverage,
/// the facts changed, and in brackets the clauses that newly decide and those that no longer do.
/// </summary>
/// <param name="Coverage">free or paid.</param>
/// <param name="DecidedBy">The clause ids before the semicolon; empty without brackets or with only <c>no longer</c>.</param>
/// <param name="NoLongerDecidedBy">The clause ids after <c>no longer</c>.</param>
public sealed record WhatIfSyntax(
    Name Coverage,
    EquatableArray<FactChangeSyntax> Changes,
    EquatableArray<Name> DecidedBy,
    EquatableArray<Name> NoLongerDecidedBy,
    SourceSpan Span);

/// <summary>
/// One fact of a what-if: <c>hasReceipt is true</c> or <c>seal is intact</c> (<paramref name="Value"/>),
/// <c>boughtOn is not known</c> (all three null), or <c>claimedOn from 2024-01-15 through 2026-01-14</c>,
/// the run of days or numbers around the new value that decide alike (<paramref name="From"/> and
/// <paramref name="Through"/>).
/// </summary>
public sealed record FactChangeSyntax(Name Fact, Name? Value, RunEndSyntax? From, RunEndSyntax? Through, SourceSpan Span);

/// <summary>An end of a what-if's run: a date, or a whole number (its text, read by the binder).</summary>
public sealed record RunEndSyntax(DateLiteral? Date, string? Number, SourceSpan Span);
