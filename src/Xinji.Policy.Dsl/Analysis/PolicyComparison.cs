using System;
using System.Collections.Generic;
using System.Linq;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Evaluation;
using Xinji.Policy.Dsl.Text;

namespace Xinji.Policy.Dsl.Analysis;

/// <summary>One way two policies decide some claim differently, with a claim that shows it.</summary>
/// <param name="Aspect">What differs: "coverage", "clause EX-3", "remedy repair", "validity", "warranty".</param>
/// <param name="Witness">The claim, over the facts of both versions; each version reads the facts it states.</param>
public sealed record PolicyDifference(string Aspect, IReadOnlyDictionary<string, PolicyValue> Witness, string Old, string New)
{
    /// <summary>The claim as JSON in short form (facts at their default left out), over the facts of both versions.</summary>
    public string ClaimJson { get; init; } = "{}";
}

/// <param name="Assumptions">How each fact that only one version states was compared, one sentence each.</param>
public sealed record ComparisonResult(IReadOnlyList<PolicyDifference> Differences, IReadOnlyList<string> NotCompared, IReadOnlyList<string> Assumptions)
{
    public bool Equivalent => Differences.Count == 0 && NotCompared.Count == 0;
}

/// <summary>
/// Compares two versions of a policy over every valid claim, with the analysis's exact solver:
/// for the coverage, each clause, each remedy, requirement and note, the warranty period and
/// the validity of claims, either a claim on which the two versions differ, or none exists.
/// The claims range over the facts of both versions. A fact that only one version states takes,
/// in the comparison, the value a claim the other version accepts gives it: its default, or not
/// given when it is optional. A required fact without a default has no such value, so it ranges
/// over all its values and the other version ignores it. Only a fact both versions state with
/// different types makes the versions incomparable.
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

        var claims = Union(oldPolicy, newPolicy);
        var (pins, assumptions) = OneSidedFacts(oldPolicy, newPolicy);
        var before = new PolicyEncoder(oldPolicy, AnalysisClock.Unlimited, "old ");
        var after = new PolicyEncoder(newPolicy, AnalysisClock.Unlimited, "new ");
        var solver = SatSolver.For(claims);
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
                var model = solver.Solve(after.WithDefinitions(before.WithDefinitions(Formula.And(pins, difference()))));
                if (model is null)
                {
                    return;
                }

                var claim = Witnesses.FromModel(claims, model);
                var oldText = Describe(oldInterpreter, Restricted(claim, oldPolicy));
                var newText = Describe(newInterpreter, Restricted(claim, newPolicy));
                if (oldText == newText)
                {
                    throw new InvalidOperationException($"Internal error: the comparison found a claim for '{aspect}' on which the versions agree: {Witnesses.ToJson(claims, claim, full: true)}");
                }

                differences.Add(new PolicyDifference(aspect, claim, oldText, newText) { ClaimJson = Witnesses.ToJson(claims, claim, full: false) });
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

        return new ComparisonResult(differences, notCompared, assumptions);
    }

    /// <summary>
    /// Why two versions cannot be compared claim by claim, or null when they can: a fact both state
    /// with different types (an enum counts as changed when its values do), named.
    /// </summary>
    public static string? ContractDifference(BoundPolicy oldPolicy, BoundPolicy newPolicy)
    {
        var newFacts = newPolicy.Facts.ToDictionary(f => f.Name, StringComparer.Ordinal);
        foreach (var old in oldPolicy.Facts)
        {
            if (newFacts.TryGetValue(old.Name, out var changed) && TypeText(oldPolicy, old) != TypeText(newPolicy, changed))
            {
                return $"The fact '{old.Name}' is {TypeText(oldPolicy, old)} in the old version and {TypeText(newPolicy, changed)} in the new one, so the versions cannot be compared claim by claim";
            }
        }

        // A fact only one version states brings its enum along; it must not clash with the other version's enum of that name.
        var newEnums = newPolicy.Enums.ToDictionary(e => e.Name, StringComparer.Ordinal);
        foreach (var old in oldPolicy.Facts.Where(f => f.Type.Kind == TypeKind.Enum && !newFacts.ContainsKey(f.Name)))
        {
            if (newEnums.TryGetValue(old.Type.EnumName!, out var other) && !other.Members.SequenceEqual(Enum(oldPolicy, old).Members))
            {
                return $"The fact '{old.Name}', only in the old version, is of the enum {old.Type.EnumName}, whose values the new version changed, so the versions cannot be compared claim by claim";
            }
        }

        return null;
    }

    private static EnumSymbol Enum(BoundPolicy policy, FactSymbol fact) => policy.Enums.First(e => e.Name == fact.Type.EnumName);

    private static string TypeText(BoundPolicy policy, FactSymbol fact) =>
        fact.Type.Kind == TypeKind.Enum
            ? $"{(fact.Type.IsOptional ? "an optional " : "a ")}{fact.Type.EnumName} ({string.Join(" | ", Enum(policy, fact).Members)})"
            : (fact.Type.IsOptional ? "an optional " : fact.Type.Kind == TypeKind.Int ? "an " : "a ") + fact.Type.BaseName;

    /// <summary>The claim contract of both versions: the new version's facts, then those only the old one states.</summary>
    private static BoundPolicy Union(BoundPolicy oldPolicy, BoundPolicy newPolicy)
    {
        var names = new HashSet<string>(newPolicy.Facts.Select(f => f.Name), StringComparer.Ordinal);
        var oldOnly = oldPolicy.Facts.Where(f => !names.Contains(f.Name)).ToList();
        var enumNames = new HashSet<string>(newPolicy.Enums.Select(e => e.Name), StringComparer.Ordinal);
        return newPolicy with
        {
            Facts = newPolicy.Facts.Concat(oldOnly).ToEquatableArray(),
            Enums = newPolicy.Enums.Concat(oldPolicy.Enums.Where(e => !enumNames.Contains(e.Name))).ToEquatableArray(),
        };
    }

    /// <summary>
    /// For each fact only one version states, the value it has on the claims the other version
    /// accepts (a formula the compared claims must meet), and a sentence saying so.
    /// </summary>
    private static (Formula Pins, IReadOnlyList<string> Assumptions) OneSidedFacts(BoundPolicy oldPolicy, BoundPolicy newPolicy)
    {
        var pins = new List<Formula>();
        var assumptions = new List<string>();
        foreach (var (policy, other, only, other2) in new[] { (newPolicy, oldPolicy, "the new", "old"), (oldPolicy, newPolicy, "the old", "new") })
        {
            var names = new HashSet<string>(other.Facts.Select(f => f.Name), StringComparer.Ordinal);
            foreach (var fact in policy.Facts.Where(f => !names.Contains(f.Name)))
            {
                if (fact.Default is { } value)
                {
                    pins.Add(Is(fact, value));
                    assumptions.Add($"'{fact.Name}' is only in {only} version: compared at its default, {PolicyInterpreter.Literal(value)}, the value it takes on the claims the {other2} version accepts (which do not state it)");
                }
                else if (fact.Type.IsOptional)
                {
                    pins.Add(Formula.Not(Formula.Of(new KnownAtom(fact.Name))));
                    assumptions.Add($"'{fact.Name}' is only in {only} version: compared as not given, as on the claims the {other2} version accepts (which do not state it)");
                }
                else
                {
                    assumptions.Add($"'{fact.Name}' is only in {only} version and is required without a default: compared over all its values, which the {other2} version ignores (a claim stating it is one the {other2} version refuses as an unknown field)");
                }
            }
        }

        return (Formula.And(pins), assumptions);
    }

    /// <summary>The fact has this value.</summary>
    private static Formula Is(FactSymbol fact, BoundLiteral value)
    {
        var known = fact.Type.IsOptional ? Formula.Of(new KnownAtom(fact.Name)) : Formula.True;
        switch (value)
        {
            case BoolLiteral b:
                return Formula.And(known, b.Value ? Formula.Of(new BoolAtom(fact.Name)) : Formula.Not(Formula.Of(new BoolAtom(fact.Name))));
            case EnumLiteral e:
                return Formula.And(known, Formula.Of(new EnumAtom(fact.Name, e.Member)));
            default:
                var isDate = fact.Type.Kind == TypeKind.Date;
                var number = PolicyInterpreter.Literal(value) is var v && isDate ? v.AsDayNumber : v.AsInt;
                return Formula.And(known,
                    Formula.Of(new LessOrEqualAtom(Term.Var(fact.Name), Term.Const(number), isDate)),
                    Formula.Of(new LessOrEqualAtom(Term.Const(number), Term.Var(fact.Name), isDate)));
        }
    }

    /// <summary>The part of a claim a version reads: the facts it states.</summary>
    private static Dictionary<string, PolicyValue> Restricted(IReadOnlyDictionary<string, PolicyValue> claim, BoundPolicy policy) =>
        policy.Facts.Where(f => claim.ContainsKey(f.Name)).ToDictionary(f => f.Name, f => claim[f.Name], StringComparer.Ordinal);

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
