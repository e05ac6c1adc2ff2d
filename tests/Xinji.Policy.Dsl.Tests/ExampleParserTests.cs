using System.Linq;
using Xinji.Policy.Dsl.Syntax;

namespace Xinji.Policy.Dsl.Tests;

public class ExampleParserTests
{
    private static PolicyFile Parse(string text) => PolicyParser.Parse("test.policy", text);

    private static ExampleDeclaration SingleExample(string text)
    {
        var file = Parse(text);
        Assert.Empty(file.Diagnostics.Select(d => d.ToString()));
        return Assert.IsType<ExampleDeclaration>(Assert.Single(file.Declarations));
    }

    [Fact]
    public void An_example_with_a_claim_over_several_lines_keeps_the_claim_text_exactly_and_every_part_of_the_expectation()
    {
        var example = SingleExample("""
            example "Water damage with a missing sticker cites both exclusions"
              claim {"product": "smartWatch", "claimDate": "2025-02-01", "invoiceDate": "2024-11-11",
                     "cause": "water", "warrantySticker": "missing"}   # a comment after the claim
              expect paid
                remedies repair
                cites at least EX-3, EX-9
                requirements none
                notes nationalLawsPrevail, finalAnalysisReserved
                warranty from 2024-11-11 through 2025-11-10 active
            """);

        Assert.Equal("Water damage with a missing sticker cites both exclusions", example.Name.Value);
        Assert.Equal(
            "{\"product\": \"smartWatch\", \"claimDate\": \"2025-02-01\", \"invoiceDate\": \"2024-11-11\",\n         \"cause\": \"water\", \"warrantySticker\": \"missing\"}",
            example.Claim.Json);
        Assert.Equal(new[] { "product", "claimDate", "invoiceDate", "cause", "warrantySticker" }, example.Claim.Fields.Select(f => f.Text));
        var cause = example.Claim.Fields[3];
        Assert.Equal((3, 10, 3, 17), (cause.Span.Line, cause.Span.Column, cause.Span.EndLine, cause.Span.EndColumn));
        Assert.Equal((2, 9, 3, 57), (example.Claim.Span.Line, example.Claim.Span.Column, example.Claim.Span.EndLine, example.Claim.Span.EndColumn));

        var expect = Assert.IsType<DecisionExpectationSyntax>(example.Expectation);
        Assert.Equal("paid", expect.Coverage.Text);
        Assert.Equal(new[] { "repair" }, expect.Remedies.Items.Select(i => i.Text));
        Assert.False(expect.Remedies.AtLeast);
        Assert.Equal(new[] { "EX-3", "EX-9" }, expect.Cites.Items.Select(i => i.Text));
        Assert.True(expect.Cites.AtLeast);
        Assert.Empty(expect.Requirements!.Items);
        Assert.Equal(new[] { "nationalLawsPrevail", "finalAnalysisReserved" }, expect.Notes!.Items.Select(i => i.Text));
        Assert.Equal((2024, 11, 11), (expect.Warranty!.Start!.Year, expect.Warranty.Start.Month, expect.Warranty.Start.Day));
        Assert.Equal((2025, 11, 10), (expect.Warranty.End!.Year, expect.Warranty.End.Month, expect.Warranty.End.Day));
        Assert.True(expect.Warranty.Active);
        Assert.Equal((4, 10), (expect.Span.Line, expect.Span.Column));
        Assert.Equal((9, 55), (expect.Span.EndLine, expect.Span.EndColumn));
    }

    [Fact]
    public void The_optional_parts_may_be_left_out_and_the_warranty_may_be_not_active_or_not_established()
    {
        var minimal = Assert.IsType<DecisionExpectationSyntax>(SingleExample("""
            example "Minimal"
              claim {"product": "smartWatch"}
              expect free
                remedies replacement
                cites none
            """).Expectation);
        Assert.Null(minimal.Requirements);
        Assert.Null(minimal.Notes);
        Assert.Null(minimal.Warranty);
        Assert.Empty(minimal.Cites.Items);

        var notActive = Assert.IsType<DecisionExpectationSyntax>(SingleExample("""
            example "Expired"
              claim {}
              expect paid remedies repair cites EX-2 warranty from 2023-01-01 through 2023-12-31 not active
            """).Expectation);
        Assert.False(notActive.Warranty!.Active);

        var none = Assert.IsType<DecisionExpectationSyntax>(SingleExample("""
            example "No dates"
              claim {"invoiceDate": null}
              expect paid
                remedies repair
                cites EX-2
                notes none
                warranty not established
            """).Expectation);
        Assert.Null(none.Warranty!.Start);
        Assert.Null(none.Warranty.End);
        Assert.False(none.Warranty.Active);
    }

