using System.Collections.Generic;
using System.Linq;
using Sprache;
using Xinji.Policy.Dsl.Text;
using static Xinji.Policy.Dsl.Syntax.Lexical;

namespace Xinji.Policy.Dsl.Syntax;

/// <summary>
/// The grammar of one declaration. Expressions, loosest first:
/// <c>if … then … else …</c>, <c>or</c>, <c>and</c>, <c>not</c>, a predicate
/// (<c>&lt; &lt;= &gt; &gt;=</c>, <c>is [not] value</c>, <c>is [not] known</c>, <c>[not] in {…}</c>),
/// <c>+</c>/<c>-</c> with numbers or durations, and primaries.
/// </summary>
internal static class PolicyGrammar
{
    // ---- expressions -------------------------------------------------------------------------

    private static readonly Parser<Expression> ExpressionRef = Parse.Ref(() => Expression!);

    // The parentheses belong to the expression's span, so a diagnostic or an explanation quoting
    // "(b or c)" shows both of them.
    private static readonly Parser<(char Value, SourceSpan Span)> OpenParenthesis = Lexical.Spanned(Lexical.Char('('));

    private static readonly Parser<(char Value, SourceSpan Span)> CloseParenthesis = Lexical.Spanned(Lexical.Char(')')).Expecting("')'");

    // Parentheses and calls nest, so they are written as plain steps rather than as a query: each
    // 'from' of a query is a few stack frames more at every level of nesting.
    private static readonly Parser<Expression> Parenthesized = input =>
    {
        var open = OpenParenthesis(input);
        if (!open.WasSuccessful)
        {
            return Fail<Expression, (char, SourceSpan)>(open);
        }

        var inner = ExpressionRef(open.Remainder);
        if (!inner.WasSuccessful)
        {
            return inner;
        }

        var close = CloseParenthesis(inner.Remainder);
        return close.WasSuccessful
            ? Result.Success(inner.Value with { Span = SourceSpan.Between(open.Value.Span, close.Value.Span) }, close.Remainder)
            : Fail<Expression, (char, SourceSpan)>(close);
    };

    private static readonly Parser<char> CallOpen = Lexical.Token(Lexical.Char('('));

    private static readonly Parser<IEnumerable<Expression>> Arguments = ExpressionRef.DelimitedByCommitted(Symbol(","));

    private static readonly Parser<(char Value, SourceSpan Span)> CallClose = Lexical.Spanned(Lexical.Char(')').Expecting("')'"));

    private static readonly Parser<Expression> Call = input =>
    {
        var function = Identifier(input);
        if (!function.WasSuccessful)
        {
            return Fail<Expression, Name>(function);
        }

        var open = CallOpen(function.Remainder);
        if (!open.WasSuccessful)
        {
            return Fail<Expression, char>(open);
        }

        var arguments = Arguments(open.Remainder);
        if (!arguments.WasSuccessful)
        {
            return Fail<Expression, IEnumerable<Expression>>(arguments);
        }

        var close = CallClose(arguments.Remainder);
        return close.WasSuccessful
            ? Result.Success<Expression>(new CallExpression(function.Value, arguments.Value.ToEquatableArray(), SourceSpan.Between(function.Value.Span, close.Value.Span)), close.Remainder)
            : Fail<Expression, (char, SourceSpan)>(close);
    };

    private static IResult<T> Fail<T, TFailed>(IResult<TFailed> failure) => Result.Failure<T>(failure.Remainder, failure.Message, failure.Expectations);

    private static readonly Parser<Expression> Unparenthesized =
        Date.Select(x => (Expression)x)
            .Or(Integer.Select(x => (Expression)new IntegerLiteral(x.Value, x.Span)))
            .Or(Lexical.Spanned(Keyword("true")).Select(x => (Expression)new BooleanLiteral(true, x.Span)))
            .Or(Lexical.Spanned(Keyword("false")).Select(x => (Expression)new BooleanLiteral(false, x.Span)))
            .Or(Call)
            .Or(Identifier.Select(x => (Expression)new NameExpression(x.Text, x.Span)));

    // A parenthesis is chosen by its first character rather than as the first of the alternatives:
    // nothing else starts with one, and each alternative tried on the way is a stack frame more
    // at every level of nesting.
    private static readonly Parser<Expression> Primary = new Parser<Expression>(input =>
            SkipTrivia(input) is { AtEnd: false, Current: '(' } ? Parenthesized(input) : Unparenthesized(input))
        .Expecting("a value");

    private static readonly Parser<DurationUnit> Unit =
        Keyword("days").Or(Keyword("day")).Return(DurationUnit.Days)
            .Or(Keyword("months").Or(Keyword("month")).Return(DurationUnit.Months))
            .Or(Keyword("years").Or(Keyword("year")).Return(DurationUnit.Years));

