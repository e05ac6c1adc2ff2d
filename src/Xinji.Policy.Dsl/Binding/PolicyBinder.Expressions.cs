using System;
using System.Collections.Generic;
using System.Linq;
using Xinji.Policy.Dsl.Diagnostics;
using Xinji.Policy.Dsl.Syntax;
using Xinji.Policy.Dsl.Text;

namespace Xinji.Policy.Dsl.Binding;

public sealed partial class PolicyBinder
{
    /// <param name="AllowCoverage">Only clause conditions may read the decided coverage.</param>
    /// <param name="Expected">The type the context wants, so a bare enum member can be resolved.</param>
    /// <param name="FactsOnly">Rejections validate the claim as given, before anything is derived from it.</param>
    private sealed record Scope(bool AllowCoverage, PolicyType? Expected, bool FactsOnly = false)
    {
        public Scope Expecting(PolicyType? type) => this with { Expected = type };
    }

    /// <summary>
    /// How deep the binder is in expressions, counting those of the definitions it binds on the
    /// way: MaxDepth levels of operators above a name or literal, so MaxDepth + 1 nodes.
    /// </summary>
    private int _bindingDepth;

    /// <summary>How deep each definition nests with the definitions it uses written out in place.</summary>
    private readonly Dictionary<string, int> _definitionDepths = new(StringComparer.Ordinal);

    /// <summary>The dates each date definition can take, once worked out.</summary>
    private readonly Dictionary<string, (long First, long Last)> _definitionDates = new(StringComparer.Ordinal);

    private BoundExpression? BindExpression(Expression syntax, Scope scope)
    {
        // The parser keeps each expression within the nesting limit; a definition is bound where it
        // is first used, so a chain of definitions could still nest the binder (and everything that
        // reads definitions on demand) past it.
        if (_bindingDepth > NestingLimit.MaxDepth)
        {
            ReportTooDeep(syntax.Span);
            return null;
        }

        _bindingDepth++;
        try
        {
            return BindNested(syntax, scope);
        }
        finally
        {
            _bindingDepth--;
        }
    }

    private void ReportTooDeep(SourceSpan span) =>
        Report(DiagnosticCatalog.NestedTooDeeply, span,
            $"With the definitions it uses written out in place, this nests more than {NestingLimit.MaxDepth} levels deep here; make the chain of definitions shorter");

    private BoundExpression? BindNested(Expression syntax, Scope scope)
    {
        switch (syntax)
        {
            case IntegerLiteral i:
                return new IntLiteral(i.Value, i.Span);
            case BooleanLiteral b:
                return new BoolLiteral(b.Value, b.Span);
            case DateLiteral d:
                return BindDate(d);
            case NameExpression n:
                return BindName(n, scope);
            case NotExpression n:
            {
                var operand = ExpectCondition(BindExpression(n.Operand, scope.Expecting(PolicyType.Bool)), "The operand of 'not'");
                return operand is null ? null : new NotOperation(operand, n.Span);
            }

            case BinaryExpression { Operator: BinaryOperator.And or BinaryOperator.Or } b:
            {
                var left = ExpectCondition(BindExpression(b.Left, scope.Expecting(PolicyType.Bool)), $"Each side of '{Word(b.Operator)}'");
                var right = ExpectCondition(BindExpression(b.Right, scope.Expecting(PolicyType.Bool)), $"Each side of '{Word(b.Operator)}'");
                var op = b.Operator == BinaryOperator.And ? LogicalOperator.And : LogicalOperator.Or;
                return left is null || right is null ? null : new LogicalOperation(op, left, right, b.Span);
            }

            case BinaryExpression { Operator: BinaryOperator.Add or BinaryOperator.Subtract } b:
                return BindArithmetic(b, scope);
            case BinaryExpression b:
                return BindComparison(b, scope);
            case IsExpression i:
                return BindIs(i, scope);
            case PresenceExpression p:
                return BindPresence(p, scope);
            case InExpression i:
                return BindIn(i, scope);
            case ShiftExpression s:
                return BindShift(s, scope);
            case CountedShiftExpression c:
                Report(DiagnosticCatalog.SyntaxError, c.Count.Span,
                    $"A number of {UnitWord(c.Unit)} must be a whole number written out, as in '12 {UnitWord(c.Unit)}'; it cannot be computed");
                return null;

            case CallExpression c:
                return BindCall(c, scope);
            case IfExpression i:
                return BindIf(i, scope);
            default:
                Report(DiagnosticCatalog.SyntaxError, syntax.Span, "This expression is not supported here");
                return null;
        }
    }

