using System;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Xinji.Policy.Dsl.Analysis;

namespace Xinji.Policy.Analysis.Tests;

/// <summary>
/// The earliest and latest of three optional dates, which the encoder turns into variables of
/// their own: random policies over them, a claim date and a flag, with dates in a window across
/// January's end 2024 (so a month step lands on February 29). The analysis's verdicts must equal
/// what enumerating every claim shows, in both polarities of every condition.
/// </summary>
public class WideExtremumBruteForceTests
{
    private static readonly string[] Atoms =
    {
        "flag", "earliest(a, b, c) <= claimed", "latest(a, b, c) > claimed", "earliest(a, b, c) is known",
        "latest(a, c) is not known", "claimed < earliest(a, b, c) + 1 month", "latest(earliest(a, b), c) is claimed",
        "earliest(a, b, c) is latest(a, b, c)", "earliest(a, 2024-01-31, c) < claimed", "latest(a, b, c) + 2 days > claimed",
        "earliest(b, a + 1 day, c) >= claimed", "a is known and earliest(a, b, c) is a", "latest(a, b, c) is c",
        "claimed >= latest(a, b, c) + 1 month - 1 day",
    };

    [Fact]
    public void The_analysis_agrees_with_enumerating_every_claim_on_random_policies()
    {
        var property = Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed => Agrees(seed));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(40).WithQuietOnSuccess(true), property);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(11)]
    [InlineData(2026)]
    public void The_analysis_agrees_with_enumerating_every_claim_on_fixed_seeds(int seed) => Assert.True(Agrees(seed));

    private static bool Agrees(int seed)
    {
        var text = RandomPolicy(new Random(seed));
        var policy = Policies.Bind(text);
        var analysis = PolicyAnalysis.Analyze(policy, Policies.Unhurried).Findings;
        Assert.DoesNotContain(analysis, f => f.Kind == FindingKind.NotAnalysed);

        var truth = ClaimSpace.Enumerate(policy, ClaimSpace.Bounded(policy));
        ClaimSpace.AssertAgrees(truth, analysis, $"seed {seed}:\n{text}");
        return true;
    }

    private static string RandomPolicy(Random random)
    {
        var text = new StringBuilder("""
            policy Wide implements "Wide"
            fact flag: bool = false "f"
            fact claimed: date "d"
            fact a: optional date "a"
            fact b: optional date "b"
            fact c: optional date "c"
            reject claimed when claimed < 2024-01-28 "w"
            reject claimed when claimed > 2024-02-01 "w"
            reject a when a < 2024-01-28 "w"
            reject a when a > 2024-02-01 "w"
            reject b when b < 2024-01-28 "w"
            reject b when b > 2024-02-01 "w"
            reject c when c < 2024-01-28 "w"
            reject c when c > 2024-02-01 "w"
            note told "n"
            warranty from earliest(a, b, c) through latest(a, b, c) active when earliest(a, b, c) <= claimed and claimed <= latest(a, b, c)
            section "S"

            """);
        return RandomClauses.AppendTo(text, random, Atoms);
    }
}
