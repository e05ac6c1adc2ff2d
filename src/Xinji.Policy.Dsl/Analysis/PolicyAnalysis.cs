using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Diagnostics;
using Xinji.Policy.Dsl.Evaluation;
using Xinji.Policy.Dsl.Text;

namespace Xinji.Policy.Dsl.Analysis;

public sealed record AnalysisResult(IReadOnlyList<Finding> Findings)
{
    /// <summary>The analysis stopped at its time budget: the findings are true, but not all questions were decided.</summary>
    public bool OutOfTime { get; init; }
}

/// <summary>
/// Exact analysis of a bound policy: conflicts, gaps, clauses that never apply or are always
/// overridden, and redundant clauses. Every finding that a claim can show comes with one, and
/// the claim is replayed through the reference interpreter before it is reported.
/// </summary>
public sealed class PolicyAnalysis
{
    private readonly BoundPolicy _policy;
    private readonly PolicyEncoder _encoder;
    private readonly PolicyInterpreter _interpreter;
    private readonly SatSolver _solver;
    private readonly List<Finding> _findings = new();
    private readonly Dictionary<int, IReadOnlyDictionary<string, HashSet<string>?>> _signatures = new();
    private readonly Dictionary<int, string> _effectKeys = new();
    private readonly Dictionary<IReadOnlyList<BoundClause>, (string? Fact, ILookup<string, BoundClause> Lookup)> _buckets = new();
    private readonly ClaimBook _book;

    private readonly AnalysisClock _clock;

    /// <summary>The question being decided, and where a time-out reports that it was not.</summary>
    private (SourceLocation Location, string Question) _current;

    private PolicyAnalysis(BoundPolicy policy, AnalysisClock clock)
    {
        _policy = policy;
        _clock = clock;
        _encoder = new PolicyEncoder(policy, clock);
        _interpreter = new PolicyInterpreter(policy);
        _solver = SatSolver.For(policy, clock);
        _book = new ClaimBook(policy.Clauses.Count, InForceForBook);
        _current = (policy.Location, "whether any claim is valid");
    }

    /// <summary>Analyses within <see cref="AnalysisOptions.DefaultBudget"/>.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static AnalysisResult Analyze(BoundPolicy policy, CancellationToken cancellationToken = default) =>
        Analyze(policy, AnalysisOptions.Default, cancellationToken);

    /// <summary>
    /// Analyses within the options' time budget. Past it, the findings made so far stand (each is
    /// proved), and one XP2005 says which question the analysis stopped at and that the later
    /// ones were not decided.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static AnalysisResult Analyze(BoundPolicy policy, AnalysisOptions options, CancellationToken cancellationToken = default)
    {
        var analysis = new PolicyAnalysis(policy, new AnalysisClock(options.Budget, cancellationToken));
        var outOfTime = false;
        try
        {
            analysis.Run(cancellationToken);
        }
        catch (AnalysisTimeoutException timeout)
        {
            var (location, question) = analysis._current;
            analysis._findings.Add(new Finding(FindingKind.NotAnalysed,
                $"The policy was not analysed within the budget of {AnalysisOptions.Describe(options.Budget)}: {timeout.Message} and stopped deciding {question}, so this and the questions after it "
                + "(conflicts, gaps, redundant clauses) are not decided. " + TimeoutAdvice,
                location, Array.Empty<string>(), null));
            outOfTime = true;
        }

        return new AnalysisResult(analysis._findings) { OutOfTime = outOfTime };
    }

    private void Run(CancellationToken cancellationToken)
    {
        foreach (var rejection in _policy.Rejections)
        {
            try
            {
                _encoder.Condition(rejection.Condition);
            }
            catch (UnsupportedExpressionException unsupported)
            {
                NotAnalysed(new SourceLocation(rejection.Location.FilePath, unsupported.Span),
                    unsupported.Message + "; the policy was not analysed, since which claims are valid depends on it. " + UnsupportedAdvice);
                return;
            }
        }

        var valid = _encoder.Valid;
        if (_policy.Rejections.Count > 0 && Decide(_policy.Location, "whether any claim is valid", () => !HasClaim(valid)))
        {
            ReportEveryClaimRejected();
            return;
        }

        // Clauses that read the coverage are only meaningful where exactly one coverage is decided.
        // Encoded on first use, inside a question: a clause the analysis cannot decide makes
        // every question that reads the coverage undecided, and each says so.
        var decided = new Lazy<Formula>(() => Formula.Or(Formula.And(_encoder.AnyFree, Formula.Not(_encoder.AnyPaid)), Formula.And(_encoder.AnyPaid, Formula.Not(_encoder.AnyFree))));
        var reachable = new List<BoundClause>();
        var unreadable = new List<BoundClause>();
        foreach (var clause in _policy.Clauses)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Guard(clause, $"whether clause '{clause.Id}' ever takes effect", () =>
            {
                // A claim found before that has the clause in force answers both questions.
                if (!clause.ReadsCoverage && _book.InForceSomewhere(clause.Index))
                {
                    reachable.Add(clause);
                    return;
                }

                var context = clause.ReadsCoverage ? Formula.And(valid, decided.Value) : valid;
                var applies = Remembered(Solve(Formula.And(context, _encoder.Applies(clause))));
                if (applies is null)
                {
                    if (clause.ReadsCoverage)
                    {
                        // Said once the conflicts are known: one may be what leaves no coverage to read.
                        unreadable.Add(clause);
                    }
                    else
                    {
                        Report(FindingKind.NeverApplies, clause, new[] { clause.Id }, null,
                            $"Clause '{clause.Id}' can never apply: no valid claim meets its condition");
                    }

                    return;
                }

                if (!_book.InForceSomewhere(clause.Index) && !HasClaim(Formula.And(context, _encoder.InForce(clause))))
                {
                    var overriders = _policy.Clauses.Where(c => c.ExceptionTo.Contains(clause.Id)).ToList();
                    var witness = Verified(applies, facts => Outcome(facts, clause) is { Applies: true, InForce: false });
                    var ids = overriders.Select(c => c.Id).ToList();
                    Report(FindingKind.AlwaysOverridden, clause, new[] { clause.Id }.Concat(ids).ToList(), witness,
                        $"Clause '{clause.Id}' never takes effect: it would {Effect(clause)}, but every claim it meets is taken by {Names(ids)}, which {(ids.Count == 1 ? "overrides" : "override")} it; for example {Short(witness)}",
                        overriders.Select(o => new RelatedLocation(o.Location.FilePath, o.Location.Span,
                            overriders.Count == 1 ? $"'{o.Id}' overrides '{clause.Id}' wherever '{clause.Id}' applies" : $"'{o.Id}' is one of the exceptions that together take every claim of '{clause.Id}'")).ToList());
                    return;
                }

                reachable.Add(clause);
            });
        }

