using System;
using System.Collections.Generic;
using System.Linq;
using Xinji.Policy.Dsl.Evaluation;
using Xinji.Policy.Testing;

namespace Xinji.Policy.Dsl.Tests;

/// <summary>The interpreter names a clause's overriders in clause order, each once.</summary>
public class InterpreterExceptionTests
{
    private const string Policy = """
        policy Lamp implements "Lamp Guarantee"

        fact bought: date "The purchase day."
        fact claimed: date "The claim day."

        warranty from bought through bought + 12 months - 1 day active when bought <= claimed and claimed < bought + 12 months

        section "Cover"

        clause L-1
          quote "Lamps are exchanged."
          always
          then free

        clause L-4
          quote "Broken glass is paid."
          exception to L-1
          always
          then paid

        clause L-2
          quote "Scratches are paid."
          exception to L-1, L-1
          always
          then paid

        clause L-3
          quote "Dents are paid."
          exception to L-1
          always
          then paid
        """;

    [Fact]
    public void A_clause_is_overridden_by_its_exceptions_in_clause_order_and_a_parent_named_twice_counts_once()
    {
        var bound = QuotedSentences.Bind("/p/lamp.policy", Policy);
        Assert.False(bound.HasErrors, string.Join("\n", bound.Diagnostics));
        var interpreter = new PolicyInterpreter(bound.Policy!);

        var outcomes = interpreter.CoverageClauses(new Dictionary<string, PolicyValue>(StringComparer.Ordinal)
        {
            ["bought"] = PolicyValue.Date(2024, 1, 1),
            ["claimed"] = PolicyValue.Date(2024, 6, 1),
        });

        var parent = outcomes.Single(o => o.Clause.Id == "L-1");
        Assert.True(parent.Applies);
        Assert.False(parent.InForce);
        Assert.Equal(new[] { "L-4", "L-2", "L-3" }, parent.OverriddenBy);
        Assert.All(outcomes.Where(o => o.Clause.Id != "L-1"), o => Assert.Empty(o.OverriddenBy));
    }
}
