using Xinji.Policy.Dsl.Diagnostics;
using Xinji.Policy.Dsl.Text;

namespace Xinji.Policy.Dsl.Syntax;

// The surface syntax, exactly as written, with spans. Records all the way down so a parsed
// file is equatable and the generator can cache it per file content.

public sealed record PolicyFile(string Path, EquatableArray<Declaration> Declarations, EquatableArray<PolicyDiagnostic> Diagnostics)
{
    /// <summary>The file's text, so passes after parsing can quote what the author wrote at a span.</summary>
    public string Text { get; init; } = string.Empty;
}

public sealed record Name(string Text, SourceSpan Span);

public sealed record StringLiteral(string Value, SourceSpan Span);

public sealed record TypeSyntax(string Name, bool IsOptional, SourceSpan Span);

public abstract record Declaration(SourceSpan Span)
{
    /// <summary>
    /// Where the declaration's last line says <c>provable</c>: a claim's fact the customer can bring
    /// about or prove, which what-ifs may change. Only a fact may carry it; the binder reports it
    /// elsewhere (XP0140), so the parser accepts it after any declaration.
    /// </summary>
    public SourceSpan? ProvableMark { get; init; }
}

/// <summary><c>policy Warranty implements "After-sales Service Standard" source "file.txt"</c></summary>
public sealed record PolicyHeaderDeclaration(Name Name, StringLiteral Document, StringLiteral? Source, SourceSpan Span) : Declaration(Span);

/// <summary><c>enum Product = smartWatch | iotDevice "The kind of product."</c></summary>
public sealed record EnumDeclaration(Name Name, EquatableArray<Name> Members, StringLiteral Description, SourceSpan Span) : Declaration(Span);

/// <summary><c>fact rooted: bool = false "The user rooted the device."</c></summary>
public sealed record FactDeclaration(Name Name, TypeSyntax Type, Expression? Default, StringLiteral Description, SourceSpan Span) : Declaration(Span);

/// <summary><c>define warrantyStart = earliest(a, b) "Description" quote "…"</c></summary>
public sealed record DefineDeclaration(Name Name, Expression Value, StringLiteral Description, EquatableArray<StringLiteral> Quotes, SourceSpan Span) : Declaration(Span);

public enum OutcomeKind
{
    Remedy,
    Requirement,
    Note,
}

/// <summary><c>remedy repair "…"</c>, <c>requirement presentInvoice "…"</c>, <c>note … "…"</c>.</summary>
public sealed record OutcomeDeclaration(OutcomeKind Kind, Name Name, StringLiteral Description, SourceSpan Span) : Declaration(Span);

/// <summary><c>warranty from start through end active when condition</c>, then optionally a
/// description of what it means that no date establishes the period.</summary>
public sealed record WarrantyDeclaration(Expression Start, Expression End, Expression Active, StringLiteral? Description, SourceSpan Span) : Declaration(Span);

/// <summary><c>reject claimDate when claimDate &lt; invoiceDate "reason"</c></summary>
public sealed record RejectDeclaration(Name Field, Expression Condition, StringLiteral Reason, SourceSpan Span) : Declaration(Span);

/// <summary><c>section "Warranty Exclusions"</c>: the clauses below it belong to that document section.</summary>
public sealed record SectionDeclaration(StringLiteral Title, SourceSpan Span) : Declaration(Span);

/// <summary>A rule: quotes, optional exception links, a condition (or <c>always</c>) and effects.</summary>
public sealed record ClauseDeclaration(
    Name Id,
    EquatableArray<StringLiteral> Quotes,
    EquatableArray<Name> ExceptionTo,
    Expression? Condition,
    EquatableArray<Effect> Effects,
    SourceSpan Span) : Declaration(Span);

/// <summary>A sentence that decides nothing by itself, quoted so the document is covered, with the reason.</summary>
public sealed record RecitalDeclaration(Name Id, EquatableArray<StringLiteral> Quotes, StringLiteral Reason, SourceSpan Span) : Declaration(Span);

/// <summary>
/// A declaration that did not parse, kept with the name it declares (when that much parsed) so
/// the binder does not report every use of the name as unknown: one error, not a cascade.
/// </summary>
public sealed record BrokenDeclaration(string Keyword, Name? Name, SourceSpan Span) : Declaration(Span);

public enum EffectKind
{
    Free,
    Paid,
    Remedy,
    Require,
    Note,
}

public sealed record Effect(EffectKind Kind, EquatableArray<Name> Items, SourceSpan Span);

public abstract record Expression(SourceSpan Span);

public sealed record NameExpression(string Name, SourceSpan Span) : Expression(Span);

public sealed record IntegerLiteral(int Value, SourceSpan Span) : Expression(Span);

public sealed record BooleanLiteral(bool Value, SourceSpan Span) : Expression(Span);

public sealed record DateLiteral(int Year, int Month, int Day, SourceSpan Span) : Expression(Span);

public sealed record NotExpression(Expression Operand, SourceSpan Span) : Expression(Span);

public enum BinaryOperator
{
    And,
    Or,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Add,
    Subtract,
}

public sealed record BinaryExpression(BinaryOperator Operator, Expression Left, Expression Right, SourceSpan Span) : Expression(Span);

/// <summary><c>a is b</c> / <c>a is not b</c>.</summary>
public sealed record IsExpression(Expression Left, Expression Right, bool Negated, SourceSpan Span) : Expression(Span);

/// <summary><c>a is known</c> / <c>a is not known</c>: whether an optional value was given.</summary>
public sealed record PresenceExpression(Expression Operand, bool Present, SourceSpan Span) : Expression(Span);

/// <summary><c>cause in {fall, water}</c> / <c>cause not in {…}</c>.</summary>
public sealed record InExpression(Expression Left, EquatableArray<Name> Members, bool Negated, SourceSpan Span) : Expression(Span);

public enum DurationUnit
{
    Days,
    Months,

    /// <summary>Written <c>years</c>; the binder turns each into 12 months, so no bound tree holds it.</summary>
    Years,
}

/// <summary><c>date + 12 months</c>, <c>date - 1 day</c>: the sign is folded into <see cref="Amount"/>.</summary>
public sealed record ShiftExpression(Expression Date, int Amount, DurationUnit Unit, SourceSpan Span) : Expression(Span);

/// <summary>
/// <c>date + (if c then 24 else 12) months</c>: a duration whose count is not written out. The
/// language does not accept it; it is kept so the binder can say so at the count.
/// </summary>
public sealed record CountedShiftExpression(Expression Count, DurationUnit Unit, SourceSpan Span) : Expression(Span);

/// <summary><c>earliest(a, b)</c>, <c>latest(a, b)</c>.</summary>
public sealed record CallExpression(Name Function, EquatableArray<Expression> Arguments, SourceSpan Span) : Expression(Span);

public sealed record IfExpression(Expression Condition, Expression Then, Expression Else, SourceSpan Span) : Expression(Span);
