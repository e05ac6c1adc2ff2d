using System.Collections.Generic;
using System.Linq;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Diagnostics;
using Xinji.Policy.Dsl.Syntax;
using Xinji.Policy.Testing;

namespace Xinji.Policy.Dsl.Tests;

public class BinderTests
{
    private const string Vocabulary = """
        policy Test implements "Test document"
        enum Product = watch | band "Product."
        enum Sticker = intact | missing "Sticker."
        fact product: Product "p"
        fact sticker: Sticker = intact "s"
        fact claimDate: date "c"
        fact invoiceDate: optional date "i"
        fact rooted: bool = false "r"
        fact age: int "a"
        remedy repair "r"
        note n "n"
        warranty from invoiceDate through invoiceDate + 12 months - 1 day active when claimDate < invoiceDate + 12 months
        section "S"

        """;

    private static BindingResult Bind(string clauses) => QuotedSentences.Bind("/p/test.policy", Vocabulary + clauses);

    private static PolicyDiagnostic SingleError(string clauses)
    {
        var result = Bind(clauses);
        Assert.Null(result.Policy);
        return Assert.Single(result.Diagnostics);
    }

    private static int LineOf(string clauses, int lineInClauses) => Vocabulary.Count(c => c == '\n') + lineInClauses;

    [Fact]
    public void A_valid_policy_binds_with_types_and_evaluation_order()
    {
        var result = Bind("""
            clause A
              quote "a"
              when claimDate < invoiceDate + 30 days and product is watch
              then free
            clause B
              quote "b"
              exception to A
              when sticker in {missing}
              then paid
            clause C
              quote "c"
              when coverage is free
              then remedy repair
            """);

        Assert.Empty(result.Diagnostics);
        var policy = result.Policy!;
        Assert.Equal(new[] { "B", "A", "C" }, policy.EvaluationOrder.Select(i => policy.Clauses[i].Id));
        Assert.True(policy.Clauses[2].ReadsCoverage);
        Assert.Equal(CoverageDecision.Paid, policy.Clauses[1].Decides);
        Assert.Equal(PolicyType.Date.AsOptional(), policy.Warranty.Start.Type);
    }

    [Theory]
    [InlineData("when cause is watch", "XP0101", 3, 8, "Unknown name 'cause' (facts are declared with 'fact', derived values with 'define')")]
    [InlineData("when claimDate < rooted", "XP0102", 3, 8, "Cannot compare a date with a bool")]
    [InlineData("when product is intact", "XP0102", 3, 19, "'intact' is a value of Sticker, not of Product; the values of Product are watch, band")]
    [InlineData("when product is phone", "XP0101", 3, 19, "'phone' is not a value of Product; its values are watch, band")]
    [InlineData("when rooted is known", "XP0102", 3, 8, "This bool is always known, so asking whether it is known always gives the same answer")]
    [InlineData("when invoiceDate", "XP0102", 3, 8, "A clause's condition must be a bool, but this is a optional date")]
    [InlineData("when age + claimDate > 3", "XP0102", 3, 14, "Each side of '+' (add days or months to a date as in 'd + 30 days') must be a int, but this is a date")]
    [InlineData("when claimDate > 2024-02-30", "XP0112", 3, 20, "2024-02-30 is not a date in the calendar")]
    [InlineData("when first(claimDate, invoiceDate) < claimDate", "XP0101", 3, 8, "Unknown function 'first': the functions are earliest and latest")]
    [InlineData("when watch", "XP0101", 3, 8, "Unknown name 'watch' on its own: it is a value of Product, so compare with it, as in 'x is watch'")]
    public void Name_and_type_errors_point_at_the_expression(string condition, string id, int line, int column, string message)
    {
        var diagnostic = SingleError($"""
            clause A
              quote "a"
              {condition}
              then paid
            """);

        Assert.Equal((id, message), (diagnostic.Id, diagnostic.Message));
        Assert.Equal((LineOf("", line), column), (diagnostic.Span.Line, diagnostic.Span.Column));
    }

    [Fact]
    public void Duplicate_ids_unknown_targets_and_cycles_are_reported()
    {
        var result = Bind("""
            clause A
              quote "a"
              exception to B
              always
              then paid
            clause B
              quote "b"
              exception to A, Z
              always
              then paid
            clause A
              quote "a again"
              always
              then paid
            """);

        Assert.Equal(
            new[] { ("XP0104", "'A' is already the id of the clause at line 14"), ("XP0105", "'Z' is not a clause, so this cannot be an exception to it") },
            result.Diagnostics.Select(d => (d.Id, d.Message)).OrderBy(x => x.Id));
        Assert.Equal(LineOf("", 11), result.Diagnostics.Single(d => d.Id == "XP0104").Span.Line);
    }

    [Fact]
    public void An_exception_cycle_names_the_clauses_on_it()
    {
        var diagnostic = SingleError("""
            clause A
              quote "a"
              exception to B
              always
              then paid
            clause B
              quote "b"
              exception to A
              always
              then paid
            """);

        Assert.Equal("XP0106", diagnostic.Id);
        Assert.Equal("Exception links form a cycle: A -> B -> A", diagnostic.Message);
    }

    [Fact]
    public void A_clause_that_reads_coverage_cannot_decide_it()
    {
        var diagnostic = SingleError("""
            clause A
              quote "a"
              when coverage is paid
              then free
            """);

        Assert.Equal("XP0110", diagnostic.Id);
        Assert.Equal((LineOf("", 4), 8), (diagnostic.Span.Line, diagnostic.Span.Column));
    }

