using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Xinji.Policy.Dsl.Binding;

namespace Xinji.Policy.Tooling.Examples;

/// <summary>
/// Runs a policy's examples through the reference interpreter. Each claim is read by the same
/// strict reader as <c>evaluate --policy</c>, so an example's claim means what it would mean
/// to the command, and a witness claim printed by a tool can be pasted into an example as is.
/// </summary>
public static class ExampleRunner
{
    public static ExampleRun Run(BoundPolicy policy)
    {
        var evaluator = new InterpretedEvaluator(policy);
        var whatIfs = new Lazy<WhatIfFinder>(() => new WhatIfFinder(evaluator.Interpreter));
        var results = policy.Examples.Select(example =>
        {
            var outcome = Decide(evaluator, whatIfs, example);
            return new ExampleResult(example, outcome, Compare(policy, example.Expectation, outcome));
        }).ToList();

        var cited = new HashSet<string>(
            results.Select(r => r.Outcome).OfType<DecidedOutcome>().SelectMany(o => o.Decision.Clauses).Select(c => c.Id),
            StringComparer.Ordinal);
        var coverage = new ClauseCoverage(
            policy.Clauses.Where(c => cited.Contains(c.Id)).ToList(),
            policy.Clauses.Where(c => !cited.Contains(c.Id)).ToList());
        return new ExampleRun(policy, results, coverage);
    }

    private static ExampleOutcome Decide(InterpretedEvaluator evaluator, Lazy<WhatIfFinder> whatIfs, BoundExample example)
    {
        try
        {
            var facts = evaluator.ReadClaim(Encoding.UTF8.GetBytes(example.ClaimJson));
            var decision = evaluator.Decide(facts).Decision;

            // The search decides thousands of changed claims: done only for an example that states its what-ifs.
            return example.Expectation is ExpectedDecision { WhatIfs: not null }
                ? new DecidedOutcome(decision) { WhatIfs = whatIfs.Value.Find(facts) }
                : new DecidedOutcome(decision);
        }
        catch (Runtime.ClaimInputException invalid)
        {
            return new RejectedOutcome(invalid.Field, invalid.Problem);
        }
        catch (Runtime.PolicyDefectException defect)
        {
            return new DefectOutcome(defect.Message);
        }
    }

    private static IReadOnlyList<Mismatch> Compare(BoundPolicy policy, BoundExpectation expectation, ExampleOutcome outcome)
    {
        switch (expectation)
        {
            case ExpectedRejection rejection:
                return outcome is RejectedOutcome rejected && rejected.Field == rejection.Field
                    ? Array.Empty<Mismatch>()
                    : new[] { Mismatch.Of("outcome", "invalid " + rejection.Field, Describe(outcome)) };

            case ExpectedDecision expected when outcome is DecidedOutcome decided:
                return CompareDecision(policy, expected, decided);

            case ExpectedDecision expected:
                return new[] { Mismatch.Of("outcome", CoverageName(expected.Coverage), Describe(outcome)) };

            default:
                throw new ArgumentOutOfRangeException(nameof(expectation), expectation.GetType().Name);
        }
    }

    private static List<Mismatch> CompareDecision(BoundPolicy policy, ExpectedDecision expected, DecidedOutcome outcome)
    {
        var decision = outcome.Decision;
        var mismatches = new List<Mismatch>();
        if (expected.Coverage != decision.Coverage)
        {
            mismatches.Add(Mismatch.Of("coverage", CoverageName(expected.Coverage), CoverageName(decision.Coverage)));
        }

        CompareSet(mismatches, "remedies", expected.Remedies, decision.Remedies.Select(o => o.Name), Order(policy.Remedies.Select(o => o.Name)));
        CompareSet(mismatches, "cites", expected.Clauses, decision.Clauses.Select(c => c.Id), Order(policy.Clauses.Select(c => c.Id)));
        if (expected.Requirements is { } requirements)
        {
            CompareSet(mismatches, "requirements", requirements, decision.Requirements.Select(o => o.Name), Order(policy.Requirements.Select(o => o.Name)));
        }

        if (expected.Notes is { } notes)
        {
            CompareSet(mismatches, "notes", notes, decision.Notes.Select(o => o.Name), Order(policy.Notes.Select(o => o.Name)));
        }

        if (expected.Warranty is { } warranty)
        {
            var wanted = Period(warranty.Start is null ? null : Date(warranty.Start), warranty.End is null ? null : Date(warranty.End), warranty.Active);
            var actual = Period(
                decision.WarrantyStart.IsKnown ? decision.WarrantyStart.ToString() : null,
                decision.WarrantyEnd.IsKnown ? decision.WarrantyEnd.ToString() : null,
                decision.WarrantyActive);
            if (wanted != actual)
            {
                mismatches.Add(Mismatch.Of("warranty", wanted, actual));
            }
        }

        if (expected.WhatIfs is { } whatIfs && outcome.WhatIfs is { } found)
        {
            CompareWhatIfs(mismatches, policy, whatIfs, found);
        }

        return mismatches;
    }