    /// <summary>
    /// After <c>+</c> or <c>-</c>: a duration (<c>12 months</c>) or an operand. A unit after any
    /// other operand (<c>(if c then 24 else 12) months</c>) is kept as a counted shift, so the
    /// binder can say where the author wrote it that the count must be written out.
    /// </summary>
    private static readonly Parser<(Expression? Operand, int Amount, DurationUnit Unit, SourceSpan Span)> AdditiveOperand =
        (from number in Integer
         from unit in Lexical.Spanned(Unit)
         select ((Expression?)null, number.Value, unit.Value, SourceSpan.Between(number.Span, unit.Span)))
        .Or(from operand in Primary
            from unit in Lexical.Spanned(Unit).OptionalCommitted()
            select unit.IsDefined ? Counted(operand, unit.Get()) : ((Expression?)operand, 0, DurationUnit.Days, operand.Span));

    private static (Expression? Operand, int Amount, DurationUnit Unit, SourceSpan Span) Counted(Expression count, (DurationUnit Value, SourceSpan Span) unit)
    {
        var span = SourceSpan.Between(count.Span, unit.Span);
        return (new CountedShiftExpression(count, unit.Value, span), 0, DurationUnit.Days, span);
    }

    private static readonly Parser<Expression> Additive =
        from first in Primary
        from rest in (
            from op in Symbol("+").Or(Symbol("-"))
            from operand in AdditiveOperand
            select (op, operand)).ManyCommitted()
        select rest.Aggregate(first, (left, next) =>
        {
            var span = SourceSpan.Between(left.Span, next.operand.Span);
            if (next.operand.Operand is null)
            {
                var amount = next.op == "-" ? -next.operand.Amount : next.operand.Amount;
                return new ShiftExpression(left, amount, next.operand.Unit, span);
            }

            if (next.operand.Operand is CountedShiftExpression counted)
            {
                return counted with { Span = span };
            }

            var op = next.op == "+" ? BinaryOperator.Add : BinaryOperator.Subtract;
            return new BinaryExpression(op, left, next.operand.Operand, span);
        });

    private static readonly Parser<BinaryOperator> Comparison =
        Symbol("<=").Return(BinaryOperator.LessOrEqual)
            .Or(Symbol(">=").Return(BinaryOperator.GreaterOrEqual))
            .Or(Symbol("<").Return(BinaryOperator.Less))
            .Or(Symbol(">").Return(BinaryOperator.Greater));

    private static readonly Parser<EquatableArray<Name>> MemberSet =
        from open in Symbol("{")
        from members in Identifier.DelimitedByCommitted(Symbol(","))
        from close in Symbol("}")
        select members.ToEquatableArray();

    // What follows the left operand, read as a function of it: one parser for every predicate,
    // rather than a new one built for each left operand the parse comes to.
    private static readonly Parser<System.Func<Expression, Expression>> PredicateTail =
        (from op in Comparison
         from right in Additive
         select (System.Func<Expression, Expression>)(left => new BinaryExpression(op, left, right, SourceSpan.Between(left.Span, right.Span))))
        .Or(from isKeyword in Keyword("is")
            from negated in Keyword("not").Optional()
            from rest in Lexical.Spanned(Keyword("known")).Select(x => (System.Func<Expression, Expression>)(left => new PresenceExpression(left, !negated.IsDefined, SourceSpan.Between(left.Span, x.Span))))
                .Or(Additive.Select(right => (System.Func<Expression, Expression>)(left => new IsExpression(left, right, negated.IsDefined, SourceSpan.Between(left.Span, right.Span)))))
            select rest)
        .Or(from negated in Keyword("not").Optional()
            from inKeyword in Keyword("in")
            from members in Lexical.Spanned(MemberSet)
            select (System.Func<Expression, Expression>)(left => new InExpression(left, members.Value, negated.IsDefined, SourceSpan.Between(left.Span, members.Span))));

    private static readonly Parser<Expression> Predicate =
        from left in Additive
        from tail in PredicateTail.OptionalCommitted()
        select tail.IsDefined ? tail.Get()(left) : left;

    private static readonly Parser<Expression> Negation =
        (from not in Lexical.Spanned(Keyword("not"))
         from operand in Parse.Ref(() => Negation!)
         select (Expression)new NotExpression(operand, SourceSpan.Between(not.Span, operand.Span)))
        .Or(Predicate);

    private static Parser<Expression> Chain(string keyword, BinaryOperator op, Parser<Expression> operand) =>
        operand.ChainCommitted(Keyword(keyword), (left, right) =>
            new BinaryExpression(op, left, right, SourceSpan.Between(left.Span, right.Span)));

    private static readonly Parser<Expression> Conjunction = Chain("and", BinaryOperator.And, Negation);

