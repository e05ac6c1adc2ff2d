using System;
using System.Collections.Generic;
using System.Linq;

namespace Xinji.Policy.Dsl.Analysis;

/// <summary>A satisfying assignment: the atoms the search fixed and values for the numeric facts they constrain.</summary>
public sealed record Model(IReadOnlyDictionary<Atom, bool> Atoms, IReadOnlyDictionary<string, int> Numbers);

/// <summary>
/// DPLL over the atoms of a formula with a theory check at every node: enum facts take one
/// value, and the order atoms must be satisfiable together (<see cref="TheorySolver"/>). The
/// search branches only on atoms that can still change the formula's value, and stops at the
/// first assignment under which the formula is true whatever the other atoms are.
/// </summary>
internal sealed class SatSolver
{
    private const int NodeBudget = 2_000_000;

    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _enumMembers;
    private readonly TheorySolver _theory;
    private readonly Dictionary<Atom, bool> _assignment = new();
    private readonly Dictionary<Formula, (bool? Value, Atom? Branch)> _values = new(ReferenceComparer.Instance);
    private int _nodes;

    private readonly IReadOnlyDictionary<string, string> _defaults;

    /// <param name="defaults">Facts' default values as text ("true", an enum member).</param>
    public SatSolver(IReadOnlyDictionary<string, IReadOnlyList<string>> enumMembers, IReadOnlyDictionary<string, bool> numericIsDate, IReadOnlyDictionary<string, string> defaults)
    {
        _enumMembers = enumMembers;
        _defaults = defaults;
        _theory = new TheorySolver(numericIsDate);
    }

    public Model? Solve(Formula formula)
    {
        _values.Clear();
        _assignment.Clear();
        _nodes = 0;
        return Search(formula);
    }

    private Model? Search(Formula formula, bool orderChanged = true)
    {
        if (++_nodes > NodeBudget)
        {
            throw new AnalysisBudgetException("the propositional search exceeded its budget");
        }

        // Propagate: literals the formula forces (under the conjunctions that must hold) are set
        // without branching, until nothing more is forced.
        var trail = new List<Atom>();
        bool? value;
        Atom? branch;
        while (true)
        {
            (value, branch) = Evaluate(formula);
            if (value is not null)
            {
                break;
            }

            var forced = new Dictionary<Atom, bool>();
            if (!Forced(formula, true, forced))
            {
                value = false;
                break;
            }

            if (forced.Count == 0)
            {
                break;
            }

            _values.Clear();
            foreach (var pair in forced)
            {
                _assignment[pair.Key] = pair.Value;
                trail.Add(pair.Key);
                orderChanged |= pair.Key is LessOrEqualAtom;
            }
        }

        var model = value == false || !EnumsConsistent() ? null : Decide(formula, value, branch, orderChanged);
        if (model is null && trail.Count > 0)
        {
            _values.Clear();
            foreach (var atom in trail)
            {
                _assignment.Remove(atom);
            }
        }

        return model;
    }

    private Model? Decide(Formula formula, bool? value, Atom? branch, bool orderChanged)
    {
        // The order atoms are checked together only when one of them changed since the last check.
        var constraints = orderChanged || value == true ? Constraints() : null;
        if (orderChanged && !_theory.MayHold(constraints!))
        {
            return null;
        }

        if (value == true)
        {
            var numbers = _theory.Solve(constraints!);
            return numbers is null ? null : new Model(new Dictionary<Atom, bool>(_assignment), numbers);
        }

        foreach (var choice in Preferred(branch!))
        {
            _values.Clear();
            _assignment[branch!] = choice;
            var model = Search(formula, branch is LessOrEqualAtom);
            if (model is not null)
            {
                return model;
            }
        }

        _values.Clear();
        _assignment.Remove(branch!);
        return null;
    }

