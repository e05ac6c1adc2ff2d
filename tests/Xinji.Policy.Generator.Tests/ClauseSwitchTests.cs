using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Xinji.Policy.Runtime;
using Xinji.Policy.Testing;

namespace Xinji.Policy.Generator.Tests;

/// <summary>
/// Consecutive clauses that each start by testing one enum value are written as one <c>switch</c>
/// in the untraced evaluator: what may share a switch and what may not, and that the switched
/// evaluator decides every claim as the interpreter does.
/// </summary>
public class ClauseSwitchTests
{
    // R-2 to R-6 test the reason for disjoint members (R-3 and R-4, R-5 and R-6 share theirs);
    // R-1 is overridden by X-1, and R-7 overlaps two cases, so neither may join the switch.
    // C-1 and C-2 switch on an optional enum; P-1 to P-3 read the coverage.
    private const string Shop = """
        policy Shop implements "Shop Returns"

        enum Reason = broken | late | wrong | changedMind | lost
          "Why the item comes back."
        enum Channel = store | online | phone
          "Where it was bought."

        fact reason: Reason "Why it comes back."
        fact channel: optional Channel "Where it was bought, if known."
        fact age: int = 0 "Days since the purchase."
        fact opened: bool = false "The box is open."

        warranty from 2024-01-01 through 2024-12-31 active when age <= 30

        remedy refund "Refund."
        remedy exchange "Exchange."
        requirement receipt "Bring the receipt."
        note label "A return label is sent."
        note checked "The item is checked first."

        section "Returns"

        clause X-1
          quote "An opened broken item is paid."
          exception to R-1
          when opened and reason is broken
          then paid

        clause R-1
          quote "Broken items are free."
          when reason is broken
          then free

        clause R-2
          quote "Late or lost deliveries are free."
          when reason in {late, lost}
          then free

        clause R-3
          quote "A wrong item within a month is free."
          when reason is wrong and age <= 30
          then free

        clause R-4
          quote "A wrong item after a month is paid."
          when reason is wrong and age > 30
          then paid

        clause R-5
          quote "A change of mind is paid."
          when reason is changedMind
          then paid

        clause R-6
          quote "An opened change of mind needs the receipt."
          when reason is changedMind and opened
          then require receipt

        clause R-7
          quote "Broken and unwanted items are checked."
          when reason in {broken, changedMind}
          then note checked

        clause C-1
          quote "Online purchases get a label."
          when channel is online
          then note label

        clause C-2
          quote "Store and phone purchases need the receipt."
          when channel in {store, phone}
          then require receipt

        clause P-1
          quote "Free returns are refunded."
          when coverage is free
          then remedy refund

        clause P-2
          quote "A free online return of a wrong item is exchanged."
          when coverage is free and channel is online and reason is wrong
          then remedy exchange

        clause P-3
          quote "Paid returns are exchanged."
          when coverage is paid
          then remedy exchange
        """;

