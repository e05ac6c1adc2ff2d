using System;
using System.Linq;
using Xinji.Policy.Dsl.Analysis;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Evaluation;

namespace Xinji.Policy.Analysis.Tests;

/// <summary>Comparing two versions whose facts differ: over the union of their facts.</summary>
public class ComparisonTests
{
    private const string Old = """
        policy V implements "V"
        fact claimed: date "c"
        fact bought: date "b"
        reject claimed when claimed < bought "Before the purchase."
        warranty from bought through bought + 12 months - 1 day active when claimed < bought + 12 months
        section "S"
        clause F
          quote "f"
          when claimed < bought + 12 months
          then free
        clause P
          quote "p"
          when claimed >= bought + 12 months
          then paid
        """;

    private static BoundPolicy With(string fact, string exclusion = "") => Policies.Bind(Old.Replace("fact bought: date \"b\"", "fact bought: date \"b\"\n" + fact, StringComparison.Ordinal) + exclusion);

    private const string Exclusion = """

        clause X
          quote "x"
          exception to F
          when wet
          then paid
        """;

    [Fact]
    public void A_new_fact_with_a_default_is_compared_at_its_default_and_the_report_says_so()
    {
        var result = PolicyComparison.Compare(Policies.Bind(Old), With("fact wet: bool = false \"w\"", Exclusion));

        Assert.True(result.Equivalent);
        Assert.Equal(
            new[] { "'wet' is only in the new version: compared at its default, false, the value it takes on the claims the old version accepts (which do not state it)" },
            result.Assumptions);
    }

    [Fact]
    public void A_new_optional_fact_is_compared_as_not_given()
    {
        var result = PolicyComparison.Compare(Policies.Bind(Old), With("fact repaired: optional date \"r\""));

        Assert.True(result.Equivalent);
        Assert.StartsWith("'repaired' is only in the new version: compared as not given", Assert.Single(result.Assumptions), StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_required_fact_ranges_over_its_values_and_each_version_reads_only_its_own_facts()
    {
        var oldPolicy = Policies.Bind(Old);
        var newPolicy = With("fact wet: bool \"w\"", Exclusion);

        var result = PolicyComparison.Compare(oldPolicy, newPolicy);

        Assert.StartsWith("'wet' is only in the new version and is required without a default: compared over all its values", Assert.Single(result.Assumptions), StringComparison.Ordinal);
        var coverage = Assert.Single(result.Differences, d => d.Aspect == "coverage");
        Assert.Equal(PolicyValue.Bool(true), coverage.Witness["wet"]);
        Assert.Contains("\"wet\":true", coverage.ClaimJson, StringComparison.Ordinal);
        Assert.StartsWith("free;", coverage.Old, StringComparison.Ordinal);
        Assert.StartsWith("paid;", coverage.New, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fact_the_new_version_dropped_takes_its_default_in_the_old_one()
    {
        var result = PolicyComparison.Compare(With("fact wet: bool = true \"w\"", Exclusion), Policies.Bind(Old));

        Assert.StartsWith("'wet' is only in the old version: compared at its default, true", Assert.Single(result.Assumptions), StringComparison.Ordinal);
        var coverage = Assert.Single(result.Differences, d => d.Aspect == "coverage");
        Assert.DoesNotContain("wet", coverage.ClaimJson, StringComparison.Ordinal);
        Assert.StartsWith("paid;", coverage.Old, StringComparison.Ordinal);
        Assert.StartsWith("free;", coverage.New, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("optional date", "The fact 'bought' is a date in the old version and an optional date in the new one, so the versions cannot be compared claim by claim")]
    [InlineData("int", "The fact 'bought' is a date in the old version and an int in the new one, so the versions cannot be compared claim by claim")]
    public void Only_a_shared_fact_whose_type_changed_makes_versions_incomparable_and_it_is_named(string changed, string expected)
    {
        static BoundPolicy Version(string type) => Policies.Bind($$"""
            policy V implements "V"
            fact bought: {{type}} "b"
            fact extra: bool = false "e"
            warranty from 2024-01-01 through 2024-12-31 active when true
            section "S"
            clause F
              quote "f"
              always
              then free
            """);
        var oldPolicy = Version("date");
        var newPolicy = Version(changed);

        Assert.Equal(expected, PolicyComparison.ContractDifference(oldPolicy, newPolicy));
        Assert.Throws<ArgumentException>(() => PolicyComparison.Compare(oldPolicy, newPolicy));
    }

    [Fact]
    public void An_enum_whose_values_changed_is_a_changed_type()
    {
        const string WithKind = "enum Kind = phone | band \"k\"\nfact kind: Kind \"k\"";
        var oldPolicy = With(WithKind);
        var newPolicy = With(WithKind.Replace("phone | band", "phone | band | ring", StringComparison.Ordinal));

        Assert.Equal("The fact 'kind' is a Kind (phone | band) in the old version and a Kind (phone | band | ring) in the new one, so the versions cannot be compared claim by claim",
            PolicyComparison.ContractDifference(oldPolicy, newPolicy));
    }

    [Fact]
    public void The_report_says_how_facts_only_one_version_states_were_compared()
    {
        var output = new System.IO.StringWriter();

        var equivalent = Xinji.Policy.Tooling.EquivalenceReport.Write(output, Policies.Bind(Old), With("fact wet: bool = false \"w\"", Exclusion), "old", "new");

        Assert.True(equivalent);
        Assert.Equal(new[]
        {
            "old and new are equivalent: they decide every valid claim the same way.",
            string.Empty,
            "The versions state different facts; claims range over the facts of both (old reads only its own, and so does new):",
            "  'wet' is only in the new version: compared at its default, false, the value it takes on the claims the old version accepts (which do not state it)",
        }, output.ToString().TrimEnd().Split(System.Environment.NewLine));
    }

    [Fact]
    public void A_difference_found_over_a_new_required_fact_shows_it_in_the_claim()
    {
        var output = new System.IO.StringWriter();

        var equivalent = Xinji.Policy.Tooling.EquivalenceReport.Write(output, Policies.Bind(Old), With("fact wet: bool \"w\"", Exclusion), "old", "new");

        Assert.False(equivalent);
        var lines = output.ToString().Split(System.Environment.NewLine).ToList();
        var claim = lines[lines.IndexOf("  coverage") + 1];
        Assert.Equal("    claim: {\"claimed\":\"2025-01-01\",\"bought\":\"2025-01-01\",\"wet\":true}", claim);
    }
}