    /// <summary>
    /// Collects the unassigned literals a subformula forces when it must have the given value;
    /// false when it forces an atom both ways.
    /// </summary>
    private bool Forced(Formula formula, bool required, Dictionary<Atom, bool> forced)
    {
        switch (formula)
        {
            case AtomFormula a when !_assignment.ContainsKey(a.Atom):
                if (forced.TryGetValue(a.Atom, out var existing))
                {
                    return existing == required;
                }

                forced[a.Atom] = required;
                return true;
            case NotFormula n:
                return Forced(n.Operand, !required, forced);
            case AndFormula conjunction when required:
                return conjunction.Operands.All(o => Evaluate(o).Value == true || Forced(o, true, forced));
            case OrFormula disjunction when !required:
                return disjunction.Operands.All(o => Evaluate(o).Value == false || Forced(o, false, forced));
            case OrFormula disjunction when required:
            {
                // One undecided operand left: it must hold.
                var open = disjunction.Operands.Where(o => Evaluate(o).Value is null).Take(2).ToList();
                return open.Count != 1 || disjunction.Operands.Any(o => Evaluate(o).Value == true) || Forced(open[0], true, forced);
            }

            case AndFormula conjunction when !required:
            {
                var open = conjunction.Operands.Where(o => Evaluate(o).Value is null).Take(2).ToList();
                return open.Count != 1 || conjunction.Operands.Any(o => Evaluate(o).Value == false) || Forced(open[0], false, forced);
            }

            default:
                return true;
        }
    }

    /// <summary>
    /// Which value to try first: the one a plain claim has (a fact at its default, an optional
    /// fact unknown), so the first witness found shows only what matters.
    /// </summary>
    private IEnumerable<bool> Preferred(Atom atom)
    {
        var first = atom switch
        {
            BoolAtom b => _defaults.TryGetValue(b.Fact, out var d) && d == "true",
            EnumAtom e => _defaults.TryGetValue(e.Fact, out var d) && d == e.Member,
            KnownAtom => false,
            _ => true,
        };
        return new[] { first, !first };
    }

    /// <summary>Three-valued evaluation (null: not decided yet) and the first atom that could decide it,
    /// memoised until the assignment changes.</summary>
    private (bool? Value, Atom? Branch) Evaluate(Formula formula)
    {
        if (formula is ConstantFormula or AtomFormula)
        {
            return Compute(formula);
        }

        if (!_values.TryGetValue(formula, out var result))
        {
            result = Compute(formula);
            _values[formula] = result;
        }

        return result;
    }

    private (bool? Value, Atom? Branch) Compute(Formula formula)
    {
        switch (formula)
        {
            case ConstantFormula c:
                return (c.Value, null);
            case AtomFormula a:
                return _assignment.TryGetValue(a.Atom, out var assigned) ? (assigned, null) : (null, a.Atom);
            case NotFormula n:
            {
                var (value, branch) = Evaluate(n.Operand);
                return (value is null ? null : !value, branch);
            }

            case AndFormula and:
            {
                Atom? first = null;
                var undecided = false;
                foreach (var operand in and.Operands)
                {
                    var (value, branch) = Evaluate(operand);
                    if (value == false)
                    {
                        return (false, null);
                    }

                    if (value is null)
                    {
                        undecided = true;
                        first ??= branch;
                    }
                }

                return undecided ? (null, first) : (true, null);
            }

            case OrFormula or:
            {
                Atom? first = null;
                var undecided = false;
                foreach (var operand in or.Operands)
                {
                    var (value, branch) = Evaluate(operand);
                    if (value == true)
                    {
                        return (true, null);
                    }

                    if (value is null)
                    {
                        undecided = true;
                        first ??= branch;
                    }
                }

                return undecided ? (null, first) : (false, null);
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(formula));
        }
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
    private IReadOnlyList<OrderConstraint> Constraints()
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

/// <summary>Formulas are compared by reference for memoisation: the same node, not an equal one.</summary>
internal sealed class ReferenceComparer : IEqualityComparer<Formula>
{
    public static readonly ReferenceComparer Instance = new();

    public bool Equals(Formula? x, Formula? y) => ReferenceEquals(x, y);

    public int GetHashCode(Formula obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
}
