using System;
using System.Collections.Generic;
using System.Linq;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Syntax;

namespace Xinji.Policy.Dsl.Evaluation;

/// <summary>What a clause did for one claim.</summary>
/// <param name="Applies">Its condition held.</param>
/// <param name="InForce">It applied and no clause in force overrides it.</param>
/// <param name="OverriddenBy">The clauses in force that are exceptions to it.</param>
public sealed record ClauseOutcome(BoundClause Clause, bool Applies, bool InForce, IReadOnlyList<string> OverriddenBy);

public sealed record InterpretedDecision(
    CoverageDecision Coverage,
    PolicyValue WarrantyStart,
    PolicyValue WarrantyEnd,
    bool WarrantyActive,
    IReadOnlyList<BoundClause> Clauses,
    IReadOnlyList<OutcomeSymbol> Remedies,
    IReadOnlyList<OutcomeSymbol> Requirements,
    IReadOnlyList<OutcomeSymbol> Notes,
    IReadOnlyList<ClauseOutcome> Outcomes);

/// <summary>Receives every value the interpreter computes, for explanations.</summary>
public interface IEvaluationTrace
{
    void Value(BoundExpression expression, PolicyValue value);
}

/// <summary>
/// The reference semantics of the policy language, written for clarity: the generated
/// evaluator must agree with it on every claim (the differential tests check that).
/// </summary>
public sealed class PolicyInterpreter
{
    private const string Pass = "The interpreter";

    private readonly BoundPolicy _policy;
    private readonly Dictionary<string, FactSymbol> _facts;
    private readonly Dictionary<string, DefinitionSymbol> _definitions;
    private readonly Dictionary<int, BoundClause[]> _exceptions;

    public PolicyInterpreter(BoundPolicy policy)
    {
        _policy = policy;
        _facts = policy.Facts.ToDictionary(f => f.Name, StringComparer.Ordinal);
        _definitions = policy.Definitions.ToDictionary(d => d.Name, StringComparer.Ordinal);
        var exceptionsTo = policy.ExceptionsByTarget();
        _exceptions = policy.Clauses.ToDictionary(c => c.Index, c => exceptionsTo[c.Id].ToArray());
    }

    /// <summary>The clauses in force that are exceptions to a clause.</summary>
    private List<string> Overriders(BoundClause clause, Dictionary<int, bool> inForce) =>
        _exceptions[clause.Index].Where(e => inForce[e.Index]).Select(e => e.Id).ToList();

    public BoundPolicy Policy => _policy;

    /// <summary>
    /// The claim's facts with defaults filled in: every fact has a value (unknown for an optional one
    /// not given). A claim with errors is refused with all of them at once.
    /// </summary>
    public IReadOnlyDictionary<string, PolicyValue> Complete(IReadOnlyDictionary<string, PolicyValue> given)
    {
        var complete = new Dictionary<string, PolicyValue>(StringComparer.Ordinal);
        var errors = new List<ClaimFieldError>();
        foreach (var fact in _policy.Facts)
        {
            if (given.TryGetValue(fact.Name, out var value) && value.IsKnown)
            {
                if (value.Kind == ValueKind.Date && !ClaimRules.InRange(value.AsDate))
                {
                    errors.Add(new ClaimFieldError(fact.Name, ClaimRules.DateOutOfRange(value.AsDate)));
                }
                else if (value.Kind == ValueKind.Int && !ClaimRules.InRange(value.AsInt))
                {
                    errors.Add(new ClaimFieldError(fact.Name, ClaimRules.IntOutOfRange(value.AsInt)));
                }

                complete[fact.Name] = value;
            }
            else if (fact.Default is not null)
            {
                complete[fact.Name] = Literal(fact.Default);
            }
            else if (fact.Type.IsOptional)
            {
                complete[fact.Name] = PolicyValue.Unknown;
            }
            else
            {
                errors.Add(new ClaimFieldError(fact.Name, ClaimRules.RequiredFieldMissing));
            }
        }

        foreach (var name in given.Keys)
        {
            if (!_facts.ContainsKey(name))
            {
                errors.Add(new ClaimFieldError(name, "unknown field"));
            }
        }

        return errors.Count == 0 ? complete : throw new ClaimInputException(errors);
    }