    private static readonly Parser<Expression> Disjunction = Chain("or", BinaryOperator.Or, Conjunction);

    private static readonly Parser<Expression> Conditional =
        from ifKeyword in Lexical.Spanned(Keyword("if"))
        from condition in ExpressionRef
        from thenKeyword in Keyword("then")
        from whenTrue in ExpressionRef
        from elseKeyword in Keyword("else")
        from whenFalse in ExpressionRef
        select (Expression)new IfExpression(condition, whenTrue, whenFalse, SourceSpan.Between(ifKeyword.Span, whenFalse.Span));

    public static readonly Parser<Expression> Expression = Conditional.Or(Disjunction).Expecting("an expression");

    // ---- declarations ------------------------------------------------------------------------

    private static readonly Parser<StringLiteral> Description = String.Expecting("a one-line description in double quotes");

    private static readonly Parser<EquatableArray<StringLiteral>> Quotes =
        (from keyword in Keyword("quote")
         from text in String.Expecting("the quoted sentence in double quotes")
         select text).ManyCommitted().Select(q => q.ToEquatableArray());

    private static readonly Parser<EquatableArray<StringLiteral>> AtLeastOneQuote =
        (from keyword in Keyword("quote")
         from text in String.Expecting("the quoted sentence in double quotes")
         select text).AtLeastOnceCommitted().Select(q => q.ToEquatableArray());

    private static Parser<Declaration> Declared<T>(Parser<T> parser, System.Func<T, SourceSpan, Declaration> build) =>
        Lexical.Spanned(parser).Select(x => build(x.Value, x.Span));

    private static readonly Parser<Declaration> PolicyHeader = Declared(
        from keyword in Keyword("policy")
        from name in Identifier
        from implements in Keyword("implements")
        from document in String.Expecting("the document's title in double quotes")
        from source in (from s in Keyword("source") from file in String select file).OptionalCommitted()
        select (name, document, source: source.GetOrDefault()),
        (x, span) => new PolicyHeaderDeclaration(x.name, x.document, x.source, span));

    private static readonly Parser<Declaration> Enum = Declared(
        from keyword in Keyword("enum")
        from name in Identifier
        from equalSign in Symbol("=")
        from members in Identifier.DelimitedByCommitted(Symbol("|"))
        from description in Description
        select (name, members, description),
        (x, span) => new EnumDeclaration(x.name, x.members.ToEquatableArray(), x.description, span));

    private static readonly Parser<TypeSyntax> Type =
        Lexical.Spanned(
            from optional in Keyword("optional").Optional()
            from name in Identifier.Select(x => x.Text)
            select (optional.IsDefined, name))
        .Select(x => new TypeSyntax(x.Value.name, x.Value.IsDefined, x.Span))
        .Expecting("a type (bool, int, date, an enum, or 'optional' one of these)");

    private static readonly Parser<Declaration> Fact = Declared(
        from keyword in Keyword("fact")
        from name in Identifier
        from colon in Symbol(":")
        from type in Type
        from defaultValue in (from equalSign in Symbol("=") from value in Expression select value).OptionalCommitted()
        from description in Description
        select (name, type, defaultValue: defaultValue.GetOrDefault(), description),
        (x, span) => new FactDeclaration(x.name, x.type, x.defaultValue, x.description, span));

    private static readonly Parser<Declaration> Define = Declared(
        from keyword in Keyword("define")
        from name in Identifier
        from equalSign in Symbol("=")
        from value in Expression
        from description in Description
        from quotes in Quotes
        select (name, value, description, quotes),
        (x, span) => new DefineDeclaration(x.name, x.value, x.description, x.quotes, span));

    private static Parser<Declaration> Outcome(string keyword, OutcomeKind kind) => Declared(
        from k in Keyword(keyword)
        from name in Identifier
        from description in Description
        select (name, description),
        (x, span) => new OutcomeDeclaration(kind, x.name, x.description, span));

    private static readonly Parser<Declaration> Warranty = Declared(
        from keyword in Keyword("warranty")
        from fromKeyword in Keyword("from")
        from start in Expression
        from through in Keyword("through")
        from end in Expression
        from active in Keyword("active")
        from whenKeyword in Keyword("when")
        from condition in Expression
        from description in Description.OptionalCommitted()
        select (start, end, condition, description: description.GetOrDefault()),
        (x, span) => new WarrantyDeclaration(x.start, x.end, x.condition, x.description, span));

    private static readonly Parser<Declaration> Reject = Declared(
        from keyword in Keyword("reject")
        from field in Identifier
        from whenKeyword in Keyword("when")
        from condition in Expression
        from reason in String.Expecting("the reason in double quotes")
        select (field, condition, reason),
        (x, span) => new RejectDeclaration(x.field, x.condition, x.reason, span));

