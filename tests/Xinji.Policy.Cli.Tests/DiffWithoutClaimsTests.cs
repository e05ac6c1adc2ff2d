using System;
using System.Linq;

namespace Xinji.Policy.Cli.Tests;

/// <summary><c>diff</c> without claims: the analysis compares the versions over every valid claim.</summary>
public sealed class DiffWithoutClaimsTests : IDisposable
{
    private const string Variant = "examples/policy-variants/no-sticker-exclusion";

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Without_claims_each_difference_comes_with_a_claim_that_replays_to_it()
    {
        var result = InProcess.Run("diff", "policy", Variant);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith($"policy and {Variant} decide some claims differently (", result.BodyLines[0], StringComparison.Ordinal);
        Assert.Contains("  clause EX-3", result.BodyLines);
        var claimLine = result.BodyLines[result.BodyLines.ToList().IndexOf("  coverage") + 1];
        Assert.StartsWith("    claim: {", claimLine, StringComparison.Ordinal);
        var claim = temp.Write("witness.json", claimLine.Substring("    claim: ".Length));

        var before = InProcess.Run("evaluate", "--format", "json", claim);
        var after = InProcess.Run("evaluate", "--format", "json", "--policy", Variant, claim);
        Assert.Contains("\"coverage\":\"paid\"", before.Body, StringComparison.Ordinal);
        Assert.Contains("\"coverage\":\"free\"", after.Body, StringComparison.Ordinal);

        var failing = InProcess.Run("diff", "policy", Variant, "--fail-on-change");
        Assert.Equal(1, failing.ExitCode);
    }
}