    /// <summary>
    /// What each clause that decides coverage (or adds to it without reading it) does for a claim,
    /// defects included: the ground truth that brute-force checks of the analysis compare with.
    /// </summary>
    public IReadOnlyList<ClauseOutcome> CoverageClauses(IReadOnlyDictionary<string, PolicyValue> given)
    {
        var scope = new Scope(this, Complete(given), null);
        var inForce = new Dictionary<int, bool>();
        var outcomes = new List<ClauseOutcome>();
        foreach (var index in _policy.EvaluationOrder.Where(i => !_policy.Clauses[i].ReadsCoverage))
        {
            var clause = _policy.Clauses[index];
            var applies = scope.Eval(clause.Condition).AsBool;
            var overriders = Overriders(clause, inForce);
            inForce[index] = applies && overriders.Count == 0;
            outcomes.Add(new ClauseOutcome(clause, applies, inForce[index], overriders));
        }

        return outcomes.OrderBy(o => o.Clause.Index).ToList();
    }

    public InterpretedDecision Evaluate(IReadOnlyDictionary<string, PolicyValue> given, IEvaluationTrace? trace = null)
    {
        var facts = Complete(given);
        var scope = new Scope(this, facts, trace);

        foreach (var rejection in _policy.Rejections)
        {
            if (scope.Eval(rejection.Condition).AsBool)
            {
                throw new ClaimInputException(rejection.Field, rejection.Reason);
            }
        }

        var applies = new Dictionary<int, bool>();
        var inForce = new Dictionary<int, bool>();
        var overriddenBy = new Dictionary<int, List<string>>();
        var byId = _policy.Clauses.ToDictionary(c => c.Id, StringComparer.Ordinal);

        void Decide(BoundClause clause)
        {
            applies[clause.Index] = scope.Eval(clause.Condition).AsBool;
            var overriders = Overriders(clause, inForce);
            overriddenBy[clause.Index] = overriders;
            inForce[clause.Index] = applies[clause.Index] && overriders.Count == 0;
        }

        // Coverage first, from the clauses that do not read it; the evaluation order puts every
        // exception before the clauses it overrides.
        foreach (var index in _policy.EvaluationOrder.Where(i => !_policy.Clauses[i].ReadsCoverage))
        {
            Decide(_policy.Clauses[index]);
        }

        var free = _policy.Clauses.Where(c => c.Decides == CoverageDecision.Free && inForce[c.Index]).Select(c => c.Id).ToList();
        var paid = _policy.Clauses.Where(c => c.Decides == CoverageDecision.Paid && inForce[c.Index]).Select(c => c.Id).ToList();
        if (free.Count > 0 && paid.Count > 0)
        {
            throw PolicyDefectException.Conflict(free, paid);
        }

        if (free.Count == 0 && paid.Count == 0)
        {
            throw PolicyDefectException.Gap();
        }

        var coverage = free.Count > 0 ? CoverageDecision.Free : CoverageDecision.Paid;
        scope.Coverage = PolicyValue.Enum(coverage == CoverageDecision.Free ? BuiltIns.Free : BuiltIns.Paid);
        foreach (var index in _policy.EvaluationOrder.Where(i => _policy.Clauses[i].ReadsCoverage))
        {
            Decide(_policy.Clauses[index]);
        }

        var cited = _policy.Clauses.Where(c => inForce[c.Index]).ToList();
        IReadOnlyList<OutcomeSymbol> Collect(IEnumerable<OutcomeSymbol> vocabulary, Func<BoundClause, IEnumerable<string>> effects) =>
            vocabulary.Where(o => cited.Any(c => effects(c).Contains(o.Name))).ToList();

        return new InterpretedDecision(
            coverage,
            scope.Eval(_policy.Warranty.Start),
            scope.Eval(_policy.Warranty.End),
            scope.Eval(_policy.Warranty.Active).AsBool,
            cited,
            Collect(_policy.Remedies, c => c.Remedies),
            Collect(_policy.Requirements, c => c.Requirements),
            Collect(_policy.Notes, c => c.Notes),
            _policy.Clauses.Select(c => new ClauseOutcome(c, applies[c.Index], inForce[c.Index], overriddenBy[c.Index])).ToList());
    }

    /// <summary>
    /// The value of one expression of the policy for a claim, as deciding the claim computes it;
    /// the coverage it reads, if any, is <paramref name="coverage"/>.
    /// </summary>
    public PolicyValue Value(BoundExpression expression, IReadOnlyDictionary<string, PolicyValue> given, CoverageDecision? coverage = null, IEvaluationTrace? trace = null)
    {
        var scope = new Scope(this, Complete(given), trace);
        if (coverage is { } decided)
        {
            scope.Coverage = PolicyValue.Enum(decided == CoverageDecision.Free ? BuiltIns.Free : BuiltIns.Paid);
        }

        return scope.Eval(expression);
    }

    public static PolicyValue Literal(BoundLiteral literal) => literal switch
    {
        BoolLiteral b => PolicyValue.Bool(b.Value),
        IntLiteral i => PolicyValue.Int(i.Value),
        DateValueLiteral d => PolicyValue.Date(d.Year, d.Month, d.Day),
        EnumLiteral e => PolicyValue.Enum(e.Member),
        _ => throw new UnhandledExpressionException(Pass, literal),
    };

