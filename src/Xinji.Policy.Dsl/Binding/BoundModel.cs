using System;
using System.Collections.Generic;
using System.Linq;
using Xinji.Policy.Dsl.Syntax;
using Xinji.Policy.Dsl.Text;

namespace Xinji.Policy.Dsl.Binding;

// The bound policy: every name resolved, every expression typed, clauses ordered for evaluation.
// Code generation, the reference interpreter and the analysis all read this model, never syntax.

/// <summary>Where a declaration stands, for diagnostics and explanations.</summary>
public sealed record SourceLocation(string FilePath, SourceSpan Span);

public sealed record EnumSymbol(string Name, EquatableArray<string> Members, string Description, SourceLocation Location)
{
    public int IndexOf(string member)
    {
        for (var i = 0; i < Members.Count; i++)
        {
            if (Members[i] == member)
            {
                return i;
            }
        }

        return -1;
    }
}

public sealed record FactSymbol(string Name, PolicyType Type, BoundLiteral? Default, string Description, SourceLocation Location)
{
    /// <summary>A fact the claim must state: not optional and without a default.</summary>
    public bool IsRequired => !Type.IsOptional && Default is null;

    /// <summary>Marked <c>provable</c>: the customer can bring the fact about or prove it, so a what-if may change it.</summary>
    public bool IsProvable { get; init; }
}

public sealed record DefinitionSymbol(string Name, PolicyType Type, BoundExpression Value, string Description, EquatableArray<string> Quotes, SourceLocation Location);

public sealed record OutcomeSymbol(OutcomeKind Kind, string Name, string Description, int Index, SourceLocation Location);

public enum CoverageDecision
{
    Free,
    Paid,
}

public sealed record BoundClause(
    int Index,
    string Id,
    string Section,
    EquatableArray<string> Quotes,
    EquatableArray<string> ExceptionTo,
    BoundExpression Condition,
    CoverageDecision? Decides,
    EquatableArray<string> Remedies,
    EquatableArray<string> Requirements,
    EquatableArray<string> Notes,
    bool ReadsCoverage,
    SourceLocation Location);

public sealed record BoundRecital(string Id, string Section, EquatableArray<string> Quotes, string Reason, SourceLocation Location);

/// <param name="NotEstablished">The declaration's description: what it means that no date establishes
/// the period (a decision shows it after "not established"); null when the declaration has none.</param>
public sealed record BoundWarranty(BoundExpression Start, BoundExpression End, BoundExpression Active, string? NotEstablished)
{
    /// <summary>The <c>warranty</c> declaration, for the analysis's findings about it.</summary>
    public SourceLocation? Location { get; init; }
}

public sealed record BoundRejection(string Field, BoundExpression Condition, string Reason, SourceLocation Location);

public sealed record BoundPolicy(
    string Name,
    string Document,
    string? Source,
    EquatableArray<EnumSymbol> Enums,
    EquatableArray<FactSymbol> Facts,
    EquatableArray<DefinitionSymbol> Definitions,
    EquatableArray<OutcomeSymbol> Remedies,
    EquatableArray<OutcomeSymbol> Requirements,
    EquatableArray<OutcomeSymbol> Notes,
    EquatableArray<BoundClause> Clauses,
    EquatableArray<int> EvaluationOrder,
    EquatableArray<BoundRecital> Recitals,
    BoundWarranty Warranty,
    EquatableArray<BoundRejection> Rejections,
    SourceLocation Location)
{
    /// <summary>The policy's examples, for <c>xinji-policy test</c>; they decide nothing, and code generation ignores them.</summary>
    public EquatableArray<BoundExample> Examples { get; init; } = EquatableArray<BoundExample>.Empty;

    /// <summary>
    /// The exceptions to each clause, by the id they name, in declaration order, each once (a clause
    /// may name its target twice). One pass over the links: looking for them among all clauses at
    /// every clause is quadratic in a policy of thousands.
    /// </summary>
    public ILookup<string, BoundClause> ExceptionsByTarget() =>
        Clauses.SelectMany(c => c.ExceptionTo.Distinct(StringComparer.Ordinal).Select(target => (Target: target, Clause: c)))
            .ToLookup(p => p.Target, p => p.Clause, StringComparer.Ordinal);
}

/// <summary>The words of a policy: its name, document, enums, facts and outcomes.</summary>
public sealed record PolicyVocabulary(
    string Name,
    string Document,
    EquatableArray<EnumSymbol> Enums,
    EquatableArray<FactSymbol> Facts,
    EquatableArray<OutcomeSymbol> Remedies,
    EquatableArray<OutcomeSymbol> Requirements,
    EquatableArray<OutcomeSymbol> Notes);

/// <summary>
/// A typed expression. Each form lists its sub-expressions in <see cref="Children"/>, so analyses that
/// only look inside are written once over <see cref="DescendantsAndSelf"/>; passes that give each form
/// its meaning switch over the forms and throw <see cref="UnhandledExpressionException"/> on any other.
/// </summary>
public abstract partial record BoundExpression(PolicyType Type, SourceSpan Span)
{
    /// <summary>The direct sub-expressions, in the order they are written.</summary>
    public abstract IReadOnlyList<BoundExpression> Children();
}

