using System;
using System.Collections.Generic;
using System.Linq;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Evaluation;

namespace Xinji.Policy.Tooling;

/// <summary>
/// Explains decisions: decides a claim with the reference interpreter, records the value of every
/// sub-expression it computes, and answers "why paid, not free?" (or "why free?") from them.
/// </summary>
public sealed class Explainer
{
    private readonly InterpretedEvaluator _evaluator;
    private readonly BoundPolicy _policy;
    private readonly SourceQuoter _quoter;
    private readonly Dictionary<string, DefinitionSymbol> _definitions;
    private readonly WhatIfFinder _whatIfs;

    /// <param name="policy">The bound policy.</param>
    /// <param name="sources">Each policy file's text by its path in the bound policy's locations, to quote expressions from.</param>
    public Explainer(BoundPolicy policy, IReadOnlyDictionary<string, string> sources)
    {
        _policy = policy;
        _evaluator = new InterpretedEvaluator(policy);
        _quoter = new SourceQuoter(sources);
        _definitions = policy.Definitions.ToDictionary(d => d.Name, StringComparer.Ordinal);
        _whatIfs = new WhatIfFinder(_evaluator.Interpreter);
    }

    /// <summary>An explainer for a policy read by <see cref="PolicyLoader"/>, quoting the files it read.</summary>
    public static Explainer For(LoadedPolicy loaded) =>
        new(loaded.Policy ?? throw new ArgumentException("The policy has errors and cannot explain claims.", nameof(loaded)), loaded.Sources);

    /// <summary>Reads a claim strictly (as <c>evaluate</c> does) and explains its decision.</summary>
    /// <exception cref="Runtime.ClaimInputException">The claim is not valid input.</exception>
    /// <exception cref="Runtime.PolicyDefectException">The policy decides the claim both ways, or not at all.</exception>
    public Explanation Explain(ReadOnlySpan<byte> claimJson) => Explain(_evaluator.ReadClaim(claimJson));

    /// <summary>Explains the decision on facts already read.</summary>
    /// <inheritdoc cref="Explain(ReadOnlySpan{byte})"/>
    public Explanation Explain(IReadOnlyDictionary<string, PolicyValue> given)
    {
        var recorder = new ValueRecorder();
        var decision = _evaluator.Decide(given, recorder);
        var run = new Run(this, recorder, CoverageValue(decision.Decision.Coverage));
        var outcomes = decision.Decision.Outcomes;

        return new Explanation(
            _policy.Name,
            decision,
            run.Why(decision.Decision.Coverage, outcomes),
            Facts(given),
            _policy.Definitions
                .Where(d => recorder.Has(d.Value))
                .Select(d => new DefinitionExplanation(d.Name, d.Description, recorder[d.Value], d.Location, run.Tree(d.Value, d.Location.FilePath)))
                .ToList(),
            outcomes
                .Select(o => new ClauseExplanation(o.Clause, o.Applies, o.InForce, o.OverriddenBy, run.ConditionTree(o.Clause)))
                .ToList())
        {
            WhatIfs = _whatIfs.Find(given),
            WhatIfsSought = _whatIfs.HasProvableFacts,
        };
    }

    /// <summary>
    /// The facts, derived values and coverage that make one expression of the policy what it is for a
    /// claim, chosen as for a clause's condition (<see cref="ClauseReason.Because"/>).
    /// </summary>
    /// <inheritdoc cref="Explain(ReadOnlySpan{byte})"/>
    public IReadOnlyList<ValueRead> Because(BoundExpression expression, IReadOnlyDictionary<string, PolicyValue> given)
    {
        var recorder = new ValueRecorder();
        var coverage = _evaluator.Decide(given, recorder).Decision.Coverage;
        _evaluator.Interpreter.Value(expression, given, coverage, recorder);
        return new Run(this, recorder, CoverageValue(coverage)).Because(expression);
    }

    private static PolicyValue CoverageValue(CoverageDecision coverage) =>
        PolicyValue.Enum(coverage == CoverageDecision.Free ? BuiltIns.Free : BuiltIns.Paid);

