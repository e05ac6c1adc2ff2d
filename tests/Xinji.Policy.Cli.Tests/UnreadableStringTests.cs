using System;

namespace Xinji.Policy.Cli.Tests;

/// <summary>
/// A lone surrogate escape ("\ud800") is valid JSON syntax but not text: the claim reader cannot
/// make a string of it. Every command must treat it as an invalid claim, not crash on it.
/// </summary>
public sealed class UnreadableStringTests : IDisposable
{
    private const string Claim = """{"product": "\ud800", "claimDate": "2025-03-10", "cause": "fall"}""";

    private const string Problem = "(claim): the string at byte 13 escapes half of a character (a \\u surrogate without its pair)";

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Evaluate_reports_it_as_an_invalid_claim_with_the_compiled_and_the_interpreted_policy(bool interpreted)
    {
        var file = temp.Write("claim.json", Claim);

        var result = InProcess.Run(interpreted ? new[] { "evaluate", "--policy", "policy", file } : new[] { "evaluate", file });

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(file + ": invalid claim: " + Problem, Assert.Single(result.StdErrLines));
        CliRunner.AssertNoStackTrace(result);
    }

    [Fact]
    public void Diff_counts_it_as_invalid_in_both_versions()
    {
        var claims = temp.Write("claims.jsonl", Claim + "\n");

        var result = InProcess.Run("diff", "policy", "policy", "--claims", claims);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("  (claim)  1", result.BodyLines[^1]);
    }

    [Fact]
    public void An_example_can_expect_it_to_be_invalid()
    {
        var examples = temp.Write("claims.examples", "example \"Half a character\"\n  claim " + Claim + "\n  expect invalid \"(claim)\"\n");

        var result = InProcess.Run("test", "policy/00-vocabulary.policy", "policy/01-preamble.policy", "policy/02-warranty-policy.policy",
            "policy/03-warranty-duration.policy", "policy/04-warranty-exclusions.policy", examples);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("PASS  Half a character", result.BodyLines);
    }
}