    [Fact]
    public void An_expected_rejection_names_the_field_plainly_or_in_quotes()
    {
        var plain = Assert.IsType<InvalidExpectationSyntax>(SingleExample("""
            example "Claimed before it was bought"
              claim {"claimDate": "2024-01-01", "invoiceDate": "2024-02-01"}
              expect invalid claimDate
            """).Expectation);
        Assert.Equal("claimDate", plain.Field.Text);
        Assert.Equal((3, 18, 3, 27), (plain.Field.Span.Line, plain.Field.Span.Column, plain.Field.Span.EndLine, plain.Field.Span.EndColumn));

        var quoted = Assert.IsType<InvalidExpectationSyntax>(SingleExample("""
            example "A dash in a field name"
              claim {"warranty-sticker": "missing"}
              expect invalid "warranty-sticker"
            """).Expectation);
        Assert.Equal("warranty-sticker", quoted.Field.Text);
    }

    [Fact]
    public void Any_JSON_value_may_appear_in_a_claim_because_the_claim_reader_judges_the_values()
    {
        var example = SingleExample("""
            example "Odd values"
              claim {"a": [1, -2.5e+3, 0.25, [], {}], "b": {"c": null, "d": true}, "e": false, "f": "tab\there \u00e9 \"q\" \\ \/ #"}
              expect invalid a
            """);

        Assert.Equal(new[] { "a", "b", "e", "f" }, example.Claim.Fields.Select(f => f.Text));
    }

    [Fact]
    public void Escapes_in_a_field_name_are_decoded_the_way_the_claim_reader_decodes_them()
    {
        var example = SingleExample("""
            example "Escaped"
              claim {"c\u0061use": "water"}
              expect invalid cause
            """);

        Assert.Equal("cause", Assert.Single(example.Claim.Fields).Text);
    }

    [Theory]
    [InlineData("  claim {\"product\": \"smartWatch\" \"cause\": \"water\"}", 2, 34, "Expected ',' or '}'; found '\"'")]
    [InlineData("  claim {\"cause\": water}", 2, 19, "Expected a JSON value (text in double quotes, a number, true, false or null); found 'water'")]
    [InlineData("  claim {\"cause\": \"water\",}", 2, 27, "Expected a field name in double quotes; found '}'")]
    [InlineData("  claim {cause: \"water\"}", 2, 10, "Expected a field name in double quotes or '}'; found 'cause'")]
    [InlineData("  claim {'cause': \"water\"}", 2, 10, "Expected a field name in double quotes or '}'; found '''")]
    [InlineData("  claim {\"cause\" \"water\"}", 2, 18, "Expected ':'; found '\"'")]
    [InlineData("  claim {\"claimDate\": 2025-03-01}", 2, 23, "Expected a date in double quotes, as \"2025-03-01\"; found '2'")]
    [InlineData("  claim {\"rooted\": truthy}", 2, 20, "Expected a JSON value (text in double quotes, a number, true, false or null); found 'truthy'")]
    [InlineData("  claim {\"visits\": 01}", 2, 21, "Expected ',' or '}'; found '1'")]
    [InlineData("  claim {\"visits\": 1.}", 2, 22, "Expected a digit; found '}'")]
    [InlineData("  claim {\"cause\": \"wa\\xter\"}", 2, 23, "Expected a JSON escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u and four hex digits); found 'xter'")]
    [InlineData("  claim {\"cause\": \"water}", 2, 26, "Expected a closing '\"' on the same line; found end of line")]
    [InlineData("  claim {\"cause\": \"water\" # a comment\n    }", 2, 27, "Expected ',' or '}'; found '#'")]
    [InlineData("  claim {\"a\": [1, 2}", 2, 20, "Expected ',' or ']'; found '}'")]
    [InlineData("  claim product is smartWatch", 2, 9, "Expected a claim: a JSON object in braces { }; found 'product'")]
    [InlineData("  expect paid", 2, 3, "Expected 'claim'; found 'expect'")]
    public void A_syntax_error_in_a_claim_is_reported_at_its_line_and_column(string claimLine, int line, int column, string message)
    {
        var file = Parse("example \"Broken\"\n" + claimLine + "\n  expect paid remedies repair cites EX-9\n");

        var diagnostic = Assert.Single(file.Diagnostics);
        Assert.Equal("XP0001", diagnostic.Id);
        Assert.Equal((line, column), (diagnostic.Span.Line, diagnostic.Span.Column));
        Assert.Equal(message, diagnostic.Message);
    }

