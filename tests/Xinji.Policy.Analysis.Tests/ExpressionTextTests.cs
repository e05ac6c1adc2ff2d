using System.Linq;
using Xinji.Policy.Dsl.Analysis;

namespace Xinji.Policy.Analysis.Tests;

/// <summary>Conditions written back as policy text, for messages that quote part of one.</summary>
public class ExpressionTextTests
{
    private static string Condition(string condition) =>
        ExpressionText.Of(Policies.Bind($$"""
            policy T implements "T"
            enum Kind = phone | band "k"
            fact kind: Kind "k"
            fact bought: date "b"
            fact registered: optional date "r"
            fact visits: int = 0 "v"
            fact sealed: bool = true "s"
            warranty from bought through bought + 1 month active when true
            section "S"
            clause F
              quote "f"
              when {{condition}}
              then free
            """).Clauses[0].Condition);

    [Theory]
    [InlineData("kind is not band and (sealed or visits > 2)")]
    [InlineData("not (sealed and kind in {phone, band})")]
    [InlineData("kind not in {band}")]
    [InlineData("registered is not known or earliest(bought, registered) + 12 months - 1 day <= 2025-02-28")]
    [InlineData("if sealed then visits >= 1 else visits < 3")]
    [InlineData("visits - 2 is 1")]
    public void A_condition_reads_as_it_was_written(string condition) => Assert.Equal(condition, Condition(condition));

    [Fact]
    public void A_long_chain_is_shortened_from_its_start()
    {
        var chain = string.Join(" or ", Enumerable.Range(0, 500).Select(i => "visits > " + i));

        var text = Condition(chain);

        Assert.StartsWith("… or visits > ", text, System.StringComparison.Ordinal);
        Assert.True(text.Length <= 100, text);
    }

    [Fact]
    public void A_negation_nested_past_what_is_shown_is_elided_whole()
    {
        var text = Condition(string.Concat(Enumerable.Repeat("not ", 200)) + "sealed");

        Assert.Equal("…", text);
    }
}
