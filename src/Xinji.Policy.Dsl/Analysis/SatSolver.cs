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

    /// <summary>Order atoms set because the bounds of the others imply them: they add nothing to the theory's constraints.</summary>
    private readonly HashSet<Atom> _implied = new();
    private readonly AnalysisClock _clock;

    // Scratch collections of the walks below, cleared and reused rather than made anew: the walks
    // run once or more per search node over the whole formula, and on long exception chains
    // allocating them was about half the analysis's time (in the garbage collector). No walk runs
    // inside another, so one set of each is enough.
    private readonly Dictionary<Atom, bool> _forced = new();
    private readonly HashSet<(Formula, bool)> _required = new(FormulaRequirementComparer.Instance);
    private readonly Stack<(Formula Node, bool Required)> _requiredPending = new();
    private readonly List<(Formula Node, bool Required)> _choices = new();
    private readonly Dictionary<Formula, Formula> _substituted = new(ReferenceComparer.Instance);
    private readonly Dictionary<Formula, Formula> _negations = new(ReferenceComparer.Instance);
    private readonly Stack<(Formula Node, bool Ready)> _substitutePending = new();
    private readonly HashSet<Formula> _visited = new(ReferenceComparer.Instance);
    private readonly HashSet<LessOrEqualAtom> _openOrderAtoms = new();
    private readonly List<LessOrEqualAtom> _openOrderAtomList = new();
    private readonly Stack<Formula> _visitPending = new();
    private int _nodes;
    private bool _anyModel;

    /// <param name="defaults">Facts' default values as text ("true", an enum member).</param>
    public SatSolver(IReadOnlyDictionary<string, IReadOnlyList<string>> enumMembers, IReadOnlyDictionary<string, bool> numericIsDate, IReadOnlyDictionary<string, string> defaults, AnalysisClock? clock = null)
    {
        _enumMembers = enumMembers;
        _defaults = defaults;
        _clock = clock ?? AnalysisClock.Unlimited;
        _theory = new TheorySolver(numericIsDate, _clock);
    }

    /// <summary>A solver over a policy's facts.</summary>
    public static SatSolver For(Binding.BoundPolicy policy, AnalysisClock? clock = null)
    {
        var enums = policy.Enums.ToDictionary(e => e.Name, e => (IReadOnlyList<string>)e.Members.ToList(), StringComparer.Ordinal);
        return new SatSolver(
            policy.Facts.Where(f => f.Type.Kind == Binding.TypeKind.Enum).ToDictionary(f => f.Name, f => enums[f.Type.EnumName!], StringComparer.Ordinal),
            policy.Facts.Where(f => f.Type.Kind is Binding.TypeKind.Date or Binding.TypeKind.Int).ToDictionary(f => f.Name, f => f.Type.Kind == Binding.TypeKind.Date, StringComparer.Ordinal),
            policy.Facts.Where(f => f.Default is not null).ToDictionary(f => f.Name, f => Evaluation.PolicyInterpreter.Literal(f.Default!).ToString(), StringComparer.Ordinal),
            clock);
    }

    /// <param name="anyModel">
    /// Whether any model will do, as for a yes-or-no question: the search then splits a number's
    /// range in the middle of the bounds the formula compares it with, so a question about many
    /// bounds on one number (n clauses over visit counts) takes about log n levels, not n. Without
    /// it the search goes atom by atom in the formula's order, preferring the values a plain claim
    /// has, so the model shown in a finding is the plainest one.
    /// </param>
    public Model? Solve(Formula formula, bool anyModel = false)
    {
        _assignment.Clear();
        _enumValue.Clear();
        _implied.Clear();
        _nodes = 0;
        _anyModel = anyModel;
        return Search(formula, orderChanged: true);
    }

    private Model? Search(Formula formula, bool orderChanged)
    {
        if (++_nodes > NodeBudget)
        {
            throw new AnalysisBudgetException("the propositional search exceeded its budget");
        }

        _clock.Tick();

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

    /// <summary>
    /// Sets the literals the formula forces, and the order atoms the assigned ones imply, until
    /// none is left; false on a contradiction. <paramref name="orderChanged"/> is left true when
    /// order atoms were assigned since the theory last checked them.
    /// </summary>
    private bool Propagate(ref Formula formula, List<Atom> trail, ref bool orderChanged)
    {
        var theoryRounds = 0;
        while (true)
        {
            while (formula is not ConstantFormula)
            {
                var forced = _forced;
                forced.Clear();
                if (!Forced(formula, forced))
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

            if (formula == Formula.False || !EnumsConsistent())
            {
                return false;
            }

            if (!orderChanged || formula is ConstantFormula)
            {
                return true;
            }

            // When any model will do, one round of what the numbers imply per level: bounds that
            // each imply one more (a range covered value by value) would otherwise take a round,
            // and a walk over the formula, per value; splitting the range instead takes log n
            // levels. The order atoms left are checked together before the next decision.
            if (_anyModel && theoryRounds++ > 0)
            {
                return true;
            }

            // The order atoms assigned so far may decide others (visits >= 3 makes visits >= 1
            // true): set those too, so the search never branches on what the numbers already say.
            // They follow from the bounds just checked, so the theory need not check them again.
            var bounds = _theory.Relaxed(Constraints());
            if (bounds is null)
            {
                return false;
            }

            orderChanged = false;
            var implied = new List<KeyValuePair<Atom, bool>>();
            foreach (var atom in OpenOrderAtoms(formula))
            {
                if (bounds.Implied(atom) is { } value)
                {
                    implied.Add(new KeyValuePair<Atom, bool>(atom, value));
                }
            }

            if (implied.Count == 0)
            {
                return true;
            }

            foreach (var pair in implied)
            {
                Assign(pair.Key, pair.Value);
                trail.Add(pair.Key);
                if (_anyModel)
                {
                    // Left out of the constraints: the search below would otherwise hand the theory
                    // every bound a split implied, at every level. The model's numbers may differ,
                    // which is why the plainest witness never comes from here.
                    _implied.Add(pair.Key);
                }
            }

            formula = Substitute(formula);
        }
    }

    /// <summary>The order atoms still open in a formula, each once, in the order of a walk over it (a list reused by the next call).</summary>
    private List<LessOrEqualAtom> OpenOrderAtoms(Formula formula)
    {
        var seen = _visited;
        var atoms = _openOrderAtoms;
        var pending = _visitPending;
        var found = _openOrderAtomList;
        seen.Clear();
        atoms.Clear();
        pending.Clear();
        found.Clear();
        pending.Push(formula);
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            if (!seen.Add(next))
            {
                continue;
            }

            if (next is AtomFormula { Atom: LessOrEqualAtom order } && atoms.Add(order))
            {
                found.Add(order);
            }

            if (next is NotFormula negation)
            {
                pending.Push(negation.Operand);
                continue;
            }

            var operands = Operands(next);
            for (var i = 0; i < operands.Count; i++)
            {
                pending.Push(operands[i]);
            }
        }

        return found;
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

        var branch = (_anyModel ? MiddleBound(formula) : null) ?? FirstAtom(formula);
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

    /// <summary>
    /// The formula with the current assignment put in, constants folded; unchanged parts are
    /// shared. Without recursion, and once per shared part: definitions and exception chains make
    /// formulas deep, and a definition read twice is one subformula, not two.
    /// </summary>
    private Formula Substitute(Formula root)
    {
        var done = _substituted;
        done.Clear();

        // When any model will do, one negation per part: exceptions folded by the assignment turn
        // many parts into "not" of one part, and shared, the disjunctions over them shrink to one
        // operand (a chain split in the middle then keeps half of itself, not all of it).
        var negations = _anyModel ? _negations : null;
        negations?.Clear();
        var pending = _substitutePending;
        pending.Clear();
        pending.Push((root, false));
        while (pending.Count > 0)
        {
            var (node, ready) = pending.Pop();
            if (done.ContainsKey(node))
            {
                continue;
            }

            _clock.Tick();
            switch (node)
            {
                case AtomFormula a:
                    var value = Value(a.Atom);
                    done[node] = value is null ? node : value.Value ? Formula.True : Formula.False;
                    break;
                case NotFormula n when ready:
                    var inner = done[n.Operand];
                    done[node] = ReferenceEquals(inner, n.Operand) ? node : Negation(inner, negations);
                    break;
                case NotFormula n:
                    pending.Push((node, true));
                    pending.Push((n.Operand, false));
                    break;
                case AndFormula conjunction when ready:
                    done[node] = Rebuild(conjunction.Operands, node, done, Formula.And);
                    break;
                case OrFormula disjunction when ready:
                    done[node] = Rebuild(disjunction.Operands, node, done, Formula.Or);
                    break;
                case AndFormula or OrFormula:
                    pending.Push((node, true));
                    var operands = Operands(node);
                    for (var i = 0; i < operands.Count; i++)
                    {
                        if (!done.ContainsKey(operands[i]))
                        {
                            pending.Push((operands[i], false));
                        }
                    }

                    break;
                default:
                    done[node] = node;
                    break;
            }
        }

        return done[root];
    }

    /// <summary>
    /// Of the number compared with a constant by the most open atoms, the atom whose constant is
    /// the median; null when no number has three such atoms. Ties go to the first name in ordinal
    /// order, and equal constants keep the formula's order, so the choice is deterministic.
    /// </summary>
    private LessOrEqualAtom? MiddleBound(Formula formula)
    {
        var byVariable = new SortedDictionary<string, List<(long Bound, LessOrEqualAtom Atom)>>(StringComparer.Ordinal);
        foreach (var atom in OpenOrderAtoms(formula))
        {
            if (Bound(atom) is { } bound)
            {
                if (!byVariable.TryGetValue(bound.Variable, out var list))
                {
                    byVariable[bound.Variable] = list = new List<(long, LessOrEqualAtom)>();
                }

                list.Add((bound.Value, atom));
            }
        }

        List<(long Bound, LessOrEqualAtom Atom)>? widest = null;
        foreach (var list in byVariable.Values)
        {
            if (list.Count >= 3 && (widest is null || list.Count > widest.Count))
            {
                widest = list;
            }
        }

        return widest?.OrderBy(b => b.Bound).ElementAt(widest.Count / 2).Atom;
    }

    /// <summary>An atom comparing one number, moved by days, with a constant: the number and the constant it is compared with.</summary>
    private static (string Variable, long Value)? Bound(LessOrEqualAtom atom)
    {
        static long Days(Term term) => term.Steps.Sum(s => (long)s.Amount);

        if (atom.Left.HasMonths || atom.Right.HasMonths)
        {
            return null;
        }

        return (atom.Left.Variable, atom.Right.Variable) switch
        {
            ({ } left, null) => (left, atom.Right.Constant + Days(atom.Right) - Days(atom.Left)),
            (null, { } right) => (right, atom.Left.Constant + Days(atom.Left) - Days(atom.Right)),
            _ => null,
        };
    }

    private static Formula Negation(Formula operand, Dictionary<Formula, Formula>? negations)
    {
        if (negations is null || operand is ConstantFormula or NotFormula)
        {
            return Formula.Not(operand);
        }

        if (!negations.TryGetValue(operand, out var negation))
        {
            negations[operand] = negation = Formula.Not(operand);
        }

        return negation;
    }

    private static IReadOnlyList<Formula> Operands(Formula formula) => formula switch
    {
        AndFormula a => a.Operands,
        OrFormula o => o.Operands,
        _ => Array.Empty<Formula>(),
    };

    private static Formula Rebuild(IReadOnlyList<Formula> operands, Formula original, Dictionary<Formula, Formula> done, Func<IEnumerable<Formula>, Formula> combine)
    {
        Formula[]? changed = null;
        for (var i = 0; i < operands.Count; i++)
        {
            var next = done[operands[i]];
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

    private static Atom FirstAtom(Formula formula)
    {
        while (true)
        {
            switch (formula)
            {
                case AtomFormula a:
                    return a.Atom;
                case NotFormula n:
                    formula = n.Operand;
                    break;
                case AndFormula conjunction:
                    formula = conjunction.Operands[0];
                    break;
                case OrFormula disjunction:
                    formula = disjunction.Operands[0];
                    break;
                default:
                    throw new InvalidOperationException("A constant formula has no atom to branch on.");
            }
        }
    }

    /// <summary>
    /// Collects the literals a formula forces when it must be true; false when it forces an atom
    /// both ways. The formula has no constants or assigned atoms left in it. Each shared part is
    /// visited once per required value, without recursion. Requirements are kept per part, not
    /// only per atom: a part required both ways is a contradiction, a disjunction required true
    /// whose operands but one are required false requires that one (and none left is a
    /// contradiction), and so for a conjunction required false. That settles, without
    /// branching, "some exception applies" against "no exception is in force" over the same parts.
    /// </summary>
    private bool Forced(Formula formula, Dictionary<Atom, bool> forced)
    {
        var seen = _required;
        var pending = _requiredPending;
        var choices = _choices;
        seen.Clear();
        pending.Clear();
        choices.Clear();
        pending.Push((formula, true));
        while (true)
        {
            while (pending.Count > 0)
            {
                var (node, required) = pending.Pop();
                if (!seen.Add((node, required)))
                {
                    continue;
                }

                if (seen.Contains((node, !required)))
                {
                    return false;
                }

                switch (node)
                {
                    case AtomFormula a:
                        if (forced.TryGetValue(a.Atom, out var existing))
                        {
                            if (existing != required)
                            {
                                return false;
                            }
                        }
                        else
                        {
                            forced[a.Atom] = required;
                        }

                        break;
                    case NotFormula n:
                        pending.Push((n.Operand, !required));
                        break;
                    case AndFormula conjunction when required:
                        for (var i = 0; i < conjunction.Operands.Count; i++)
                        {
                            pending.Push((conjunction.Operands[i], true));
                        }

                        break;
                    case OrFormula disjunction when !required:
                        for (var i = 0; i < disjunction.Operands.Count; i++)
                        {
                            pending.Push((disjunction.Operands[i], false));
                        }

                        break;
                    case AndFormula or OrFormula:
                        choices.Add((node, required));
                        break;
                }
            }

            // Each choice needs one operand at the value it is required to have (true for a
            // disjunction, false for a conjunction); operands required the other way are out.
            var progressed = false;
            foreach (var (node, required) in choices)
            {
                Formula? open = null;
                var openCount = 0;
                var met = false;
                var operands = Operands(node);
                for (var i = 0; i < operands.Count; i++)
                {
                    var operand = operands[i];
                    if (Required(seen, operand, required))
                    {
                        met = true;
                        break;
                    }

                    if (!Required(seen, operand, !required))
                    {
                        open = operand;
                        if (++openCount > 1)
                        {
                            break;
                        }
                    }
                }

                if (met || openCount > 1)
                {
                    continue;
                }

                if (openCount == 0)
                {
                    return false;
                }

                pending.Push((open!, required));
                progressed = true;
            }

            if (!progressed)
            {
                return true;
            }
        }
    }

    /// <summary>Whether a part is already required to have a value, reading through a negation.</summary>
    private static bool Required(HashSet<(Formula, bool)> seen, Formula node, bool value) =>
        seen.Contains((node, value)) || (node is NotFormula n && seen.Contains((n.Operand, !value)));

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
        _implied.Remove(atom);
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

    /// <summary>
    /// The order constraints the assigned atoms state, leaving out facts assigned unknown, and
    /// the implied atoms while no fact is unknown: the others imply them then, but an implied
    /// atom may have followed from a bound on a fact that is now left out.
    /// </summary>
    private List<OrderConstraint> Constraints()
    {
        var unknown = new HashSet<string>(
            _assignment.Where(p => p.Key is KnownAtom && !p.Value).Select(p => ((KnownAtom)p.Key).Fact),
            StringComparer.Ordinal);
        var constraints = new List<OrderConstraint>();
        foreach (var pair in _assignment)
        {
            if (pair.Key is not LessOrEqualAtom atom
                || (unknown.Count == 0 && _implied.Contains(atom))
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

/// <summary>Formulas by identity: a shared subformula is one node, and comparing records deeply would cost what the sharing saves.</summary>
internal sealed class ReferenceComparer : IEqualityComparer<Formula>
{
    public static readonly ReferenceComparer Instance = new();

    public bool Equals(Formula? x, Formula? y) => ReferenceEquals(x, y);

    public int GetHashCode(Formula obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
}

/// <summary>A formula by identity with a required value.</summary>
internal sealed class FormulaRequirementComparer : IEqualityComparer<(Formula Node, bool Required)>
{
    public static readonly FormulaRequirementComparer Instance = new();

    public bool Equals((Formula Node, bool Required) x, (Formula Node, bool Required) y) => ReferenceEquals(x.Node, y.Node) && x.Required == y.Required;

    public int GetHashCode((Formula Node, bool Required) obj) => (System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Node) * 2) + (obj.Required ? 1 : 0);
}
