using System;
using System.IO;
using System.Text;
using Xinji.Policy.Runtime;

namespace Xinji.Policy.Generator.Tests;

/// <summary>
/// Decisions of a policy that is not the shipped warranty policy (tests/fixtures/policies/kettle),
/// written as text and JSON by the runtime from both engines: the generated evaluator and the
/// interpreter. Every word that belongs to a policy must come from that policy.
/// </summary>
public class PolicyNeutralDecisionTests
{
    // Words of the shipped policy and its document; the kettle policy uses none of them.
    private static readonly string[] ShippedPolicyWords =
    {
        "xinji", "invoice", "activation", "repair", "service cent", "customer", "device", "smart watch", "smartWatch",
    };

    private static readonly string[] Claims =
    {
        """{"fault":"lid","boughtOn":"2024-03-01","claimedOn":"2025-01-10"}""",
        """{"fault":"limescale","boughtOn":"2024-03-01","claimedOn":"2025-01-10","descaled":false}""",
        """{"fault":"element","claimedOn":"2025-01-10"}""",
        """{"fault":"element","boughtOn":"2020-03-01","claimedOn":"2025-01-10"}""",
    };

    private static readonly string KettleText = FixtureEngines.Kettle;

    public static TheoryData<string> Engines => FixtureEngines.Names;

    [Theory]
    [MemberData(nameof(Engines))]
    public void Decisions_of_another_policy_use_only_that_policys_words(string engine)
    {
        var evaluator = FixtureEngines.Evaluator(engine, KettleText);

        foreach (var claim in Claims)
        {
            var (text, json) = Render(evaluator, claim);
            foreach (var word in ShippedPolicyWords)
            {
                Assert.False(text.Contains(word, StringComparison.OrdinalIgnoreCase), $"'{word}' in the text decision of {claim}:\n{text}");
                Assert.False(json.Contains(word, StringComparison.OrdinalIgnoreCase), $"'{word}' in the JSON decision of {claim}:\n{json}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void A_paid_decision_offers_its_remedies_and_an_unestablished_period_says_the_declarations_words(string engine)
    {
        var evaluator = FixtureEngines.Evaluator(engine, KettleText);

        var (text, json) = Render(evaluator, Claims[2]);

        var lines = text.Split('\n');
        Assert.Equal("Coverage:     PAID (not covered by the warranty)", lines[0]);
        Assert.Equal("Remedies:     none", lines[1]);
        Assert.Equal("Warranty:     not established (no receipt), not active", lines[2]);
        Assert.StartsWith("""{"coverage":"paid","remedies":[],"warranty":{"start":null,"end":null,"active":false},""", json, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void A_warranty_declaration_without_a_description_prints_the_period_as_only_not_established(string engine)
    {
        var withoutDescription = KettleText.Replace("  \"no receipt\"\n", string.Empty, StringComparison.Ordinal);
        Assert.NotEqual(KettleText, withoutDescription);
        var evaluator = FixtureEngines.Evaluator(engine, withoutDescription);

        var (text, _) = Render(evaluator, Claims[2]);

        Assert.Equal("Warranty:     not established, not active", text.Split('\n')[2]);
    }

    [Fact]
    public void Both_engines_write_every_decision_alike()
    {
        var generated = FixtureEngines.Evaluator("generated", KettleText);
        var interpreted = FixtureEngines.Evaluator("interpreted", KettleText);

        foreach (var claim in Claims)
        {
            Assert.Equal(Render(interpreted, claim), Render(generated, claim));
        }
    }

    private static (string Text, string Json) Render(IPolicyEvaluator evaluator, string claim)
    {
        var decision = evaluator.Evaluate(Encoding.UTF8.GetBytes(claim));
        var text = new StringWriter { NewLine = "\n" };
        DecisionWriter.WriteText(text, decision);
        return (text.ToString(), DecisionWriter.ToJson(decision));
    }
}