        var conflicts = FindConflicts(valid, reachable, cancellationToken);
        foreach (var clause in unreadable)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ReportUnreadable(clause, conflicts);
        }

        FindGap(valid);
        FindRedundant(valid, decided, reachable, cancellationToken);
        CheckWarranty(valid, decided);
    }

    /// <summary>The evaluation order of a policy cut down to one clause, to evaluate that clause alone.</summary>
    private static readonly EquatableArray<int> OnlyClause = new[] { 0 }.ToEquatableArray();

    private const string UnsupportedAdvice =
        "Restate it with comparisons the analysis decides (a fact against a constant, or against another fact plus a constant), or cover these claims with examples ('xinji-policy test')";

    private const string TimeoutAdvice =
        "Raise the budget (the MSBuild property XinjiPolicyAnalysisBudget, in seconds, or 'check --analysis-budget'), or simplify the conditions involved (split a clause, name a repeated part with 'define')";

    private const string BudgetAdvice =
        "Simplify the conditions involved (split a clause, name a repeated part with 'define'), or cover these claims with examples ('xinji-policy test')";

    /// <summary>The rejections refuse every claim: one finding on them, rather than one per clause that therefore never applies.</summary>
    private void ReportEveryClaimRejected()
    {
        var alone = _policy.Rejections.FirstOrDefault(r => Decide(r.Location, "whether this rejection refuses every claim", () => Solve(Formula.Not(_encoder.Condition(r.Condition))) is null));
        if (alone is not null)
        {
            _findings.Add(new Finding(FindingKind.EveryClaimRejected,
                $"The 'reject' declarations refuse every claim: this one, on '{alone.Field}', holds for every claim, so no clause can ever apply and every decision is an input error; narrow its condition",
                alone.Location, Array.Empty<string>(), null));
            return;
        }

        var last = _policy.Rejections[_policy.Rejections.Count - 1];
        _findings.Add(new Finding(FindingKind.EveryClaimRejected,
            $"The 'reject' declarations refuse every claim: no claim passes all {_policy.Rejections.Count} of them together, so no clause can ever apply and every decision is an input error; narrow a condition",
            last.Location, Array.Empty<string>(), null)
        {
            Related = _policy.Rejections.Take(_policy.Rejections.Count - 1)
                .Select(r => new RelatedLocation(r.Location.FilePath, r.Location.Span, $"the rejection on '{r.Field}' is one of those that together refuse every claim")).ToList(),
        });
    }

    /// <summary>
    /// A clause that reads the coverage and never applies. When a conflict leaves undecided the
    /// claims it would apply to, that conflict is the cause: the clause applies once the conflict
    /// is resolved (one of its clauses made an exception to the other).
    /// </summary>
    private void ReportUnreadable(BoundClause clause, List<(BoundClause Free, BoundClause Paid)> conflicts)
    {
        // One conflict at a time first, so the message names the one that matters; then all together.
        var candidates = conflicts.Select(c => (IReadOnlyList<(BoundClause, BoundClause)>)new[] { c });
        if (conflicts.Count > 1)
        {
            candidates = candidates.Append(conflicts);
        }

        var cause = candidates.FirstOrDefault(set => AppliesOnceResolved(clause, set));
        if (cause is null)
        {
            Report(FindingKind.NeverApplies, clause, new[] { clause.Id }, null,
                $"Clause '{clause.Id}' can never apply: no valid claim whose coverage is decided meets its condition");
            return;
        }

        var pairs = string.Join(", ", cause.Select(c => $"'{c.Item1.Id}' (free) and '{c.Item2.Id}' (paid)"));
        var involved = cause.SelectMany(c => new[] { c.Item1, c.Item2 }).Distinct().OrderBy(c => c.Index).ToList();
        Report(FindingKind.NeverApplies, clause, new[] { clause.Id }.Concat(involved.Select(c => c.Id)).ToList(), null,
            $"Clause '{clause.Id}' can never apply: it reads the coverage, and every claim it would apply to is left undecided by the conflict{(cause.Count == 1 ? string.Empty : "s")} of {pairs} (XP2001); resolve {(cause.Count == 1 ? "that conflict" : "those conflicts")} and it applies",
            involved.Select(c => new RelatedLocation(c.Location.FilePath, c.Location.Span, $"'{c.Id}' ({Decision(c)}) is in the conflict that leaves no coverage for '{clause.Id}' to read")).ToList());
    }

    private bool AppliesOnceResolved(BoundClause clause, IReadOnlyList<(BoundClause Free, BoundClause Paid)> conflicts)
    {
        foreach (var freeWins in new[] { true, false })
        {
            var added = new Dictionary<int, List<string>>();
            var acyclic = true;
            foreach (var (free, paid) in conflicts)
            {
                var (winner, loser) = freeWins ? (free, paid) : (paid, free);
                if (Overrides(loser, winner, added))
                {
                    acyclic = false;
                    break;
                }

                if (!added.TryGetValue(winner.Index, out var targets))
                {
                    added[winner.Index] = targets = new List<string>();
                }

                targets.Add(loser.Id);
            }

            if (!acyclic)
            {
                continue;
            }

            var resolved = _policy with
            {
                Clauses = _policy.Clauses.Select(c => added.TryGetValue(c.Index, out var more) ? c with { ExceptionTo = c.ExceptionTo.Concat(more).ToEquatableArray() } : c).ToEquatableArray(),
            };
            var encoder = new PolicyEncoder(resolved, _clock, "resolved ");
            var decided = Formula.Or(Formula.And(encoder.AnyFree, Formula.Not(encoder.AnyPaid)), Formula.And(encoder.AnyPaid, Formula.Not(encoder.AnyFree)));
            try
            {
                if (_solver.Solve(encoder.WithDefinitions(Formula.And(encoder.Valid, decided, encoder.Applies(resolved.Clauses[clause.Index]))), anyModel: true) is not null)
                {
                    return true;
                }
            }
            catch (Exception e) when (e is UnsupportedExpressionException or AnalysisBudgetException)
            {
                // The cause is then unknown; the plain message stands.
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="from"/> is, through exception links (and those about to be added), an exception to <paramref name="to"/>.</summary>
    private bool Overrides(BoundClause from, BoundClause to, Dictionary<int, List<string>> added)
    {
        var byId = _policy.Clauses.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<BoundClause>();
        pending.Push(from);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            var targets = current.ExceptionTo.Concat(added.TryGetValue(current.Index, out var more) ? more : Enumerable.Empty<string>());
            foreach (var target in targets)
            {
                if (target == to.Id)
                {
                    return true;
                }

                if (seen.Add(target) && byId.TryGetValue(target, out var next))
                {
                    pending.Push(next);
                }
            }
        }

        return false;
    }

    private List<(BoundClause Free, BoundClause Paid)> FindConflicts(Formula valid, List<BoundClause> reachable, CancellationToken cancellationToken)
    {
        var conflicts = new List<(BoundClause, BoundClause)>();
        var free = reachable.Where(c => c.Decides == CoverageDecision.Free).ToList();
        var paid = reachable.Where(c => c.Decides == CoverageDecision.Paid).ToList();

        // One question before all: does any clause deciding free conflict with one deciding paid?
        // On a policy without conflicts it is the only one asked.
        if (free.Count > 1 && paid.Count > 0 && Satisfiable(_policy.Location, "whether any clause deciding free conflicts with one deciding paid",
                () => Formula.And(valid, Formula.Or(free.Select(_encoder.InForce)), Formula.Or(paid.Select(_encoder.InForce)))) == false)
        {
            return conflicts;
        }

        foreach (var f in free)
        {
            // One question first: does any of the candidates conflict with f? Usually none does,
            // and then one query replaces one per pair (a chain of n clauses has n²/4 pairs).
            var candidates = Candidates(f, paid).OrderBy(c => c.Index).ToList();
            if (candidates.Count > 1 && Satisfiable(f.Location, $"whether any clause deciding paid conflicts with '{f.Id}'",
                    () => Formula.And(valid, _encoder.InForce(f), Formula.Or(candidates.Select(_encoder.InForce)))) == false)
            {
                continue;
            }

            foreach (var p in candidates)
            {
                cancellationToken.ThrowIfCancellationRequested();

                var later = f.Index > p.Index ? f : p;
                var earlier = later == f ? p : f;
                var (primary, other) = Placement(f, p);
                Guard(primary, $"whether '{earlier.Id}' ({Decision(earlier)}) and '{later.Id}' ({Decision(later)}) conflict", () =>
                {
                    var model = Solve(Formula.And(valid, _encoder.InForce(f), _encoder.InForce(p)));
                    if (model is null)
                    {
                        return;
                    }

                    var witness = Verified(model, facts => Defect(facts) is { } ids && ids.Contains(f.Id) && ids.Contains(p.Id));
                    conflicts.Add((f, p));
                    Report(FindingKind.Conflict, primary, new[] { earlier.Id, later.Id }, witness,
                        $"Clauses '{earlier.Id}' ({Decision(earlier)}) and '{later.Id}' ({Decision(later)}) both apply and disagree, and neither overrides the other; " +
                        $"for example {Short(witness)}. Make one an exception to the other, or narrow a condition",
                        new[] { new RelatedLocation(other.Location.FilePath, other.Location.Span, $"'{other.Id}' ({Decision(other)}) is the other clause of this conflict") });
                });
            }
        }

        return conflicts;
    }

    /// <summary>
    /// Which clause of a conflict the error goes on. Without the policy's history, the clause the
    /// author added or changed is the one not yet wired into the exception links of the other
    /// side: an exclusion that is an exception to the free rule, or a rule that the exclusions
    /// override, has been placed before; a copied rule or a link just removed has not. When both
    /// or neither are linked, the later declaration (the one more likely added).
    /// </summary>
    private (BoundClause Primary, BoundClause Other) Placement(BoundClause a, BoundClause b)
    {
        var linkedA = Linked(a, b.Decides);
        var linkedB = Linked(b, a.Decides);
        if (linkedA != linkedB)
        {
            return linkedA ? (b, a) : (a, b);
        }

        return a.Index > b.Index ? (a, b) : (b, a);
    }

    /// <summary>A clause is an exception to, or is overridden by, a clause that decides <paramref name="side"/>.</summary>
    private bool Linked(BoundClause clause, CoverageDecision? side) =>
        _policy.Clauses.Any(c => c.Decides == side && (clause.ExceptionTo.Contains(c.Id) || c.ExceptionTo.Contains(clause.Id)));

    private void FindGap(Formula valid)
    {
        _current = (_policy.Location, "whether some valid claim gets no coverage decision (a gap)");
        try
        {
            // Whether there is a gap first, by the quicker search; then the plainest claim in it.
            var gap = Formula.And(valid, Formula.Not(_encoder.AnyFree), Formula.Not(_encoder.AnyPaid));
            var model = HasClaim(gap) ? Solve(gap) : null;
            if (model is null)
            {
                return;
            }

            var witness = Verified(model, facts => Defect(facts) is { Count: 0 });
            var (hint, related) = NearMisses(witness);
            _findings.Add(new Finding(FindingKind.Gap,
                $"Some valid claims get no coverage decision: no clause deciding free or paid applies to them; for example {Short(witness)}. {hint}",
                _policy.Location, Array.Empty<string>(), witness)
            {
                Related = related,
            });
        }
        catch (Exception e) when (e is UnsupportedExpressionException or AnalysisBudgetException)
        {
            NotAnalysed(_policy.Location, "The analysis did not decide whether some valid claim gets no coverage decision (a gap): " + e.Message + ". "
                + (e is AnalysisBudgetException ? BudgetAdvice : UnsupportedAdvice));
        }
    }

    /// <summary>
    /// For a gap's claim, each clause deciding the coverage and why it did not decide: the first
    /// part of its condition that is false (as <c>explain</c> shows it), or the clauses that override it.
    /// </summary>
    private (string Hint, IReadOnlyList<RelatedLocation> Related) NearMisses(IReadOnlyDictionary<string, PolicyValue> witness)
    {
        const int Shown = 8;
        var reasons = new List<string>();
        var related = new List<RelatedLocation>();
        foreach (var outcome in _interpreter.CoverageClauses(witness).Where(o => o.Clause.Decides is not null))
        {
            var clause = outcome.Clause;
            if (!outcome.Applies)
            {
                var part = FirstFalsePart(clause.Condition, witness);
                var text = ExpressionText.Of(part);
                reasons.Add($"'{clause.Id}' ({Decision(clause)}) does not apply, as '{text}' is false");
                related.Add(new RelatedLocation(clause.Location.FilePath, part.Span, $"'{clause.Id}' ({Decision(clause)}) does not apply to this claim: '{text}' is false"));
            }
            else
            {
                reasons.Add($"'{clause.Id}' ({Decision(clause)}) applies but {Names(outcome.OverriddenBy)} {(outcome.OverriddenBy.Count == 1 ? "overrides" : "override")} it");
                related.Add(new RelatedLocation(clause.Location.FilePath, clause.Location.Span, $"'{clause.Id}' ({Decision(clause)}) applies to this claim but {Names(outcome.OverriddenBy)} {(outcome.OverriddenBy.Count == 1 ? "overrides" : "override")} it"));
            }
        }

        // A large policy has many deciding clauses: the message names a few, the related locations a few more.
        const int Related = 32;
        var listed = string.Join("; ", reasons.Take(Shown)) + (reasons.Count > Shown ? $"; and {reasons.Count - Shown} more" : string.Empty);
        return ($"For this claim {listed}. Add a clause that decides it, or widen one of these conditions", related.Take(Related).ToList());
    }

    /// <summary>The first conjunct of a condition that is false for the claim; the whole condition when it is no conjunction.</summary>
    private BoundExpression FirstFalsePart(BoundExpression condition, IReadOnlyDictionary<string, PolicyValue> claim)
    {
        return condition.Conjuncts().FirstOrDefault(c => !Holds(c, claim)) ?? condition;
    }

    /// <summary>A condition's value for a claim, as the reference interpreter computes it.</summary>
    private bool Holds(BoundExpression condition, IReadOnlyDictionary<string, PolicyValue> claim)
    {
        var probe = new BoundClause(0, "probe", string.Empty, EquatableArray<string>.Empty, EquatableArray<string>.Empty, condition,
            CoverageDecision.Free, EquatableArray<string>.Empty, EquatableArray<string>.Empty, EquatableArray<string>.Empty, false, _policy.Location);
        var policy = _policy with { Clauses = new[] { probe }.ToEquatableArray(), EvaluationOrder = OnlyClause };
        return new PolicyInterpreter(policy).CoverageClauses(claim)[0].Applies;
    }

    private void FindRedundant(Formula valid, Lazy<Formula> decided, List<BoundClause> reachable, CancellationToken cancellationToken)
    {
        var byEffect = reachable.GroupBy(EffectKey, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (IReadOnlyList<BoundClause>)g.ToList(), StringComparer.Ordinal);
        var reported = new HashSet<int>();
        foreach (var clause in reachable)
        {
            // A clause in force somewhere none of the others with its effect is adds something
            // beside each of them: one query settles what would otherwise take one per pair. It is
            // asked after the first pair, which often settles the clause by itself (on a chain of
            // exceptions the first clause with the same effect covers it).
            var candidates = Candidates(clause, byEffect[EffectKey(clause)]).OrderBy(c => c.Index).ToList();
            var plain = !clause.ReadsCoverage && !candidates.Exists(c => c.ReadsCoverage);
            if (candidates.Count > 1 && plain && _book.Shows(clause.Index, candidates.Select(c => c.Index).ToList()))
            {
                continue;
            }

            bool AddsSomething() => candidates.Count > 1 && Satisfiable(clause.Location, $"whether clause '{clause.Id}' adds anything beside the clauses with its effect", () =>
            {
                var context = plain ? valid : Formula.And(valid, decided.Value);
                return Formula.And(context, _encoder.InForce(clause), Formula.Not(Formula.Or(candidates.Select(_encoder.InForce))));
            }) == true;

            var first = true;
            foreach (var other in candidates)
            {
                cancellationToken.ThrowIfCancellationRequested();

                // Of two clauses that cover each other, the later one (more likely the one added) is
                // reported; so is a later copy of a clause (the same condition) that escapes its exceptions.
                var covered = false;
                var mutual = false;
                var copy = false;
                Guard(clause, $"whether clause '{clause.Id}' adds anything beside '{other.Id}'", () =>
                {
                    var pair = !clause.ReadsCoverage && !other.ReadsCoverage;
                    var context = pair ? valid : Formula.And(valid, decided.Value);
                    if ((pair && _book.Shows(clause.Index, new[] { other.Index }))
                        || HasClaim(Formula.And(context, _encoder.InForce(clause), Formula.Not(_encoder.InForce(other)))))
                    {
                        return;
                    }

                    covered = true;
                    mutual = !(pair && _book.Shows(other.Index, new[] { clause.Index }))
                        && !HasClaim(Formula.And(context, _encoder.InForce(other), Formula.Not(_encoder.InForce(clause))));
                    copy = !mutual && clause.Index < other.Index && !HasClaim(Formula.And(context, Xor(_encoder.Applies(clause), _encoder.Applies(other))));
                });

                if (!covered && first && AddsSomething())
                {
                    break;
                }

                first = false;
                if (!covered || (mutual && clause.Index < other.Index))
                {
                    continue;
                }

                var reportedOn = copy ? other : clause;
                var partner = copy ? clause : other;
                if (reported.Add(reportedOn.Index))
                {
                    var message = copy
                        ? $"Clause '{other.Id}' repeats '{clause.Id}': the same condition and the same effect, but not the exceptions to '{clause.Id}', so '{clause.Id}' adds nothing while '{other.Id}' is there and the exceptions no longer take its claims; if '{other.Id}' is a copy, remove it"
                        : $"Clause '{clause.Id}' adds nothing: '{other.Id}' has the same effect and is in force for {(mutual ? "exactly the same claims" : "every claim '" + clause.Id + "' is")}";
                    Report(FindingKind.Redundant, reportedOn, new[] { reportedOn.Id, partner.Id }, null, message,
                        new[] { new RelatedLocation(partner.Location.FilePath, partner.Location.Span, $"'{partner.Id}' has the same effect") });
                }

                break;
            }
        }
    }

    /// <summary>
    /// The warranty's <c>active when</c> must hold exactly when the claim date is within the
    /// period, <c>start &lt;= claim date &lt;= end</c>. The language has no built-in claim date:
    /// it is the one date fact the condition reads that the period's start and end do not.
    /// </summary>
    private void CheckWarranty(Formula valid, Lazy<Formula> decided)
    {
        var warranty = _policy.Warranty;
        var location = warranty.Location ?? _policy.Location;
        _current = (location, "whether the warranty is active exactly within its period");
        try
        {
            var active = _encoder.Condition(warranty.Active);
            var periodFacts = new HashSet<string>(StringComparer.Ordinal);
            foreach (var value in new[] { warranty.Start, warranty.End })
            {
                foreach (var (guard, term) in _encoder.Terms(value))
                {
                    Mentioned(_encoder.WithDefinitions(guard), periodFacts);
                    if (term?.Variable is { } variable)
                    {
                        // The earliest or latest of dates reads the facts its definition reads.
                        periodFacts.Add(variable);
                        if (_encoder.Definition(variable) is { } definition)
                        {
                            Mentioned(_encoder.WithDefinitions(definition), periodFacts);
                        }
                    }
                }
            }

            var activeFacts = new HashSet<string>(StringComparer.Ordinal);
            Mentioned(_encoder.WithDefinitions(active), activeFacts);
            var candidates = _policy.Facts.Where(f => f.Type.Kind == TypeKind.Date && activeFacts.Contains(f.Name) && !periodFacts.Contains(f.Name)).ToList();
            if (candidates.Count != 1)
            {
                return;
            }

            var claimDate = candidates[0];
            var span = warranty.Active.Span;
            var date = new FactReference(claimDate.Name, claimDate.Type, span);
            var within = _encoder.Condition(new LogicalOperation(LogicalOperator.And,
                new Comparison(ComparisonOperator.LessOrEqual, warranty.Start, date, span),
                new Comparison(ComparisonOperator.LessOrEqual, date, warranty.End, span), span));
            var disagree = Formula.And(valid, Xor(active, within));
            // The plain question first: on a consistent policy it is the only one asked.
            var model = HasClaim(disagree) ? Solve(disagree) : null;
            if (model is null)
            {
                return;
            }

            model = Preferred(disagree, decided) ?? model;

            var period = $"{ExpressionText.Of(warranty.Start)} <= {claimDate.Name} <= {ExpressionText.Of(warranty.End)}";
            var witness = Verified(model, facts => Warranty(facts, claimDate.Name) is var w && w.Active != w.Within);
            var shown = Warranty(witness, claimDate.Name);
            var what = !shown.Start.IsKnown
                ? $"the period has no start, yet 'active when' holds on the claim date {shown.ClaimDate}"
                : shown.Active
                    ? $"the period is {shown.Start} to {Text(shown.End)}, yet 'active when' holds on the claim date {shown.ClaimDate}"
                    : $"the period is {shown.Start} to {Text(shown.End)}, yet 'active when' is false on the claim date {shown.ClaimDate}, within it";
            _findings.Add(new Finding(FindingKind.InconsistentWarranty,
                $"The warranty's 'active when' disagrees with its period: for {Short(witness)} {what}. It must hold exactly when {period}; make the period's start and end, or the condition, agree",
                location, Array.Empty<string>(), witness));
        }
        catch (Exception e) when (e is UnsupportedExpressionException or AnalysisBudgetException)
        {
            var at = e is UnsupportedExpressionException unsupported ? new SourceLocation(unsupported.FilePath ?? location.FilePath, unsupported.Span) : location;
            NotAnalysed(at, "The analysis did not decide whether the warranty is active exactly within its period: " + e.Message + ". "
                + (e is AnalysisBudgetException ? BudgetAdvice : UnsupportedAdvice));
        }
    }

    /// <summary>A claim the policy decides, when there is one: the claim <c>evaluate</c> shows best. Null when none, or when that cannot be decided.</summary>
    private Model? Preferred(Formula formula, Lazy<Formula> decided)
    {
        try
        {
            return Solve(Formula.And(formula, decided.Value));
        }
        catch (Exception e) when (e is UnsupportedExpressionException or AnalysisBudgetException)
        {
            return null;
        }
    }

    private static string Text(PolicyValue value) => value.IsKnown ? value.ToString() : "no end";

    /// <summary>The warranty as the interpreter computes it for a claim, whatever the clauses decide.</summary>
    private (PolicyValue Start, PolicyValue End, bool Active, PolicyValue ClaimDate, bool Within) Warranty(IReadOnlyDictionary<string, PolicyValue> claim, string claimDate)
    {
        var always = new BoundClause(0, "probe", string.Empty, EquatableArray<string>.Empty, EquatableArray<string>.Empty, new BoolLiteral(true, _policy.Location.Span),
            CoverageDecision.Free, EquatableArray<string>.Empty, EquatableArray<string>.Empty, EquatableArray<string>.Empty, false, _policy.Location);
        var policy = _policy with { Clauses = new[] { always }.ToEquatableArray(), EvaluationOrder = OnlyClause };
        var decision = new PolicyInterpreter(policy).Evaluate(claim);
        var date = claim.TryGetValue(claimDate, out var d) ? d : PolicyValue.Unknown;
        var within = decision.WarrantyStart.IsKnown && decision.WarrantyEnd.IsKnown && date.IsKnown
                     && decision.WarrantyStart.AsDayNumber <= date.AsDayNumber && date.AsDayNumber <= decision.WarrantyEnd.AsDayNumber;
        return (decision.WarrantyStart, decision.WarrantyEnd, decision.WarrantyActive, date, within);
    }

    /// <summary>The facts a formula's atoms are about.</summary>
    private static void Mentioned(Formula formula, HashSet<string> facts)
    {
        var pending = new Stack<Formula>();
        pending.Push(formula);
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            switch (next)
            {
                case AtomFormula { Atom: var atom }:
                    switch (atom)
                    {
                        case BoolAtom b:
                            facts.Add(b.Fact);
                            break;
                        case EnumAtom e:
                            facts.Add(e.Fact);
                            break;
                        case KnownAtom k:
                            facts.Add(k.Fact);
                            break;
                        case LessOrEqualAtom o:
                            if (o.Left.Variable is { } left)
                            {
                                facts.Add(left);
                            }

                            if (o.Right.Variable is { } right)
                            {
                                facts.Add(right);
                            }

                            break;
                    }

                    break;
            }

            foreach (var operand in next.Subformulas())
            {
                pending.Push(operand);
            }
        }
    }

    /// <summary>What a clause does, in words: "decide paid and give remedy repair", "add note 'told'".</summary>
    private static string Effect(BoundClause clause)
    {
        static string List(string one, string many, IReadOnlyList<string> names) =>
            (names.Count == 1 ? one : many) + " " + string.Join(", ", names.Select(n => "'" + n + "'"));

        var parts = new List<string>();
        if (clause.Decides is not null)
        {
            parts.Add("decide " + Decision(clause));
        }

        if (clause.Remedies.Count > 0)
        {
            parts.Add("give " + List("remedy", "remedies", clause.Remedies));
        }

        if (clause.Requirements.Count > 0)
        {
            parts.Add("add " + List("requirement", "requirements", clause.Requirements));
        }

        if (clause.Notes.Count > 0)
        {
            parts.Add("add " + List("note", "notes", clause.Notes));
        }

        return parts.Count == 0 ? "do nothing" : string.Join(" and ", parts);
    }

    private static Formula Xor(Formula a, Formula b) => Formula.Or(Formula.And(a, Formula.Not(b)), Formula.And(Formula.Not(a), b));

    /// <summary>What a clause does, as text: clauses with equal keys have the same effect.</summary>
    private string EffectKey(BoundClause clause)
    {
        if (!_effectKeys.TryGetValue(clause.Index, out var key))
        {
            key = clause.Decides + "|" + string.Join(",", clause.Remedies.OrderBy(x => x, StringComparer.Ordinal))
                  + "|" + string.Join(",", clause.Requirements.OrderBy(x => x, StringComparer.Ordinal))
                  + "|" + string.Join(",", clause.Notes.OrderBy(x => x, StringComparer.Ordinal));
            _effectKeys[clause.Index] = key;
        }

        return key;
    }

    private static string Decision(BoundClause clause) => clause.Decides == CoverageDecision.Free ? "free" : "paid";

    private static string Names(IReadOnlyList<string> ids) =>
        ids.Count == 0 ? "no clause" : string.Join(" and ", ids.Select(i => "'" + i + "'"));

    /// <summary>Asks the solver, with the definitions of the encoder's own variables the question reads.</summary>
    private Model? Solve(Formula formula) => _solver.Solve(_encoder.WithDefinitions(formula));

    /// <summary>Whether a formula has a valid claim, when the claim itself is not shown: any model will do.</summary>
    private bool HasClaim(Formula formula) => Remembered(_solver.Solve(_encoder.WithDefinitions(formula), anyModel: true)) is not null;

    /// <summary>
    /// Records the claim of a model found for a question about valid claims, so later questions
    /// it answers need no search; returns the model.
    /// </summary>
    private Model? Remembered(Model? model)
    {
        if (model is not null)
        {
            _book.Add(Witnesses.FromModel(_policy, model));
        }

        return model;
    }

    /// <summary>A clause's "in force" formula for the claim book; null where the book cannot judge it.</summary>
    private Formula? InForceForBook(int index)
    {
        var clause = _policy.Clauses[index];
        if (clause.ReadsCoverage)
        {
            return null;
        }

        try
        {
            return _encoder.InForce(clause);
        }
        catch (UnsupportedExpressionException)
        {
            return null;
        }
    }

    /// <summary>Runs one question of a clause's analysis, turning what cannot be decided into a finding that names the question.</summary>
    private void Guard(BoundClause clause, string question, Action action)
    {
        _current = (clause.Location, question);
        try
        {
            action();
        }
        catch (UnsupportedExpressionException unsupported)
        {
            var location = new SourceLocation(unsupported.FilePath ?? clause.Location.FilePath, unsupported.Span);
            NotAnalysed(location, $"{unsupported.Message}, so the analysis did not decide {question}. {UnsupportedAdvice}");
        }
        catch (AnalysisBudgetException budget)
        {
            NotAnalysed(clause.Location, $"The analysis did not decide {question}: {budget.Message}. {BudgetAdvice}");
        }
    }

    /// <summary>
    /// Whether a formula has a valid claim, asked to skip questions whose answer it settles; null
    /// when that is not decided, and then the questions it would have settled are asked one by one.
    /// </summary>
    private bool? Satisfiable(SourceLocation location, string question, Func<Formula> query)
    {
        _current = (location, question);
        try
        {
            return HasClaim(query());
        }
        catch (Exception e) when (e is UnsupportedExpressionException or AnalysisBudgetException)
        {
            return null;
        }
    }

    /// <summary>A yes-or-no question about the whole policy; a budget overrun is reported and taken as "no".</summary>
    private bool Decide(SourceLocation location, string question, Func<bool> query)
    {
        _current = (location, question);
        try
        {
            return query();
        }
        catch (AnalysisBudgetException budget)
        {
            NotAnalysed(location, $"The analysis did not decide {question}: {budget.Message}. {BudgetAdvice}");
            return false;
        }
    }

    private void NotAnalysed(SourceLocation location, string message)
    {
        if (!_findings.Any(f => f.Kind == FindingKind.NotAnalysed && f.Message == message))
        {
            _findings.Add(new Finding(FindingKind.NotAnalysed, message, location, Array.Empty<string>(), null));
        }
    }

    private void Report(FindingKind kind, BoundClause clause, IReadOnlyList<string> ids, IReadOnlyDictionary<string, PolicyValue>? witness, string message, IReadOnlyList<RelatedLocation>? related = null) =>
        _findings.Add(new Finding(kind, message, clause.Location, ids, witness) { Related = related ?? Array.Empty<RelatedLocation>() });

    /// <summary>What a clause did for a claim; a claim the policy decides both ways still has outcomes for the clauses deciding coverage.</summary>
    private ClauseOutcome Outcome(IReadOnlyDictionary<string, PolicyValue> facts, BoundClause clause) =>
        clause.ReadsCoverage
            ? _interpreter.Evaluate(facts).Outcomes[clause.Index]
            : _interpreter.CoverageClauses(facts).Single(o => o.Clause.Index == clause.Index);

    /// <summary>The clause ids a defect names, or null when the claim is decided (or rejected).</summary>
    private IReadOnlyList<string>? Defect(IReadOnlyDictionary<string, PolicyValue> facts)
    {
        try
        {
            _interpreter.Evaluate(facts);
            return null;
        }
        catch (PolicyDefectException defect)
        {
            return defect.ClauseIds;
        }
        catch (ClaimInputException)
        {
            return null;
        }
    }

    /// <summary>The model as a claim, replayed: a witness that does not show its finding is a bug, never a report.</summary>
    private IReadOnlyDictionary<string, PolicyValue> Verified(Model model, Func<IReadOnlyDictionary<string, PolicyValue>, bool> shows)
    {
        var facts = Witnesses.FromModel(_policy, model);
        if (!shows(facts))
        {
            throw new InvalidOperationException("Internal error: the analysis built a witness that does not show its finding: " + Witnesses.ToJson(_policy, facts, full: true));
        }

        return facts;
    }

    private string Short(IReadOnlyDictionary<string, PolicyValue> witness) => Witnesses.ToJson(_policy, witness, full: false);

    /// <summary>
    /// The clauses of a pool that may overlap a clause: bucketed by the enum fact whose value most
    /// clauses pin down, so a large policy split by that fact compares each clause with few others.
    /// </summary>
    private IEnumerable<BoundClause> Candidates(BoundClause clause, IReadOnlyList<BoundClause> pool)
    {
        if (!_buckets.TryGetValue(pool, out var buckets))
        {
            var fact = _policy.Facts.Where(f => f.Type.Kind == TypeKind.Enum)
                .OrderByDescending(f => pool.Count(c => Signature(c)[f.Name] is { Count: 1 }))
                .Select(f => f.Name)
                .FirstOrDefault();
            buckets = (fact, pool.ToLookup(c => fact is not null && Signature(c)[fact] is { Count: 1 } one ? one.First() : string.Empty, StringComparer.Ordinal));
            _buckets[pool] = buckets;
        }

        var mine = buckets.Fact is not null && Signature(clause)[buckets.Fact] is { Count: 1 } single ? single.First() : null;
        var candidates = mine is null ? pool : buckets.Lookup[mine].Concat(buckets.Lookup[string.Empty]);
        return candidates.Where(c => c != clause && MayOverlap(clause, c));
    }

    /// <summary>
    /// A quick test of whether two clauses can hold together: for each enum fact, the values each
    /// condition allows (read off its top-level conjuncts) must meet. Only used to skip queries.
    /// </summary>
    private bool MayOverlap(BoundClause a, BoundClause b)
    {
        var sa = Signature(a);
        var sb = Signature(b);
        foreach (var pair in sa)
        {
            if (pair.Value is not null && sb.TryGetValue(pair.Key, out var other) && other is not null && !pair.Value.Overlaps(other))
            {
                return false;
            }
        }

        return true;
    }

    private IReadOnlyDictionary<string, HashSet<string>?> Signature(BoundClause clause)
    {
        if (!_signatures.TryGetValue(clause.Index, out var signature))
        {
            Formula formula;
            try
            {
                formula = _encoder.Applies(clause);
            }
            catch (UnsupportedExpressionException)
            {
                formula = Formula.True;
            }

            signature = _policy.Facts.Where(f => f.Type.Kind == TypeKind.Enum)
                .ToDictionary(f => f.Name, f => Allowed(formula, f.Name, _policy.Enums.First(e => e.Name == f.Type.EnumName).Members), StringComparer.Ordinal);
            _signatures[clause.Index] = signature;
        }

        return signature;
    }

    /// <summary>The values of an enum fact a formula allows, over-approximated; null is all of them.</summary>
    private static HashSet<string>? Allowed(Formula formula, string fact, IReadOnlyList<string> members) => formula switch
    {
        AtomFormula { Atom: EnumAtom e } when e.Fact == fact => new HashSet<string> { e.Member },
        NotFormula { Operand: AtomFormula { Atom: EnumAtom e } } when e.Fact == fact => new HashSet<string>(members.Where(m => m != e.Member)),
        AndFormula and => and.Operands.Select(o => Allowed(o, fact, members)).Aggregate((HashSet<string>?)null, (acc, next) =>
            acc is null ? next : next is null ? acc : new HashSet<string>(acc.Intersect(next))),
        OrFormula or => or.Operands.Select(o => Allowed(o, fact, members)).Any(x => x is null)
            ? null
            : new HashSet<string>(or.Operands.SelectMany(o => Allowed(o, fact, members)!)),
        _ => null,
    };
}