    private static readonly Parser<Declaration> Section = Declared(
        from keyword in Keyword("section")
        from title in String.Expecting("the section's heading in double quotes")
        select title,
        (title, span) => new SectionDeclaration(title, span));

    private static readonly Parser<EquatableArray<Name>> NameList =
        Identifier.DelimitedByCommitted(Symbol(",")).Select(x => x.ToEquatableArray());

    private static readonly Parser<Effect> EffectParser =
        Lexical.Spanned(Keyword("free")).Select(x => new Effect(EffectKind.Free, EquatableArray<Name>.Empty, x.Span))
            .Or(Lexical.Spanned(Keyword("paid")).Select(x => new Effect(EffectKind.Paid, EquatableArray<Name>.Empty, x.Span)))
            .Or(ListEffect("remedy", EffectKind.Remedy))
            .Or(ListEffect("require", EffectKind.Require))
            .Or(ListEffect("note", EffectKind.Note))
            .Expecting("an effect (free, paid, remedy …, require …, note …)");

    private static Parser<Effect> ListEffect(string keyword, EffectKind kind) =>
        Lexical.Spanned(from k in Keyword(keyword) from items in NameList select items)
            .Select(x => new Effect(kind, x.Value, x.Span));

    private static readonly Parser<EquatableArray<Name>> ExceptionTo =
        from exception in Keyword("exception")
        from to in Keyword("to")
        from targets in ClauseId.DelimitedByCommitted(Symbol(","))
        select targets.ToEquatableArray();

    private static readonly Parser<Expression?> Applicability =
        (from whenKeyword in Keyword("when") from condition in Expression select (Expression?)condition)
            .Or(Keyword("always").Return((Expression?)null))
            .Expecting("'when' and a condition, or 'always'");

    private static readonly Parser<Declaration> Clause = Declared(
        from keyword in Keyword("clause")
        from id in ClauseId
        from quotes in AtLeastOneQuote
        from exceptionTo in ExceptionTo.OptionalCommitted()
        from condition in Applicability
        from thenKeyword in Keyword("then")
        from effects in EffectParser.AtLeastOnceCommitted()
        select (id, quotes, exceptionTo: exceptionTo.GetOrElse(EquatableArray<Name>.Empty), condition, effects),
        (x, span) => new ClauseDeclaration(x.id, x.quotes, x.exceptionTo, x.condition, x.effects.ToEquatableArray(), span));

    private static readonly Parser<Declaration> Recital = Declared(
        from keyword in Keyword("recital")
        from id in ClauseId
        from quotes in AtLeastOneQuote
        from because in Keyword("because")
        from reason in String.Expecting("the reason in double quotes")
        select (id, quotes, reason),
        (x, span) => new RecitalDeclaration(x.id, x.quotes, x.reason, span));

    /// <summary>The name a declaration starts with, read from a declaration that failed to parse.</summary>
    public static Parser<Name> DeclaredName(string keyword) =>
        from k in Keyword(keyword)
        from name in keyword is "clause" or "recital" ? ClauseId : Identifier
        select name;

    /// <summary>The words that start a declaration at the beginning of a line, with their parsers.</summary>
    /// <summary>
    /// A declaration, then optionally <c>provable</c> as its last word. Read after every kind of
    /// declaration, so a mark where it means nothing is the binder's one clear error at the mark
    /// rather than a syntax error that names every other thing the declaration could go on with.
    /// </summary>
    private static Parser<Declaration> Marked(Parser<Declaration> declaration) =>
        from value in declaration
        from mark in Lexical.Spanned(Keyword("provable")).OptionalCommitted()
        select mark.IsDefined
            ? value with { ProvableMark = mark.Get().Span, Span = SourceSpan.Between(value.Span, mark.Get().Span) }
            : value;

    public static readonly IReadOnlyDictionary<string, Parser<Declaration>> Declarations = new Dictionary<string, Parser<Declaration>>
    {
        ["policy"] = Marked(PolicyHeader).ThenEnd(),
        ["enum"] = Marked(Enum).ThenEnd(),
        ["fact"] = Marked(Fact).ThenEnd(),
        ["define"] = Marked(Define).ThenEnd(),
        ["remedy"] = Marked(Outcome("remedy", OutcomeKind.Remedy)).ThenEnd(),
        ["requirement"] = Marked(Outcome("requirement", OutcomeKind.Requirement)).ThenEnd(),
        ["note"] = Marked(Outcome("note", OutcomeKind.Note)).ThenEnd(),
        ["warranty"] = Marked(Warranty).ThenEnd(),
        ["reject"] = Marked(Reject).ThenEnd(),
        ["section"] = Marked(Section).ThenEnd(),
        ["clause"] = Marked(Clause).ThenEnd(),
        ["recital"] = Marked(Recital).ThenEnd(),
        ["example"] = ExampleGrammar.Example.ThenEnd(),
    };
}
