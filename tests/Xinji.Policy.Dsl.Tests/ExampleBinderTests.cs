using System.Linq;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Diagnostics;
using Xinji.Policy.Dsl.Syntax;
using Xinji.Policy.Dsl.Text;
using Xinji.Policy.Testing;

namespace Xinji.Policy.Dsl.Tests;

public class ExampleBinderTests
{
    private const string Policy = """
        policy Test implements "Test document"
        enum Product = watch | band "Product."
        fact product: Product "p"
        fact claimDate: date "c"
        fact invoiceDate: optional date "i"
        remedy repair "r"
        remedy replacement "r"
        requirement receipt "r"
        note lawsPrevail "n"
        warranty from invoiceDate through invoiceDate + 12 months - 1 day active when claimDate < invoiceDate + 12 months
        section "S"
        clause A
          quote "a"
          when claimDate < invoiceDate + 12 months
          then free
               remedy replacement
        clause B
          quote "b"
          exception to A
          when product is band
          then paid
               remedy repair
        recital R
          quote "r"
          because "It decides nothing."

        """;

    private static readonly int PolicyLines = Policy.Count(c => c == '\n');

    private static BindingResult Bind(string examples) =>
        QuotedSentences.Bind("/p/test.policy", Policy + examples);

    private static PolicyDiagnostic SingleError(string examples)
    {
        var result = Bind(examples);
        Assert.Null(result.Policy);
        return Assert.Single(result.Diagnostics);
    }

    [Fact]
    public void Examples_bind_with_their_claim_text_fields_and_expectations_and_decide_nothing()
    {
        var result = Bind("""
            example "A band is paid"
              claim {"product": "band", "claimDate": "2025-01-01", "invoiceDate": "2024-06-01"}
              expect paid
                remedies repair
                cites at least B
                requirements none
                notes none
                warranty from 2024-06-01 through 2025-05-31 active
            example "Claimed before it was bought"
              claim {"product": "watch", "claimDate": "2024-01-01", "invoiceDate": "2024-06-01"}
              expect invalid claimDate
            """);

        Assert.Empty(result.Diagnostics);
        var policy = result.Policy!;
        Assert.Equal(new[] { "A", "B" }, policy.Clauses.Select(c => c.Id));
        Assert.Equal(2, policy.Examples.Count);

        var paid = policy.Examples[0];
        Assert.Equal("A band is paid", paid.Name);
        Assert.Equal("{\"product\": \"band\", \"claimDate\": \"2025-01-01\", \"invoiceDate\": \"2024-06-01\"}", paid.ClaimJson);
        Assert.Equal(new[] { "product", "claimDate", "invoiceDate" }, paid.ClaimFields.Select(f => f.Name));
        Assert.Equal(("/p/test.policy", PolicyLines + 1, 9), (paid.Location.FilePath, paid.Location.Span.Line, paid.Location.Span.Column));
        var decision = Assert.IsType<ExpectedDecision>(paid.Expectation);
        Assert.Equal(CoverageDecision.Paid, decision.Coverage);
        Assert.Equal(new ExpectedSet(new[] { "repair" }.ToEquatableArray(), false), decision.Remedies);
        Assert.Equal(new ExpectedSet(new[] { "B" }.ToEquatableArray(), true), decision.Clauses);
        Assert.Empty(decision.Requirements!.Items);
        Assert.Empty(decision.Notes!.Items);
        Assert.Equal((2024, 6, 1, 2025, 5, 31, true), (decision.Warranty!.Start!.Year, decision.Warranty.Start.Month, decision.Warranty.Start.Day, decision.Warranty.End!.Year, decision.Warranty.End.Month, decision.Warranty.End.Day, decision.Warranty.Active));

        Assert.Equal(new ExpectedRejection("claimDate"), policy.Examples[1].Expectation);
    }

    [Fact]
    public void Unstated_parts_of_an_expectation_are_not_checked()
    {
        var policy = Bind("""
            example "Minimal"
              claim {"product": "watch", "claimDate": "2025-01-01", "invoiceDate": "2024-06-01"}
              expect free remedies replacement cites A
            """).Policy!;

        var decision = Assert.IsType<ExpectedDecision>(Assert.Single(policy.Examples).Expectation);
        Assert.Null(decision.Requirements);
        Assert.Null(decision.Notes);
        Assert.Null(decision.Warranty);
    }