    /// <summary>The what-ifs as sets of lines: the expected ones as written, the actual ones in the order explain gives them.</summary>
    private static void CompareWhatIfs(List<Mismatch> mismatches, BoundPolicy policy, IEnumerable<ExpectedWhatIf> expected, IEnumerable<WhatIf> actual)
    {
        var wanted = expected.Select(w => WhatIfLines.Line(policy, w)).ToList();
        var got = actual.Select(w => WhatIfLines.Line(policy, WhatIfLines.ToExpected(w))).ToList();
        var missing = wanted.Where(w => !got.Contains(w)).ToList();
        var extra = got.Where(g => !wanted.Contains(g)).ToList();
        if (missing.Count > 0 || extra.Count > 0)
        {
            mismatches.Add(new Mismatch("what-ifs", Lines(wanted), Lines(got), missing, extra) { OneItemPerLine = true });
        }
    }

    private static string Lines(List<string> lines) => lines.Count == 0 ? "none" : string.Join("\n", lines);

    /// <summary>Compares names as sets, listing both sides in the policy's order so they line up.</summary>
    private static void CompareSet(List<Mismatch> mismatches, string part, ExpectedSet expected, IEnumerable<string> actual, Func<IEnumerable<string>, List<string>> order)
    {
        var wanted = order(expected.Items);
        var got = order(actual);
        var missing = wanted.Where(x => !got.Contains(x)).ToList();
        var extra = expected.AtLeast ? new List<string>() : got.Where(x => !wanted.Contains(x)).ToList();
        if (missing.Count > 0 || extra.Count > 0)
        {
            mismatches.Add(new Mismatch(part, (expected.AtLeast ? "at least " : string.Empty) + List(wanted), List(got), missing, extra));
        }
    }

    /// <summary>Sorts names by their place in the policy; a name the policy lacks goes last.</summary>
    private static Func<IEnumerable<string>, List<string>> Order(IEnumerable<string> declared)
    {
        var index = declared.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i, StringComparer.Ordinal);
        return names => names.OrderBy(n => index.TryGetValue(n, out var i) ? i : int.MaxValue).ThenBy(n => n, StringComparer.Ordinal).ToList();
    }

    public static string List(IReadOnlyCollection<string> names) => names.Count == 0 ? "none" : string.Join(", ", names);

    public static string CoverageName(CoverageDecision coverage) => coverage == CoverageDecision.Free ? "free" : "paid";

    /// <summary>An outcome in one line, as the expectation would be written.</summary>
    public static string Describe(ExampleOutcome outcome) => outcome switch
    {
        DecidedOutcome { Decision: var d } =>
            $"{CoverageName(d.Coverage)} (remedies {List(d.Remedies.Select(r => r.Name).ToList())}; cites {List(d.Clauses.Select(c => c.Id).ToList())})",
        RejectedOutcome r => $"invalid {r.Field}: {r.Problem}",
        DefectOutcome defect => "policy defect: " + defect.Message,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome.GetType().Name),
    };

    private static string Date(DateValueLiteral date) =>
        new DateTime(date.Year, date.Month, date.Day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Period(string? start, string? end, bool active) =>
        start is null && end is null && !active
            ? "not established"
            : $"from {start ?? "unknown"} through {end ?? "unknown"} {(active ? "active" : "not active")}";
}
