using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Xinji.Policy.Dsl.Analysis;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Diagnostics;
using Xinji.Policy.Dsl.Evaluation;

namespace Xinji.Policy.Analysis.Tests;

/// <summary>
/// The mistakes authors of the real policy made, each as a mutant of it: every finding sits on the
/// clause the author touched, says its cause, and points at the other places involved.
/// </summary>
public class FindingMessageTests
{
    private static (BoundPolicy Policy, IReadOnlyList<Finding> Findings, Dictionary<string, string> Texts) Analyse(Action<Dictionary<string, string>> change)
    {
        var texts = Policies.RealPolicyTexts();
        change(texts);
        var policy = Policies.Bind(texts);
        return (policy, PolicyAnalysis.Analyze(policy, Policies.Unhurried).Findings, texts);
    }

    private static string File(Dictionary<string, string> texts, string name) => texts.Keys.Single(k => k.EndsWith(name, StringComparison.Ordinal));

    private static void Replace(Dictionary<string, string> texts, string file, string old, string replacement)
    {
        var path = File(texts, file);
        Assert.Contains(old, texts[path], StringComparison.Ordinal);
        texts[path] = texts[path].Replace(old, replacement, StringComparison.Ordinal);
    }

    /// <summary>"file(line,col)-(line,col)" of a location, for exact comparisons.</summary>
    private static string At(string filePath, Dsl.Text.SourceSpan span) => System.IO.Path.GetFileName(filePath) + span;

    /// <summary>Where a clause's id is declared: "file(line,col)-(line,col)".</summary>
    private static string ClauseAt(Dictionary<string, string> texts, string id)
    {
        var (path, text) = texts.Single(t => t.Value.Contains("clause " + id + "\n", StringComparison.Ordinal));
        var lines = text.Split('\n');
        var line = Array.FindIndex(lines, l => l == "clause " + id) + 1;
        return System.IO.Path.GetFileName(path) + $"({line},8)-({line},{8 + id.Length})";
    }

    [Fact]
    public void A_copied_clause_gets_every_conflict_and_the_redundancy_and_the_clauses_it_conflicts_with_are_related()
    {
        var (_, findings, texts) = Analyse(t =>
        {
            var path = File(t, "02-warranty-policy.policy");
            var wp2 = Regex.Match(t[path], @"clause WP-2\n(?:  .*\n)+").Value;
            t[path] += "\n" + wp2.Replace("clause WP-2", "clause WP-2b", StringComparison.Ordinal);
        });

        var conflicts = findings.Where(f => f.Kind == FindingKind.Conflict).ToList();
        Assert.Equal(new[] { "WD-9", "EX-3", "EX-10", "EX-11", "EX-12", "EX-14" }, conflicts.Select(c => c.ClauseIds.Single(id => id != "WP-2b")));
        Assert.All(conflicts, c => Assert.Equal(ClauseAt(texts, "WP-2b"), At(c.Location.FilePath, c.Location.Span)));
        Assert.All(conflicts, c =>
        {
            var other = c.ClauseIds.Single(id => id != "WP-2b");
            var related = Assert.Single(c.Related);
            Assert.Equal(ClauseAt(texts, other), At(related.FilePath, related.Span));
            Assert.Equal($"'{other}' (paid) is the other clause of this conflict", related.Message);
        });

        var redundant = Assert.Single(findings, f => f.Kind == FindingKind.Redundant);
        Assert.Equal(ClauseAt(texts, "WP-2b"), At(redundant.Location.FilePath, redundant.Location.Span));
        Assert.StartsWith("Clause 'WP-2b' repeats 'WP-2': the same condition and the same effect, but not the exceptions to 'WP-2'", redundant.Message, StringComparison.Ordinal);
        Assert.Equal(ClauseAt(texts, "WP-2"), At(redundant.Related[0].FilePath, redundant.Related[0].Span));
        Assert.Equal(conflicts.Count + 1, findings.Count);
    }

