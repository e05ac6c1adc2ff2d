using System.Linq;
using Xinji.Policy.Dsl.Diagnostics;
using Xinji.Policy.Testing;

namespace Xinji.Policy.Differential.Tests;

/// <summary>Disagreements between the engines found by the forms corpus, each kept from coming back.</summary>
public class EngineRegressionTests
{
    private const string Policy = """
        policy Defaults implements "Defaults"
        fact since: date = DEFAULT "The first day."
        warranty from since through since active when true
        section "S"
        clause S-1
          quote "q"
          always
          then free
        """;

    [Theory]
    [InlineData("1899-12-31")]
    [InlineData("2200-01-01")]
    public void A_date_default_outside_the_dates_a_claim_can_hold_is_refused(string day)
    {
        // The generated claim check refused every claim leaving the fact out; the interpreter took the default.
        var loaded = QuotedSentences.Bind("defaults.policy", Policy.Replace("DEFAULT", day, System.StringComparison.Ordinal));

        var error = Assert.Single(loaded.Diagnostics, d => d.Severity == PolicySeverity.Error);
        Assert.Equal(DiagnosticCatalog.InvalidValue.Id, error.Id);
        Assert.Equal((2, 20), (error.Span.Line, error.Span.Column));
        Assert.Contains("1900-01-01 to 2199-12-31", error.Message, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1900-01-01")]
    [InlineData("2199-12-31")]
    public void A_date_default_at_the_ends_of_the_claim_range_is_taken(string day)
    {
        var loaded = QuotedSentences.Bind("defaults.policy", Policy.Replace("DEFAULT", day, System.StringComparison.Ordinal));

        Assert.DoesNotContain(loaded.Diagnostics, d => d.Severity == PolicySeverity.Error);
        Assert.NotNull(loaded.Policy!.Facts.Single().Default);
    }
}
