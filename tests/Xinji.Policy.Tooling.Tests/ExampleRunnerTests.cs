using System.Linq;
using Xinji.Policy.Tooling.Examples;
using static Xinji.Policy.Tooling.Tests.TestPolicy;

namespace Xinji.Policy.Tooling.Tests;

public class ExampleRunnerTests
{
    private static ExampleResult RunOne(string claim, string expectation)
    {
        var run = ExampleRunner.Run(WithExamples($"example \"One\"\n  claim {claim}\n  expect {expectation}\n"));
        return Assert.Single(run.Results);
    }

    [Fact]
    public void An_example_whose_expectation_the_decision_meets_passes()
    {
        var result = RunOne(InWarranty, """
            free
                remedies fix
                cites C-1
                requirements none
                notes none
                warranty from 2025-01-10 through 2025-07-09 active
            """);

        Assert.True(result.Passed);
        var decided = Assert.IsType<DecidedOutcome>(result.Outcome);
        Assert.Equal(Dsl.Binding.CoverageDecision.Free, decided.Decision.Coverage);
    }

    [Fact]
    public void Every_part_that_differs_is_a_mismatch_with_both_sides_in_the_policy_order_and_what_is_missing_or_extra()
    {
        var result = RunOne(Wet, "free remedies swap, fix cites C-2, C-1");

        Assert.False(result.Passed);
        Assert.Equal(
            new[]
            {
                new Mismatch("coverage", "free", "paid", System.Array.Empty<string>(), System.Array.Empty<string>()),
                new Mismatch("remedies", "fix, swap", "fix", new[] { "swap" }, System.Array.Empty<string>()),
                new Mismatch("cites", "C-1, C-2", "X-1", new[] { "C-1", "C-2" }, new[] { "X-1" }),
            },
            result.Mismatches,
            MismatchComparer.Instance);
    }

    [Fact]
    public void Cites_at_least_ignores_clauses_the_example_does_not_list_but_not_missing_ones()
    {
        Assert.True(RunOne(Expired, "paid remedies fix cites at least X-2").Passed);

        var result = RunOne(Expired, "paid remedies fix cites at least X-1, X-2");
        var mismatch = Assert.Single(result.Mismatches);
        Assert.Equal(("cites", "at least X-1, X-2", "X-2"), (mismatch.Part, mismatch.Expected, mismatch.Actual));
        Assert.Equal(new[] { "X-1" }, mismatch.Missing);
        Assert.Empty(mismatch.Extra);
    }

    [Fact]
    public void Requirements_notes_and_warranty_are_checked_when_stated_and_ignored_when_not()
    {
        Assert.True(RunOne(Expired, "paid remedies fix cites X-2").Passed);

        var result = RunOne(Expired, "paid remedies fix cites X-2 requirements receipt notes none warranty from 2025-01-10 through 2025-07-09 active");

        Assert.Equal(
            new[]
            {
                new Mismatch("requirements", "receipt", "none", new[] { "receipt" }, System.Array.Empty<string>()),
                new Mismatch("notes", "none", "keepParts", System.Array.Empty<string>(), new[] { "keepParts" }),
                Mismatch.Of("warranty", "from 2025-01-10 through 2025-07-09 active", "from 2025-01-10 through 2025-07-09 not active"),
            },
            result.Mismatches,
            MismatchComparer.Instance);
    }

    [Fact]
    public void An_expected_rejection_passes_only_for_the_field_named()
    {
        const string early = """{"kind": "phone", "bought": "2025-01-10", "claimed": "2025-01-09"}""";
        Assert.True(RunOne(early, "invalid claimed").Passed);

        var otherField = RunOne(early, "invalid bought");
        Assert.Equal(
            Mismatch.Of("outcome", "invalid bought", "invalid claimed: A claim cannot come before the purchase."),
            Assert.Single(otherField.Mismatches));

        var decided = RunOne(InWarranty, "invalid claimed");
        Assert.Equal(Mismatch.Of("outcome", "invalid claimed", "free (remedies fix; cites C-1)"), Assert.Single(decided.Mismatches));
    }

    [Fact]
    public void A_claim_the_reader_rejects_fails_an_example_that_expects_a_decision_and_names_the_field()
    {
        var result = RunOne("""{"kind": "phone", "bought": "2025-01-10", "claimd": "2025-03-01"}""", "free remedies fix cites C-1");

        var rejected = Assert.IsType<RejectedOutcome>(result.Outcome);
        Assert.Equal("claimd", rejected.Field);
        Assert.Equal(Mismatch.Of("outcome", "free", "invalid claimd: unknown field; did you mean \"claimed\"?"), Assert.Single(result.Mismatches));
    }

    [Fact]
    public void A_policy_that_decides_nothing_for_a_claim_fails_the_example_with_the_defect()
    {
        var policy = Bind(Repair.Replace("""
            clause X-2
              quote "After six months repairs are paid."
              when not covered
            """, """
            clause X-2
              quote "After six months repairs are paid."
              when not covered and visits > 5
            """), "example \"Expired\"\n  claim " + Expired + "\n  expect paid remedies fix cites X-2\n");

        var result = Assert.Single(ExampleRunner.Run(policy).Results);

        Assert.Equal(new DefectOutcome("No clause of the policy decides the coverage of this claim"), result.Outcome);
        Assert.Equal("policy defect: No clause of the policy decides the coverage of this claim", Assert.Single(result.Mismatches).Actual);
    }

    [Fact]
    public void A_clause_is_exercised_when_a_decision_cites_it_whether_or_not_the_example_passes()
    {
        var run = ExampleRunner.Run(WithExamples(
            "example \"Passes\"\n  claim " + InWarranty + "\n  expect free remedies fix cites C-1\n"
            + "example \"Fails\"\n  claim " + Wet + "\n  expect free remedies fix cites C-1\n"
            + "example \"Rejected\"\n  claim {}\n  expect invalid kind\n"));

        Assert.Equal((2, 1), (run.Passed, run.Failed));
        Assert.Equal(new[] { "C-1", "X-1" }, run.Coverage.Exercised.Select(c => c.Id));
        Assert.Equal(new[] { "C-2", "X-2" }, run.Coverage.NotExercised.Select(c => c.Id));
        Assert.Equal(50, run.Coverage.Percent);
        Assert.False(run.Coverage.IsComplete);
    }

    /// <summary>Mismatch holds lists, which records compare by reference.</summary>
    private sealed class MismatchComparer : System.Collections.Generic.IEqualityComparer<Mismatch>
    {
        public static readonly MismatchComparer Instance = new();

        public bool Equals(Mismatch? x, Mismatch? y) =>
            x is not null && y is not null && (x.Part, x.Expected, x.Actual) == (y.Part, y.Expected, y.Actual)
            && x.Missing.SequenceEqual(y.Missing) && x.Extra.SequenceEqual(y.Extra);

        public int GetHashCode(Mismatch obj) => obj.Part.GetHashCode(System.StringComparison.Ordinal);
    }
}
