using System;
using System.Collections.Generic;
using System.Linq;
using Xinji.Policy.Dsl.Analysis;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Evaluation;

namespace Xinji.Policy.Analysis.Tests;

/// <summary>What enumerating a finite claim space through the interpreter shows, in the analysis's terms.</summary>
/// <param name="Conflicts">Pairs "a+b" (ordinal order) of a free and a paid clause in force together on some valid claim.</param>
/// <param name="Gap">Some valid claim has no clause deciding free or paid in force.</param>
/// <param name="Never">Clauses that apply to no valid claim (a clause reading coverage: no valid claim the policy decides).</param>
/// <param name="Overridden">Clauses that apply to some such claim but are in force on none.</param>
internal sealed record ClaimSpaceTruth(List<string> Conflicts, bool Gap, List<string> Never, List<string> Overridden, int ValidClaims);

/// <summary>
/// The brute-force side of the analysis checks: every claim of a finite space through the
/// reference interpreter, and the comparison of what that shows with the analysis's findings.
/// </summary>
internal static class ClaimSpace
{
    /// <summary>Runs every claim (facts by name; an optional fact not given or unknown is unknown) through the interpreter.</summary>
    public static ClaimSpaceTruth Enumerate(BoundPolicy policy, IEnumerable<IReadOnlyDictionary<string, PolicyValue>> claims)
    {
        var interpreter = new PolicyInterpreter(policy);
        var bounds = policy.Rejections.Select(Bound).ToList();
        var readsCoverage = policy.Clauses.Any(c => c.ReadsCoverage);
        var applies = new HashSet<string>(StringComparer.Ordinal);
        var inForce = new HashSet<string>(StringComparer.Ordinal);
        var conflicts = new HashSet<string>(StringComparer.Ordinal);
        var gap = false;
        var valid = 0;
        foreach (var claim in claims)
        {
            // Literal bounds are checked here, without the exception the interpreter throws per rejected claim.
            if (bounds.Any(b => b is { } bound && Rejects(bound, claim)) || (bounds.Any(b => b is null) && IsRejected(interpreter, claim)))
            {
                continue;
            }

            // The clauses deciding coverage say what they did even when the claim is decided both ways
            // or not at all; a decided claim is evaluated whole when some clause reads the coverage.
            IReadOnlyList<ClauseOutcome> outcomes = interpreter.CoverageClauses(claim);
            var kinds = outcomes.Where(o => o.InForce && o.Clause.Decides is not null).Select(o => o.Clause.Decides).Distinct().Count();
            if (readsCoverage && kinds == 1)
            {
                outcomes = interpreter.Evaluate(claim).Outcomes;
            }

            valid++;
            foreach (var o in outcomes)
            {
                if (o.Applies)
                {
                    applies.Add(o.Clause.Id);
                }

                if (o.InForce)
                {
                    inForce.Add(o.Clause.Id);
                }
            }

            var forced = outcomes.Where(o => o.InForce && !o.Clause.ReadsCoverage).Select(o => o.Clause).ToList();
            var free = forced.Where(c => c.Decides == CoverageDecision.Free).ToList();
            var paid = forced.Where(c => c.Decides == CoverageDecision.Paid).ToList();
            foreach (var f in free)
            {
                foreach (var p in paid)
                {
                    conflicts.Add(Pair(f.Id, p.Id));
                }
            }

            gap |= free.Count == 0 && paid.Count == 0;
        }

        var clauses = policy.Clauses.ToList();
        return new ClaimSpaceTruth(
            conflicts.OrderBy(x => x, StringComparer.Ordinal).ToList(),
            gap,
            clauses.Where(c => !applies.Contains(c.Id)).Select(c => c.Id).OrderBy(x => x, StringComparer.Ordinal).ToList(),
            clauses.Where(c => applies.Contains(c.Id) && !inForce.Contains(c.Id)).Select(c => c.Id).OrderBy(x => x, StringComparer.Ordinal).ToList(),
            valid);
    }

