using System;
using System.Collections.Generic;
using Xinji.Policy.Dsl.Evaluation;

namespace Xinji.Policy.Dsl.Analysis;

/// <summary>
/// Valid claims the search has already found. A question that only asks whether some valid claim
/// has one clause in force and others not is answered by such a claim without a search: the claim
/// proves it. On an exception chain most "does it take effect" and "is it covered" questions are
/// answered so, and they are the ones whose search walks the whole chain. Only yes answers come
/// from here; a no is always the solver's.
/// </summary>
/// <remarks>
/// Whether a clause is in force for a claim is its encoded formula evaluated on the claim's facts,
/// three-valued: an atom the facts do not settle (an unknown fact, a variable of the encoder's own)
/// leaves a part unknown, and an unknown answer proves nothing. Each claim keeps its answer per
/// clause, so a chain of exceptions is evaluated once per claim, not once per clause.
/// </remarks>
internal sealed class ClaimBook
{
    /// <summary>Claims indexed per clause in force: enough for the questions that follow, few enough to scan.</summary>
    private const int PerClause = 4;

    /// <summary>The latest claims, tried for a clause no claim is known to have in force.</summary>
    private const int Recent = 4;

    /// <summary>Claims kept in all, so a huge policy's book stays small.</summary>
    private const int Capacity = 1024;

    private const sbyte NotEvaluated = 0;
    private const sbyte InForce = 1;
    private const sbyte NotInForce = 2;
    private const sbyte Unsettled = 3;

    private readonly int _clauses;
    private readonly Func<int, Formula?> _formula;
    private readonly List<Claim> _claims = new();
    private readonly List<Claim>?[] _byClause;
    private readonly Dictionary<Formula, int> _clauseOf = new(ReferenceComparer.Instance);
    private readonly Formula?[] _formulas;
    private readonly Dictionary<Formula, bool?> _done = new(ReferenceComparer.Instance);
    private readonly Stack<Frame> _frames = new();
    private bool _mapped;

    /// <param name="clauses">The number of clauses.</param>
    /// <param name="formula">A clause's "in force" formula by index; null when it cannot be encoded.</param>
    public ClaimBook(int clauses, Func<int, Formula?> formula)
    {
        _clauses = clauses;
        _formula = formula;
        _byClause = new List<Claim>?[clauses];
        _formulas = new Formula?[clauses];
    }

    private sealed class Claim
    {
        public Claim(IReadOnlyDictionary<string, PolicyValue> facts, int clauses)
        {
            Facts = facts;
            Results = new sbyte[clauses];
        }

        public IReadOnlyDictionary<string, PolicyValue> Facts { get; }

        /// <summary>Per clause: not evaluated yet, in force, not in force, or not settled by the facts.</summary>
        public sbyte[] Results { get; }
    }

    /// <summary>Records a valid claim.</summary>
    public void Add(IReadOnlyDictionary<string, PolicyValue> facts)
    {
        if (_claims.Count < Capacity)
        {
            _claims.Add(new Claim(facts, _clauses));
        }
    }

