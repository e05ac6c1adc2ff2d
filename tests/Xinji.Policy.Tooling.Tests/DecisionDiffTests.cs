using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Xinji.Policy.Tooling.Diff;
using static Xinji.Policy.Tooling.Tests.TestPolicy;

namespace Xinji.Policy.Tooling.Tests;

public class DecisionDiffTests
{
    private const string WaterExclusion = """
        clause X-1
          quote "Water damage is not covered."
          exception to C-1
          when damage is water
          then paid
               remedy fix
        """;

    /// <summary>The repair policy without the water exclusion, replacing after two visits instead of three, and refusing ten visits or more.</summary>
    private static readonly string Changed = Repair
        .Replace(WaterExclusion, string.Empty)
        .Replace("visits > 2", "visits > 1")
        .Replace("reject claimed when", "reject visits when visits > 9\n  \"Nobody comes back ten times.\"\nreject claimed when");

    private static readonly InterpretedEvaluator Old = new(Bind(Repair));

    private static readonly InterpretedEvaluator New = new(Bind(Changed));

    private static ReplayClaim Claim(int line, string json) => new("claims.jsonl:" + line, Encoding.UTF8.GetBytes(json));

    private static IReadOnlyList<ReplayClaim> Claims() => new[]
    {
        Claim(1, InWarranty),
        Claim(2, Wet),
        Claim(3, """{"kind": "band", "bought": "2025-01-10", "claimed": "2025-02-01", "damage": "water"}"""),
        Claim(4, """{"kind": "phone", "bought": "2025-01-10", "claimed": "2025-03-01", "visits": 2}"""),
        Claim(5, """{"kind": "phone", "bought": "2025-01-10", "claimed": "2025-03-01", "visits": 12}"""),
        Claim(6, """{"kind": "phone", "bought": "2025-01-10", "claimed": "2025-01-09"}"""),
        Claim(7, "not a claim"),
        Claim(8, Expired),
    };

    [Fact]
    public void Changed_decisions_are_grouped_by_old_and_new_outcome_largest_group_first()
    {
        var report = DecisionDiff.Compare(Old, New, Claims());

        Assert.Equal((8, 4, 2), (report.Claims, report.Changed, report.Unchanged));
        Assert.Equal(
            new[] { ("paid", "free", 2), ("free", "free", 1), ("free", "invalid (visits)", 1) },
            report.Groups.Select(g => (g.Old, g.New, g.Count)));
        Assert.Equal(new[] { false, true, false }, report.Groups.Select(g => g.SameOutcome));
    }

    [Fact]
    public void Each_group_counts_the_parts_that_changed_and_each_sample_says_what_left_and_what_came()
    {
        var groups = DecisionDiff.Compare(Old, New, Claims()).Groups;

        var wet = groups[0];
        Assert.Equal(new Dictionary<DecisionPart, int> { [DecisionPart.Coverage] = 2, [DecisionPart.Clauses] = 2 }, wet.PartCounts);
        var sample = wet.Samples[0];
        Assert.Equal(("claims.jsonl:2", Wet), (sample.Origin, sample.Json));
        Assert.Equal(new[] { DecisionPart.Coverage, DecisionPart.Clauses }, sample.Changes.Select(c => c.Part));
        Assert.Equal(("paid", "free"), (sample.Changes[0].Old, sample.Changes[0].New));
        Assert.Equal(("X-1", "C-1"), (sample.Changes[1].Old, sample.Changes[1].New));
        Assert.Equal(new[] { "X-1" }, sample.Changes[1].Dropped);
        Assert.Equal(new[] { "C-1" }, sample.Changes[1].Added);

        var visits = groups[1];
        Assert.Equal(new[] { DecisionPart.Remedies, DecisionPart.Clauses, DecisionPart.Requirements }, visits.PartCounts.Keys);
        Assert.Equal(new[] { "swap" }, visits.Samples.Single().Changes[0].Added);

        var rejected = groups[2].Samples.Single();
        Assert.Empty(rejected.Changes);
        Assert.Equal((ReplayKind.Decided, ReplayKind.Invalid, "visits", "Nobody comes back ten times."), (rejected.Old.Kind, rejected.New.Kind, rejected.New.Field, rejected.New.Problem));
    }

    [Fact]
    public void Claims_both_versions_reject_for_the_same_field_are_counted_by_field_and_are_not_changes()
    {
        var report = DecisionDiff.Compare(Old, New, Claims());

        Assert.Equal(new[] { new FieldCount("(claim)", 1), new FieldCount("claimed", 1) }, report.InvalidInBoth);
        Assert.Equal(2, report.Invalid);
    }

