using System;
using System.Collections.Generic;
using System.Linq;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Evaluation;
using Xinji.Policy.Dsl.Syntax;
using Xinji.Policy.Dsl.Text;

namespace Xinji.Policy.Dsl.Analysis;

/// <summary>An expression the analysis cannot decide exactly, such as the sum of two int facts.</summary>
public sealed class UnsupportedExpressionException : Exception
{
    public UnsupportedExpressionException(SourceSpan span, string message, string? filePath = null)
        : base(message)
    {
        Span = span;
        FilePath = filePath;
    }

    public SourceSpan Span { get; }

    /// <summary>The file of the expression when it is in a definition; null when it is where the analysis was looking.</summary>
    public string? FilePath { get; }
}

/// <summary>
/// Turns the bound policy into propositional formulas over atoms, with the semantics of the
/// interpreter: an unknown value makes a comparison false, earliest/latest skip unknown dates,
/// a clause is in force when it applies and no clause in force is an exception to it.
/// Values that may be unknown become guarded alternatives: (guard, term) pairs.
/// </summary>
public sealed class PolicyEncoder
{
    // Condition, EnumValues and Terms each name every expression form: the forms of their type
    // are encoded, the others cannot be, and a form none of them names is a missing case.
    private const string Pass = "The analysis encoder";

    private readonly BoundPolicy _policy;
    private readonly Dictionary<string, DefinitionSymbol> _definitions;
    private readonly Dictionary<string, Formula> _definedConditions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<(Formula Guard, Term? Term)>> _definedTerms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<(Formula Guard, EnumValue? Value)>> _definedEnums = new(StringComparer.Ordinal);
    private readonly Dictionary<int, Formula> _applies = new();
    private readonly Dictionary<int, Formula> _inForce = new();
    private readonly ILookup<string, BoundClause> _exceptionsTo;

    // Equal subformulas are one node (hash-consing): "x and not x" is then seen by identity, and
    // a clause written "not (…)" of another's condition is the negation of that very node.
    private readonly Dictionary<Formula, Formula> _interned = new(ShallowComparer.Instance);
    private readonly HashSet<Formula> _canonical = new(ReferenceComparer.Instance);

    // The earliest or latest of several dates is a variable of its own, with the formula that
    // defines it; the same extremum of the same alternatives is the same variable.
    private readonly Dictionary<ExtremumKey, string> _extremes = new();
    private readonly Dictionary<string, Formula> _definitionOf = new(StringComparer.Ordinal);
    private readonly string _auxiliaryPrefix;
    private Formula? _free;
    private Formula? _paid;

    /// <summary>
    /// How many different values one expression may have before the analysis gives up on it:
    /// definitions that each choose between two steps double the count at every level.
    /// </summary>
    internal const int MaxAlternatives = 4096;

    private readonly AnalysisClock _clock;

    public PolicyEncoder(BoundPolicy policy)
        : this(policy, AnalysisClock.Unlimited)
    {
    }

    /// <param name="auxiliaryPrefix">
    /// Starts the names of the encoder's own variables, so two encoders whose formulas meet in
    /// one question (the comparison of two versions) never share one by accident.
    /// </param>
    internal PolicyEncoder(BoundPolicy policy, AnalysisClock clock, string auxiliaryPrefix = "")
    {
        _policy = policy;
        _clock = clock;
        _auxiliaryPrefix = auxiliaryPrefix;
        _definitions = policy.Definitions.ToDictionary(d => d.Name, StringComparer.Ordinal);
        _exceptionsTo = policy.ExceptionsByTarget();
    }

    public BoundPolicy Policy => _policy;

    /// <summary>A claim the policy accepts as input: no rejection applies.</summary>
    public Formula Valid => Shared(Formula.And(_policy.Rejections.Select(r => Formula.Not(Condition(r.Condition)))));

    public Formula Applies(BoundClause clause)
    {
        if (!_applies.TryGetValue(clause.Index, out var formula))
        {
            formula = Condition(clause.Condition);
            _applies[clause.Index] = formula;
        }

        return formula;
    }

