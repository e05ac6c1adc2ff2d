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

    /// <summary>The expression's text, shortened with an ellipsis past about a hundred characters.</summary>
    public static string Of(BoundExpression expression)
    {
        var text = Write(expression, Level.Conditional);
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

    private static string Write(BoundExpression expression, Level context)
    {
        var (text, level) = Text(expression);
        return level < context ? "(" + text + ")" : text;
    }

    private static (string Text, Level Level) Text(BoundExpression expression) => expression switch
    {
        BoolLiteral b => (b.Value ? "true" : "false", Level.Primary),
        IntLiteral i => (i.Value.ToString(CultureInfo.InvariantCulture), Level.Primary),
        DateValueLiteral d => (string.Format(CultureInfo.InvariantCulture, "{0:D4}-{1:D2}-{2:D2}", d.Year, d.Month, d.Day), Level.Primary),
        EnumLiteral e => (e.Member, Level.Primary),
        FactReference f => (f.Name, Level.Primary),
        DefinitionReference d => (d.Name, Level.Primary),
        CoverageReference => (BuiltIns.CoverageName, Level.Primary),
        NotOperation { Operand: Equality e } => (Write(e.Left, Level.Additive) + " is not " + Write(e.Right, Level.Additive), Level.Predicate),
        NotOperation { Operand: Membership m } => (Write(m.Operand, Level.Additive) + " not in {" + string.Join(", ", m.Members) + "}", Level.Predicate),
        NotOperation n => ("not " + Write(n.Operand, Level.Not), Level.Not),
        LogicalOperation { Operator: LogicalOperator.And } l => (Write(l.Left, Level.And) + " and " + Write(l.Right, Level.Not), Level.And),
        LogicalOperation l => (Write(l.Left, Level.Or) + " or " + Write(l.Right, Level.And), Level.Or),
        Comparison c => (Write(c.Left, Level.Additive) + " " + Operator(c.Operator) + " " + Write(c.Right, Level.Additive), Level.Predicate),
        Equality e => (Write(e.Left, Level.Additive) + " is " + Write(e.Right, Level.Additive), Level.Predicate),
        Presence p => (Write(p.Operand, Level.Additive) + (p.Present ? " is known" : " is not known"), Level.Predicate),
        Membership m => (Write(m.Operand, Level.Additive) + " in {" + string.Join(", ", m.Members) + "}", Level.Predicate),
        DateShift s => (Write(s.Date, Level.Additive) + (s.Amount < 0 ? " - " : " + ") + Duration(System.Math.Abs(s.Amount), s.Unit), Level.Additive),
        Arithmetic a => (Write(a.Left, Level.Additive) + (a.Operator == ArithmeticOperator.Add ? " + " : " - ") + Write(a.Right, Level.Primary), Level.Additive),
        Extremum x => ((x.Kind == ExtremumKind.Earliest ? "earliest(" : "latest(") + string.Join(", ", x.Arguments.Select(a => Write(a, Level.Conditional))) + ")", Level.Primary),
        Conditional c => ("if " + Write(c.Condition, Level.Conditional) + " then " + Write(c.WhenTrue, Level.Conditional) + " else " + Write(c.WhenFalse, Level.Conditional), Level.Conditional),
        _ => ("…", Level.Primary),
    };

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
