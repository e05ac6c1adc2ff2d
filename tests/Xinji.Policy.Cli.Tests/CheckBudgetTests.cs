using System;

namespace Xinji.Policy.Cli.Tests;

/// <summary><c>check --analysis-budget</c>: the budget reaches the analysis, and a value that is not one is refused by name.</summary>
public sealed class CheckBudgetTests
{
    [Fact]
    public void A_budget_too_small_to_analyse_anything_gives_one_time_out_warning_and_exit_0()
    {
        var result = InProcess.Run("check", "--analysis-budget", "0.000001");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("warning XP2005: The policy was not analysed within the budget of 0 s", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("0 errors, 1 warning, 0 infos", result.StdOut, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("soon")]
    [InlineData("-3")]
    public void A_budget_that_is_not_a_positive_number_of_seconds_is_refused_naming_the_option(string value)
    {
        var result = InProcess.Run("check", "--analysis-budget", value);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--analysis-budget takes a number of seconds greater than 0", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("'" + value + "'", result.StdErr, StringComparison.Ordinal);
    }
}