    public Formula InForce(BoundClause clause)
    {
        // Exceptions first, without recursion: an exception chain is as deep as it is long.
        var pending = new Stack<(BoundClause Clause, bool Ready)>();
        pending.Push((clause, false));
        while (pending.Count > 0)
        {
            var (current, ready) = pending.Pop();
            if (_inForce.ContainsKey(current.Index))
            {
                continue;
            }

            var exceptions = _exceptionsTo[current.Id];
            if (!ready)
            {
                pending.Push((current, true));
                foreach (var exception in exceptions)
                {
                    pending.Push((exception, false));
                }

                continue;
            }

            _inForce[current.Index] = Shared(Formula.And(new[] { Applies(current) }.Concat(exceptions.Select(e => Formula.Not(_inForce[e.Index])))));
        }

        return _inForce[clause.Index];
    }

    /// <summary>Some clause deciding <c>free</c> is in force.</summary>
    public Formula AnyFree => _free ??= Shared(Formula.Or(_policy.Clauses.Where(c => c.Decides == CoverageDecision.Free).Select(InForce)));

    /// <summary>Some clause deciding <c>paid</c> is in force.</summary>
    public Formula AnyPaid => _paid ??= Shared(Formula.Or(_policy.Clauses.Where(c => c.Decides == CoverageDecision.Paid).Select(InForce)));

    /// <summary>A boolean expression as a formula.</summary>
    public Formula Condition(BoundExpression expression) => Shared(Encode(expression));

    private Formula Encode(BoundExpression expression)
    {
        _clock.Tick();
        switch (expression)
        {
            case BoolLiteral b:
                return b.Value ? Formula.True : Formula.False;
            case FactReference { Type.IsOptional: false } f:
                return Formula.Of(new BoolAtom(f.Name));
            case DefinitionReference d:
                if (!_definedConditions.TryGetValue(d.Name, out var defined))
                {
                    defined = InDefinition(d.Name, () => Condition(_definitions[d.Name].Value));
                    _definedConditions[d.Name] = defined;
                }

                return defined;
            case NotOperation n:
                return Formula.Not(Condition(n.Operand));
            case LogicalOperation l:
                return l.Operator == LogicalOperator.And
                    ? Formula.And(Condition(l.Left), Condition(l.Right))
                    : Formula.Or(Condition(l.Left), Condition(l.Right));
            case Comparison c:
                return Compare(c.Left, c.Operator, c.Right);
            case Equality e:
                return Equal(e.Left, e.Right);
            case Presence p:
            {
                var known = Alternatives(p.Operand).Where(a => a.Known).Select(a => a.Guard);
                var unknown = Alternatives(p.Operand).Where(a => !a.Known).Select(a => a.Guard);
                return p.Present ? Formula.Or(known) : Formula.Or(unknown);
            }

            case Membership m:
                return Formula.Or(EnumValues(m.Operand).Where(v => v.Value is not null)
                    .Select(v => Formula.And(v.Guard, Formula.Or(m.Members.Select(member => v.Value!.Is(member))))));
            case Conditional c:
            {
                var condition = Condition(c.Condition);
                return Formula.Or(Formula.And(condition, Condition(c.WhenTrue)), Formula.And(Formula.Not(condition), Condition(c.WhenFalse)));
            }

            case FactReference or IntLiteral or DateValueLiteral or EnumLiteral or CoverageReference or DateShift or Binding.Arithmetic or Extremum:
                // An optional bool, or not a bool at all.
                throw new UnsupportedExpressionException(expression.Span, "This condition cannot be analysed");
            default:
                throw new UnhandledExpressionException(Pass, expression);
        }
    }

    /// <summary>An alternative value of an expression: known (with a term) or unknown, under a guard.</summary>
    private readonly record struct Alternative(Formula Guard, bool Known);

