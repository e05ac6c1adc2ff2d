using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Syntax;

namespace Xinji.Policy.Generator.Emit;

/// <summary>
/// Writes a bound expression as C#, with the policy semantics: an unknown value makes a
/// comparison false (lifted operators and <c>PolicyValues.Same</c>), and earliest/latest
/// skip unknown dates.
/// </summary>
internal sealed class CSharpExpressionWriter
{
    private const string Pass = "The C# writer";

    private readonly GeneratedNames _names;
    private readonly IReadOnlyDictionary<string, string> _definitionVariables;

    // Month steps held in locals (see Hoist), by StepKey: the local's name.
    private readonly Dictionary<string, string> _hoisted = new(StringComparer.Ordinal);

    public CSharpExpressionWriter(GeneratedNames names, IReadOnlyDictionary<string, string> definitionVariables)
    {
        _names = names;
        _definitionVariables = definitionVariables;
    }

    private string Values => _names.Type("PolicyValues");

    public string TypeOf(PolicyType type)
    {
        var name = type.Kind switch
        {
            TypeKind.Bool => "bool",
            TypeKind.Int => "int",
            TypeKind.Date => _names.Type("DateOnly"),
            _ => EnumType(type.EnumName!),
        };
        return type.IsOptional ? name + "?" : name;
    }

    public string EnumType(string enumName) => _names.EnumType(enumName);

    public string EnumValue(string enumName, string member) => EnumType(enumName) + "." + _names.EnumMember(enumName, member);

    public string Literal(BoundLiteral literal) => literal switch
    {
        BoolLiteral b => b.Value ? "true" : "false",
        IntLiteral i => i.Value.ToString(CultureInfo.InvariantCulture),
        DateValueLiteral d => string.Format(CultureInfo.InvariantCulture, "new {0}({1}, {2}, {3})", _names.Type("DateOnly"), d.Year, d.Month, d.Day),
        EnumLiteral e => EnumValue(e.EnumName, e.Member),
        _ => throw new UnhandledExpressionException(Pass, literal),
    };

    /// <summary>The expression as C#; composite expressions come parenthesized so they nest safely.</summary>
    public string Write(BoundExpression expression) => expression switch
    {
        BoundLiteral literal => Literal(literal),
        FactReference f => Reading("claim." + _names.FactProperty(f.Name)),
        DefinitionReference d => ReadingDefinition(d.Name),
        CoverageReference => Reading("coverage"),
        NotOperation { Operand: Equality { Left.Type.IsOptional: false, Right.Type.IsOptional: false } e } =>
            "(" + Write(e.Left) + " != " + Write(e.Right) + ")",
        NotOperation n => "!" + Write(n.Operand),
        LogicalOperation l => WriteLogical(l),
        Comparison c => "(" + Write(c.Left) + " " + Operator(c.Operator) + " " + Write(c.Right) + ")",
        Equality e => WriteEquality(e),
        Presence p => (p.Present ? "" : "!") + Atom(p.Operand) + ".HasValue",
        Membership m => "(" + Write(m.Operand) + " is " + string.Join(" or ", m.Members.Select(x => EnumValue(m.EnumName, x))) + ")",
        DateShift s => WriteShift(s),
        Arithmetic a => "unchecked" + WriteSum(a),
        Extremum x => WriteExtremum(x),
        Conditional c => "(" + Write(c.Condition) + " ? " + Cast(c.Type, c.WhenTrue) + " : " + Cast(c.Type, c.WhenFalse) + ")",
        _ => throw new UnhandledExpressionException(Pass, expression),
    };

    /// <summary>How many reads of the claim, a definition or the coverage the expressions written so far make.</summary>
    public int Reads { get; private set; }

    /// <summary>The definitions the expressions written so far read.</summary>
    public ISet<string> ReadDefinitions { get; } = new HashSet<string>(StringComparer.Ordinal);

    private string Reading(string code)
    {
        Reads++;
        return code;
    }

    private string ReadingDefinition(string name)
    {
        ReadDefinitions.Add(name);
        return Reading(_definitionVariables[name]);
    }

    /// <summary>
    /// A sum as the interpreter computes it, in 32 bits that wrap: <c>unchecked</c> around the
    /// whole chain, so a constant sum past the range is not a compile error (CS0220), and a
    /// project that checks arithmetic decides as the policy does.
    /// </summary>
    private string WriteSum(Arithmetic a)
    {
        // A chain "a + b - c" binds to the left: walk its left spine in a loop, so a long chain
        // is written flat (not a parenthesis per term, past C#'s nesting limit) and without recursion.
        var tail = new Stack<Arithmetic>();
        BoundExpression first = a;
        while (first is Arithmetic inner)
        {
            tail.Push(inner);
            first = inner.Left;
        }

        var code = new System.Text.StringBuilder("(").Append(Write(first));
        foreach (var step in tail)
        {
            code.Append(step.Operator == ArithmeticOperator.Add ? " + " : " - ");
            code.Append(step.Right is Arithmetic right ? WriteSum(right) : Write(step.Right));
        }

        return code.Append(')').ToString();
    }

    /// <summary><c>a and b and c</c> as <c>(a &amp;&amp; b &amp;&amp; c)</c>: a left-bound chain of one operator written flat, as <see cref="WriteSum"/> does.</summary>
    private string WriteLogical(LogicalOperation l)
    {
        var tail = new Stack<BoundExpression>();
        BoundExpression first = l;
        while (first is LogicalOperation inner && inner.Operator == l.Operator)
        {
            tail.Push(inner.Right);
            first = inner.Left;
        }

        var separator = l.Operator == LogicalOperator.And ? " && " : " || ";
        var code = new System.Text.StringBuilder("(").Append(Write(first));
        foreach (var operand in tail)
        {
            code.Append(separator).Append(Write(operand));
        }

        return code.Append(')').ToString();
    }

