using System.Linq;
using Xinji.Policy.Dsl.Diagnostics;
using Xinji.Policy.Dsl.Syntax;

namespace Xinji.Policy.Dsl.Tests;

/// <summary>The canonical layout, one rule at a time, on small policies.</summary>
public sealed class FormatterTests
{
    private static string Format(string text, string path = "/p/test.policy")
    {
        var result = PolicyFormatter.Format(path, text);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result.Text;
    }

    [Fact]
    public void Each_part_of_a_declaration_goes_on_a_line_of_its_own_indented_two_spaces()
    {
        var text = """
            policy   P implements "Doc"   source "d.txt"
            fact a:bool=false "A."
            define d = a "D." quote "q1"   quote "q2"
            section "S"
            clause X-1 quote "q1" exception to Y.2,Z when a then paid remedy r,s
            recital R quote "q" because "why"
            """;

        Assert.Equal("""
            policy P implements "Doc"
              source "d.txt"

            fact a: bool = false
              "A."

            define d = a
              "D."
              quote "q1"
              quote "q2"

            section "S"

            clause X-1
              quote "q1"
              exception to Y.2, Z
              when a
              then paid remedy r, s

            recital R
              quote "q"
              because "why"

            """.Replace("\r\n", "\n"), Format(text));
    }

    [Fact]
    public void Expressions_get_one_space_between_tokens_and_none_inside_brackets()
    {
        var text = "define d = not ( b is known ) or earliest( b,b )<=2024-01-01 + 1 month and c in{x,y} or 1+2>3\n  \"D.\"\n";

        Assert.Equal(
            "define d = not (b is known) or earliest(b, b) <= 2024-01-01 + 1 month and c in {x, y} or 1 + 2 > 3\n  \"D.\"\n",
            Format(text));
    }

    [Fact]
    public void A_long_condition_breaks_before_each_or_outside_brackets_and_else_before_each_and()
    {
        var ors = "reject a when alphaAlphaAlpha and betaBetaBeta or (gammaGammaGamma or deltaDelta) or epsilonEpsilonEpsilon and zeta\n  \"R.\"\n";
        var ands = "reject a when alphaAlphaAlphaAlpha and betaBetaBetaBeta and (gammaGammaGamma or deltaDelta) and epsilonEpsilon\n  \"R.\"\n";

        Assert.Equal(
            "reject a when alphaAlphaAlpha and betaBetaBeta\n    or (gammaGammaGamma or deltaDelta)\n    or epsilonEpsilonEpsilon and zeta\n  \"R.\"\n",
            Format(ors));
        Assert.Equal(
            "reject a when alphaAlphaAlphaAlpha\n    and betaBetaBetaBeta\n    and (gammaGammaGamma or deltaDelta)\n    and epsilonEpsilon\n  \"R.\"\n",
            Format(ands));
    }

    [Fact]
    public void Enum_members_that_do_not_fit_continue_with_the_bar_under_the_equals_sign()
    {
        var text = "enum Cause = manufacturingDefect | fall | squeeze | water | abnormalUse | abnormalStorage | abnormalOperation | extremeConditions | actOfGod | naturalWear | nonXinjiAccessory | other \"What caused it.\"\n";

        Assert.Equal(
            """
            enum Cause = manufacturingDefect | fall | squeeze | water | abnormalUse | abnormalStorage
                       | abnormalOperation | extremeConditions | actOfGod | naturalWear | nonXinjiAccessory
                       | other
              "What caused it."

            """.Replace("\r\n", "\n"),
            Format(text));
    }

    [Fact]
    public void Effects_that_do_not_fit_go_one_to_a_line_under_the_first()
    {
        var text = "clause A quote \"q\" always then free remedy repairTheDevice, replaceTheDevice require bringTheOriginalBox, presentTheInvoice note told\n";

        Assert.Equal(
            "clause A\n  quote \"q\"\n  always\n  then free\n       remedy repairTheDevice, replaceTheDevice\n       require bringTheOriginalBox, presentTheInvoice\n       note told\n",
            Format(text));
    }

    [Fact]
    public void Comments_stay_before_the_token_they_preceded_on_their_own_line_or_after_their_token()
    {
        var text = """
            # header
            clause X  # after the id
               # before the quote
             quote "q"
              when a and # inside
                   b
                # before then
              then paid # last
                # indented, after
            # column one, after
            clause Y quote "q" always then free
            """;

        Assert.Equal("""
            # header
            clause X # after the id
              # before the quote
              quote "q"
              when a and # inside
                b
              # before then
              then paid # last
              # indented, after

            # column one, after
            clause Y
              quote "q"
              always
              then free

            """.Replace("\r\n", "\n"), Format(text));
    }

