using System;
using System.Collections.Generic;
using System.Linq;
using Xinji.Policy.Dsl.Evaluation;
using Xinji.Policy.Testing;

namespace Xinji.Policy.Dsl.Tests;

/// <summary>The interpreter refuses a claim's facts with every error at once, as the claim readers do.</summary>
public class InterpreterClaimErrorTests
{
    private const string Policy = """
        policy Lamp implements "Lamp Guarantee"

        fact bought: date "The purchase day."
        fact claimed: date "The claim day."
        fact hours: int = 0 "Hours lit."
        fact boxed: optional bool "Returned in its box."

        warranty from bought through bought + 12 months - 1 day active when bought <= claimed and claimed < bought + 12 months

        section "Cover"

        clause L-1
          quote "Lamps are exchanged."
          always
          then free
        """;

    [Fact]
    public void Values_out_of_range_missing_facts_and_unknown_names_are_all_reported_in_one_exception()
    {
        var interpreter = Interpreter();
        var given = new Dictionary<string, PolicyValue>(StringComparer.Ordinal)
        {
            ["bought"] = PolicyValue.Date(1800, 1, 1),
            ["hours"] = PolicyValue.Int(2_000_000_000),
            ["colour"] = PolicyValue.Enum("red"),
        };

        var refused = Assert.Throws<ClaimInputException>(() => interpreter.Complete(given));

        Assert.Equal(
            new[]
            {
                ("bought", "1800-01-01 is outside the dates a claim can hold, 1900-01-01 to 2199-12-31"),
                ("claimed", "required field is missing"),
                ("hours", "2000000000 is outside the numbers a claim can hold, -1000000000 to 1000000000"),
                ("colour", "unknown field"),
            },
            refused.Errors.Select(e => (e.Field, e.Problem)));
        Assert.Equal(string.Join("\n", refused.Errors.Select(e => e.Field + ": " + e.Problem)), refused.Message);
        Assert.Equal("bought", refused.Field);
    }

    [Fact]
    public void A_claim_without_errors_is_completed_with_defaults_and_unknowns()
    {
        var complete = Interpreter().Complete(new Dictionary<string, PolicyValue>(StringComparer.Ordinal)
        {
            ["bought"] = PolicyValue.Date(2024, 1, 1),
            ["claimed"] = PolicyValue.Date(2024, 6, 1),
        });

        Assert.Equal(PolicyValue.Int(0), complete["hours"]);
        Assert.False(complete["boxed"].IsKnown);
    }

    private static PolicyInterpreter Interpreter()
    {
        var bound = QuotedSentences.Bind("/p/lamp.policy", Policy);
        Assert.False(bound.HasErrors, string.Join("\n", bound.Diagnostics));
        return new PolicyInterpreter(bound.Policy!);
    }
}
