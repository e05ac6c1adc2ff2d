using System;
using System.Collections.Generic;
using System.Linq;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Evaluation;

namespace Xinji.Policy.Dsl.Analysis;

/// <summary>One way two policies decide some claim differently, with a claim that shows it.</summary>
/// <param name="Aspect">What differs: "coverage", "clause EX-3", "remedy repair", "validity", "warranty".</param>
public sealed record PolicyDifference(string Aspect, IReadOnlyDictionary<string, PolicyValue> Witness, string Old, string New);

public sealed record ComparisonResult(IReadOnlyList<PolicyDifference> Differences, IReadOnlyList<string> NotCompared)
{
    public bool Equivalent => Differences.Count == 0 && NotCompared.Count == 0;
}

/// <summary>
/// Compares two versions of a policy over every valid claim, with the analysis's exact solver:
/// for the coverage, each clause, each remedy, requirement and note, the warranty period and
/// the validity of claims, either a claim on which the two versions differ, or none exists.
/// Both versions must state the same facts (the same claim contract).
/// </summary>
public static class PolicyComparison
{
    public static ComparisonResult Compare(BoundPolicy oldPolicy, BoundPolicy newPolicy)
    {
        var contract = ContractDifference(oldPolicy, newPolicy);
        if (contract is not null)
        {
            throw new ArgumentException(contract);
        }

        var before = new PolicyEncoder(oldPolicy);
        var after = new PolicyEncoder(newPolicy);
        var solver = SatSolver.For(newPolicy);
        var oldInterpreter = new PolicyInterpreter(oldPolicy);
        var newInterpreter = new PolicyInterpreter(newPolicy);
        var differences = new List<PolicyDifference>();
        var notCompared = new List<string>();

        // A claim both versions decide (valid, one coverage) is where decisions can be compared;
        // validity and defects are compared on their own.
        Formula Decided(PolicyEncoder e) => Formula.And(e.Valid, Formula.Or(Formula.And(e.AnyFree, Formula.Not(e.AnyPaid)), Formula.And(e.AnyPaid, Formula.Not(e.AnyFree))));

        void Query(string aspect, Func<Formula> difference)
        {
            try
            {
                var model = solver.Solve(difference());
                if (model is null)
                {
                    return;
                }

                var claim = Witnesses.FromModel(newPolicy, model);
                var oldText = Describe(oldInterpreter, claim);
                var newText = Describe(newInterpreter, claim);
                if (oldText == newText)
                {
                    throw new InvalidOperationException($"Internal error: the comparison found a claim for '{aspect}' on which the versions agree: {Witnesses.ToJson(newPolicy, claim, full: true)}");
                }

                differences.Add(new PolicyDifference(aspect, claim, oldText, newText));
            }
            catch (Exception e) when (e is UnsupportedExpressionException or AnalysisBudgetException)
            {
                notCompared.Add(aspect + ": " + e.Message);
            }
        }

        Query("validity", () => Xor(before.Valid, after.Valid));
        Query("defects", () => Formula.And(before.Valid, after.Valid, Xor(Decided(before), Decided(after))));
        var both = new Lazy<Formula>(() => Formula.And(Decided(before), Decided(after)));
        Query("coverage", () => Formula.And(both.Value, Xor(before.AnyFree, after.AnyFree)));

        foreach (var id in oldPolicy.Clauses.Select(c => c.Id).Union(newPolicy.Clauses.Select(c => c.Id)).Distinct())
        {
            Query("clause " + id, () => Formula.And(both.Value, Xor(Cited(before, oldPolicy, id), Cited(after, newPolicy, id))));
        }

        foreach (var (kind, outcomes) in new[] { ("remedy", (Func<BoundClause, IEnumerable<string>>)(c => c.Remedies)), ("requirement", c => c.Requirements), ("note", c => c.Notes) })
        {
            var names = oldPolicy.Clauses.SelectMany(outcomes).Union(newPolicy.Clauses.SelectMany(outcomes)).Distinct();
            foreach (var name in names)
            {
                Query(kind + " " + name, () => Formula.And(both.Value, Xor(Gives(before, oldPolicy, outcomes, name), Gives(after, newPolicy, outcomes, name))));
            }
        }

        Query("warranty", () => Formula.And(before.Valid, after.Valid, Formula.Or(
            Xor(before.Condition(oldPolicy.Warranty.Active), after.Condition(newPolicy.Warranty.Active)),
            Differ(before, oldPolicy.Warranty.Start, after, newPolicy.Warranty.Start),
            Differ(before, oldPolicy.Warranty.End, after, newPolicy.Warranty.End))));

        return new ComparisonResult(differences, notCompared);
    }

