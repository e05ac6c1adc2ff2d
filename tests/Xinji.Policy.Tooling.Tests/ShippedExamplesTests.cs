using System;
using System.IO;
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

    /// <summary>
    /// The XINJI policy's decisions are tested here, in its own language: a failing example reads
    /// as <c>xinji-policy test</c> prints it (its name, its place, expected against actual per part).
    /// </summary>
    [Fact]
    public void Every_example_of_the_policy_passes()
    {
        if (Run.Value.Failed > 0)
        {
            using var report = new StringWriter();
            ExampleReport.Write(report, Run.Value);
            var failures = report.ToString().Split('\n').Where(line => !line.StartsWith("PASS  ", StringComparison.Ordinal));
            Assert.Fail("policy/*.examples: " + Run.Value.Failed + " failing, as xinji-policy test prints them:\n" + string.Join("\n", failures));
        }

        Assert.True(Run.Value.Results.Count >= 30, "The policy ships a few dozen examples; found " + Run.Value.Results.Count);
    }

    [Fact]
    public void The_examples_exercise_every_clause_of_the_policy()
    {
        // A clause added to the policy needs an example that cites it; which clauses there are is the policy's business.
        Assert.Empty(Run.Value.Coverage.NotExercised.Select(c => c.Id + " at " + c.Location.FilePath + "(" + c.Location.Span.Line + ")"));
        Assert.NotEmpty(Run.Value.Coverage.Exercised);
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