    [Theory]
    [InlineData("expect covered", 3, 10, "Expected 'free' or 'invalid' or 'paid'; found 'covered'")]
    [InlineData("expect paid\n    cites EX-9\n    remedies repair", 4, 5, "Expected 'remedies'; found 'cites'")]
    [InlineData("expect paid\n    remedies repair", 4, 20, "Expected 'cites'; found end of declaration")]
    [InlineData("expect paid\n    remedies\n    cites EX-9", 5, 5, "Expected the remedies (names separated by commas) or 'none'; found 'cites'")]
    [InlineData("expect paid\n    remedies repair\n    cites EX-9\n    requires none", 6, 5, "Expected 'notes' or 'requirements' or 'warranty' or 'what-ifs' or the end of the example; found 'requires'")]
    [InlineData("expect paid\n    remedies repair\n    cites EX-9\n    notes none\n    requirements none", 7, 5, "Expected 'warranty' or 'what-ifs' or the end of the example; found 'requirements'")]
    [InlineData("expect paid\n    remedies repair\n    cites at most EX-9", 5, 14, "Expected 'least'; found 'most'")]
    [InlineData("expect paid\n    remedies repair\n    cites EX-9\n    warranty from 2024-06-01 to 2025-05-31 active", 6, 30, "Expected 'through'; found 'to'")]
    [InlineData("expect paid\n    remedies repair\n    cites EX-9\n    warranty 2024-06-01", 6, 14, "Expected 'from' and the period, or 'not established'; found '2'")]
    [InlineData("expect invalid claimDate because it is early", 3, 28, "Expected the end of the example; found 'because'")]
    public void A_syntax_error_in_an_expectation_is_reported_where_it_is(string expectation, int line, int column, string message)
    {
        var file = Parse("example \"Broken\"\n  claim {\"cause\": \"water\"}\n  " + expectation + "\n");

        var diagnostic = Assert.Single(file.Diagnostics);
        Assert.Equal("XP0001", diagnostic.Id);
        Assert.Equal(message, diagnostic.Message);
        Assert.Equal((line, column), (diagnostic.Span.Line, diagnostic.Span.Column));
    }

    [Fact]
    public void A_broken_example_does_not_stop_the_next_one_from_parsing()
    {
        var file = Parse("""
            example "Broken"
              claim {"cause": water}
              expect paid remedies repair cites EX-9
            example "Fine"
              claim {"cause": "water"}
              expect paid remedies repair cites EX-9
            """);

        Assert.Equal((2, 19), (Assert.Single(file.Diagnostics).Span.Line, file.Diagnostics[0].Span.Column));
        Assert.Equal("Fine", Assert.Single(file.Declarations.OfType<ExampleDeclaration>()).Name.Value);
    }

    [Fact]
    public void An_examples_file_holds_examples_and_rejects_other_declarations_which_would_be_left_out_of_the_policy()
    {
        var file = PolicyParser.ParseExamples("policy/04.examples", """
            # Examples of the exclusions.
            example "Fine"
              claim {"cause": "water"}
              expect paid remedies repair cites EX-9

            clause EX-99
              quote "Not here."
              always
              then paid
            """);

        var diagnostic = Assert.Single(file.Diagnostics);
        Assert.Equal("policy/04.examples(6,1): error XP0001: A .examples file holds only 'example' declarations; move this 'clause' into a .policy file", diagnostic.ToString());
        Assert.Single(file.Declarations.OfType<ExampleDeclaration>());
        Assert.Equal("EX-99", Assert.Single(file.Declarations.OfType<BrokenDeclaration>()).Name!.Text);
    }

    [Fact]
    public void Text_before_the_first_example_of_an_examples_file_names_the_one_declaration_it_may_hold()
    {
        var file = PolicyParser.ParseExamples("a.examples", "  claim {}\nexample \"x\" claim {} expect invalid product\n");

        Assert.Equal(
            "a.examples(1,3): error XP0001: Expected a declaration starting at the beginning of a line with 'example'; found 'claim'",
            Assert.Single(file.Diagnostics).ToString());
    }
}