    private IEnumerable<Alternative> Alternatives(BoundExpression expression) => expression.Type.Kind switch
    {
        TypeKind.Enum => EnumValues(expression).Select(v => new Alternative(v.Guard, v.Value is not null)),
        TypeKind.Bool => BoolValues(expression).Select(v => new Alternative(v.Guard, v.Value is not null)),
        _ => Terms(expression).Select(t => new Alternative(t.Guard, t.Term is not null)),
    };

    private Formula Compare(BoundExpression left, ComparisonOperator op, BoundExpression right)
    {
        var isDate = left.Type.Kind == TypeKind.Date;
        var cases = new List<Formula>();
        foreach (var (leftGuard, leftTerm) in Terms(left))
        {
            foreach (var (rightGuard, rightTerm) in Terms(right))
            {
                if (leftTerm is null || rightTerm is null)
                {
                    continue;
                }

                cases.Add(Formula.And(leftGuard, rightGuard, Order(leftTerm, op, rightTerm, isDate)));
            }
        }

        return Formula.Or(cases);
    }

    /// <summary>A comparison of two known terms as one atom (or its negation).</summary>
    private static Formula Order(Term left, ComparisonOperator op, Term right, bool isDate) => op switch
    {
        ComparisonOperator.LessOrEqual => LessOrEqual(left, right, isDate),
        ComparisonOperator.Less => LessOrEqual(left.Then(new TermStep(false, 1)), right, isDate),
        ComparisonOperator.GreaterOrEqual => LessOrEqual(right, left, isDate),
        _ => LessOrEqual(right.Then(new TermStep(false, 1)), left, isDate),
    };

    private static Formula LessOrEqual(Term left, Term right, bool isDate)
    {
        if (left.Variable is null && right.Variable is null)
        {
            return Calendar.Apply(left, left.Constant, isDate) <= Calendar.Apply(right, right.Constant, isDate) ? Formula.True : Formula.False;
        }

        return Formula.Of(new LessOrEqualAtom(left, right, isDate));
    }

    private Formula Equal(BoundExpression left, BoundExpression right)
    {
        switch (left.Type.Kind)
        {
            case TypeKind.Enum:
            {
                var cases = new List<Formula>();
                foreach (var l in EnumValues(left))
                {
                    foreach (var r in EnumValues(right))
                    {
                        if (l.Value is not null && r.Value is not null)
                        {
                            cases.Add(Formula.And(l.Guard, r.Guard, l.Value.SameAs(r.Value, Members(left.Type.EnumName!))));
                        }
                    }
                }

                return Formula.Or(cases);
            }

            case TypeKind.Bool:
            {
                var cases = new List<Formula>();
                foreach (var l in BoolValues(left))
                {
                    foreach (var r in BoolValues(right))
                    {
                        if (l.Value is not null && r.Value is not null)
                        {
                            cases.Add(Formula.And(l.Guard, r.Guard, Formula.Or(Formula.And(l.Value, r.Value), Formula.And(Formula.Not(l.Value), Formula.Not(r.Value)))));
                        }
                    }
                }

                return Formula.Or(cases);
            }

            default:
                return Formula.And(Compare(left, ComparisonOperator.LessOrEqual, right), Compare(right, ComparisonOperator.LessOrEqual, left));
        }
    }

    /// <summary>The values a bool expression may have: a formula (known) or null (unknown).</summary>
    private IReadOnlyList<(Formula Guard, Formula? Value)> BoolValues(BoundExpression expression) => expression switch
    {
        FactReference { Type.IsOptional: true } f => new[]
        {
            (Formula.Of(new KnownAtom(f.Name)), (Formula?)Formula.Of(new BoolAtom(f.Name))),
            (Formula.Not(Formula.Of(new KnownAtom(f.Name))), (Formula?)null),
        },
        Conditional c when c.Type.IsOptional => Merged(Branches(Condition(c.Condition), BoolValues(c.WhenTrue), BoolValues(c.WhenFalse)), c.Span),
        _ => new[] { (Formula.True, (Formula?)Condition(expression)) },
    };