    /// <summary>Fails, naming the verdict and the context, where the analysis and the enumeration disagree.</summary>
    public static void AssertAgrees(ClaimSpaceTruth truth, IReadOnlyList<Finding> findings, string context)
    {
        var conflicts = findings.Where(f => f.Kind == FindingKind.Conflict).Select(f => Pair(f.ClauseIds[0], f.ClauseIds[1])).OrderBy(x => x, StringComparer.Ordinal).ToList();
        var gap = findings.Any(f => f.Kind == FindingKind.Gap);
        var never = findings.Where(f => f.Kind == FindingKind.NeverApplies).Select(f => f.ClauseIds[0]).OrderBy(x => x, StringComparer.Ordinal).ToList();
        var overridden = findings.Where(f => f.Kind == FindingKind.AlwaysOverridden).Select(f => f.ClauseIds[0]).OrderBy(x => x, StringComparer.Ordinal).ToList();

        Assert.True(truth.Conflicts.SequenceEqual(conflicts), $"conflicts {string.Join(",", truth.Conflicts)} (enumerated) vs {string.Join(",", conflicts)} (analysis) for {context}");
        Assert.True(truth.Gap == gap, $"gap {truth.Gap} (enumerated) vs {gap} (analysis) for {context}");
        Assert.True(truth.Never.SequenceEqual(never), $"never applies {string.Join(",", truth.Never)} (enumerated) vs {string.Join(",", never)} (analysis) for {context}");
        Assert.True(truth.Overridden.SequenceEqual(overridden), $"overridden {string.Join(",", truth.Overridden)} (enumerated) vs {string.Join(",", overridden)} (analysis) for {context}");
    }

    /// <summary>
    /// Every claim over the values each fact can take: both bools, every enum member, unknown for
    /// an optional fact, and for an int or date fact the range its rejections bound it to with
    /// literals (<c>reject x when x &lt; 0</c>, <c>reject x when x &gt; 2024-03-01</c>); every
    /// valid claim is in it. A fact of a number or date without such bounds is refused.
    /// </summary>
    public static IEnumerable<IReadOnlyDictionary<string, PolicyValue>> Bounded(BoundPolicy policy, long limit = 200_000)
    {
        var domains = policy.Facts.Select(f => (f.Name, Values: Domain(policy, f))).ToList();
        var size = domains.Aggregate(1L, (n, d) => n * d.Values.Count);
        if (size > limit)
        {
            throw new InvalidOperationException($"The policy {policy.Name} has {size} claims to enumerate, more than {limit}: narrow its rejections.");
        }

        return Product(domains, 0, new Dictionary<string, PolicyValue>(StringComparer.Ordinal));
    }

    private static IEnumerable<IReadOnlyDictionary<string, PolicyValue>> Product(List<(string Name, List<PolicyValue> Values)> domains, int index, Dictionary<string, PolicyValue> claim)
    {
        if (index == domains.Count)
        {
            yield return new Dictionary<string, PolicyValue>(claim, StringComparer.Ordinal);
            yield break;
        }

        foreach (var value in domains[index].Values)
        {
            claim[domains[index].Name] = value;
            foreach (var complete in Product(domains, index + 1, claim))
            {
                yield return complete;
            }
        }
    }

    private static List<PolicyValue> Domain(BoundPolicy policy, FactSymbol fact)
    {
        var values = fact.Type.Kind switch
        {
            TypeKind.Bool => new List<PolicyValue> { PolicyValue.Bool(false), PolicyValue.Bool(true) },
            TypeKind.Enum => policy.Enums.Single(e => e.Name == fact.Type.EnumName).Members.Select(PolicyValue.Enum).ToList(),
            _ => Range(policy, fact),
        };

        if (fact.Type.IsOptional)
        {
            values.Insert(0, PolicyValue.Unknown);
        }

        return values;
    }