    [Fact]
    public void The_generated_evaluator_for_switchable_clauses_matches_its_snapshot_and_compiles_without_warnings()
    {
        var bound = QuotedSentences.Bind("/policies/shop.policy", Shop);
        Assert.Empty(bound.Diagnostics.Select(d => d.ToString()));
        var (output, result) = GeneratorHarness.Run(("/policies/shop.policy", Shop));

        Assert.Empty(result.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var source = result.Results.Single().GeneratedSources.Single(s => s.HintName == "Shop.Policy.g.cs");
        Snapshot.Match("Shop.Policy", source.SourceText.ToString());
    }

    [Fact]
    public void Only_clauses_without_exceptions_and_with_disjoint_members_share_a_switch()
    {
        var (_, result) = GeneratorHarness.Run(("/policies/shop.policy", Shop));
        var untraced = UntracedEvaluate(result.Results.Single().GeneratedSources.Single(s => s.HintName == "Shop.Policy.g.cs").SourceText.ToString());

        Assert.Contains("switch (claim.Reason)", untraced);
        Assert.Contains("case Reason.Late or Reason.Lost:", untraced);
        // R-1 is overridden: it keeps its own test, after X-1's.
        Assert.Contains("var clause_R_1 = (claim.Reason == Reason.Broken) && !clause_X_1;", untraced);
        // R-7's members overlap R-5's case: it comes after the switch, on its own.
        Assert.Contains("if (clause_R_7)", untraced);
        Assert.Contains("switch (claim.Channel)", untraced);
        Assert.Contains("switch (coverage)", untraced);
        Assert.Equal(3, CountOf(untraced, "switch ("));
    }

    [Fact]
    public void The_switched_evaluator_decides_every_claim_as_the_interpreter_does()
    {
        var generated = FixtureEngines.Evaluator("generated", Shop);
        var interpreted = FixtureEngines.Evaluator("interpreted", Shop);

        var claims = 0;
        foreach (var claim in EveryClaim())
        {
            Assert.Equal(Render(interpreted, claim), Render(generated, claim));
            claims++;
        }

        Assert.Equal(5 * 4 * 3 * 2, claims);
    }

    [Fact]
    public void A_long_run_is_one_switch_with_one_case_per_clause_and_a_comment_that_names_its_ends()
    {
        const int Members = 60;
        var policy = new StringBuilder("""
            policy Wide implements "Wide"
            warranty from 2024-01-01 through 2024-12-31 active when true

            """);
        policy.Append("enum Kind = ").AppendJoin(" | ", Enumerable.Range(0, Members).Select(m => "k" + m)).Append("\n  \"The kind.\"\n");
        policy.Append("fact kind: Kind \"The kind.\"\n");
        policy.Append("section \"S\"\n");
        for (var m = 0; m < Members; m++)
        {
            policy.Append("clause W-").Append(m).Append("\n  quote \"Kind ").Append(m).Append(".\"\n  when kind is k").Append(m)
                .Append(m % 2 == 0 ? "\n  then free\n" : "\n  then paid\n");
        }

        var bound = QuotedSentences.Bind("/policies/wide.policy", policy.ToString());
        Assert.Empty(bound.Diagnostics.Select(d => d.ToString()));
        var (output, result) = GeneratorHarness.Run(("/policies/wide.policy", policy.ToString()));

        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var untraced = UntracedEvaluate(result.Results.Single().GeneratedSources.Single(s => s.HintName == "Wide.Policy.g.cs").SourceText.ToString(), "Wide");
        Assert.Contains("// 60 clauses, W-0 to W-59, each apply to their own values of kind: one switch on it\n", untraced);
        Assert.Equal(1, CountOf(untraced, "switch ("));
        Assert.Equal(Members, CountOf(untraced, "case Kind."));
    }

    private static IEnumerable<string> EveryClaim()
    {
        foreach (var reason in new[] { "broken", "late", "wrong", "changedMind", "lost" })
        {
            foreach (var channel in new[] { null, "store", "online", "phone" })
            {
                foreach (var age in new[] { 0, 30, 31 })
                {
                    foreach (var opened in new[] { false, true })
                    {
                        var channelMember = channel is null ? string.Empty : $",\"channel\":\"{channel}\"";
                        yield return $"{{\"reason\":\"{reason}\"{channelMember},\"age\":{age},\"opened\":{(opened ? "true" : "false")}}}";
                    }
                }
            }
        }
    }

    private static string Render(IPolicyEvaluator evaluator, string claim)
    {
        try
        {
            var decision = evaluator.Evaluate(Encoding.UTF8.GetBytes(claim));
            var text = new StringWriter { NewLine = "\n" };
            DecisionWriter.WriteText(text, decision);
            return text + "\n" + DecisionWriter.ToJson(decision);
        }
        catch (PolicyDefectException defect)
        {
            return "defect: " + defect.Message;
        }
    }

    private static string UntracedEvaluate(string source, string policy = "Shop")
    {
        var start = source.IndexOf($"public static {policy}Decision Evaluate({policy}Claim claim)\n", System.StringComparison.Ordinal);
        var end = source.IndexOf($"public static {policy}Decision Evaluate({policy}Claim claim, IDecisionTrace? trace)", System.StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start);
        return source[start..end];
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, System.StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, System.StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
