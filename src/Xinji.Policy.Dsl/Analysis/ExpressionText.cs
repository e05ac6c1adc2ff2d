using System.Globalization;
using System.Linq;
using Xinji.Policy.Dsl.Binding;

namespace Xinji.Policy.Dsl.Analysis;

/// <summary>
/// A bound expression as policy text, for messages that quote part of a condition. The bound
/// model keeps spans, not source text, so the analysis (which runs in the generator without the
/// files' text at hand) writes the expression back in the language's own syntax.
/// </summary>
public static class ExpressionText
{
    private const int MaxLength = 100;

    // Past this depth the text is longer than what is shown anyway; stopping there keeps a
    // 10,000-term chain from costing deep recursion and quadratic concatenation.
    private const int MaxDepth = 40;

    /// <summary>The expression's text, shortened with an ellipsis past about a hundred characters.</summary>
    public static string Of(BoundExpression expression)
    {
        var text = Write(expression, Level.Conditional, 0);
        return text.Length <= MaxLength ? text : text.Substring(0, MaxLength - 1).TrimEnd() + "…";
    }

    // Binding strength, loosest first, as the grammar parses it.
    private enum Level
    {
        Conditional,
        Or,
        And,
        Not,
        Predicate,
        Additive,
        Primary,
    }

    private static string Write(BoundExpression expression, Level context, int depth)
    {
        var (text, level) = depth > MaxDepth ? (Elided, Level.Primary) : Text(expression, depth + 1);
        return level < context && text != Elided ? "(" + text + ")" : text;
    }

    private static (string Text, Level Level) Text(BoundExpression expression, int depth) => expression switch
    {
        BoolLiteral b => (b.Value ? "true" : "false", Level.Primary),
        IntLiteral i => (i.Value.ToString(CultureInfo.InvariantCulture), Level.Primary),
        DateValueLiteral d => (string.Format(CultureInfo.InvariantCulture, "{0:D4}-{1:D2}-{2:D2}", d.Year, d.Month, d.Day), Level.Primary),
        EnumLiteral e => (e.Member, Level.Primary),
        FactReference f => (f.Name, Level.Primary),
        DefinitionReference d => (d.Name, Level.Primary),
        CoverageReference => (BuiltIns.CoverageName, Level.Primary),
        NotOperation { Operand: Equality e } => (Binary(Write(e.Left, Level.Additive, depth), " is not ", Write(e.Right, Level.Additive, depth)), Level.Predicate),
        NotOperation { Operand: Membership m } => (Write(m.Operand, Level.Additive, depth) + " not in {" + string.Join(", ", m.Members) + "}", Level.Predicate),
        NotOperation n => (Negated(Write(n.Operand, Level.Not, depth)), Level.Not),
        LogicalOperation { Operator: LogicalOperator.And } l => (Binary(Write(l.Left, Level.And, depth), " and ", Write(l.Right, Level.Not, depth)), Level.And),
        LogicalOperation l => (Binary(Write(l.Left, Level.Or, depth), " or ", Write(l.Right, Level.And, depth)), Level.Or),
        Comparison c => (Binary(Write(c.Left, Level.Additive, depth), " " + Operator(c.Operator) + " ", Write(c.Right, Level.Additive, depth)), Level.Predicate),
        Equality e => (Binary(Write(e.Left, Level.Additive, depth), " is ", Write(e.Right, Level.Additive, depth)), Level.Predicate),
        Presence p => (Write(p.Operand, Level.Additive, depth) + (p.Present ? " is known" : " is not known"), Level.Predicate),
        Membership m => (Write(m.Operand, Level.Additive, depth) + " in {" + string.Join(", ", m.Members) + "}", Level.Predicate),
        DateShift s => (Write(s.Date, Level.Additive, depth) + (s.Amount < 0 ? " - " : " + ") + Duration(System.Math.Abs(s.Amount), s.Unit), Level.Additive),
        Arithmetic a => (Binary(Write(a.Left, Level.Additive, depth), a.Operator == ArithmeticOperator.Add ? " + " : " - ", Write(a.Right, Level.Primary, depth)), Level.Additive),
        Extremum x => ((x.Kind == ExtremumKind.Earliest ? "earliest(" : "latest(") + string.Join(", ", x.Arguments.Select(a => Write(a, Level.Conditional, depth))) + ")", Level.Primary),
        Conditional c => ("if " + Write(c.Condition, Level.Conditional, depth) + " then " + Write(c.WhenTrue, Level.Conditional, depth) + " else " + Write(c.WhenFalse, Level.Conditional, depth), Level.Conditional),
        _ => throw new UnhandledExpressionException("the analysis's expression writer", expression),
    };

    private const string Elided = "…";

    /// <summary>Two operands and their operator; a part elided on both sides is elided as a whole.</summary>
    private static string Binary(string left, string op, string right) =>
        left == Elided && right == Elided ? Elided : left + op + right;

    private static string Negated(string operand) => operand == Elided ? Elided : "not " + operand;

    private static string Operator(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Less => "<",
        ComparisonOperator.LessOrEqual => "<=",
        ComparisonOperator.Greater => ">",
        _ => ">=",
    };

    private static string Duration(int amount, Syntax.DurationUnit unit) =>
        amount.ToString(CultureInfo.InvariantCulture) + (unit == Syntax.DurationUnit.Months ? (amount == 1 ? " month" : " months") : (amount == 1 ? " day" : " days"));
}