    [Theory]
    [InlineData("expect paid remedies repair cites B, C", "XP0101", 3, 40, "Unknown clause 'C'; the clauses are A, B")]
    [InlineData("expect paid remedies repair cites B, R", "XP0120", 3, 40, "'R' is a recital: it decides nothing, so no decision cites it")]
    [InlineData("expect paid remedies repair cites B, A, B", "XP0120", 3, 43, "'B' is listed twice")]
    [InlineData("expect paid remedies fix cites B", "XP0101", 3, 24, "Unknown remedy 'fix'; the declared ones are repair, replacement")]
    [InlineData("expect paid remedies repair cites B requirements invoice", "XP0101", 3, 52, "Unknown requirement 'invoice'; the declared ones are receipt")]
    [InlineData("expect paid remedies repair cites B notes laws", "XP0101", 3, 45, "Unknown note 'laws'; the declared ones are lawsPrevail")]
    [InlineData("expect paid remedies repair cites B warranty from 2024-06-01 through 2025-02-30 active", "XP0112", 3, 72, "2025-02-30 is not a date in the calendar")]
    [InlineData("expect invalid purchaseDate", "XP0101", 3, 18, "'purchaseDate' is not a field of the claim; the claim's fields are product, claimDate, invoiceDate")]
    public void A_name_an_expectation_gets_wrong_is_a_binding_error_on_that_name(string expectation, string id, int line, int column, string message)
    {
        var diagnostic = SingleError($$"""
            example "Bad"
              claim {"product": "band", "claimDate": "2025-01-01"}
              {{expectation}}
            """);

        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(message, diagnostic.Message);
        Assert.Equal((PolicyLines + line, column), (diagnostic.Span.Line, diagnostic.Span.Column));
    }

    [Fact]
    public void An_expected_rejection_may_name_a_field_the_claim_has_but_the_policy_does_not_because_the_reader_rejects_it()
    {
        var policy = Bind("""
            example "A typo in a field is rejected"
              claim {"prodcut": "band", "claimDate": "2025-01-01"}
              expect invalid prodcut
            """).Policy!;

        Assert.Equal(new ExpectedRejection("prodcut"), Assert.Single(policy.Examples).Expectation);
    }

    [Fact]
    public void An_expected_rejection_may_name_the_claim_as_a_whole_as_the_claim_reader_does()
    {
        var policy = Bind("""
            example "Half a character"
              claim {"product": "\ud800"}
              expect invalid "(claim)"
            """).Policy!;

        Assert.Equal(new ExpectedRejection("(claim)"), Assert.Single(policy.Examples).Expectation);
    }

    [Fact]
    public void Two_examples_with_one_name_are_an_error_on_the_second()
    {
        var diagnostic = SingleError("""
            example "Same"
              claim {}
              expect invalid product
            example "Same"
              claim {}
              expect invalid product
            """);

        Assert.Equal("XP0120", diagnostic.Id);
        Assert.Equal($"Another example is already named \"Same\" (line {PolicyLines + 1}); names tell examples apart in test results", diagnostic.Message);
        Assert.Equal((PolicyLines + 4, 9), (diagnostic.Span.Line, diagnostic.Span.Column));
    }

    [Fact]
    public void An_example_without_a_name_is_an_error()
    {
        var diagnostic = SingleError("""
            example " "
              claim {}
              expect invalid product
            """);

        Assert.Equal(("XP0120", "An example needs a name that says what it shows"), (diagnostic.Id, diagnostic.Message));
    }

    [Fact]
    public void Examples_in_an_examples_file_bind_with_the_policy_files_and_report_errors_in_their_own_file()
    {
        var (text, document) = QuotedSentences.Attach("/p/test.policy", Policy);
        var policy = PolicyParser.Parse("/p/test.policy", text);
        var examples = PolicyParser.ParseExamples("/p/test.examples", """
            example "Fine"
              claim {}
              expect free remedies replacement cites A
            example "Wrong"
              claim {}
              expect free remedies replacement cites Z
            """);

        var result = PolicyBinder.Bind(new[] { policy, examples }, QuotedSentences.Documents(document));

        Assert.Equal("/p/test.examples(6,42): error XP0101: Unknown clause 'Z'; the clauses are A, B", Assert.Single(result.Diagnostics).ToString());
        Assert.Null(result.Policy);
    }

    [Fact]
    public void A_clause_that_failed_to_parse_is_not_also_reported_as_unknown_where_an_example_cites_it()
    {
        var result = Bind("""
            clause C
              quote "c"
              when product is
              then paid
            example "Cites the broken clause"
              claim {}
              expect paid remedies repair cites C
            """);

        Assert.Equal("XP0001", Assert.Single(result.Diagnostics).Id);
    }
}