    private static string UnitWord(DurationUnit unit) => unit switch
    {
        DurationUnit.Days => "days",
        DurationUnit.Months => "months",
        _ => "years",
    };

    private DateShift? BindShift(ShiftExpression s, Scope scope)
    {
        var date = ExpectBase(BindExpression(s.Date, scope.Expecting(null)), PolicyType.Date, $"The value moved by '{UnitWord(s.Unit)}'");
        var limit = s.Unit switch
        {
            DurationUnit.Days => 36_500,
            DurationUnit.Months => 1_200,
            _ => 100,
        };
        if (Math.Abs((long)s.Amount) > limit)
        {
            // A hundred years keeps every claim date (1900 to 2199) inside the calendar.
            Report(DiagnosticCatalog.InvalidValue, s.Span, $"A date can be moved by at most a hundred years (36500 days, 1200 months or 100 years), not {Math.Abs((long)s.Amount)} {UnitWord(s.Unit)}");
            return null;
        }

        if (date is null)
        {
            return null;
        }

        // Years are whole numbers of months: nothing after the binder needs to know the word.
        var (amount, unit) = s.Unit == DurationUnit.Years ? (s.Amount * 12, DurationUnit.Months) : (s.Amount, s.Unit);
        var shift = new DateShift(date, amount, unit, date.Type, s.Span);
        var (first, last) = Dates(shift);
        if (first < FirstDay || last > LastDay)
        {
            Report(DiagnosticCatalog.InvalidValue, s.Span,
                $"This date can fall {(first < FirstDay ? "before 0001-01-01" : "after 9999-12-31")}, outside the calendar; move it by less");
            return null;
        }

        return shift;
    }

    private static readonly long FirstDay = DayNumber(DateTime.MinValue);

    private static readonly long LastDay = DayNumber(DateTime.MaxValue);

    private static long DayNumber(DateTime date) => date.Ticks / TimeSpan.TicksPerDay;

    /// <summary>
    /// The first and last day (as day numbers, possibly outside the calendar) a date expression
    /// can take: a claim's dates lie between ClaimRules.MinDate and MaxDate, so only a literal or
    /// a long chain of steps can leave the calendar, which the run-time arithmetic cannot represent.
    /// </summary>
    private (long First, long Last) Dates(BoundExpression expression)
    {
        switch (expression)
        {
            case DateValueLiteral d:
                var day = DayNumber(new DateTime(d.Year, d.Month, d.Day));
                return (day, day);
            case FactReference f:
            {
                var first = DayNumber(ClaimRules.MinDate);
                var last = DayNumber(ClaimRules.MaxDate);
                if (_facts.TryGetValue(f.Name, out var fact) && fact.Default is DateValueLiteral d)
                {
                    var value = DayNumber(new DateTime(d.Year, d.Month, d.Day));
                    return (Math.Min(first, value), Math.Max(last, value));
                }

                return (first, last);
            }

            case DefinitionReference r:
                if (!_definitionDates.TryGetValue(r.Name, out var range))
                {
                    range = _definitions.TryGetValue(r.Name, out var definition) && definition is not null ? Dates(definition.Value) : (FirstDay, LastDay);
                    _definitionDates[r.Name] = range;
                }

                return range;
            case DateShift s:
            {
                var (first, last) = Dates(s.Date);
                return (Shift(first, s.Amount, s.Unit), Shift(last, s.Amount, s.Unit));
            }

            case Extremum x:
            {
                var ranges = x.Arguments.Select(Dates).ToList();
                return x.Kind == ExtremumKind.Earliest
                    ? (ranges.Min(r => r.First), ranges.Min(r => r.Last))
                    : (ranges.Max(r => r.First), ranges.Max(r => r.Last));
            }

            case Conditional c:
            {
                var whenTrue = Dates(c.WhenTrue);
                var whenFalse = Dates(c.WhenFalse);
                return (Math.Min(whenTrue.First, whenFalse.First), Math.Max(whenTrue.Last, whenFalse.Last));
            }

            default:
                return (FirstDay, LastDay);
        }
    }