    /// <summary>The values an enum expression may have under guards; null is unknown.</summary>
    public IReadOnlyList<(Formula Guard, EnumValue? Value)> EnumValues(BoundExpression expression)
    {
        switch (expression)
        {
            case EnumLiteral e:
                return new[] { (Formula.True, (EnumValue?)new EnumValue(null, e.Member)) };
            case FactReference f:
                return f.Type.IsOptional
                    ? new[]
                    {
                        (Formula.Of(new KnownAtom(f.Name)), (EnumValue?)new EnumValue(f.Name, null)),
                        (Formula.Not(Formula.Of(new KnownAtom(f.Name))), (EnumValue?)null),
                    }
                    : new[] { (Formula.True, (EnumValue?)new EnumValue(f.Name, null)) };
            case CoverageReference:
                return new[]
                {
                    (Formula.And(AnyFree, Formula.Not(AnyPaid)), (EnumValue?)new EnumValue(null, BuiltIns.Free)),
                    (Formula.And(AnyPaid, Formula.Not(AnyFree)), (EnumValue?)new EnumValue(null, BuiltIns.Paid)),
                };
            case DefinitionReference d:
                if (!_definedEnums.TryGetValue(d.Name, out var defined))
                {
                    defined = InDefinition(d.Name, () => EnumValues(_definitions[d.Name].Value));
                    _definedEnums[d.Name] = defined;
                }

                return defined;
            case Conditional c:
                return Merged(Branches(Condition(c.Condition), EnumValues(c.WhenTrue), EnumValues(c.WhenFalse)), c.Span);
            case BoolLiteral or IntLiteral or DateValueLiteral or NotOperation or LogicalOperation or Comparison or Equality or Presence or Membership or DateShift or Binding.Arithmetic or Extremum:
                throw new UnsupportedExpressionException(expression.Span, "This enum value cannot be analysed");
            default:
                throw new UnhandledExpressionException(Pass, expression);
        }
    }

    /// <summary>The terms a date or int expression may have under guards; null is unknown.</summary>
    public IReadOnlyList<(Formula Guard, Term? Term)> Terms(BoundExpression expression)
    {
        _clock.Tick();
        switch (expression)
        {
            case IntLiteral i:
                return new[] { (Formula.True, (Term?)Term.Const(i.Value)) };
            case DateValueLiteral d:
                return new[] { (Formula.True, (Term?)Term.Const(PolicyValue.Date(d.Year, d.Month, d.Day).AsDayNumber)) };
            case FactReference f:
                return f.Type.IsOptional
                    ? new[]
                    {
                        (Formula.Of(new KnownAtom(f.Name)), (Term?)Term.Var(f.Name)),
                        (Formula.Not(Formula.Of(new KnownAtom(f.Name))), (Term?)null),
                    }
                    : new[] { (Formula.True, (Term?)Term.Var(f.Name)) };
            case DefinitionReference d:
                if (!_definedTerms.TryGetValue(d.Name, out var defined))
                {
                    defined = InDefinition(d.Name, () => Terms(_definitions[d.Name].Value));
                    _definedTerms[d.Name] = defined;
                }

                return defined;
            case DateShift s:
                return Merged(Terms(s.Date).Select(t => (t.Guard, t.Term is null ? null : WithinCalendar(t.Term.Then(new TermStep(s.Unit == DurationUnit.Months, s.Amount)), s.Span))), s.Span);
            case Arithmetic a:
                return Merged(Arithmetic(a), a.Span);
            case Extremum x:
                return Extreme(x);
            case Conditional c:
                return Merged(Branches(Condition(c.Condition), Terms(c.WhenTrue), Terms(c.WhenFalse)), c.Span);
            case BoolLiteral or EnumLiteral or CoverageReference or NotOperation or LogicalOperation or Comparison or Equality or Presence or Membership:
                throw new UnsupportedExpressionException(expression.Span, "This value cannot be analysed");
            default:
                throw new UnhandledExpressionException(Pass, expression);
        }
    }