    /// <summary>Whether a recorded claim has the clause in force.</summary>
    public bool InForceSomewhere(int clause)
    {
        if (_byClause[clause] is { Count: > 0 })
        {
            return true;
        }

        for (var i = _claims.Count - 1; i >= 0 && i >= _claims.Count - Recent; i--)
        {
            if (Result(_claims[i], clause) == InForce)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a recorded claim has <paramref name="inForce"/> in force and none of <paramref name="notInForce"/>.</summary>
    public bool Shows(int inForce, IReadOnlyList<int> notInForce)
    {
        if (!InForceSomewhere(inForce))
        {
            return false;
        }

        foreach (var claim in _byClause[inForce]!)
        {
            var shows = true;
            foreach (var other in notInForce)
            {
                if (Result(claim, other) != NotInForce)
                {
                    shows = false;
                    break;
                }
            }

            if (shows)
            {
                return true;
            }
        }

        return false;
    }

    private sbyte Result(Claim claim, int clause)
    {
        if (claim.Results[clause] == NotEvaluated)
        {
            MapClauses();
            var formula = _formulas[clause];
            var value = formula is null ? null : Shallow(claim, formula, ShallowDepth, out var settled) is var shallow && settled ? shallow : Evaluate(claim, formula);
            claim.Results[clause] = value switch { true => InForce, false => NotInForce, _ => Unsettled };
        }

        var result = claim.Results[clause];
        if (result == InForce)
        {
            var list = _byClause[clause] ??= new List<Claim>(PerClause);
            if (list.Count < PerClause && !list.Contains(claim))
            {
                list.Add(claim);
            }
        }

        return result;
    }

    /// <summary>Which formula is which clause's, so evaluating one clause reuses what is known of those it reads.</summary>
    private void MapClauses()
    {
        if (_mapped)
        {
            return;
        }

        _mapped = true;
        for (var i = 0; i < _clauses; i++)
        {
            _formulas[i] = _formula(i);
            if (_formulas[i] is { } formula && !_clauseOf.ContainsKey(formula))
            {
                _clauseOf[formula] = i;
            }
        }
    }

    /// <summary>How deep <see cref="Shallow"/> goes before it leaves a formula to <see cref="Evaluate"/>.</summary>
    private const int ShallowDepth = 8;

    /// <summary>
    /// A small formula's value without the bookkeeping of <see cref="Evaluate"/> (most clauses'
    /// conditions are a few atoms); <paramref name="done"/> is false when it is deeper than
    /// <paramref name="depth"/>, so the recursion stays bounded.
    /// </summary>
    private bool? Shallow(Claim claim, Formula node, int depth, out bool done)
    {
        done = true;
        if (_clauseOf.TryGetValue(node, out var clause) && claim.Results[clause] != NotEvaluated)
        {
            return claim.Results[clause] switch { InForce => true, NotInForce => false, _ => null };
        }

        switch (node)
        {
            case ConstantFormula constant:
                return constant.Value;
            case AtomFormula atom:
                return Value(claim.Facts, atom.Atom);
        }

        if (depth == 0)
        {
            done = false;
            return null;
        }

        if (node is NotFormula not)
        {
            return !Shallow(claim, not.Operand, depth - 1, out done);
        }

        var stopAt = node is OrFormula;
        var unsettled = false;
        foreach (var operand in node.Subformulas())
        {
            var value = Shallow(claim, operand, depth - 1, out done);
            if (!done)
            {
                return null;
            }

            if (value == stopAt)
            {
                return stopAt;
            }

            unsettled |= value is null;
        }

        return unsettled ? null : !stopAt;
    }

    /// <summary>
    /// A formula's value on a claim's facts, or null when they do not settle it; without recursion.
    /// A conjunction stops at its first false operand and a disjunction at its first true one, so a
    /// clause whose own condition fails is settled without walking the chain of exceptions under it.
    /// </summary>
    private bool? Evaluate(Claim claim, Formula root)
    {
        _done.Clear();
        _frames.Clear();
        if (Known(claim, root, out var rootValue))
        {
            return rootValue;
        }

        _frames.Push(new Frame(root));
        while (_frames.Count > 0)
        {
            var frame = _frames.Pop();
            var node = frame.Node;
            var negated = (node as NotFormula)?.Operand;
            var operands = negated is null ? ((node as AndFormula)?.Operands ?? ((OrFormula)node).Operands) : null;
            var count = operands?.Count ?? 1;
            var stopAt = node is OrFormula;
            bool? value = null;
            var settled = false;
            while (frame.Next < count && Known(claim, negated ?? operands![frame.Next], out var operand))
            {
                frame.Next++;
                if (negated is not null)
                {
                    value = !operand;
                    settled = true;
                    break;
                }

                if (operand == stopAt)
                {
                    value = stopAt;
                    settled = true;
                    break;
                }

                frame.Unsettled |= operand is null;
            }

            if (!settled && frame.Next < count)
            {
                // An operand not known yet: it is worked out first, then this node goes on from it.
                _frames.Push(frame);
                _frames.Push(new Frame(negated ?? operands![frame.Next]));
                continue;
            }

            if (!settled)
            {
                value = frame.Unsettled ? null : !stopAt;
            }

            _done[node] = value;
            if (_clauseOf.TryGetValue(node, out var clause))
            {
                claim.Results[clause] = value switch { true => InForce, false => NotInForce, _ => Unsettled };
            }
        }

        return _done[root];
    }

    /// <summary>A part's value when it needs no walk: worked out already, a clause's known result, a constant or an atom.</summary>
    private bool Known(Claim claim, Formula node, out bool? value)
    {
        if (_done.TryGetValue(node, out value))
        {
            return true;
        }

        if (_clauseOf.TryGetValue(node, out var clause) && claim.Results[clause] != NotEvaluated)
        {
            value = claim.Results[clause] switch { InForce => true, NotInForce => false, _ => null };
            return true;
        }

        switch (node)
        {
            case ConstantFormula constant:
                value = constant.Value;
                return true;
            case AtomFormula atom:
                value = Value(claim.Facts, atom.Atom);
                return true;
            default:
                value = null;
                return false;
        }
    }

    /// <summary>A node being evaluated: the operand it goes on from, and whether an operand so far was unsettled.</summary>
    private struct Frame
    {
        public Frame(Formula node)
        {
            Node = node;
            Next = 0;
            Unsettled = false;
        }

        public Formula Node { get; }

        public int Next { get; set; }

        public bool Unsettled { get; set; }
    }

    private static bool? Value(IReadOnlyDictionary<string, PolicyValue> facts, Atom atom)
    {
        switch (atom)
        {
            case KnownAtom k:
                return facts.TryGetValue(k.Fact, out var given) ? given.IsKnown : null;
            case LessOrEqualAtom order:
                return Number(facts, order.Left, order.IsDate) is { } left && Number(facts, order.Right, order.IsDate) is { } right ? left <= right : null;
        }

        var (fact, member) = atom switch
        {
            BoolAtom b => (b.Fact, (string?)null),
            EnumAtom e => (e.Fact, e.Member),
            _ => (string.Empty, null),
        };
        if (!facts.TryGetValue(fact, out var value) || !value.IsKnown)
        {
            return null;
        }

        return member is null ? value.Kind == ValueKind.Bool && value.AsBool : value.Kind == ValueKind.Enum && value.AsEnum == member;
    }

    /// <summary>A term's value on the facts, as the theory computes it; null for an unknown fact or a variable of the encoder's own.</summary>
    private static long? Number(IReadOnlyDictionary<string, PolicyValue> facts, Term term, bool isDate)
    {
        if (term.Variable is null)
        {
            return Calendar.Apply(term, term.Constant, isDate);
        }

        if (!facts.TryGetValue(term.Variable, out var value))
        {
            return null;
        }

        return value.Kind switch
        {
            ValueKind.Date when isDate => Calendar.Apply(term, value.AsDayNumber, true),
            ValueKind.Int when !isDate => Calendar.Apply(term, value.AsInt, false),
            _ => null,
        };
    }
}
