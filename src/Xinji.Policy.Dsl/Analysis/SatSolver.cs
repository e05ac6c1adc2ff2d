using System;
using System.Collections.Generic;
using System.Linq;

namespace Xinji.Policy.Dsl.Analysis;

/// <summary>A satisfying assignment: the atoms the search fixed and values for the numeric facts they constrain.</summary>
public sealed record Model(IReadOnlyDictionary<Atom, bool> Atoms, IReadOnlyDictionary<string, int> Numbers);

/// <summary>
/// DPLL over the atoms of a formula with a theory check: enum facts take one value, and the
/// order atoms must be satisfiable together (<see cref="TheorySolver"/>). Each assignment is
/// substituted into the formula, which shrinks as the search goes down (choosing an enum value
/// drops every subformula about the other values); literals the formula forces are set without
/// branching; and the search stops at the first assignment that makes the formula true whatever
/// the remaining atoms are.
/// </summary>
internal sealed class SatSolver
{
    private const int NodeBudget = 2_000_000;

    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _enumMembers;
    private readonly IReadOnlyDictionary<string, string> _defaults;
    private readonly TheorySolver _theory;
    private readonly Dictionary<Atom, bool> _assignment = new();
    private readonly Dictionary<string, string> _enumValue = new(StringComparer.Ordinal);
    private int _nodes;

    /// <param name="defaults">Facts' default values as text ("true", an enum member).</param>
    public SatSolver(IReadOnlyDictionary<string, IReadOnlyList<string>> enumMembers, IReadOnlyDictionary<string, bool> numericIsDate, IReadOnlyDictionary<string, string> defaults)
    {
        _enumMembers = enumMembers;
        _defaults = defaults;
        _theory = new TheorySolver(numericIsDate);
    }

    /// <summary>A solver over a policy's facts.</summary>
    public static SatSolver For(Binding.BoundPolicy policy)
    {
        var enums = policy.Enums.ToDictionary(e => e.Name, e => (IReadOnlyList<string>)e.Members.ToList(), StringComparer.Ordinal);
        return new SatSolver(
            policy.Facts.Where(f => f.Type.Kind == Binding.TypeKind.Enum).ToDictionary(f => f.Name, f => enums[f.Type.EnumName!], StringComparer.Ordinal),
            policy.Facts.Where(f => f.Type.Kind is Binding.TypeKind.Date or Binding.TypeKind.Int).ToDictionary(f => f.Name, f => f.Type.Kind == Binding.TypeKind.Date, StringComparer.Ordinal),
            policy.Facts.Where(f => f.Default is not null).ToDictionary(f => f.Name, f => Evaluation.PolicyInterpreter.Literal(f.Default!).ToString(), StringComparer.Ordinal));
    }

    public Model? Solve(Formula formula)
    {
        _assignment.Clear();
        _enumValue.Clear();
        _nodes = 0;
        return Search(formula, orderChanged: true);
    }

    private Model? Search(Formula formula, bool orderChanged)
    {
        if (++_nodes > NodeBudget)
        {
            throw new AnalysisBudgetException("the propositional search exceeded its budget");
        }

        var trail = new List<Atom>();
        var model = Propagate(ref formula, trail, ref orderChanged) ? Decide(formula, orderChanged) : null;
        if (model is null)
        {
            foreach (var atom in trail)
            {
                Unassign(atom);
            }
        }

        return model;
    }

    /// <summary>Sets the literals the formula forces until none is left; false on a contradiction.</summary>
    private bool Propagate(ref Formula formula, List<Atom> trail, ref bool orderChanged)
    {
        while (formula is not ConstantFormula)
        {
            var forced = new Dictionary<Atom, bool>();
            if (!Forced(formula, true, forced))
            {
                return false;
            }

            if (forced.Count == 0)
            {
                break;
            }

            foreach (var pair in forced)
            {
                Assign(pair.Key, pair.Value);
                trail.Add(pair.Key);
                orderChanged |= pair.Key is LessOrEqualAtom;
            }

            formula = Substitute(formula);
        }

        return formula != Formula.False && EnumsConsistent();
    }

    private Model? Decide(Formula formula, bool orderChanged)
    {
        // The order atoms are checked together only when one of them changed since the last check.
        var constraints = orderChanged || formula == Formula.True ? Constraints() : null;
        if (orderChanged && !_theory.MayHold(constraints!))
        {
            return null;
        }

        if (formula == Formula.True)
        {
            var numbers = _theory.Solve(constraints!);
            return numbers is null ? null : new Model(new Dictionary<Atom, bool>(_assignment), numbers);
        }

        var branch = FirstAtom(formula);
        foreach (var choice in Preferred(branch))
        {
            Assign(branch, choice);
            var model = Search(Substitute(formula), branch is LessOrEqualAtom);
            if (model is not null)
            {
                return model;
            }

            Unassign(branch);
        }

        return null;
    }

    /// <summary>The formula with the current assignment put in, constants folded; unchanged parts are shared.</summary>
    private Formula Substitute(Formula formula)
    {
        switch (formula)
        {
            case AtomFormula a:
                var value = Value(a.Atom);
                return value is null ? formula : value.Value ? Formula.True : Formula.False;
            case NotFormula n:
                var operand = Substitute(n.Operand);
                return ReferenceEquals(operand, n.Operand) ? formula : Formula.Not(operand);
            case AndFormula conjunction:
                return Rebuild(conjunction.Operands, formula, Formula.And);
            case OrFormula disjunction:
                return Rebuild(disjunction.Operands, formula, Formula.Or);
            default:
                return formula;
        }
    }