    private List<(Formula Guard, Term? Term)> Arithmetic(Arithmetic a)
    {
        var result = new List<(Formula Guard, Term? Term)>();
        foreach (var (leftGuard, left) in Terms(a.Left))
        {
            foreach (var (rightGuard, right) in Terms(a.Right))
            {
                var guard = Formula.And(leftGuard, rightGuard);
                if (left is null || right is null)
                {
                    result.Add((guard, null));
                }
                else if (right.Variable is null && right.Steps.Count == 0)
                {
                    result.Add((guard, WithinInt(left.Then(new TermStep(false, a.Operator == ArithmeticOperator.Add ? right.Constant : -right.Constant)), a.Span)));
                }
                else if (left.Variable is null && left.Steps.Count == 0 && a.Operator == ArithmeticOperator.Add)
                {
                    result.Add((guard, WithinInt(right.Then(new TermStep(false, left.Constant)), a.Span)));
                }
                else
                {
                    // a + b and a - b of two facts compare three values at once; the analysis decides
                    // difference constraints (a <= b + k), so say so rather than guess.
                    throw new UnsupportedExpressionException(a.Span,
                        "The analysis decides comparisons of one int fact with another plus a constant (a <= b + k); it cannot decide this sum");
                }
            }
        }

        return result;
    }

    /// <summary>Encodes a definition, placing what cannot be analysed in the definition's file.</summary>
    private T InDefinition<T>(string name, Func<T> encode)
    {
        try
        {
            return encode();
        }
        catch (UnsupportedExpressionException unsupported) when (unsupported.FilePath is null)
        {
            throw new UnsupportedExpressionException(unsupported.Span, unsupported.Message, _definitions[name].Location.FilePath);
        }
    }

    private IReadOnlyList<string> Members(string enumName) =>
        enumName == BuiltIns.CoverageEnum
            ? new[] { BuiltIns.Free, BuiltIns.Paid }
            : _policy.Enums.First(e => e.Name == enumName).Members.ToList();

    /// <summary>
    /// A date moved by steps: the evaluators' calendar ends at 0001-01-01 and 9999-12-31, so the
    /// steps together may move a claim date (1900 to 2199) by at most about 1,600 years.
    /// </summary>
    private static Term WithinCalendar(Term term, SourceSpan span)
    {
        long reach = 0;
        foreach (var step in term.Steps)
        {
            reach += Math.Abs((long)step.Amount) * (step.Months ? 31 : 1);
        }

        if (reach > 600_000)
        {
            throw new UnsupportedExpressionException(span, "These steps can move a date past the calendar's ends, so they cannot be decided exactly");
        }

        return term;
    }

    /// <summary>
    /// A fact plus constants, computed in 32 bits by the evaluators: exact as long as no partial
    /// sum of the constants takes a fact's value (within ±1,000,000,000) past the 32-bit range.
    /// </summary>
    private static Term WithinInt(Term term, SourceSpan span)
    {
        const long Room = int.MaxValue - (long)ClaimRules.MaxInt - 2;
        long offset = 0;
        foreach (var step in term.Steps)
        {
            offset += step.Amount;
            if (term.Variable is not null && Math.Abs(offset) > Room)
            {
                throw new UnsupportedExpressionException(span, "This sum can pass the 32-bit range the evaluators compute in, so it cannot be decided exactly");
            }
        }

        return term;
    }