    [Fact]
    public void Removing_an_exception_link_puts_the_conflict_on_the_clause_that_lost_it()
    {
        // EX-3 is the last clause in its file to be an exception to WP-2 and the other side (WP-2)
        // is still linked to other exclusions, so the conflict goes on EX-3 though WP-2 comes first.
        var (_, findings, texts) = Analyse(t => Replace(t, "04-warranty-exclusions.policy", "  exception to WP-2\n  when warrantySticker", "  when warrantySticker"));

        var conflict = Assert.Single(findings);
        Assert.Equal(ClauseAt(texts, "EX-3"), At(conflict.Location.FilePath, conflict.Location.Span));
        Assert.Equal(ClauseAt(texts, "WP-2"), At(conflict.Related[0].FilePath, conflict.Related[0].Span));
    }

    [Fact]
    public void Clauses_that_read_a_coverage_no_claim_gets_because_of_a_conflict_name_that_conflict()
    {
        var (_, findings, texts) = Analyse(t => Replace(t, "04-warranty-exclusions.policy", "when cause in {fall, squeeze, water}", "when cause in {fall, squeeze, water, manufacturingDefect}"));

        var conflict = Assert.Single(findings, f => f.Kind == FindingKind.Conflict);
        Assert.Equal(ClauseAt(texts, "EX-9"), At(conflict.Location.FilePath, conflict.Location.Span));

        var unreachable = findings.Where(f => f.Kind == FindingKind.NeverApplies).ToList();
        Assert.Equal(new[] { "WD-4", "WD-5", "WD-6", "WD-7", "WD-8" }, unreachable.Select(f => f.ClauseIds[0]));
        foreach (var finding in unreachable)
        {
            var id = finding.ClauseIds[0];
            Assert.Equal(ClauseAt(texts, id), At(finding.Location.FilePath, finding.Location.Span));
            Assert.Equal(
                $"Clause '{id}' can never apply: it reads the coverage, and every claim it would apply to is left undecided by the conflict of 'WP-2' (free) and 'EX-9' (paid) (XP2001); resolve that conflict and it applies",
                finding.Message);
            Assert.Equal(new[] { ClauseAt(texts, "WP-2"), ClauseAt(texts, "EX-9") }, finding.Related.Select(r => At(r.FilePath, r.Span)));
        }

        Assert.Equal(6, findings.Count);
    }

    [Fact]
    public void A_rejection_that_refuses_every_claim_is_one_warning_on_that_rejection()
    {
        var (_, findings, texts) = Analyse(t => Replace(t, "00-vocabulary.policy",
            "reject part when part is watchBody and product is not smartWatch",
            "reject part when part is watchBody or product is smartWatch or product is not smartWatch"));

        var finding = Assert.Single(findings);
        Assert.Equal(FindingKind.EveryClaimRejected, finding.Kind);
        Assert.Equal(DiagnosticIds.UnreachableClause, AnalysisDiagnostics.Descriptor(finding.Kind).Id);
        var line = Array.FindIndex(texts[File(texts, "00-vocabulary.policy")].Split('\n'), l => l.StartsWith("reject part when", StringComparison.Ordinal)) + 1;
        Assert.Equal($"00-vocabulary.policy({line},8)-({line},12)", At(finding.Location.FilePath, finding.Location.Span));
        Assert.Equal(
            "The 'reject' declarations refuse every claim: this one, on 'part', holds for every claim, so no clause can ever apply and every decision is an input error; narrow its condition",
            finding.Message);
    }