public abstract record BoundLiteral(PolicyType Type, SourceSpan Span) : BoundExpression(Type, Span)
{
    public sealed override IReadOnlyList<BoundExpression> Children() => NoChildren;
}

public sealed record BoolLiteral(bool Value, SourceSpan Span) : BoundLiteral(PolicyType.Bool, Span);

public sealed record IntLiteral(int Value, SourceSpan Span) : BoundLiteral(PolicyType.Int, Span);

public sealed record DateValueLiteral(int Year, int Month, int Day, SourceSpan Span) : BoundLiteral(PolicyType.Date, Span);

public sealed record EnumLiteral(string EnumName, string Member, SourceSpan Span) : BoundLiteral(PolicyType.Enum(EnumName), Span);

public sealed record FactReference(string Name, PolicyType Type, SourceSpan Span) : BoundExpression(Type, Span)
{
    public override IReadOnlyList<BoundExpression> Children() => NoChildren;
}

public sealed record DefinitionReference(string Name, PolicyType Type, SourceSpan Span) : BoundExpression(Type, Span)
{
    public override IReadOnlyList<BoundExpression> Children() => NoChildren;
}

/// <summary>The coverage decided by the clauses that do not read it.</summary>
public sealed record CoverageReference(SourceSpan Span) : BoundExpression(PolicyType.Enum(BuiltIns.CoverageEnum), Span)
{
    public override IReadOnlyList<BoundExpression> Children() => NoChildren;
}

public sealed record NotOperation(BoundExpression Operand, SourceSpan Span) : BoundExpression(PolicyType.Bool, Span)
{
    public override IReadOnlyList<BoundExpression> Children() => new[] { Operand };
}

public enum LogicalOperator
{
    And,
    Or,
}

public sealed record LogicalOperation(LogicalOperator Operator, BoundExpression Left, BoundExpression Right, SourceSpan Span) : BoundExpression(PolicyType.Bool, Span)
{
    public override IReadOnlyList<BoundExpression> Children() => new[] { Left, Right };
}

public enum ComparisonOperator
{
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// <summary>False when either side is missing.</summary>
public sealed record Comparison(ComparisonOperator Operator, BoundExpression Left, BoundExpression Right, SourceSpan Span) : BoundExpression(PolicyType.Bool, Span)
{
    public override IReadOnlyList<BoundExpression> Children() => new[] { Left, Right };
}

/// <summary>False when either side is missing.</summary>
public sealed record Equality(BoundExpression Left, BoundExpression Right, SourceSpan Span) : BoundExpression(PolicyType.Bool, Span)
{
    public override IReadOnlyList<BoundExpression> Children() => new[] { Left, Right };
}

public sealed record Presence(BoundExpression Operand, bool Present, SourceSpan Span) : BoundExpression(PolicyType.Bool, Span)
{
    public override IReadOnlyList<BoundExpression> Children() => new[] { Operand };
}

/// <summary>False when the operand is missing.</summary>
public sealed record Membership(BoundExpression Operand, string EnumName, EquatableArray<string> Members, SourceSpan Span) : BoundExpression(PolicyType.Bool, Span)
{
    public override IReadOnlyList<BoundExpression> Children() => new[] { Operand };
}

/// <summary>A date moved by days or calendar months (.NET AddMonths semantics: clamped to the month's last day).</summary>
public sealed record DateShift(BoundExpression Date, int Amount, DurationUnit Unit, PolicyType Type, SourceSpan Span) : BoundExpression(Type, Span)
{
    public override IReadOnlyList<BoundExpression> Children() => new[] { Date };
}

public enum ArithmeticOperator
{
    Add,
    Subtract,
}

public sealed record Arithmetic(ArithmeticOperator Operator, BoundExpression Left, BoundExpression Right, PolicyType Type, SourceSpan Span) : BoundExpression(Type, Span)
{
    public override IReadOnlyList<BoundExpression> Children() => new[] { Left, Right };
}

public enum ExtremumKind
{
    Earliest,
    Latest,
}

/// <summary>The earliest or latest of dates, ignoring missing ones; missing only if all are.</summary>
public sealed record Extremum(ExtremumKind Kind, EquatableArray<BoundExpression> Arguments, PolicyType Type, SourceSpan Span) : BoundExpression(Type, Span)
{
    public override IReadOnlyList<BoundExpression> Children() => Arguments;
}

public sealed record Conditional(BoundExpression Condition, BoundExpression WhenTrue, BoundExpression WhenFalse, PolicyType Type, SourceSpan Span) : BoundExpression(Type, Span)
{
    public override IReadOnlyList<BoundExpression> Children() => new[] { Condition, WhenTrue, WhenFalse };
}

public static class BuiltIns
{
    public const string CoverageEnum = "Coverage";
    public const string CoverageName = "coverage";
    public const string Free = CoverageCodes.Free;
    public const string Paid = CoverageCodes.Paid;
}