    [Fact]
    public void A_clause_that_reads_coverage_cannot_override_a_clause_decided_before_the_coverage()
    {
        var diagnostic = SingleError("""
            clause F
              quote "f"
              when rooted
              then free
            clause P
              quote "p"
              when not rooted
              then paid
            clause N
              quote "n"
              when rooted
              then note n
            clause R
              quote "r"
              exception to N
              when coverage is paid
              then note n
            """);

        Assert.Equal("XP0110", diagnostic.Id);
        Assert.Equal("Clause 'R' reads 'coverage', so it cannot be an exception to 'N', which is decided before the coverage is", diagnostic.Message);
        Assert.Equal((LineOf("", 15), 16), (diagnostic.Span.Line, diagnostic.Span.Column));
    }

    [Theory]
    [InlineData("when claimDate < invoiceDate + 36501 days", "A date can be moved by at most a hundred years (36500 days, 1200 months or 100 years), not 36501 days")]
    [InlineData("when claimDate < invoiceDate - 1201 months", "A date can be moved by at most a hundred years (36500 days, 1200 months or 100 years), not 1201 months")]
    [InlineData("when claimDate < invoiceDate + 101 years", "A date can be moved by at most a hundred years (36500 days, 1200 months or 100 years), not 101 years")]
    [InlineData("when claimDate < invoiceDate + 999999999 years", "A date can be moved by at most a hundred years (36500 days, 1200 months or 100 years), not 999999999 years")]
    public void A_date_moved_by_more_than_a_hundred_years_is_an_invalid_value(string condition, string message)
    {
        var diagnostic = SingleError($"""
            clause A
              quote "a"
              {condition}
              then paid
            """);

        Assert.Equal(("XP0112", message), (diagnostic.Id, diagnostic.Message));
    }

    [Fact]
    public void A_fact_named_like_a_member_of_the_claim_record_is_a_name_collision()
    {
        var result = QuotedSentences.Bind("/p/test.policy", Vocabulary.Replace("fact age: int \"a\"", "fact age: int \"a\"\nfact toJson: bool = false \"t\""));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("XP0113", diagnostic.Id);
        Assert.StartsWith("'ToJson' would name two things in the generated C#", diagnostic.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Definitions_that_depend_on_themselves_are_reported()
    {
        var result = QuotedSentences.Bind("/p/test.policy", Vocabulary + "define x = y \"x\"\ndefine y = x \"y\"\n");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("XP0109", diagnostic.Id);
        Assert.Equal("Definitions form a cycle: x -> y -> x", diagnostic.Message);
    }

    [Fact]
    public void Quotes_are_checked_against_the_source_document_regardless_of_line_breaks()
    {
        var header = "policy Test implements \"Doc\" source \"doc.txt\"\n";
        var text = Vocabulary.Replace("policy Test implements \"Test document\"\n", header) + """
            clause A
              quote "The device has exceeded the standard warranty duration."
              always
              then paid
            clause B
              quote "A sentence the document never had."
              always
              then paid
            """;
        var documents = new Dictionary<string, string> { ["/p/doc.txt"] = "Intro.\nThe device has exceeded the\nstandard warranty duration.\n" };

        var result = PolicyBinder.Bind(new[] { PolicyParser.Parse("/p/test.policy", text) }, documents);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("XP0111", diagnostic.Id);
        Assert.Equal("This quote does not appear word for word in 'doc.txt'", diagnostic.Message);
    }

    [Fact]
    public void Files_of_one_policy_share_names_and_report_in_their_own_file()
    {
        var result = QuotedSentences.Bind(("/p/b.policy", "section \"S\"\nclause A\n  quote \"a\"\n  when rooted and nope\n  then paid\n"), ("/p/a.policy", Vocabulary));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("/p/b.policy", 4, 19), (diagnostic.FilePath, diagnostic.Span.Line, diagnostic.Span.Column));
    }

    [Fact]
    public void A_chain_of_thousands_of_exceptions_is_ordered_on_a_small_stack()
    {
        // Each clause is an exception to the one before: ordering them walks a path as long as
        // the chain, which must not take a stack frame per clause. A quarter of FrontEnd's small
        // stack, so that a chain short enough to bind quickly on a loaded machine would overflow it.
        const int length = 5_000;
        var clauses = new System.Text.StringBuilder();
        for (var i = 0; i < length; i++)
        {
            clauses.Append("clause C").Append(i).Append("\n  quote \"c\"\n");
            if (i > 0)
            {
                clauses.Append("  exception to C").Append(i - 1).Append('\n');
            }

            clauses.Append("  when age >= ").Append(i).Append(i % 2 == 0 ? "\n  then free\n" : "\n  then paid\n");
        }

        BindingResult? result = null;
        System.Exception? error = null;
        var thread = new System.Threading.Thread(
            () =>
            {
                try
                {
                    result = Bind(clauses.ToString());
                }
                catch (System.Exception e)
                {
                    error = e;
                }
            },
            FrontEnd.StackSize / 4);
        thread.Start();
        Assert.True(thread.Join(FrontEnd.HangGuard * 4), "Still binding: a hang");

        Assert.Null(error);
        Assert.Empty(result!.Diagnostics);
        var policy = result.Policy!;
        var expected = Enumerable.Range(0, length).Reverse().Select(i => "C" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected, policy.EvaluationOrder.Select(i => policy.Clauses[i].Id));
    }
}