    [Fact]
    public void Rejections_that_refuse_every_claim_only_together_are_one_warning_with_the_others_related()
    {
        var policy = Policies.Bind("""
            policy Both implements "Both"
            fact early: bool "e"
            reject early when early "Too early."
            reject early when not early "Too late."
            warranty from 2024-01-01 through 2024-12-31 active when true
            section "S"
            clause F
              quote "f"
              always
              then free
            """);

        var finding = Assert.Single(PolicyAnalysis.Analyze(policy, Policies.Unhurried).Findings);

        Assert.Equal(FindingKind.EveryClaimRejected, finding.Kind);
        Assert.Equal("(4,8)-(4,13)", finding.Location.Span.ToString());
        Assert.Equal("(3,8)-(3,13)", Assert.Single(finding.Related).Span.ToString());
        Assert.StartsWith("The 'reject' declarations refuse every claim: no claim passes all 2 of them together", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gap_names_for_its_claim_each_deciding_clause_and_the_first_part_of_its_condition_that_is_false()
    {
        var (policy, findings, texts) = Analyse(t => Replace(t, "04-warranty-exclusions.policy", "  when warrantyStart is known and not warrantyActive\n", "  when warrantyStart is known and not warrantyActive and cause is fall\n"));

        var gap = Assert.Single(findings, f => f.Kind == FindingKind.Gap);
        var claim = Policies.Replayable(policy, gap.Witness!);
        Assert.Empty(Assert.Throws<PolicyDefectException>(() => new PolicyInterpreter(policy).Evaluate(claim)).ClauseIds);

        Assert.Contains("For this claim 'WP-2' (free) does not apply, as 'warrantyActive' is false; 'WD-9' (paid) does not apply, as 'rooted' is false; 'WD-12' (paid) does not apply, as 'warrantyStart is not known' is false; 'EX-2' (paid) does not apply, as 'cause is fall' is false;", gap.Message, StringComparison.Ordinal);
        Assert.EndsWith("; and 7 more. Add a clause that decides it, or widen one of these conditions", gap.Message, StringComparison.Ordinal);

        // One related location per clause deciding coverage, on the false part itself.
        Assert.Equal(policy.Clauses.Count(c => c.Decides is not null), gap.Related.Count);
        var ex2 = gap.Related.Single(r => r.Message.StartsWith("'EX-2'", StringComparison.Ordinal));
        var exclusions = texts[File(texts, "04-warranty-exclusions.policy")];
        Assert.Equal("cause is fall", exclusions.Substring(ex2.Span.Start, ex2.Span.Length));
        Assert.Equal("'EX-2' (paid) does not apply to this claim: 'cause is fall' is false", ex2.Message);
    }

    [Fact]
    public void A_warranty_whose_active_condition_outlasts_its_end_is_an_error_on_the_warranty_with_a_claim_that_shows_it()
    {
        var (policy, findings, texts) = Analyse(t => Replace(t, "03-warranty-duration.policy", "claimDate < warrantyStart + 12 months\n", "claimDate < warrantyStart + 24 months\n"));

        var finding = Assert.Single(findings);
        Assert.Equal(FindingKind.InconsistentWarranty, finding.Kind);
        Assert.Equal(DiagnosticIds.InconsistentWarranty, AnalysisDiagnostics.Descriptor(finding.Kind).Id);
        var duration = texts[File(texts, "03-warranty-duration.policy")];
        Assert.StartsWith("warranty from warrantyStart through warrantyEnd active when warrantyActive", duration.Substring(finding.Location.Span.Start), StringComparison.Ordinal);
        Assert.Equal(1, finding.Location.Span.Column);

        var decision = new PolicyInterpreter(policy).Evaluate(Policies.Replayable(policy, finding.Witness!));
        Assert.True(decision.WarrantyActive);
        Assert.True(finding.Witness!["claimDate"].AsDate > decision.WarrantyEnd.AsDate);
        Assert.Equal(
            $"The warranty's 'active when' disagrees with its period: for {Witnesses.ToJson(policy, finding.Witness, full: false)} the period is {decision.WarrantyStart} to {decision.WarrantyEnd}, " +
            $"yet 'active when' holds on the claim date {finding.Witness["claimDate"]}. It must hold exactly when warrantyStart <= claimDate <= warrantyEnd; make the period's start and end, or the condition, agree",
            finding.Message);
    }

    [Theory]
    [InlineData("claimDate <= warrantyStart + 12 months", "holds on the claim date")]
    [InlineData("claimDate < warrantyStart + 11 months", "is false on the claim date")]
    [InlineData("warrantyStart < claimDate", "is false on the claim date")]
    public void Off_by_one_and_short_warranties_are_found_both_ways(string change, string shown)
    {
        var (policy, findings, _) = Analyse(t => Replace(t, "03-warranty-duration.policy", "define warrantyActive = warrantyStart <= claimDate and claimDate < warrantyStart + 12 months",
            "define warrantyActive = warrantyStart <= claimDate and " + change.Replace("warrantyStart < claimDate", "claimDate < warrantyStart + 12 months and warrantyStart < claimDate", StringComparison.Ordinal)));

        var finding = Assert.Single(findings, f => f.Kind == FindingKind.InconsistentWarranty);
        Assert.Contains(shown, finding.Message, StringComparison.Ordinal);
        var claim = Policies.Replayable(policy, finding.Witness!);
        Assert.NotNull(new PolicyInterpreter(policy).Evaluate(claim));
    }

    [Fact]
    public void The_warranty_check_finds_the_claim_date_as_the_one_date_the_condition_reads_beside_the_period()
    {
        // 'reported' is a second date that the condition reads besides the period: no claim date
        // can be told apart, so nothing is checked (and nothing is guessed).
        var policy = Policies.Bind("""
            policy Two implements "Two"
            fact bought: date "b"
            fact claimed: date "c"
            fact reported: date "r"
            warranty from bought through bought + 10 days active when claimed < bought + 400 days and reported < bought + 400 days
            section "S"
            clause F
              quote "f"
              always
              then free
            """);

        Assert.DoesNotContain(PolicyAnalysis.Analyze(policy, Policies.Unhurried).Findings, f => f.Kind == FindingKind.InconsistentWarranty);
    }

    [Fact]
    public void A_clause_that_only_adds_a_note_is_said_never_to_take_effect_with_what_it_would_add()
    {
        const string Quote = "  quote \"If there is any conflict between this service policy and national laws and regulations, all national laws and regulations shall prevail.\"\n";
        var (_, findings, texts) = Analyse(t => Replace(t, "03-warranty-duration.policy", "clause WD-11\n" + Quote,
            "clause WD-11b\n" + Quote + "  always\n  then note nationalLawsPrevail\n\nclause WD-11\n" + Quote + "  exception to WD-11b\n"));

        var finding = Assert.Single(findings, f => f.Kind == FindingKind.AlwaysOverridden);
        Assert.StartsWith("Clause 'WD-11b' never takes effect: it would add note 'nationalLawsPrevail', but every claim it meets is taken by 'WD-11', which overrides it; for example {", finding.Message, StringComparison.Ordinal);
        Assert.Equal(ClauseAt(texts, "WD-11"), At(finding.Related[0].FilePath, finding.Related[0].Span));
    }

    [Fact]
    public void What_the_analysis_cannot_decide_names_the_question_and_what_to_do()
    {
        var policy = Policies.Bind("""
            policy Sum implements "Sum"
            fact visits: int "v"
            fact repeats: int "r"
            warranty from 2024-01-01 through 2024-12-31 active when true
            section "S"
            clause F
              quote "f"
              always
              then free
            clause P
              quote "p"
              exception to F
              when visits + repeats > 3
              then paid
            """);

        var findings = PolicyAnalysis.Analyze(policy, Policies.Unhurried).Findings.Where(f => f.Kind == FindingKind.NotAnalysed).Select(f => f.Message).ToList();

        Assert.Contains(
            "The analysis decides comparisons of one int fact with another plus a constant (a <= b + k); it cannot decide this sum, so the analysis did not decide whether clause 'P' ever takes effect. " +
            "Restate it with comparisons the analysis decides (a fact against a constant, or against another fact plus a constant), or cover these claims with examples ('xinji-policy test')",
            findings);
        Assert.Contains(findings, m => m.StartsWith("The analysis did not decide whether some valid claim gets no coverage decision (a gap): ", StringComparison.Ordinal));
    }

    [Fact]
    public void Related_locations_reach_the_diagnostic_and_the_compiler_format()
    {
        var policy = Policies.Bind("""
            policy Two implements "Two"
            fact sealed: bool "s"
            warranty from 2024-01-01 through 2024-12-31 active when true
            section "S"
            clause F
              quote "f"
              always
              then free
            clause P
              quote "p"
              when not sealed
              then paid
            """);

        var diagnostic = Assert.Single(AnalysisDiagnostics.From(PolicyAnalysis.Analyze(policy, Policies.Unhurried)));

        Assert.Equal("/random/policy.policy(9,8): error XP2001: Clauses 'F' (free) and 'P' (paid) both apply and disagree, and neither overrides the other; for example {\"sealed\":false}. Make one an exception to the other, or narrow a condition", diagnostic.ToString());
        Assert.Equal(new[] { "/random/policy.policy(5,8): info XP2001: related: 'F' (free) is the other clause of this conflict" }, diagnostic.RelatedLines());
    }
}