    /// <summary>A day number moved by days or months; months keep the day of the month where it exists (AddMonths).</summary>
    private static long Shift(long day, int amount, DurationUnit unit)
    {
        if (unit == DurationUnit.Days || day < FirstDay || day > LastDay)
        {
            // Outside the calendar already: a month is at least 28 days, a safe bound for the verdict.
            return day + (unit == DurationUnit.Days ? amount : amount * 28L);
        }

        var date = new DateTime(day * TimeSpan.TicksPerDay);
        var month = (date.Year * 12L) + date.Month - 1 + amount;
        var year = month / 12;
        if (year < 1)
        {
            return FirstDay - 1;
        }

        if (year > 9999)
        {
            return LastDay + 1;
        }

        var monthOfYear = (int)(month % 12) + 1;
        return DayNumber(new DateTime((int)year, monthOfYear, Math.Min(date.Day, DateTime.DaysInMonth((int)year, monthOfYear))));
    }

    private static string Word(BinaryOperator op) => op switch
    {
        BinaryOperator.And => "and",
        BinaryOperator.Or => "or",
        BinaryOperator.Less => "<",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.Add => "+",
        _ => "-",
    };

    private DateValueLiteral? BindDate(DateLiteral d)
    {
        if (d.Year < 1 || d.Month < 1 || d.Month > 12 || d.Day < 1 || d.Day > System.DateTime.DaysInMonth(d.Year, d.Month))
        {
            Report(DiagnosticCatalog.InvalidValue, d.Span, $"{d.Year:D4}-{d.Month:D2}-{d.Day:D2} is not a date in the calendar");
            return null;
        }

        return new DateValueLiteral(d.Year, d.Month, d.Day, d.Span);
    }

    private BoundExpression? BindName(NameExpression n, Scope scope)
    {
        if (scope.Expected is { Kind: TypeKind.Enum } expected && _enums.TryGetValue(expected.EnumName!, out var expectedEnum))
        {
            if (expectedEnum.IndexOf(n.Name) >= 0)
            {
                return new EnumLiteral(expectedEnum.Name, n.Name, n.Span);
            }

            if (!_facts.ContainsKey(n.Name) && !_definitionSyntax.ContainsKey(n.Name))
            {
                var owner = _enums.Values.FirstOrDefault(e => e.IndexOf(n.Name) >= 0);
                Report(owner is null ? DiagnosticCatalog.UnknownName : DiagnosticCatalog.TypeMismatch, n.Span,
                    owner is null
                        ? $"'{n.Name}' is not a value of {expectedEnum.Name}; its values are {string.Join(", ", expectedEnum.Members)}"
                        : $"'{n.Name}' is a value of {owner.Name}, not of {expectedEnum.Name}; the values of {expectedEnum.Name} are {string.Join(", ", expectedEnum.Members)}");
                return null;
            }
        }

        if (_facts.TryGetValue(n.Name, out var fact))
        {
            return new FactReference(fact.Name, fact.Type, n.Span);
        }

        if (_definitionSyntax.ContainsKey(n.Name) && scope.FactsOnly)
        {
            Report(DiagnosticCatalog.TypeMismatch, n.Span, $"A rejection checks the claim's facts as given, but '{n.Name}' is a derived value");
            return null;
        }

        if (_definitionSyntax.ContainsKey(n.Name))
        {
            var definition = ResolveDefinition(n.Name, n.Span, _file);
            if (definition is null)
            {
                return null;
            }

            // A definition bound earlier is not bound again here, so its depth is added up instead.
            if (_bindingDepth - 1 + DefinitionDepth(definition) > NestingLimit.MaxDepth + 1)
            {
                ReportTooDeep(n.Span);
                return null;
            }

            return new DefinitionReference(definition.Name, definition.Type, n.Span);
        }

        if (n.Name == BuiltIns.CoverageName)
        {
            if (!scope.AllowCoverage)
            {
                Report(DiagnosticCatalog.CoverageStratification, n.Span,
                    "'coverage' is the decision the clauses make; only a clause's condition can read it");
                return null;
            }

            return new CoverageReference(n.Span);
        }

        if (_brokenNames.Contains(n.Name))
        {
            // Declared by a declaration with a syntax error, which is reported already.
            return null;
        }

        var memberOf = _enums.Values.FirstOrDefault(e => e.IndexOf(n.Name) >= 0);
        var hint = memberOf is null
            ? " (facts are declared with 'fact', derived values with 'define')"
            : $" on its own: it is a value of {memberOf.Name}, so compare with it, as in 'x is {n.Name}'";
        Report(DiagnosticCatalog.UnknownName, n.Span, $"Unknown name '{n.Name}'{hint}");
        return null;
    }

