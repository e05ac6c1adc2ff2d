using System;
using System.Collections.Generic;
using System.Linq;

namespace Xinji.Policy.Dsl.Analysis;

/// <summary>A step of a date term: calendar months (clamped to the month's end) or days.</summary>
public readonly record struct TermStep(bool Months, int Amount);

/// <summary>
/// A date or int term: a variable (a fact) or a constant, then steps. Dates are day numbers;
/// an int term uses day steps as plain additions. Month steps make the term's offset from its
/// base depend on the calendar; the theory solver handles that exactly.
/// </summary>
public sealed record Term(string? Variable, int Constant, IReadOnlyList<TermStep> Steps)
{
    // Hashed once: atoms are dictionary keys at every level of the search.
    private readonly int _hash = Hash(Variable, Constant, Steps);

    /// <summary>Private, so no <c>with</c> copies the hash of other values.</summary>
    private Term(Term original)
    {
        Variable = original.Variable;
        Constant = original.Constant;
        Steps = original.Steps;
        _hash = original._hash;
    }

    public static Term Var(string name) => new(name, 0, Array.Empty<TermStep>());

    public static Term Const(int value) => new(null, value, Array.Empty<TermStep>());

    public bool HasMonths => Steps.Any(s => s.Months);

    /// <summary>This term moved by one more step; consecutive day steps merge.</summary>
    public Term Then(TermStep step)
    {
        if (step.Amount == 0)
        {
            return this;
        }

        var steps = Steps.ToList();
        if (!step.Months && steps.Count > 0 && !steps[steps.Count - 1].Months)
        {
            var merged = steps[steps.Count - 1].Amount + step.Amount;
            steps.RemoveAt(steps.Count - 1);
            if (merged != 0)
            {
                steps.Add(new TermStep(false, merged));
            }
        }
        else if (!step.Months && steps.Count == 0 && Variable is null)
        {
            return new Term(null, Constant + step.Amount, steps);
        }
        else
        {
            steps.Add(step);
        }

        return new Term(Variable, Constant, steps);
    }

    public bool Equals(Term? other) =>
        other is not null && Variable == other.Variable && Constant == other.Constant && Steps.SequenceEqual(other.Steps);

    public override int GetHashCode() => _hash;

    private static int Hash(string? variable, int constant, IReadOnlyList<TermStep> steps) =>
        steps.Aggregate(((variable?.GetHashCode() ?? 0) * 31) ^ constant, (h, s) => (h * 31) ^ s.GetHashCode());

    public override string ToString() =>
        (Variable ?? Constant.ToString(System.Globalization.CultureInfo.InvariantCulture))
        + string.Concat(Steps.Select(s => (s.Amount >= 0 ? " + " : " - ") + Math.Abs(s.Amount) + (s.Months ? " months" : " days")));
}

/// <summary>The propositions formulas are built from.</summary>
public abstract record Atom;

/// <summary>A bool fact is true.</summary>
public sealed record BoolAtom(string Fact) : Atom;

/// <summary>An enum fact has this value.</summary>
public sealed record EnumAtom(string Fact, string Member) : Atom;

/// <summary>An optional fact is given.</summary>
public sealed record KnownAtom(string Fact) : Atom;

/// <summary><c>Left &lt;= Right</c> over date or int terms (<c>a &lt; b</c> is <c>a + 1 &lt;= b</c>).</summary>
public sealed record LessOrEqualAtom(Term Left, Term Right, bool IsDate) : Atom
{
    // Hashed once, as terms are: the search looks order atoms up in its assignment at every step.
    private readonly int _hash = (((Left.GetHashCode() * 31) ^ Right.GetHashCode()) * 2) + (IsDate ? 1 : 0);

    /// <summary>Private, so no <c>with</c> copies the hash of other values.</summary>
    private LessOrEqualAtom(LessOrEqualAtom original)
        : base(original)
    {
        Left = original.Left;
        Right = original.Right;
        IsDate = original.IsDate;
        _hash = original._hash;
    }

    public bool Equals(LessOrEqualAtom? other) =>
        other is not null && _hash == other._hash && IsDate == other.IsDate && Left.Equals(other.Left) && Right.Equals(other.Right);

