using System;
using System.Linq;
using Xinji.Policy.Tooling.Examples;

namespace Xinji.Policy.Tooling.Tests;

/// <summary>The examples shipped with the XINJI policy: what <c>xinji-policy test</c> runs by default.</summary>
public class ShippedExamplesTests
{
    private static readonly Lazy<ExampleRun> Run = new(() =>
    {
        var loaded = ExampleLoader.Load(new[] { Repository.Path("policy") });
        Assert.Empty(loaded.Diagnostics.Select(d => d.ToString()));
        return ExampleRunner.Run(loaded.Policy!);
    });

    [Fact]
    public void Every_example_of_the_policy_passes()
    {
        var failures = Run.Value.Results.Where(r => !r.Passed)
            .Select(r => r.Example.Name + ": " + string.Join("; ", r.Mismatches.Select(m => $"{m.Part} expected {m.Expected}, actual {m.Actual}")));

        Assert.Empty(failures);
        Assert.True(Run.Value.Results.Count >= 30, "The policy ships a few dozen examples; found " + Run.Value.Results.Count);
    }

    [Fact]
    public void The_examples_exercise_every_clause_of_the_policy()
    {
        Assert.Empty(Run.Value.Coverage.NotExercised.Select(c => c.Id));

        // Spelt out, so a clause added to the policy without an example is noticed here too.
        var clauses = new[] { "WP-2" }
            .Concat(Enumerable.Range(4, 9).Select(i => "WD-" + i))
            .Concat(Enumerable.Range(1, 15).Select(i => "EX-" + i));
        Assert.Equal(clauses, Run.Value.Coverage.Exercised.Select(c => c.Id));
    }

    [Fact]
    public void The_examples_show_free_and_paid_decisions_and_rejected_claims()
    {
        var outcomes = Run.Value.Results.Select(r => r.Outcome).ToList();

        Assert.Contains(outcomes, o => o is DecidedOutcome { Decision.Coverage: Dsl.Binding.CoverageDecision.Free });
        Assert.Contains(outcomes, o => o is DecidedOutcome { Decision.Coverage: Dsl.Binding.CoverageDecision.Paid });
        Assert.Contains(outcomes, o => o is RejectedOutcome);
        Assert.DoesNotContain(outcomes, o => o is DefectOutcome);
    }
}
