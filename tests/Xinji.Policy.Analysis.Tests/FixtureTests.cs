using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xinji.Policy.Dsl.Analysis;
using Xinji.Policy.Dsl.Diagnostics;
using Xinji.Policy.Dsl.Evaluation;
using Xinji.Policy.Tooling;

namespace Xinji.Policy.Analysis.Tests;

/// <summary>One fixture per diagnostic in tests/fixtures/policies/invalid, each stating what it expects.</summary>
public class FixtureTests
{
    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Policies.Directory("fixtures/policies/invalid"), "*.policy").OrderBy(f => f, StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    private static CheckReport Check(string fixture) =>
        PolicyChecker.Check(PolicyLoader.Load(new[] { Path.Combine(Policies.Directory("fixtures/policies/invalid"), fixture) }));

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Each_fixture_reports_exactly_the_diagnostics_it_expects_at_their_positions(string fixture)
    {
        var text = File.ReadAllText(Path.Combine(Policies.Directory("fixtures/policies/invalid"), fixture));
        var expected = Regex.Matches(text, @"# expect: (XP\d{4}) (\d+):(\d+)").Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value}:{m.Groups[3].Value}").OrderBy(x => x).ToList();

        var actual = Check(fixture).Diagnostics.Select(d => $"{d.Diagnostic.Id} {d.Diagnostic.Span.Line}:{d.Diagnostic.Span.Column}").OrderBy(x => x).ToList();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
        Assert.Contains(expected, e => e.StartsWith(fixture.Substring(0, 6), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("XP2001-conflict.policy")]
    [InlineData("XP2001-copied-clause.policy")]
    [InlineData("XP2002-widened-exclusion.policy")]
    [InlineData("XP2002-unreachable-clause.policy")]
    [InlineData("XP2002-every-claim-rejected.policy")]
    [InlineData("XP2003-gap.policy")]
    [InlineData("XP2004-redundant-clause.policy")]
    public void Each_fixture_reports_exactly_the_related_locations_it_expects(string fixture)
    {
        // "# related: XP2001 26:8 16:8": the XP2001 at 26:8 has a related location at 16:8.
        var text = File.ReadAllText(Path.Combine(Policies.Directory("fixtures/policies/invalid"), fixture));
        var expected = Regex.Matches(text, @"# related: (XP\d{4}) (\d+:\d+) (\d+:\d+)").Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value} {m.Groups[3].Value}").OrderBy(x => x, StringComparer.Ordinal).ToList();

        var actual = Check(fixture).Diagnostics.Select(d => d.Diagnostic)
            .SelectMany(d => d.Related.Select(r => $"{d.Id} {d.Span.Line}:{d.Span.Column} {r.Span.Line}:{r.Span.Column}"))
            .OrderBy(x => x, StringComparer.Ordinal).ToList();

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Every_diagnostic_but_a_generator_failure_has_a_fixture()
    {
        var covered = System.IO.Directory.GetFiles(Policies.Directory("fixtures/policies/invalid"), "*.policy")
            .Select(f => Path.GetFileName(f).Substring(0, 6))
            .ToHashSet();

        Assert.Equal(
            // A generator failure, and a project's root namespace (XP0115, tested in the generator's tests), are not a policy file's doing.
            DiagnosticCatalog.All.Select(d => d.Id).Where(id => id is not (DiagnosticIds.GeneratorFailure or DiagnosticIds.InvalidNamespace)).OrderBy(x => x),
            covered.OrderBy(x => x));
    }

    [Theory]
    [InlineData("XP2001-conflict.policy")]
    [InlineData("XP2002-unreachable-clause.policy")]
    [InlineData("XP2003-gap.policy")]
    [InlineData("XP2006-inconsistent-warranty.policy")]
    public void Every_witness_replays_through_the_interpreter_and_shows_its_finding(string fixture)
    {
        var report = Check(fixture);
        var policy = report.Policy!;
        var interpreter = new PolicyInterpreter(policy);
        var withWitness = report.Diagnostics.Where(d => d.Finding?.Witness is not null).ToList();
        Assert.NotEmpty(withWitness);

        foreach (var finding in withWitness.Select(d => d.Finding!))
        {
            var claim = Policies.Replayable(policy, finding.Witness!);
            switch (finding.Kind)
            {
                case FindingKind.Conflict:
                    var conflict = Assert.Throws<PolicyDefectException>(() => interpreter.Evaluate(claim));
                    Assert.Subset(conflict.ClauseIds.ToHashSet(), finding.ClauseIds.ToHashSet());
                    break;
                case FindingKind.Gap:
                    var gap = Assert.Throws<PolicyDefectException>(() => interpreter.Evaluate(claim));
                    Assert.Empty(gap.ClauseIds);
                    break;
                case FindingKind.AlwaysOverridden:
                    var outcome = interpreter.Evaluate(claim).Outcomes.Single(o => o.Clause.Id == finding.ClauseIds[0]);
                    Assert.True(outcome.Applies);
                    Assert.False(outcome.InForce);
                    Assert.Equal(finding.ClauseIds.Skip(1), outcome.OverriddenBy);
                    break;
                case FindingKind.InconsistentWarranty:
                    var decision = interpreter.Evaluate(claim);
                    var claimed = claim["claimed"];
                    var within = decision.WarrantyStart.IsKnown && decision.WarrantyStart.AsDate <= claimed.AsDate && claimed.AsDate <= decision.WarrantyEnd.AsDate;
                    Assert.NotEqual(within, decision.WarrantyActive);
                    break;
                default:
                    Assert.Fail("Unexpected witness on " + finding.Kind);
                    break;
            }
        }
    }

    [Fact]
    public void A_conflict_message_carries_the_witness_in_short_form()
    {
        var conflict = Check("XP2001-conflict.policy").Diagnostics.Single();

        Assert.Equal(
            "Clauses 'A' (free) and 'B' (paid) both apply and disagree, and neither overrides the other; for example " +
            "{\"kind\":\"phone\",\"claimed\":\"2025-01-01\",\"bought\":\"2025-01-01\",\"sealed\":false}. Make one an exception to the other, or narrow a condition",
            conflict.Diagnostic.Message);
    }
}