    private Arithmetic? BindArithmetic(BinaryExpression b, Scope scope)
    {
        var left = ExpectBase(BindExpression(b.Left, scope.Expecting(PolicyType.Int)), PolicyType.Int, $"Each side of '{Word(b.Operator)}'");
        var right = ExpectBase(BindExpression(b.Right, scope.Expecting(PolicyType.Int)), PolicyType.Int, $"Each side of '{Word(b.Operator)}' (add days or months to a date as in 'd + 30 days')");
        if (left is null || right is null)
        {
            return null;
        }

        var type = left.Type.IsOptional || right.Type.IsOptional ? PolicyType.Int.AsOptional() : PolicyType.Int;
        var op = b.Operator == BinaryOperator.Add ? ArithmeticOperator.Add : ArithmeticOperator.Subtract;
        return new Arithmetic(op, left, right, type, b.Span);
    }

    private Comparison? BindComparison(BinaryExpression b, Scope scope)
    {
        var left = BindExpression(b.Left, scope.Expecting(null));
        var right = BindExpression(b.Right, scope.Expecting(left?.Type));
        if (left is null || right is null)
        {
            return null;
        }

        if (left.Type.Kind is not (TypeKind.Int or TypeKind.Date))
        {
            Report(DiagnosticCatalog.TypeMismatch, left.Span, $"'{Word(b.Operator)}' compares numbers or dates, but this is a {left.Type}");
            return null;
        }

        if (!left.Type.SameBase(right.Type))
        {
            Report(DiagnosticCatalog.TypeMismatch, b.Span, $"Cannot compare a {left.Type} with a {right.Type}");
            return null;
        }

        var op = b.Operator switch
        {
            BinaryOperator.Less => ComparisonOperator.Less,
            BinaryOperator.LessOrEqual => ComparisonOperator.LessOrEqual,
            BinaryOperator.Greater => ComparisonOperator.Greater,
            _ => ComparisonOperator.GreaterOrEqual,
        };
        return new Comparison(op, left, right, b.Span);
    }

    private BoundExpression? BindIs(IsExpression i, Scope scope)
    {
        var left = BindExpression(i.Left, scope.Expecting(null));
        if (left is null)
        {
            return null;
        }

        var right = BindExpression(i.Right, scope.Expecting(left.Type));
        if (right is null)
        {
            return null;
        }

        if (!left.Type.SameBase(right.Type))
        {
            Report(DiagnosticCatalog.TypeMismatch, i.Span, $"Cannot compare a {left.Type} with a {right.Type}");
            return null;
        }

        BoundExpression equality = new Equality(left, right, i.Span);
        return i.Negated ? new NotOperation(equality, i.Span) : equality;
    }

    private Presence? BindPresence(PresenceExpression p, Scope scope)
    {
        var operand = BindExpression(p.Operand, scope.Expecting(null));
        if (operand is null)
        {
            return null;
        }

        if (!operand.Type.IsOptional)
        {
            Report(DiagnosticCatalog.TypeMismatch, p.Span,
                $"This {operand.Type} is always known, so asking whether it is known always gives the same answer");
            return null;
        }

        return new Presence(operand, p.Present, p.Span);
    }