    /// <summary>A variable of a policy type as a <c>Runtime.TracedValue</c>; enum members by their contract code.</summary>
    public string TracedValue(string variable, PolicyType type, string claimType)
    {
        var traced = _names.Type("TracedValue");
        if (type.Kind != TypeKind.Enum)
        {
            return traced + ".Of(" + variable + ")";
        }

        var code = type.EnumName == BuiltIns.CoverageEnum
            ? _names.Type("DecisionWriter") + ".CoverageCode"
            : claimType + ".Code";
        return type.IsOptional
            ? traced + ".Code(" + variable + ".HasValue ? " + code + "(" + variable + ".GetValueOrDefault()) : null)"
            : traced + ".Code(" + code + "(" + variable + "))";
    }

    /// <summary>The expression as a whole statement's value: without the outer parentheses.</summary>
    public string WriteTopLevel(BoundExpression expression)
    {
        var code = Write(expression);
        return EnclosedInOneParenthesis(code) ? code.Substring(1, code.Length - 2) : code;
    }

    private static bool EnclosedInOneParenthesis(string code)
    {
        if (code.Length < 2 || code[0] != '(' || code[code.Length - 1] != ')')
        {
            return false;
        }

        // The opening parenthesis must close at the very end, not earlier as in "(a) && (b)".
        var depth = 0;
        var inString = false;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            if (c == '"')
            {
                inString = true;
            }
            else if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && --depth == 0 && i < code.Length - 1)
            {
                return false;
            }
        }

        return true;
    }

    private static string Operator(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Less => "<",
        ComparisonOperator.LessOrEqual => "<=",
        ComparisonOperator.Greater => ">",
        _ => ">=",
    };

    private string WriteEquality(Equality e)
    {
        if (!e.Left.Type.IsOptional && !e.Right.Type.IsOptional)
        {
            return "(" + Write(e.Left) + " == " + Write(e.Right) + ")";
        }

        if (e.Left.Type.Kind == TypeKind.Enum)
        {
            // Enums are not IEquatable, which Same needs: a member is matched as a constant
            // pattern (false when unknown), two values by their underlying numbers.
            if (e.Right is EnumLiteral right)
            {
                return "(" + Write(e.Left) + " is " + Literal(right) + ")";
            }

            if (e.Left is EnumLiteral left)
            {
                return "(" + Write(e.Right) + " is " + Literal(left) + ")";
            }

            return Values + ".Same<int>((int?)" + Write(e.Left) + ", (int?)" + Write(e.Right) + ")";
        }

        return Values + ".Same<" + TypeOf(e.Left.Type.AsRequired()) + ">(" + Write(e.Left) + ", " + Write(e.Right) + ")";
    }

    /// <summary>
    /// From now on, writes <paramref name="shift"/> (a month step of a fact or definition) as a read
    /// of <paramref name="variable"/>, a local that holds it, computed once per evaluation.
    /// </summary>
    public void Hoist(DateShift shift, string variable) => _hoisted[StepKey(shift)!] = variable;

    /// <summary>The steps written as a read of their local so far, by <see cref="StepKey"/>.</summary>
    public ISet<string> ReadSteps { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The step itself, for the local that holds it.</summary>
    public string WriteStep(DateShift shift) => WriteShiftCall(shift);

    /// <summary>What identifies a month step of a fact or a definition; null for any other expression.</summary>
    public static string? StepKey(BoundExpression expression) => expression switch
    {
        DateShift { Unit: DurationUnit.Months, Date: FactReference f } s => "fact " + f.Name + " " + s.Amount.ToString(CultureInfo.InvariantCulture),
        DateShift { Unit: DurationUnit.Months, Date: DefinitionReference d } s => "definition " + d.Name + " " + s.Amount.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    private string WriteShift(DateShift s)
    {
        if (StepKey(s) is { } key && _hoisted.TryGetValue(key, out var variable))
        {
            ReadSteps.Add(key);
            return Reading(variable);
        }

        return WriteShiftCall(s);
    }

    private bool IsHoisted(BoundExpression expression) => StepKey(expression) is { } key && _hoisted.ContainsKey(key);

    private string WriteShiftCall(DateShift s)
    {
        var method = s.Unit == DurationUnit.Months ? "AddMonths" : "AddDays";
        var access = s.Date.Type.IsOptional ? "?." : ".";
        return Atom(s.Date) + access + method + "(" + s.Amount.ToString(CultureInfo.InvariantCulture) + ")";
    }

    /// <summary>An operand for member access: references as they are, anything else in parentheses,
    /// so that <c>?.</c> chains and <c>.HasValue</c> apply to the whole value.</summary>
    private string Atom(BoundExpression expression) =>
        expression is FactReference or DefinitionReference or BoundLiteral or CoverageReference or Extremum
            or DateShift { Type.IsOptional: false }
            || IsHoisted(expression)
            ? Write(expression)
            : "(" + Write(expression) + ")";

    private string WriteExtremum(Extremum x)
    {
        var method = Values + (x.Kind == ExtremumKind.Earliest ? ".Earliest(" : ".Latest(");
        var code = Write(x.Arguments[x.Arguments.Count - 1]);
        for (var i = x.Arguments.Count - 2; i >= 0; i--)
        {
            code = method + Write(x.Arguments[i]) + ", " + code + ")";
        }

        return code;
    }

    private string Cast(PolicyType type, BoundExpression expression) =>
        type.IsOptional ? "(" + TypeOf(type) + ")" + Write(expression) : Write(expression);
}
