using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Xinji.Policy.Dsl.Analysis;
using Xinji.Policy.Dsl.Evaluation;

namespace Xinji.Policy.Analysis.Tests;

public class RealPolicyAnalysisTests
{
    [Fact]
    public void The_shipped_policy_has_no_conflicts_gaps_unreachable_or_redundant_clauses()
    {
        var policy = Policies.Bind(Policies.RealPolicyTexts());

        Assert.Empty(PolicyAnalysis.Analyze(policy, Policies.Unhurried).Findings.Select(f => f.Message));
    }

    /// <summary>Every "exception to" link of the real policy, as (file, clause id, target id).</summary>
    public static TheoryData<string, string> ExceptionLinks()
    {
        var data = new TheoryData<string, string>();
        foreach (var (_, text) in Policies.RealPolicyTexts().OrderBy(t => t.Key))
        {
            foreach (Match m in Regex.Matches(text, @"clause (\S+)\n(?:  quote .*\n)+  exception to (\S+)\n"))
            {
                data.Add(m.Groups[1].Value, m.Groups[2].Value);
            }
        }

        return data;
    }

    [Fact]
    public void The_real_policy_has_the_exception_links_the_mutation_test_walks()
    {
        Assert.Equal(7, ExceptionLinks().Count);
    }

    [Theory]
    [MemberData(nameof(ExceptionLinks))]
    public void Removing_an_exception_link_yields_a_conflict_whose_witness_replays(string clause, string target)
    {
        var texts = Policies.RealPolicyTexts();
        var file = texts.Single(t => t.Value.Contains("clause " + clause + "\n")).Key;
        texts[file] = Regex.Replace(texts[file], $@"(clause {Regex.Escape(clause)}\n(?:  quote .*\n)+)  exception to {Regex.Escape(target)}\n", "$1");
        var policy = Policies.Bind(texts);

        var findings = PolicyAnalysis.Analyze(policy, Policies.Unhurried).Findings;

        if (clause == "EX-13")
        {
            // EX-13 lifts the EX-12 exclusion for proven accessories; it decides no coverage itself.
            // Without the link, EX-12 (paid) still overrides WP-2 and EX-13 only adds its note, so
            // nothing conflicts: the decisions change (paid instead of free), which 'diff' shows.
            Assert.DoesNotContain(findings, f => f.Kind == FindingKind.Conflict);
            return;
        }

        var conflict = Assert.Single(findings, f => f.Kind == FindingKind.Conflict);
        Assert.Equal(new[] { target, clause }.OrderBy(x => x), conflict.ClauseIds.OrderBy(x => x));
        var defect = Assert.Throws<PolicyDefectException>(() => new PolicyInterpreter(policy).Evaluate(Policies.Replayable(policy, conflict.Witness!)));
        Assert.Contains(clause, defect.ClauseIds);
        Assert.Contains(target, defect.ClauseIds);
    }

    [Fact]
    public void A_gap_is_found_at_the_calendar_edge_where_twelve_months_from_february_29_end()
    {
        // EX-2 narrowed to falls: an expired claim for a defect is then decided by nothing.
        var texts = Policies.RealPolicyTexts();
        var file = texts.Single(t => t.Value.Contains("clause EX-2\n")).Key;
        texts[file] = texts[file].Replace("  when warrantyStart is known and not warrantyActive\n", "  when warrantyStart is known and not warrantyActive and cause is fall\n");
        var policy = Policies.Bind(texts);

        var gap = Assert.Single(PolicyAnalysis.Analyze(policy, Policies.Unhurried).Findings, f => f.Kind == FindingKind.Gap);

        var defect = Assert.Throws<PolicyDefectException>(() => new PolicyInterpreter(policy).Evaluate(Policies.Replayable(policy, gap.Witness!)));
        Assert.Empty(defect.ClauseIds);
    }

    [Fact]
    public void Int_facts_range_over_the_numbers_a_claim_can_hold_and_sums_that_could_overflow_are_not_guessed()
    {
        // Within ±1,000,000,000, F always applies and P never can: no gap, and P is unreachable.
        var policy = Policies.Bind("""
            policy Ints implements "Ints"
            fact n: int "n"
            warranty from 2024-01-01 through 2024-12-31 active when true
            section "S"
            clause F
              quote "f"
              when n - 999999999 <= 100000000
              then free
            clause P
              quote "p"
              when n + 999999999 < 0 and n > 0
              then paid
            clause Q
              quote "q"
              when n + 999999999 + 999999999 > 5
              then note told
            note told "t"
            """);

        var findings = PolicyAnalysis.Analyze(policy, Policies.Unhurried).Findings;

        Assert.DoesNotContain(findings, f => f.Kind == FindingKind.Gap);
        Assert.Contains(findings, f => f.Kind == FindingKind.NeverApplies && f.ClauseIds[0] == "P");
        Assert.Contains(findings, f => f.Kind == FindingKind.NotAnalysed && f.Message.StartsWith("This sum can pass the 32-bit range", System.StringComparison.Ordinal));
        var outside = Assert.Throws<ClaimInputException>(() => new PolicyInterpreter(policy).Evaluate(new Dictionary<string, PolicyValue> { ["n"] = PolicyValue.Int(1_100_000_000) }));
        Assert.Equal("n", outside.Field);
    }

    [Fact]
    public void An_overlap_that_only_a_leap_day_allows_is_found_and_its_witness_is_that_day()
    {
        // Free if the claim is within 12 months; paid from 365 days after the start. Both hold only
        // when the 12 months have 366 days, that is, contain February 29.
        var policy = Policies.Bind("""
            policy Leap implements "Leap"
            fact start: date "s"
            fact claimed: date "c"
            reject claimed when claimed < start "The claim predates the start."
            warranty from start through start + 12 months - 1 day active when claimed < start + 12 months
            section "S"
            clause FREE
              quote "Free for twelve months."
              when claimed < start + 12 months
              then free
            clause PAID
              quote "Paid from 365 days on."
              when claimed >= start + 365 days
              then paid
            clause LATE
              quote "Paid after twelve months."
              when claimed >= start + 12 months
              then paid
            """);

        var conflict = Assert.Single(PolicyAnalysis.Analyze(policy, Policies.Unhurried).Findings, f => f.Kind == FindingKind.Conflict);

        var start = conflict.Witness!["start"].AsDate;
        var claimed = conflict.Witness["claimed"].AsDate;
        Assert.Equal(365, (claimed - start).TotalDays);
        Assert.Equal(start.AddMonths(12).AddDays(-1), claimed);
        Assert.Equal(new[] { "FREE", "PAID" }, conflict.ClauseIds);
    }
}