    private List<FactValue> Facts(IReadOnlyDictionary<string, PolicyValue> given)
    {
        var complete = _evaluator.Interpreter.Complete(given);
        return _policy.Facts.Select(f => new FactValue(
            f.Name,
            complete[f.Name],
            given.TryGetValue(f.Name, out var value) && value.IsKnown ? FactSource.Given
            : f.Default is not null ? FactSource.Default
            : FactSource.NotGiven)).ToList();
    }

    /// <summary>The values of one evaluation, turned into trees and reasons.</summary>
    private sealed class Run
    {
        private const string Pass = "The explainer";

        private readonly Explainer _owner;
        private readonly ValueRecorder _values;
        private readonly PolicyValue _coverage;
        private readonly Dictionary<string, ValueRead> _definitionReads = new(StringComparer.Ordinal);

        public Run(Explainer owner, ValueRecorder values, PolicyValue coverage)
        {
            _owner = owner;
            _values = values;
            _coverage = coverage;
        }

        public CoverageReason Why(CoverageDecision coverage, IReadOnlyList<ClauseOutcome> outcomes)
        {
            var byId = outcomes.ToDictionary(o => o.Clause.Id, StringComparer.Ordinal);
            ClauseReason Reason(ClauseOutcome outcome) => new(
                outcome.Clause,
                ConditionText(outcome.Clause),
                outcome.Applies,
                Because(outcome.Clause.Condition),
                outcome.OverriddenBy.Select(id => Reason(byId[id])).ToList());

            var other = coverage == CoverageDecision.Free ? CoverageDecision.Paid : CoverageDecision.Free;
            return new CoverageReason(
                coverage,
                outcomes.Where(o => o.Clause.Decides == coverage && o.InForce).Select(Reason).ToList(),
                outcomes.Where(o => o.Clause.Decides == other).Select(Reason).ToList())
            {
                NotEstablished = coverage == CoverageDecision.Paid ? NotEstablished() : null,
            };
        }

        /// <summary>When the warranty's start is unknown: its name, and the unknown facts it was computed from.</summary>
        private WarrantyNotEstablished? NotEstablished()
        {
            var start = _owner._policy.Warranty.Start;
            if (!_values.Has(start) || _values[start].IsKnown)
            {
                return null;
            }

            var unknown = new HashSet<string>(StringComparer.Ordinal);
            void Collect(IEnumerable<ValueRead> reads)
            {
                foreach (var read in reads)
                {
                    if (read.Kind == ReadKind.Fact && !read.Value.IsKnown)
                    {
                        unknown.Add(read.Name);
                    }

                    Collect(read.DerivedFrom);
                }
            }

            Collect(Because(start));
            var name = start switch
            {
                DefinitionReference d => d.Name,
                FactReference f => f.Name,
                _ => "the start of the warranty",
            };
            return new WarrantyNotEstablished(name, _owner._policy.Facts.Where(f => unknown.Contains(f.Name)).Select(f => f.Name).ToList());
        }

        public ExpressionValue ConditionTree(BoundClause clause)
        {
            var tree = Tree(clause.Condition, clause.Location.FilePath);
            return IsAlways(clause) ? tree with { Text = "always" } : tree;
        }

        private string ConditionText(BoundClause clause) =>
            IsAlways(clause) ? "always" : _owner._quoter.Quote(clause.Location.FilePath, clause.Condition.Span);

        // 'always' binds to the literal true over the clause's id: there is no condition text to quote.
        private bool IsAlways(BoundClause clause) =>
            clause.Condition is BoolLiteral && _owner._quoter.Quote(clause.Location.FilePath, clause.Condition.Span) is not ("true" or "false");

        public ExpressionValue Tree(BoundExpression expression, string file)
        {
            // "x is not v" and "x not in {…}" bind to a negation over the same span: one part, as written.
            var shown = expression is NotOperation negation && negation.Operand.Span == negation.Span ? negation.Operand : expression;
            return new ExpressionValue(
                _owner._quoter.Quote(file, expression.Span),
                _values[expression],
                new SourceLocation(file, expression.Span),
                // The branch of an 'if' not taken was not evaluated, so it has no value to show.
                Parts(shown).Where(p => p is not BoundLiteral && _values.Has(p)).Select(p => Tree(p, file)).ToList());
        }