    /// <summary>
    /// The earliest or latest of several dates. When every known argument is a date fact (or a
    /// date within the claim range, or another such extremum), the value is a variable of its own,
    /// <c>m</c>, defined by n order atoms and one choice: when some argument is known, m is at or
    /// before every known argument and equal to one of them (at or after, for latest). That is n
    /// alternatives' worth of atoms instead of a split on which argument wins, whose guards grow
    /// with every argument and make the search try orders of the arguments one by one. Other
    /// arguments (with steps, which can take a date past the claim range) keep the split.
    /// </summary>
    private IReadOnlyList<(Formula Guard, Term? Term)> Extreme(Extremum x)
    {
        var arguments = x.Arguments.Select(Terms).ToList();

        // Each argument's alternatives are disjoint and cover every claim, so the known values
        // of all arguments together are the alternatives whose guards hold.
        var known = arguments.SelectMany(a => a).Where(a => a.Term is not null).Select(a => (Guard: Shared(a.Guard), Term: a.Term!)).ToList();
        if (known.Count < 2 || !known.All(a => WithinClaimRange(a.Term)))
        {
            return arguments.Aggregate((left, right) => Merged(Extreme(x.Kind, left, right), x.Span));
        }

        var someKnown = Shared(Formula.Or(known.Select(a => a.Guard)));
        var key = new ExtremumKey(x.Kind, known);
        if (!_extremes.TryGetValue(key, out var name))
        {
            name = _auxiliaryPrefix + (x.Kind == ExtremumKind.Earliest ? "earliest#" : "latest#") + (_extremes.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var value = Term.Var(name);
            Formula Before(Term a, Term b) => x.Kind == ExtremumKind.Earliest ? LessOrEqual(a, b, true) : LessOrEqual(b, a, true);
            var bound = known.Select(a => Formula.Or(Formula.Not(a.Guard), Before(value, a.Term)));
            var attained = Formula.Or(known.Select(a => Formula.And(a.Guard, Before(a.Term, value))));
            _definitionOf[name] = Shared(Formula.Or(Formula.Not(someKnown), Formula.And(bound.Append(attained))));
            _extremes[key] = name;
        }

        return Merged(new[] { (someKnown, (Term?)Term.Var(name)), (Shared(Formula.Not(someKnown)), (Term?)null) }, x.Span);
    }

    /// <summary>A date whose value is within the claim range: a fact (or an extremum of such), or a constant inside it.</summary>
    private static bool WithinClaimRange(Term term) =>
        term.Steps.Count == 0 && (term.Variable is not null || (Calendar.MinDay <= term.Constant && term.Constant <= Calendar.MaxDay));

    /// <summary>
    /// The formula with the definitions of the encoder's own variables it reads (and those they
    /// read) joined to it. Each such variable is a function of the facts, so the formula with its
    /// definitions has exactly the claims of the original, whatever its polarity: every question
    /// asked of the solver goes through here.
    /// </summary>
    internal Formula WithDefinitions(Formula formula)
    {
        if (_definitionOf.Count == 0)
        {
            return formula;
        }

        var definitions = new List<Formula>();
        var included = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<Formula>(ReferenceComparer.Instance);
        var pending = new Stack<Formula>();
        pending.Push(formula);
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            if (!seen.Add(next))
            {
                continue;
            }

            if (next is AtomFormula { Atom: LessOrEqualAtom order })
            {
                foreach (var variable in new[] { order.Left.Variable, order.Right.Variable })
                {
                    if (variable is not null && _definitionOf.TryGetValue(variable, out var definition) && included.Add(variable))
                    {
                        definitions.Add(definition);
                        pending.Push(definition);
                    }
                }
            }

            foreach (var operand in next.Subformulas())
            {
                pending.Push(operand);
            }
        }

        return definitions.Count == 0 ? formula : Formula.And(new[] { formula }.Concat(definitions));
    }

    /// <summary>The formula defining one of the encoder's own variables; null for a fact.</summary>
    internal Formula? Definition(string variable) => _definitionOf.TryGetValue(variable, out var definition) ? definition : null;

    /// <summary>An extremum by its kind and its arguments' known alternatives (guards by identity, as they are shared).</summary>
    private sealed class ExtremumKey : IEquatable<ExtremumKey>
    {
        private readonly ExtremumKind _kind;
        private readonly List<(Formula Guard, Term Term)> _alternatives;
        private readonly int _hash;

        public ExtremumKey(ExtremumKind kind, List<(Formula Guard, Term Term)> alternatives)
        {
            _kind = kind;
            _alternatives = alternatives;
            var hash = (int)kind;
            foreach (var (guard, term) in alternatives)
            {
                hash = (hash * 31) + System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(guard);
                hash = (hash * 31) + term.GetHashCode();
            }

            _hash = hash;
        }

