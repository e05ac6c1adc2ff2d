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

/// <summary><c>expect paid remedies … cites … [requirements …] [notes …] [warranty …]</c>.</summary>
public sealed record DecisionExpectationSyntax(
    Name Coverage,
    ExpectedListSyntax Remedies,
    ExpectedListSyntax Cites,
    ExpectedListSyntax? Requirements,
    ExpectedListSyntax? Notes,
    WarrantyExpectationSyntax? Warranty,
    SourceSpan Span) : ExpectationSyntax(Span);

/// <summary><c>repair, replacement</c>, <c>at least EX-3</c> or <c>none</c>.</summary>
public sealed record ExpectedListSyntax(EquatableArray<Name> Items, bool AtLeast, SourceSpan Span);

/// <summary>
/// <c>warranty from 2024-06-01 through 2025-05-31 active</c> (or <c>not active</c>), or
/// <c>warranty not established</c> when the policy has no start date for the claim.
/// </summary>
public sealed record WarrantyExpectationSyntax(DateLiteral? Start, DateLiteral? End, bool Active, SourceSpan Span);