        /// <summary>The sub-expressions shown under an expression; chains of one operator as one list.</summary>
        private static IEnumerable<BoundExpression> Parts(BoundExpression expression) =>
            expression is LogicalOperation l ? Chain(l.Left, l.Operator).Concat(Chain(l.Right, l.Operator)) : expression.Children();

        private static IEnumerable<BoundExpression> Chain(BoundExpression expression, LogicalOperator op) =>
            expression is LogicalOperation l && l.Operator == op ? Chain(l.Left, op).Concat(Chain(l.Right, op)) : new[] { expression };

        /// <summary>
        /// The facts, derived values and coverage that made the expression's value what it is: for a
        /// false conjunction only its false parts, for a true disjunction only its true parts, for a
        /// comparison that is false because a side is unknown only the unknown side.
        /// </summary>
        public List<ValueRead> Because(BoundExpression expression)
        {
            var reads = new List<ValueRead>();
            foreach (var read in Decisive(expression))
            {
                if (!reads.Any(r => r.Kind == read.Kind && r.Name == read.Name))
                {
                    reads.Add(read);
                }
            }

            return reads;
        }

        private IEnumerable<ValueRead> Decisive(BoundExpression expression)
        {
            switch (expression)
            {
                case BoundLiteral:
                    return Array.Empty<ValueRead>();
                case FactReference f:
                    return new[] { new ValueRead(f.Name, ReadKind.Fact, _values[f], Array.Empty<ValueRead>()) };
                case DefinitionReference d:
                    return new[] { DefinitionRead(d.Name) };
                case CoverageReference:
                    return new[] { new ValueRead(BuiltIns.CoverageName, ReadKind.Coverage, _coverage, Array.Empty<ValueRead>()) };
                case LogicalOperation l:
                {
                    // A conjunction is decided by all its parts when true, by its false parts when false; a disjunction the other way round.
                    var value = _values[l].AsBool;
                    var parts = Chain(l.Left, l.Operator).Concat(Chain(l.Right, l.Operator)).ToList();
                    var everyPartDecides = value == (l.Operator == LogicalOperator.And);
                    return parts.Where(p => everyPartDecides || _values[p].AsBool == value).SelectMany(Decisive);
                }

                case Comparison or Equality or Arithmetic:
                {
                    var sides = Parts(expression).ToList();
                    var unknown = sides.Where(s => !_values[s].IsKnown).ToList();
                    return (unknown.Count > 0 ? unknown : sides).SelectMany(Decisive);
                }

                case Conditional c:
                    return Decisive(c.Condition).Concat(Decisive(_values[c.Condition].AsBool ? c.WhenTrue : c.WhenFalse));
                case NotOperation or Presence or Membership or DateShift or Extremum:
                    return Parts(expression).SelectMany(Decisive);
                default:
                    throw new UnhandledExpressionException(Pass, expression);
            }
        }

        private ValueRead DefinitionRead(string name)
        {
            if (!_definitionReads.TryGetValue(name, out var read))
            {
                var definition = _owner._definitions[name];
                read = new ValueRead(name, ReadKind.Definition, _values[definition.Value], Because(definition.Value));
                _definitionReads[name] = read;
            }

            return read;
        }
    }

    /// <summary>Every value the interpreter computed, by the expression object that computed it.</summary>
    private sealed class ValueRecorder : IEvaluationTrace
    {
        private readonly Dictionary<BoundExpression, PolicyValue> _values = new(ReferenceEqualityComparer.Instance);

        public PolicyValue this[BoundExpression expression] =>
            _values.TryGetValue(expression, out var value)
                ? value
                : throw new InvalidOperationException("The interpreter did not evaluate " + expression.GetType().Name + " at " + expression.Span + ".");

        public bool Has(BoundExpression expression) => _values.ContainsKey(expression);

        public void Value(BoundExpression expression, PolicyValue value) => _values[expression] = value;
    }
}