        public bool Equals(ExtremumKey? other)
        {
            if (other is null || other._kind != _kind || other._alternatives.Count != _alternatives.Count)
            {
                return false;
            }

            for (var i = 0; i < _alternatives.Count; i++)
            {
                if (!ReferenceEquals(_alternatives[i].Guard, other._alternatives[i].Guard) || !_alternatives[i].Term.Equals(other._alternatives[i].Term))
                {
                    return false;
                }
            }

            return true;
        }

        public override bool Equals(object? obj) => Equals(obj as ExtremumKey);

        public override int GetHashCode() => _hash;
    }

    /// <summary>
    /// The one node equal to a formula (hash-consing): its parts are made shared first, bottom
    /// up and without recursion, then the node is looked up by its kind and its parts' identity.
    /// Rebuilding over shared parts also folds what identity now shows (<c>x and not x</c>).
    /// Parts already shared are not walked again, so each call costs the new nodes only.
    /// </summary>
    private Formula Shared(Formula formula)
    {
        if (formula is ConstantFormula || _canonical.Contains(formula))
        {
            return formula;
        }

        var done = new Dictionary<Formula, Formula>(ReferenceComparer.Instance);
        var pending = new Stack<(Formula Node, bool Ready)>();
        pending.Push((formula, false));
        while (pending.Count > 0)
        {
            var (node, ready) = pending.Pop();
            if (done.ContainsKey(node))
            {
                continue;
            }

            if (node is ConstantFormula || _canonical.Contains(node))
            {
                done[node] = node;
                continue;
            }

            switch (node)
            {
                case NotFormula n when ready:
                    done[node] = Intern(Formula.Not(done[n.Operand]));
                    break;
                case AndFormula a when ready:
                    done[node] = Intern(Formula.And(a.Operands.Select(o => done[o])));
                    break;
                case OrFormula o when ready:
                    done[node] = Intern(Formula.Or(o.Operands.Select(operand => done[operand])));
                    break;
                case NotFormula n:
                    pending.Push((node, true));
                    pending.Push((n.Operand, false));
                    break;
                case AndFormula or OrFormula:
                    pending.Push((node, true));
                    foreach (var operand in node is AndFormula and ? and.Operands : ((OrFormula)node).Operands)
                    {
                        pending.Push((operand, false));
                    }

                    break;
                default:
                    done[node] = Intern(node);
                    break;
            }
        }

        return done[formula];
    }

    /// <summary>The shared node equal to one whose parts are shared already.</summary>
    private Formula Intern(Formula node)
    {
        if (node is ConstantFormula || _canonical.Contains(node))
        {
            return node;
        }

        if (_interned.TryGetValue(node, out var existing))
        {
            return existing;
        }

        _interned[node] = node;
        _canonical.Add(node);
        return node;
    }

    /// <summary>Formulas by kind and the identity of their parts: equal for nodes whose parts are the same nodes.</summary>
    private sealed class ShallowComparer : IEqualityComparer<Formula>
    {
        public static readonly ShallowComparer Instance = new();

        public bool Equals(Formula? x, Formula? y) => (x, y) switch
        {
            (AtomFormula a, AtomFormula b) => a.Atom.Equals(b.Atom),
            (NotFormula a, NotFormula b) => ReferenceEquals(a.Operand, b.Operand),
            (AndFormula a, AndFormula b) => SameParts(a.Operands, b.Operands),
            (OrFormula a, OrFormula b) => SameParts(a.Operands, b.Operands),
            _ => ReferenceEquals(x, y),
        };

        public int GetHashCode(Formula obj) => obj switch
        {
            AtomFormula a => a.Atom.GetHashCode(),
            NotFormula n => (Identity(n.Operand) * 31) + 1,
            AndFormula a => Combine(a.Operands, 2),
            OrFormula o => Combine(o.Operands, 3),
            _ => Identity(obj),
        };

        private static int Identity(Formula formula) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(formula);