    public override int GetHashCode() => _hash;
}

/// <summary>A propositional formula over atoms, with constant folding in the constructors.</summary>
public abstract record Formula
{
    public static readonly Formula True = new ConstantFormula(true);
    public static readonly Formula False = new ConstantFormula(false);

    public static Formula Of(Atom atom) => new AtomFormula(atom);

    /// <summary>The direct subformulas, in order: what a walk over a formula pushes next.</summary>
    public IReadOnlyList<Formula> Subformulas() => this switch
    {
        NotFormula n => new[] { n.Operand },
        AndFormula a => a.Operands,
        OrFormula o => o.Operands,
        _ => System.Array.Empty<Formula>(),
    };

    public static Formula Not(Formula operand) => operand switch
    {
        ConstantFormula c => c.Value ? False : True,
        NotFormula n => n.Operand,
        _ => new NotFormula(operand),
    };

    public static Formula And(params Formula[] operands) => And((IEnumerable<Formula>)operands);

    public static Formula And(IEnumerable<Formula> operands)
    {
        var list = new List<Formula>();
        foreach (var operand in operands)
        {
            if (operand == False)
            {
                return False;
            }

            if (operand == True)
            {
                continue;
            }

            if (operand is AndFormula and)
            {
                list.AddRange(and.Operands);
            }
            else
            {
                list.Add(operand);
            }
        }

        if (!Distinct(list))
        {
            return False;
        }

        return list.Count switch
        {
            0 => True,
            1 => list[0],
            _ => new AndFormula(list),
        };
    }

    public static Formula Or(params Formula[] operands) => Or((IEnumerable<Formula>)operands);

    public static Formula Or(IEnumerable<Formula> operands)
    {
        var list = new List<Formula>();
        foreach (var operand in operands)
        {
            if (operand == True)
            {
                return True;
            }

            if (operand == False)
            {
                continue;
            }

            if (operand is OrFormula or)
            {
                list.AddRange(or.Operands);
            }
            else
            {
                list.Add(operand);
            }
        }

        if (!Distinct(list))
        {
            return True;
        }

        return list.Count switch
        {
            0 => False,
            1 => list[0],
            _ => new OrFormula(list),
        };
    }

    /// <summary>
    /// Drops repeated operands (the same node twice) and says false when an operand and its
    /// negation are both there: then a conjunction is false and a disjunction true. By identity,
    /// so it costs a pass; the encoder shares equal subformulas, so identity finds them. It is
    /// what keeps <c>x and not x</c>, and a definition whose branches end alike
    /// (<c>if b then d + 1 day else d + 1 day</c>), from reaching the search at all.
    /// </summary>
    private static bool Distinct(List<Formula> operands)
    {
        if (operands.Count < 2)
        {
            return true;
        }

        if (operands.Count <= 8)
        {
            // Few operands, as most are: compare each pair rather than build a set.
            for (var i = operands.Count - 1; i > 0; i--)
            {
                for (var j = 0; j < i; j++)
                {
                    if (ReferenceEquals(operands[i], operands[j]))
                    {
                        operands.RemoveAt(i);
                        break;
                    }
                }
            }

            foreach (var operand in operands)
            {
                if (operand is NotFormula n)
                {
                    foreach (var other in operands)
                    {
                        if (ReferenceEquals(other, n.Operand))
                        {
                            return false;
                        }
                    }
                }
            }

            return true;
        }

        var seen = new HashSet<Formula>(ReferenceComparer.Instance);
        var write = 0;
        for (var i = 0; i < operands.Count; i++)
        {
            if (seen.Add(operands[i]))
            {
                operands[write++] = operands[i];
            }
        }

        operands.RemoveRange(write, operands.Count - write);
        foreach (var operand in operands)
        {
            if (operand is NotFormula n && seen.Contains(n.Operand))
            {
                return false;
            }
        }

        return true;
    }
}

public sealed record ConstantFormula(bool Value) : Formula;

public sealed record AtomFormula(Atom Atom) : Formula;

public sealed record NotFormula(Formula Operand) : Formula;

public sealed record AndFormula(IReadOnlyList<Formula> Operands) : Formula;

public sealed record OrFormula(IReadOnlyList<Formula> Operands) : Formula;
