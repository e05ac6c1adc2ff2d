using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Testing;

namespace Xinji.Policy.Dsl.Tests;

/// <summary>The warranty declaration's optional description: what an unestablished period means.</summary>
public class WarrantyDescriptionTests
{
    private const string Policy = """
        policy Lamp implements "Lamp guarantee"
        fact boughtOn: optional date "The purchase day, if known."
        fact claimedOn: date "The claim day."
        WARRANTY
        section "S"
        clause L-1
          quote "Lamps are guaranteed."
          always
          then free

        """;

    private const string Declaration = "warranty from boughtOn through boughtOn + 12 months - 1 day active when boughtOn <= claimedOn";

    private static BindingResult Bind(string warranty) =>
        QuotedSentences.Bind("/p/lamp.policy", Policy.Replace("WARRANTY", warranty));

    [Fact]
    public void A_description_on_a_continuation_line_binds_to_the_warranty()
    {
        var result = Bind(Declaration + "\n  \"no purchase date\"");

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.Equal("no purchase date", result.Policy!.Warranty.NotEstablished);
    }

    [Fact]
    public void A_warranty_without_a_description_has_none()
    {
        var result = Bind(Declaration);

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.Null(result.Policy!.Warranty.NotEstablished);
    }

    [Fact]
    public void Text_after_the_condition_that_is_not_a_description_is_an_error_at_that_text()
    {
        var result = Bind(Declaration + "\n  no purchase date");

        var error = Assert.Single(result.Diagnostics, d => d.Id == "XP0001");
        Assert.Equal(5, error.Span.Line);
    }
}