        private static int Combine(IReadOnlyList<Formula> parts, int seed)
        {
            var hash = seed;
            foreach (var part in parts)
            {
                hash = (hash * 31) + Identity(part);
            }

            return hash;
        }

        private static bool SameParts(IReadOnlyList<Formula> a, IReadOnlyList<Formula> b)
        {
            if (a.Count != b.Count)
            {
                return false;
            }

            for (var i = 0; i < a.Count; i++)
            {
                if (!ReferenceEquals(a[i], b[i]))
                {
                    return false;
                }
            }

            return true;
        }
    }

    private static List<(Formula Guard, Term? Term)> Extreme(ExtremumKind kind, IReadOnlyList<(Formula Guard, Term? Term)> left, IReadOnlyList<(Formula Guard, Term? Term)> right)
    {
        var result = new List<(Formula Guard, Term? Term)>();
        foreach (var (leftGuard, l) in left)
        {
            foreach (var (rightGuard, r) in right)
            {
                var guard = Formula.And(leftGuard, rightGuard);
                if (l is null)
                {
                    result.Add((guard, r));
                }
                else if (r is null)
                {
                    result.Add((guard, l));
                }
                else
                {
                    // earliest keeps the left one on ties, like the interpreter; so does latest.
                    var leftWins = kind == ExtremumKind.Earliest ? LessOrEqual(l, r, true) : LessOrEqual(r, l, true);
                    result.Add((Formula.And(guard, leftWins), l));
                    result.Add((Formula.And(guard, Formula.Not(leftWins)), r));
                }
            }
        }

        return result;
    }

    /// <summary>
    /// Alternatives with the same value become one, their guards joined: the alternatives are
    /// disjoint, so this is exact, and the count stays the number of different values (a chain
    /// of <c>if</c>s adding a day or not has one value per count of days, not one per path).
    /// </summary>
    private List<(Formula Guard, T Value)> Merged<T>(IEnumerable<(Formula Guard, T Value)> alternatives, SourceSpan span)
    {
        var order = new List<T>();
        var guards = new Dictionary<Boxed<T>, List<Formula>>();
        foreach (var (guard, value) in alternatives)
        {
            _clock.Tick();
            if (guard == Formula.False)
            {
                continue;
            }

            var key = new Boxed<T>(value);
            if (!guards.TryGetValue(key, out var list))
            {
                if (order.Count == MaxAlternatives)
                {
                    throw new UnsupportedExpressionException(span, "This value can be any of more than 4,096 different terms (each 'if' or 'earliest' level multiplies them), too many to decide exactly");
                }

                guards[key] = list = new List<Formula>();
                order.Add(value);
            }

            list.Add(guard);
        }

        return order.Select(v => (Shared(Formula.Or(guards[new Boxed<T>(v)])), v)).ToList();
    }

    /// <summary>A value as a dictionary key, null included.</summary>
    private readonly record struct Boxed<T>(T Value);

    private static List<(Formula Guard, T Value)> Branches<T>(Formula condition, IReadOnlyList<(Formula Guard, T Value)> whenTrue, IReadOnlyList<(Formula Guard, T Value)> whenFalse) =>
        whenTrue.Select(t => (Formula.And(condition, t.Guard), t.Value))
            .Concat(whenFalse.Select(f => (Formula.And(Formula.Not(condition), f.Guard), f.Value)))
            .ToList();
}

/// <summary>An enum value in a formula: a fact's value or a literal member.</summary>
public sealed record EnumValue(string? Fact, string? Member)
{
    public Formula Is(string member) =>
        Fact is null ? (Member == member ? Formula.True : Formula.False) : Formula.Of(new EnumAtom(Fact, member));

    public Formula SameAs(EnumValue other, IReadOnlyList<string> members)
    {
        if (Fact is null)
        {
            return other.Is(Member!);
        }

        if (other.Fact is null)
        {
            return Is(other.Member!);
        }

        return Formula.Or(members.Select(m => Formula.And(Is(m), other.Is(m))));
    }
}
