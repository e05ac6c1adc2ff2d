using System;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Xinji.Policy.Dsl.Analysis;

namespace Xinji.Policy.Analysis.Tests;

/// <summary>
/// Random small policies over a few facts, whose rejections bound every value to a small domain
/// (dates in a window across January's end and February 29, 2024). The analysis's verdicts —
/// conflicts, the gap, unreachable clauses — must equal what enumerating every claim shows.
/// </summary>
public class BruteForcePropertyTests
{
    private static readonly DateTime First = new(2024, 1, 27);
    private static readonly DateTime Last = new(2024, 3, 2);

    private static readonly string[] Atoms =
    {
        "flag", "kind is a", "kind in {a, b}", "kind is not c", "n > 1", "n <= 0", "n is 1",
        "start is known", "start is not known", "claimDay >= start", "claimDay < start + 1 month",
        "claimDay < start + 5 days", "claimDay > 2024-02-28", "claimDay <= 2024-01-31 + 1 month", "claimDay is start + 1 month - 1 day",
        "latest(start, 2024-02-10) < claimDay", "earliest(start, claimDay) is claimDay",
    };

    [Fact]
    public void The_analysis_agrees_with_enumerating_every_claim_on_random_policies()
    {
        var property = Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed => Agrees(seed));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(60).WithQuietOnSuccess(true), property);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    public void The_analysis_agrees_with_enumerating_every_claim_on_fixed_seeds(int seed) => Assert.True(Agrees(seed));

    private static bool Agrees(int seed)
    {
        var text = RandomPolicy(new Random(seed));
        var policy = Policies.Bind(text);
        var analysis = PolicyAnalysis.Analyze(policy, Policies.Unhurried).Findings;
        Assert.DoesNotContain(analysis, f => f.Kind == FindingKind.NotAnalysed);

        // The rejections bound every value, so the claims they leave are few enough to try one by one.
        var truth = ClaimSpace.Enumerate(policy, ClaimSpace.Bounded(policy));
        ClaimSpace.AssertAgrees(truth, analysis, $"seed {seed}:\n{text}");
        return true;
    }

    private static string RandomPolicy(Random random)
    {
        var text = new StringBuilder($$"""
            policy Random implements "Random"
            enum Kind = a | b | c "k"
            fact kind: Kind "k"
            fact flag: bool = false "f"
            fact n: int = 0 "n"
            fact claimDay: date "d"
            fact start: optional date "s"
            reject claimDay when claimDay < {{First:yyyy-MM-dd}} "w"
            reject claimDay when claimDay > {{Last:yyyy-MM-dd}} "w"
            reject start when start < {{First:yyyy-MM-dd}} "w"
            reject start when start > {{Last:yyyy-MM-dd}} "w"
            reject n when n < 0 "w"
            reject n when n > 2 "w"
            note told "n"
            warranty from start through start + 1 month - 1 day active when claimDay < start + 1 month
            section "S"

            """);
        return RandomClauses.AppendTo(text, random, Atoms);
    }
}