    [Fact]
    public void One_blank_line_between_declarations_and_short_lists_grouped_as_written()
    {
        var text = "\n\n\nfact a: bool \"A.\"\nfact b: bool \"B.\"\n\n\n\nfact c: bool \"C.\"\nremedy r \"R.\"\nremedy s \"S.\"\nnote n \"N.\"\n\n\n# end\n\n\n";

        Assert.Equal(
            "fact a: bool\n  \"A.\"\nfact b: bool\n  \"B.\"\n\nfact c: bool\n  \"C.\"\n\nremedy r\n  \"R.\"\nremedy s\n  \"S.\"\n\nnote n\n  \"N.\"\n\n# end\n",
            Format(text));
    }

    [Fact]
    public void An_example_has_its_claim_as_compact_json_wrapped_between_fields_and_its_expectation_parts_indented()
    {
        var text = """
            example "Water damage"
              claim {  "product" : "smartWatch","claimDate":"2025-02-01", "invoiceDate": "2024-11-11", "cause": "water",
                "tags": [ 1, 2 ], "nested": { "a": null } }
              expect paid remedies repair cites at least EX-3,EX-9 requirements none notes n warranty from 2024-11-11 through 2025-11-10 not active
            example "Bad date" claim {"claimDate": "tomorrow"} expect invalid claimDate
            example "No start" claim {} expect free remedies none cites none warranty not established
            """;

        Assert.Equal("""
            example "Water damage"
              claim {"product": "smartWatch", "claimDate": "2025-02-01", "invoiceDate": "2024-11-11",
                     "cause": "water", "tags": [1, 2], "nested": {"a": null}}
              expect paid
                remedies repair
                cites at least EX-3, EX-9
                requirements none
                notes n
                warranty from 2024-11-11 through 2025-11-10 not active

            example "Bad date"
              claim {"claimDate": "tomorrow"}
              expect invalid claimDate

            example "No start"
              claim {}
              expect free
                remedies none
                cites none
                warranty not established

            """.Replace("\r\n", "\n"), Format(text, "/p/test.examples"));
    }

    [Fact]
    public void Windows_line_ends_stay_windows_line_ends()
    {
        Assert.Equal("fact a: bool\r\n  \"A.\"\r\n", Format("fact a: bool \"A.\"\r\n"));
    }

    [Fact]
    public void Comments_parted_by_a_lone_carriage_return_each_get_a_line()
    {
        var formatted = Format("clause A\n  quote \"q\" # one\r# two\n  always then free # three\r# four\n");

        Assert.Equal("clause A\n  quote \"q\" # one\n  # two\n  always\n  then free # three\n  # four\n", formatted);
        Assert.Equal(formatted, Format(formatted));
    }

    [Fact]
    public void A_file_with_syntax_errors_is_returned_untouched_with_the_parser_s_errors()
    {
        const string text = "fact a:   bool \"A.\"\nclause X\n  quote \"q\"\n  when a and and a\n  then free\n";

        var result = PolicyFormatter.Format("/p/test.policy", text);

        Assert.False(result.Succeeded);
        Assert.Same(text, result.Text);
        Assert.Equal(PolicyParser.Parse("/p/test.policy", text).Diagnostics, result.Diagnostics);
        Assert.Equal("XP0001", Assert.Single(result.Diagnostics).Id);
    }

    [Fact]
    public void A_policy_declaration_in_an_examples_file_is_an_error_there_and_the_file_is_untouched()
    {
        const string text = "fact a: bool \"A.\"\n";

        var result = PolicyFormatter.Format("/p/test.examples", text);

        Assert.Equal(DiagnosticIds.SyntaxError, Assert.Single(result.Diagnostics).Id);
        Assert.Same(text, result.Text);
    }

    [Fact]
    public void A_formatted_file_is_returned_as_it_is()
    {
        const string text = "section \"S\"\n\nclause A\n  quote \"q\"\n  always\n  then free\n";

        Assert.Equal(text, Format(text));
        Assert.Equal(string.Empty, Format("\n\n  \n"));
    }

    [Fact]
    public void Every_line_of_a_declaration_after_its_first_is_indented_so_no_part_can_start_a_declaration()
    {
        // "note" and "remedy" are declaration keywords: at column 1 they would start one.
        var text = "clause A quote \"q\" always then free\nremedy r\n# c\nnote n\n";
        var formatted = Format("clause A quote \"q\" always then free # c\n  note n\n");

        Assert.Equal("clause A\n  quote \"q\"\n  always\n  then free # c\n    note n\n", formatted);
        Assert.Equal(3, PolicyParser.Parse("/p/test.policy", text).Declarations.Count);
        Assert.Single(PolicyParser.Parse("/p/test.policy", formatted).Declarations.OfType<ClauseDeclaration>());
    }
}