    private Formula Rebuild(IReadOnlyList<Formula> operands, Formula original, Func<IEnumerable<Formula>, Formula> combine)
    {
        Formula[]? changed = null;
        for (var i = 0; i < operands.Count; i++)
        {
            var next = Substitute(operands[i]);
            if (!ReferenceEquals(next, operands[i]) && changed is null)
            {
                changed = new Formula[operands.Count];
                for (var j = 0; j < i; j++)
                {
                    changed[j] = operands[j];
                }
            }

            if (changed is not null)
            {
                changed[i] = next;
            }
        }

        return changed is null ? original : combine(changed);
    }

    private bool? Value(Atom atom)
    {
        if (_assignment.TryGetValue(atom, out var assigned))
        {
            return assigned;
        }

        return atom is EnumAtom e && _enumValue.TryGetValue(e.Fact, out var member) ? member == e.Member : null;
    }

    private static Atom FirstAtom(Formula formula) => formula switch
    {
        AtomFormula a => a.Atom,
        NotFormula n => FirstAtom(n.Operand),
        AndFormula conjunction => FirstAtom(conjunction.Operands[0]),
        OrFormula disjunction => FirstAtom(disjunction.Operands[0]),
        _ => throw new InvalidOperationException("A constant formula has no atom to branch on."),
    };

    /// <summary>
    /// Collects the literals a formula forces when it must have the given value; false when it
    /// forces an atom both ways. The formula has no constants or assigned atoms left in it.
    /// </summary>
    private static bool Forced(Formula formula, bool required, Dictionary<Atom, bool> forced)
    {
        switch (formula)
        {
            case AtomFormula a:
                if (forced.TryGetValue(a.Atom, out var existing))
                {
                    return existing == required;
                }

                forced[a.Atom] = required;
                return true;
            case NotFormula n:
                return Forced(n.Operand, !required, forced);
            case AndFormula conjunction when required:
                return conjunction.Operands.All(o => Forced(o, true, forced));
            case OrFormula disjunction when !required:
                return disjunction.Operands.All(o => Forced(o, false, forced));
            default:
                return true;
        }
    }

    /// <summary>
    /// Which value to try first: the one a plain claim has (a fact at its default, an optional
    /// fact unknown), so the first witness found shows only what matters. An enum value without
    /// a default is tried as chosen first: choosing it settles every other value of the fact.
    /// </summary>
    private bool[] Preferred(Atom atom)
    {
        var first = atom switch
        {
            BoolAtom b => _defaults.TryGetValue(b.Fact, out var d) && d == "true",
            EnumAtom e => !_defaults.TryGetValue(e.Fact, out var d) || d == e.Member,
            KnownAtom => false,
            _ => true,
        };
        return new[] { first, !first };
    }

    private void Assign(Atom atom, bool value)
    {
        _assignment[atom] = value;
        if (value && atom is EnumAtom e && !_enumValue.ContainsKey(e.Fact))
        {
            _enumValue[e.Fact] = e.Member;
        }
    }

    private void Unassign(Atom atom)
    {
        if (_assignment.TryGetValue(atom, out var value) && value && atom is EnumAtom e
            && _enumValue.TryGetValue(e.Fact, out var member) && member == e.Member)
        {
            _enumValue.Remove(e.Fact);
        }

        _assignment.Remove(atom);
    }

    private bool EnumsConsistent()
    {
        var trueCount = new Dictionary<string, int>(StringComparer.Ordinal);
        var falseCount = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var pair in _assignment)
        {
            if (pair.Key is EnumAtom e)
            {
                var counts = pair.Value ? trueCount : falseCount;
                counts[e.Fact] = counts.TryGetValue(e.Fact, out var n) ? n + 1 : 1;
            }
        }

        return trueCount.Values.All(n => n <= 1)
            && falseCount.All(p => p.Value < _enumMembers[p.Key].Count);
    }

    /// <summary>The order constraints the assigned atoms state, leaving out facts assigned unknown.</summary>
    private List<OrderConstraint> Constraints()
    {
        var unknown = new HashSet<string>(
            _assignment.Where(p => p.Key is KnownAtom && !p.Value).Select(p => ((KnownAtom)p.Key).Fact),
            StringComparer.Ordinal);
        var constraints = new List<OrderConstraint>();
        foreach (var pair in _assignment)
        {
            if (pair.Key is not LessOrEqualAtom atom
                || (atom.Left.Variable is { } l && unknown.Contains(l))
                || (atom.Right.Variable is { } r && unknown.Contains(r)))
            {
                continue;
            }

            // not (a <= b) is b + 1 <= a: the values are whole days or whole numbers.
            constraints.Add(pair.Value
                ? new OrderConstraint(atom.Left, atom.Right, atom.IsDate)
                : new OrderConstraint(atom.Right.Then(new TermStep(false, 1)), atom.Left, atom.IsDate));
        }

        return constraints;
    }
}
