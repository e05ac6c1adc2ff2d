using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Evaluation;

namespace Xinji.Policy.Dsl.Analysis;

public sealed record AnalysisResult(IReadOnlyList<Finding> Findings);

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

    private PolicyAnalysis(BoundPolicy policy)
    {
        _policy = policy;
        _encoder = new PolicyEncoder(policy);
        _interpreter = new PolicyInterpreter(policy);
        _solver = SatSolver.For(policy);
    }

    public static AnalysisResult Analyze(BoundPolicy policy, CancellationToken cancellationToken = default)
    {
        var analysis = new PolicyAnalysis(policy);
        analysis.Run(cancellationToken);
        return new AnalysisResult(analysis._findings);
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
                NotAnalysed(new SourceLocation(rejection.Location.FilePath, unsupported.Span), unsupported.Message + "; the policy was not analysed, since which claims are valid depends on it");
                return;
            }
        }

        var valid = _encoder.Valid;

        // Clauses that read the coverage are only meaningful where exactly one coverage is decided.
        // Built on first use inside a clause's guard, so a deciding clause the analysis cannot
        // encode is reported as not analysed rather than thrown out of the analysis.
        Formula? decidedFormula = null;
        Formula Decided() => decidedFormula ??= Formula.Or(Formula.And(_encoder.AnyFree, Formula.Not(_encoder.AnyPaid)), Formula.And(_encoder.AnyPaid, Formula.Not(_encoder.AnyFree)));
        var reachable = new List<BoundClause>();
        foreach (var clause in _policy.Clauses)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Guard(clause, () =>
            {
                var context = clause.ReadsCoverage ? Formula.And(valid, Decided()) : valid;
                var applies = Solve(Formula.And(context, _encoder.Applies(clause)));
                if (applies is null)
                {
                    Report(FindingKind.NeverApplies, clause, new[] { clause.Id }, null,
                        $"Clause '{clause.Id}' can never apply: no valid claim meets its condition");
                    return;
                }

                if (Solve(Formula.And(context, _encoder.InForce(clause))) is null)
                {
                    var overriders = _policy.Clauses.Where(c => c.ExceptionTo.Contains(clause.Id)).Select(c => c.Id).ToList();
                    var witness = Verified(applies, facts => Outcome(facts, clause) is { Applies: true, InForce: false });
                    Report(FindingKind.AlwaysOverridden, clause, new[] { clause.Id }.Concat(overriders).ToList(), witness,
                        $"Clause '{clause.Id}' never decides anything: every claim it meets is taken by {Names(overriders)}, which {(overriders.Count == 1 ? "overrides" : "override")} it; for example {Short(witness)}");
                    return;
                }

                reachable.Add(clause);
            });
        }

        FindConflicts(valid, reachable, cancellationToken);
        FindGap(valid);
        FindRedundant(valid, Decided, reachable, cancellationToken);
    }

    private void FindConflicts(Formula valid, List<BoundClause> reachable, CancellationToken cancellationToken)
    {
        var free = reachable.Where(c => c.Decides == CoverageDecision.Free).ToList();
        var paid = reachable.Where(c => c.Decides == CoverageDecision.Paid).ToList();
        foreach (var f in free)
        {
            foreach (var p in Candidates(f, paid).OrderBy(c => c.Index))
            {
                cancellationToken.ThrowIfCancellationRequested();

                var later = f.Index > p.Index ? f : p;
                var earlier = later == f ? p : f;
                Guard(later, () =>
                {
                    var model = Solve(Formula.And(valid, _encoder.InForce(f), _encoder.InForce(p)));
                    if (model is null)
                    {
                        return;
                    }

                    var witness = Verified(model, facts => Defect(facts) is { } ids && ids.Contains(f.Id) && ids.Contains(p.Id));
                    Report(FindingKind.Conflict, later, new[] { earlier.Id, later.Id }, witness,
                        $"Clauses '{earlier.Id}' ({Decision(earlier)}) and '{later.Id}' ({Decision(later)}) both apply and disagree, and neither overrides the other; " +
                        $"for example {Short(witness)}. Make one an exception to the other, or narrow a condition");
                });
            }
        }
    }

    private void FindGap(Formula valid)
    {
        try
        {
            var model = Solve(Formula.And(valid, Formula.Not(_encoder.AnyFree), Formula.Not(_encoder.AnyPaid)));
            if (model is null)
            {
                return;
            }

            var witness = Verified(model, facts => Defect(facts) is { Count: 0 });
            _findings.Add(new Finding(FindingKind.Gap,
                $"Some valid claims get no coverage decision: no clause deciding free or paid applies to them; for example {Short(witness)}",
                _policy.Location, Array.Empty<string>(), witness));
        }
        catch (Exception e) when (e is UnsupportedExpressionException or AnalysisBudgetException)
        {
            NotAnalysed(_policy.Location, "The gap analysis was not completed: " + e.Message);
        }
    }

    private void FindRedundant(Formula valid, Func<Formula> decided, List<BoundClause> reachable, CancellationToken cancellationToken)
    {
        var byEffect = reachable.GroupBy(EffectKey, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (IReadOnlyList<BoundClause>)g.ToList(), StringComparer.Ordinal);
        foreach (var clause in reachable)
        {
            foreach (var other in Candidates(clause, byEffect[EffectKey(clause)]).OrderBy(c => c.Index))
            {
                cancellationToken.ThrowIfCancellationRequested();

                // Of two clauses that cover each other, report the later one only.
                var redundant = false;
                Guard(clause, () =>
                {
                    var context = clause.ReadsCoverage || other.ReadsCoverage ? Formula.And(valid, decided()) : valid;
                    if (Solve(Formula.And(context, _encoder.InForce(clause), Formula.Not(_encoder.InForce(other)))) is not null)
                    {
                        return;
                    }

                    var mutual = Solve(Formula.And(context, _encoder.InForce(other), Formula.Not(_encoder.InForce(clause)))) is null;
                    redundant = !mutual || clause.Index > other.Index;
                });

                if (redundant)
                {
                    Report(FindingKind.Redundant, clause, new[] { clause.Id, other.Id }, null,
                        $"Clause '{clause.Id}' adds nothing: '{other.Id}' has the same effect and is in force for every claim '{clause.Id}' is");
                    break;
                }
            }
        }
    }

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

    private Model? Solve(Formula formula) => _solver.Solve(formula);

    /// <summary>Runs one clause's analysis, turning what cannot be decided into a finding about that clause.</summary>
    private void Guard(BoundClause clause, Action action)
    {
        try
        {
            action();
        }
        catch (UnsupportedExpressionException unsupported)
        {
            var location = new SourceLocation(unsupported.FilePath ?? clause.Location.FilePath, unsupported.Span);
            NotAnalysed(location, unsupported.Message + $"; clause '{clause.Id}' was not fully analysed");
        }
        catch (AnalysisBudgetException budget)
        {
            NotAnalysed(clause.Location, $"Clause '{clause.Id}' was not fully analysed: {budget.Message}");
        }
    }

    private void NotAnalysed(SourceLocation location, string message)
    {
        if (!_findings.Any(f => f.Kind == FindingKind.NotAnalysed && f.Message == message))
        {
            _findings.Add(new Finding(FindingKind.NotAnalysed, message, location, Array.Empty<string>(), null));
        }
    }

    private void Report(FindingKind kind, BoundClause clause, IReadOnlyList<string> ids, IReadOnlyDictionary<string, PolicyValue>? witness, string message) =>
        _findings.Add(new Finding(kind, message, clause.Location, ids, witness));

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