    /// <summary>Why two versions cannot be compared claim by claim, or null when they can.</summary>
    public static string? ContractDifference(BoundPolicy oldPolicy, BoundPolicy newPolicy)
    {
        string Contract(BoundPolicy p) => string.Join(";", p.Facts.OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => f.Name + ":" + f.Type + (f.Type.Kind == TypeKind.Enum ? "=" + string.Join("|", p.Enums.First(e => e.Name == f.Type.EnumName).Members) : string.Empty)));
        return Contract(oldPolicy) == Contract(newPolicy)
            ? null
            : "The two versions state different facts (their claim contracts differ), so they cannot be compared claim by claim";
    }

    private static Formula Xor(Formula a, Formula b) => Formula.Or(Formula.And(a, Formula.Not(b)), Formula.And(Formula.Not(a), b));

    private static Formula Cited(PolicyEncoder encoder, BoundPolicy policy, string id) =>
        policy.Clauses.FirstOrDefault(c => c.Id == id) is { } clause ? encoder.InForce(clause) : Formula.False;

    private static Formula Gives(PolicyEncoder encoder, BoundPolicy policy, Func<BoundClause, IEnumerable<string>> outcomes, string name) =>
        Formula.Or(policy.Clauses.Where(c => outcomes(c).Contains(name)).Select(encoder.InForce));

    /// <summary>Two date values differ: one known and not the other, or both known and unequal.</summary>
    private static Formula Differ(PolicyEncoder before, BoundExpression oldValue, PolicyEncoder after, BoundExpression newValue)
    {
        var cases = new List<Formula>();
        foreach (var (g1, t1) in before.Terms(oldValue))
        {
            foreach (var (g2, t2) in after.Terms(newValue))
            {
                var guard = Formula.And(g1, g2);
                if (t1 is null && t2 is null)
                {
                    continue;
                }

                if (t1 is null || t2 is null)
                {
                    cases.Add(guard);
                    continue;
                }

                cases.Add(Formula.And(guard, Formula.Or(
                    Formula.Of(new LessOrEqualAtom(t1.Then(new TermStep(false, 1)), t2, true)),
                    Formula.Of(new LessOrEqualAtom(t2.Then(new TermStep(false, 1)), t1, true)))));
            }
        }

        return Formula.Or(cases);
    }

    /// <summary>A decision as one line, for the report and to check that the versions really differ.</summary>
    public static string Describe(PolicyInterpreter interpreter, IReadOnlyDictionary<string, PolicyValue> claim)
    {
        try
        {
            var d = interpreter.Evaluate(claim);
            return $"{(d.Coverage == CoverageDecision.Free ? "free" : "paid")}; remedies [{string.Join(", ", d.Remedies.Select(r => r.Name))}]; " +
                   $"clauses [{string.Join(", ", d.Clauses.Select(c => c.Id))}]; requirements [{string.Join(", ", d.Requirements.Select(r => r.Name))}]; " +
                   $"notes [{string.Join(", ", d.Notes.Select(n => n.Name))}]; warranty {d.WarrantyStart}..{d.WarrantyEnd} {(d.WarrantyActive ? "active" : "not active")}";
        }
        catch (ClaimInputException invalid)
        {
            return "rejected: " + invalid.Message;
        }
        catch (PolicyDefectException defect)
        {
            return "defect: " + defect.Message;
        }
    }
}