    private static List<PolicyValue> Range(BoundPolicy policy, FactSymbol fact)
    {
        long? lowest = null;
        long? highest = null;
        foreach (var bound in policy.Rejections.Select(Bound))
        {
            if (bound is not { } b || b.Fact != fact.Name)
            {
                continue;
            }

            // "x < k" rejects below k; "k > x" is the same bound written the other way round.
            var (op, k) = (b.Operator, b.Constant);
            switch (op)
            {
                case ComparisonOperator.Less:
                    lowest = Math.Max(lowest ?? long.MinValue, k);
                    break;
                case ComparisonOperator.LessOrEqual:
                    lowest = Math.Max(lowest ?? long.MinValue, k + 1);
                    break;
                case ComparisonOperator.Greater:
                    highest = Math.Min(highest ?? long.MaxValue, k);
                    break;
                default:
                    highest = Math.Min(highest ?? long.MaxValue, k - 1);
                    break;
            }
        }

        if (lowest is null || highest is null)
        {
            throw new InvalidOperationException($"The fact '{fact.Name}' of {policy.Name} is a {fact.Type.BaseName} without literal bounds in its rejections, so its claims cannot be enumerated.");
        }

        var range = new List<PolicyValue>();
        for (var n = lowest.Value; n <= highest.Value; n++)
        {
            range.Add(fact.Type.Kind == TypeKind.Date ? PolicyValue.Date((int)n) : PolicyValue.Int((int)n));
        }

        return range;
    }

    private static ComparisonOperator Mirror(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Less => ComparisonOperator.Greater,
        ComparisonOperator.LessOrEqual => ComparisonOperator.GreaterOrEqual,
        ComparisonOperator.Greater => ComparisonOperator.Less,
        _ => ComparisonOperator.LessOrEqual,
    };

    /// <summary>A constant's value (an int, or a date's day number), or null when it reads a fact.</summary>
    private static long? Constant(BoundExpression expression) => expression switch
    {
        IntLiteral i => i.Value,
        DateValueLiteral d => PolicyValue.Date(d.Year, d.Month, d.Day).AsDayNumber,
        Arithmetic { Operator: ArithmeticOperator.Add } a => Constant(a.Left) + Constant(a.Right),
        Arithmetic a => Constant(a.Left) - Constant(a.Right),
        _ => null,
    };

    /// <summary>A rejection that is a literal bound on one fact (<c>x &lt; k</c>), or null.</summary>
    private static (string Fact, ComparisonOperator Operator, long Constant)? Bound(BoundRejection rejection) => rejection.Condition switch
    {
        Comparison { Left: FactReference f } c when Constant(c.Right) is { } k => (f.Name, c.Operator, k),
        Comparison { Right: FactReference f } c when Constant(c.Left) is { } k => (f.Name, Mirror(c.Operator), k),
        _ => null,
    };

    private static bool Rejects((string Fact, ComparisonOperator Operator, long Constant) bound, IReadOnlyDictionary<string, PolicyValue> claim)
    {
        if (!claim.TryGetValue(bound.Fact, out var value) || !value.IsKnown)
        {
            return false;
        }

        long n = value.Kind == ValueKind.Date ? value.AsDayNumber : value.AsInt;
        return bound.Operator switch
        {
            ComparisonOperator.Less => n < bound.Constant,
            ComparisonOperator.LessOrEqual => n <= bound.Constant,
            ComparisonOperator.Greater => n > bound.Constant,
            _ => n >= bound.Constant,
        };
    }

    private static bool IsRejected(PolicyInterpreter interpreter, IReadOnlyDictionary<string, PolicyValue> claim)
    {
        try
        {
            interpreter.Evaluate(claim);
            return false;
        }
        catch (PolicyInputException)
        {
            return true;
        }
        catch (PolicyDefectException)
        {
            return false;
        }
    }

    private static string Pair(string a, string b) => string.CompareOrdinal(a, b) < 0 ? a + "+" + b : b + "+" + a;
}