    /// <summary>Evaluates expressions for one claim; definitions are computed once, on first use.</summary>
    private sealed class Scope
    {
        private readonly PolicyInterpreter _owner;
        private readonly IReadOnlyDictionary<string, PolicyValue> _facts;
        private readonly IEvaluationTrace? _trace;
        private readonly Dictionary<string, PolicyValue> _definitions = new(StringComparer.Ordinal);

        public Scope(PolicyInterpreter owner, IReadOnlyDictionary<string, PolicyValue> facts, IEvaluationTrace? trace)
        {
            _owner = owner;
            _facts = facts;
            _trace = trace;
        }

        public PolicyValue Coverage { get; set; }

        public PolicyValue Eval(BoundExpression expression)
        {
            var value = Compute(expression);
            _trace?.Value(expression, value);
            return value;
        }

        private PolicyValue Compute(BoundExpression expression)
        {
            switch (expression)
            {
                case BoundLiteral literal:
                    return Literal(literal);
                case FactReference f:
                    return _facts[f.Name];
                case DefinitionReference d:
                    if (!_definitions.TryGetValue(d.Name, out var value))
                    {
                        value = Eval(_owner._definitions[d.Name].Value);
                        _definitions[d.Name] = value;
                    }

                    return value;
                case CoverageReference:
                    return Coverage.IsKnown ? Coverage : throw new InvalidOperationException("Coverage is read before it is decided.");
                case NotOperation n:
                    return PolicyValue.Bool(!Eval(n.Operand).AsBool);
                case LogicalOperation l:
                {
                    // Both sides are evaluated, so an explanation can show every part of a condition.
                    var left = Eval(l.Left).AsBool;
                    var right = Eval(l.Right).AsBool;
                    return PolicyValue.Bool(l.Operator == LogicalOperator.And ? left && right : left || right);
                }

                case Comparison c:
                {
                    var left = Eval(c.Left);
                    var right = Eval(c.Right);
                    if (!left.IsKnown || !right.IsKnown)
                    {
                        return PolicyValue.Bool(false);
                    }

                    var order = Number(left).CompareTo(Number(right));
                    return PolicyValue.Bool(c.Operator switch
                    {
                        ComparisonOperator.Less => order < 0,
                        ComparisonOperator.LessOrEqual => order <= 0,
                        ComparisonOperator.Greater => order > 0,
                        _ => order >= 0,
                    });
                }

                case Equality e:
                {
                    var left = Eval(e.Left);
                    var right = Eval(e.Right);
                    return PolicyValue.Bool(left.IsKnown && right.IsKnown && left.Equals(right));
                }

                case Presence p:
                    return PolicyValue.Bool(Eval(p.Operand).IsKnown == p.Present);
                case Membership m:
                {
                    var operand = Eval(m.Operand);
                    return PolicyValue.Bool(operand.IsKnown && m.Members.Contains(operand.AsEnum));
                }

                case DateShift s:
                {
                    var date = Eval(s.Date);
                    if (!date.IsKnown)
                    {
                        return PolicyValue.Unknown;
                    }

                    var shifted = s.Unit == DurationUnit.Months ? date.AsDate.AddMonths(s.Amount) : date.AsDate.AddDays(s.Amount);
                    return PolicyValue.Date(shifted);
                }

                case Arithmetic a:
                {
                    var left = Eval(a.Left);
                    var right = Eval(a.Right);
                    if (!left.IsKnown || !right.IsKnown)
                    {
                        return PolicyValue.Unknown;
                    }

                    return PolicyValue.Int(a.Operator == ArithmeticOperator.Add ? left.AsInt + right.AsInt : left.AsInt - right.AsInt);
                }

                case Extremum x:
                {
                    PolicyValue best = PolicyValue.Unknown;
                    foreach (var argument in x.Arguments)
                    {
                        var candidate = Eval(argument);
                        if (candidate.IsKnown && (!best.IsKnown || (x.Kind == ExtremumKind.Earliest ? candidate.AsDayNumber < best.AsDayNumber : candidate.AsDayNumber > best.AsDayNumber)))
                        {
                            best = candidate;
                        }
                    }

                    return best;
                }

                case Conditional c:
                {
                    // Only the branch taken, as the generated code's ?: does.
                    return Eval(c.Condition).AsBool ? Eval(c.WhenTrue) : Eval(c.WhenFalse);
                }

                default:
                    throw new UnhandledExpressionException(Pass, expression);
            }
        }

        private static long Number(PolicyValue value) => value.Kind == ValueKind.Date ? value.AsDayNumber : value.AsInt;
    }
}