    private BoundExpression? BindIn(InExpression i, Scope scope)
    {
        var operand = BindExpression(i.Left, scope.Expecting(null));
        if (operand is null)
        {
            return null;
        }

        if (operand.Type.Kind != TypeKind.Enum || !_enums.TryGetValue(operand.Type.EnumName!, out var symbol))
        {
            Report(DiagnosticCatalog.TypeMismatch, operand.Span, $"'in' tests an enum value, but this is a {operand.Type}");
            return null;
        }

        var members = new List<string>();
        var ok = true;
        foreach (var member in i.Members)
        {
            if (BindName(new NameExpression(member.Text, member.Span), scope.Expecting(operand.Type.AsRequired())) is EnumLiteral literal)
            {
                if (members.Contains(literal.Member))
                {
                    Report(DiagnosticCatalog.DuplicateName, member.Span, member.Text, member.Span.Line);
                    ok = false;
                }

                members.Add(literal.Member);
            }
            else
            {
                ok = false;
            }
        }

        if (!ok)
        {
            return null;
        }

        BoundExpression membership = new Membership(operand, symbol.Name, members.ToEquatableArray(), i.Span);
        return i.Negated ? new NotOperation(membership, i.Span) : membership;
    }

    private Extremum? BindCall(CallExpression c, Scope scope)
    {
        ExtremumKind kind;
        switch (c.Function.Text)
        {
            case "earliest":
                kind = ExtremumKind.Earliest;
                break;
            case "latest":
                kind = ExtremumKind.Latest;
                break;
            default:
                Report(DiagnosticCatalog.UnknownName, c.Function.Span, $"Unknown function '{c.Function.Text}': the functions are earliest and latest");
                return null;
        }

        var arguments = new List<BoundExpression>();
        foreach (var argument in c.Arguments)
        {
            var bound = ExpectBase(BindExpression(argument, scope.Expecting(PolicyType.Date)), PolicyType.Date, $"Each argument of '{c.Function.Text}'");
            if (bound is null)
            {
                return null;
            }

            arguments.Add(bound);
        }

        if (arguments.Count < 2)
        {
            Report(DiagnosticCatalog.TypeMismatch, c.Span, $"'{c.Function.Text}' takes two or more dates");
            return null;
        }

        var type = arguments.All(a => a.Type.IsOptional) ? PolicyType.Date.AsOptional() : PolicyType.Date;
        return new Extremum(kind, arguments.ToEquatableArray(), type, c.Span);
    }

    private Conditional? BindIf(IfExpression i, Scope scope)
    {
        var condition = ExpectCondition(BindExpression(i.Condition, scope.Expecting(PolicyType.Bool)), "The condition of 'if'");
        var whenTrue = BindExpression(i.Then, scope);
        var whenFalse = BindExpression(i.Else, scope.Expecting(whenTrue?.Type ?? scope.Expected));
        if (condition is null || whenTrue is null || whenFalse is null)
        {
            return null;
        }

        if (!whenTrue.Type.SameBase(whenFalse.Type))
        {
            Report(DiagnosticCatalog.TypeMismatch, i.Span, $"Both branches of 'if' must have one type, but they are {whenTrue.Type} and {whenFalse.Type}");
            return null;
        }

        var type = whenTrue.Type.IsOptional || whenFalse.Type.IsOptional ? whenTrue.Type.AsOptional() : whenTrue.Type;
        return new Conditional(condition, whenTrue, whenFalse, type, i.Span);
    }
    private int DefinitionDepth(DefinitionSymbol definition)
    {
        if (!_definitionDepths.TryGetValue(definition.Name, out var depth))
        {
            depth = Depth(definition.Value);
            _definitionDepths[definition.Name] = depth;
        }

        return depth;
    }

    /// <summary>
    /// How deep a bound expression nests, with the definitions it uses written out in place. It
    /// recurses, but only on one expression, which the parser keeps within the limit.
    /// </summary>
    private int Depth(BoundExpression expression)
    {
        if (expression is DefinitionReference r)
        {
            return _definitions.TryGetValue(r.Name, out var definition) && definition is not null ? DefinitionDepth(definition) : 1;
        }

        var deepest = 0;
        foreach (var child in expression.Children())
        {
            deepest = Math.Max(deepest, Depth(child));
        }

        return 1 + deepest;
    }
}
