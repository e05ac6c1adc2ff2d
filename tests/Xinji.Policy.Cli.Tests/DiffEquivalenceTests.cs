namespace Xinji.Policy.Cli.Tests;

/// <summary><c>diff</c> without claims of a policy with itself: equivalent. A class of its own, so it runs beside the other comparison.</summary>
public sealed class DiffEquivalenceTests
{
    [Fact]
    public void Without_claims_a_policy_compared_with_itself_is_equivalent()
    {
        var result = InProcess.Run("diff", "policy", "policy", "--fail-on-change");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(result.StdErr);
        Assert.Equal("policy and policy are equivalent: they decide every valid claim the same way.", Assert.Single(result.BodyLines));
    }
}