    [Fact]
    public void An_outcome_is_labelled_by_coverage_by_the_field_refused_or_as_a_defect()
    {
        Assert.Equal("invalid (claimDate)", ReplayOutcome.Invalid("claimDate", "too early").Label);
        Assert.Equal("invalid (claim)", ReplayOutcome.Invalid("(claim)", "not valid JSON").Label);
        Assert.Equal("policy defect", ReplayOutcome.Defect("both ways").Label);
        Assert.Equal("free", ReplayOutcome.Decided(Old.Evaluate(Encoding.UTF8.GetBytes(InWarranty))).Label);
    }

    [Fact]
    public void Samples_are_the_first_claims_of_a_group_up_to_the_number_asked_for()
    {
        var one = DecisionDiff.Compare(Old, New, Claims(), samplesPerGroup: 1);
        Assert.Equal(2, one.Groups[0].Count);
        Assert.Equal("claims.jsonl:2", Assert.Single(one.Groups[0].Samples).Origin);

        var none = DecisionDiff.Compare(Old, New, Claims(), samplesPerGroup: 0);
        Assert.All(none.Groups, g => Assert.Empty(g.Samples));
        Assert.Throws<ArgumentOutOfRangeException>(() => DecisionDiff.Compare(Old, New, Claims(), samplesPerGroup: -1));
    }

    [Fact]
    public void A_version_that_decides_nothing_for_a_claim_is_a_change_to_a_policy_defect()
    {
        var gap = new InterpretedEvaluator(Bind(Repair.Replace("  when not covered\n", "  when not covered and visits > 5\n")));

        var report = DecisionDiff.Compare(Old, gap, new[] { Claim(1, Expired), Claim(2, InWarranty) });

        var group = Assert.Single(report.Groups);
        Assert.Equal(("paid", "policy defect", 1), (group.Old, group.New, group.Count));
        Assert.Equal("No clause of the policy decides the coverage of this claim", group.Samples.Single().New.Problem);
        Assert.Equal(0, DecisionDiff.Compare(gap, gap, new[] { Claim(1, Expired) }).Changed);
        Assert.Equal(1, DecisionDiff.Compare(gap, gap, new[] { Claim(1, Expired) }).DefectsInBoth);
    }

    [Fact]
    public void Identical_versions_change_nothing()
    {
        var report = DecisionDiff.Compare(Old, new InterpretedEvaluator(Bind(Repair)), Claims());

        Assert.Empty(report.Groups);
        Assert.Equal((8, 0, 6), (report.Claims, report.Changed, report.Unchanged));
    }

    [Fact]
    public void A_longer_warranty_changes_the_period_the_notes_and_the_coverage_of_a_late_claim()
    {
        var longer = new InterpretedEvaluator(Bind(Repair.Replace("6 months", "12 months")));

        var changes = DecisionDiff.Differences(Old.Evaluate(Encoding.UTF8.GetBytes(Expired)), longer.Evaluate(Encoding.UTF8.GetBytes(Expired)));

        Assert.Equal(
            new[]
            {
                (DecisionPart.Coverage, "paid", "free"),
                (DecisionPart.Clauses, "X-2", "C-1"),
                (DecisionPart.Notes, "keepParts", "none"),
                (DecisionPart.Warranty, "2025-01-10 to 2025-07-09, not active", "2025-01-10 to 2026-01-09, active"),
            },
            changes.Select(c => (c.Part, c.Old, c.New)));
    }

    [Fact]
    public void The_report_gives_the_counts_then_each_group_with_its_samples_then_the_invalid_claims_by_field()
    {
        var output = new StringWriter { NewLine = "\n" };
        DiffReportWriter.Write(output, DecisionDiff.Compare(Old, New, Claims(), samplesPerGroup: 1), "old/", "new/", "claims.jsonl");

        Assert.Equal("""
            Replayed 8 claims from claims.jsonl
              old policy: old/
              new policy: new/

            Changed:    4 (50.0%)
            Unchanged:  2 (25.0%)
            Invalid:    2 (25.0%), rejected by both versions for the same field

            paid → free: 2 claims
              changed: coverage 2, cited clauses 2
              claims.jsonl:2
                {"kind": "phone", "bought": "2025-01-10", "claimed": "2025-03-01", "damage": "water"}
                coverage       paid → free
                cited clauses  dropped X-1; added C-1

            free → free, other parts changed: 1 claim
              changed: remedies 1, cited clauses 1, requirements 1
              claims.jsonl:4
                {"kind": "phone", "bought": "2025-01-10", "claimed": "2025-03-01", "visits": 2}
                remedies       added swap
                cited clauses  added C-2
                requirements   added receipt

            free → invalid (visits): 1 claim
              claims.jsonl:5
                {"kind": "phone", "bought": "2025-01-10", "claimed": "2025-03-01", "visits": 12}
                outcome  free → invalid (visits): Nobody comes back ten times.

            Invalid in both versions, by field:
              (claim)  1
              claimed  1

            """, output.ToString());
    }
}
