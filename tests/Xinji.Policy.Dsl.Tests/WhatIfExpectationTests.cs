using System.Linq;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Diagnostics;
using Xinji.Policy.Dsl.Syntax;
using Xinji.Policy.Dsl.Text;
using Xinji.Policy.Testing;

namespace Xinji.Policy.Dsl.Tests;

/// <summary>An example's <c>what-ifs</c>: how they are read, checked against the policy, and laid out.</summary>
public sealed class WhatIfExpectationTests
{
    private const string Policy = """
        policy Test implements "Test document"
        enum Seal = intact | broken "Seal."
        fact claimDate: date "c" provable
        fact invoiceDate: optional date "i" provable
        fact visits: int = 0 "v" provable
        fact hasCard: bool = true "h" provable
        fact seal: Seal = intact "s" provable
        fact rooted: bool = false "r"
        remedy repair "r"
        warranty from invoiceDate through invoiceDate + 12 months - 1 day active when claimDate < invoiceDate + 12 months
        section "S"
        clause A
          quote "a"
          when claimDate < invoiceDate + 12 months and hasCard and seal is intact and visits < 3
          then free
        clause B
          quote "b"
          exception to A
          when rooted
          then paid
               remedy repair
        recital R
          quote "r"
          because "It decides nothing."

        """;

    private static readonly int PolicyLines = Policy.Count(c => c == '\n');

    private static ExampleDeclaration SingleExample(string text)
    {
        var file = PolicyParser.Parse("test.policy", text);
        Assert.Empty(file.Diagnostics.Select(d => d.ToString()));
        return Assert.IsType<ExampleDeclaration>(Assert.Single(file.Declarations));
    }

    private static WhatIfsExpectationSyntax WhatIfsOf(string text) =>
        Assert.IsType<DecisionExpectationSyntax>(SingleExample(text).Expectation).WhatIfs!;

    private static BindingResult Bind(string examples) => QuotedSentences.Bind("/p/test.policy", Policy + examples);

    private static string Format(string text)
    {
        var result = PolicyFormatter.Format("/p/test.examples", text);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result.Text;
    }

    // ---- reading -------------------------------------------------------------------------------

    [Fact]
    public void A_what_if_is_read_with_its_coverage_each_fact_changed_and_the_clauses_that_newly_decide_and_no_longer_do()
    {
        var whatIfs = WhatIfsOf("""
            example "Late and without a card"
              claim {"claimDate": "2026-03-10", "invoiceDate": "2024-01-15", "hasCard": false}
              expect paid
                remedies none
                cites none
                what-ifs
                  free if claimDate from 2024-01-15 through 2025-01-14 and hasCard is true (A; no longer B, C)
                  free if invoiceDate is not known and seal is intact (no longer B)
                  free if visits from -3 through 2
            """);

        Assert.Equal(3, whatIfs.Items.Count);
        var first = whatIfs.Items[0];
        Assert.Equal("free", first.Coverage.Text);
        Assert.Equal(new[] { "claimDate", "hasCard" }, first.Changes.Select(c => c.Fact.Text));
        var run = first.Changes[0];
        Assert.Null(run.Value);
        Assert.Equal((2024, 1, 15), (run.From!.Date!.Year, run.From.Date.Month, run.From.Date.Day));
        Assert.Equal((2025, 1, 14), (run.Through!.Date!.Year, run.Through.Date.Month, run.Through.Date.Day));
        Assert.Equal("true", first.Changes[1].Value!.Text);
        Assert.Equal(new[] { "A" }, first.DecidedBy.Select(c => c.Text));
        Assert.Equal(new[] { "B", "C" }, first.NoLongerDecidedBy.Select(c => c.Text));
        Assert.Equal((7, 7, 7, 99), (first.Span.Line, first.Span.Column, first.Span.EndLine, first.Span.EndColumn));

        var second = whatIfs.Items[1];
        Assert.True(second.Changes[0] is { Value: null, From: null, Through: null });
        Assert.Equal("intact", second.Changes[1].Value!.Text);
        Assert.Empty(second.DecidedBy);
        Assert.Equal(new[] { "B" }, second.NoLongerDecidedBy.Select(c => c.Text));

        var numbers = whatIfs.Items[2].Changes.Single();
        Assert.Equal(("-3", "2"), (numbers.From!.Number, numbers.Through!.Number));
        Assert.Empty(whatIfs.Items[2].DecidedBy);
        Assert.Empty(whatIfs.Items[2].NoLongerDecidedBy);
        Assert.Equal((6, 5), (whatIfs.Span.Line, whatIfs.Span.Column));
    }

    [Fact]
    public void What_ifs_none_is_an_empty_list_and_leaving_the_part_out_is_no_list()
    {
        Assert.Empty(WhatIfsOf("""
            example "Nothing to change"
              claim {}
              expect paid remedies none cites none warranty not established what-ifs none
            """).Items);

        var unstated = Assert.IsType<DecisionExpectationSyntax>(SingleExample("""
            example "Unstated"
              claim {}
              expect paid remedies none cites none
            """).Expectation);
        Assert.Null(unstated.WhatIfs);
    }

    [Theory]
    [InlineData("what-ifs", 6, 13, "Expected a what-if ('free if' or 'paid if' and the facts changed) or 'none'; found end of declaration")]
    [InlineData("what-ifs\n      free hasCard is true", 7, 12, "Expected 'if'; found 'hasCard'")]
    [InlineData("what-ifs\n      free if hasCard true", 7, 23, "Expected 'is' and the fact's new value, 'is not known', or 'from' and a run of values; found 'true'")]
    [InlineData("what-ifs\n      free if claimDate from 2025-01-01 to 2025-02-01", 7, 41, "Expected 'through'; found 'to'")]
    [InlineData("what-ifs\n      free if claimDate from soon through 2025-02-01", 7, 30, "Expected the run's first value, a date as YYYY-MM-DD or a whole number; found 'soon'")]
    [InlineData("what-ifs\n      free if hasCard is true (A", 7, 33, "Expected ')'; found end of declaration")]
    [InlineData("what-ifs\n      free if hasCard is true (A; B)", 7, 35, "Expected 'no'; found 'B'")]
    [InlineData("what-ifs\n      free if hasCard is true\n      because it is late", 8, 7, "Expected 'and' or 'free' or 'paid' or the end of the example; found 'because'")]
    [InlineData("what-ifs none\n    warranty not established", 7, 5, "Expected the end of the example; found 'warranty'")]
    [InlineData("what-ifs none\n    what-ifs none", 7, 5, "Expected the end of the example; found 'what'")]
    [InlineData("whatifs none", 6, 5, "Expected 'notes' or 'requirements' or 'warranty' or 'what-ifs' or the end of the example; found 'whatifs'")]
    public void A_syntax_error_in_the_what_ifs_is_reported_where_it_is(string whatIfs, int line, int column, string message)
    {
        var file = PolicyParser.Parse("test.policy", "example \"Broken\"\n  claim {}\n  expect paid\n    remedies none\n    cites none\n    " + whatIfs + "\n");

        var diagnostic = Assert.Single(file.Diagnostics);
        Assert.Equal("XP0001", diagnostic.Id);
        Assert.Equal(message, diagnostic.Message);
        Assert.Equal((line, column), (diagnostic.Span.Line, diagnostic.Span.Column));
    }

    // ---- binding -------------------------------------------------------------------------------

    [Fact]
    public void What_ifs_bind_to_their_facts_and_values_written_as_a_claim_writes_them()
    {
        var result = Bind("""
            example "Late"
              claim {"claimDate": "2026-03-10", "invoiceDate": "2024-01-15", "hasCard": false}
              expect paid
                remedies none
                cites none
                what-ifs
                  free if hasCard is true and claimDate from 2024-01-15 through 2025-01-14 (A)
                  free if invoiceDate is not known and visits from -0003 through 2 (no longer B)
            example "Nothing to change"
              claim {"claimDate": "2026-03-10"}
              expect paid remedies none cites none what-ifs none
            """);

        Assert.Empty(result.Diagnostics);
        var late = Assert.IsType<ExpectedDecision>(result.Policy!.Examples[0].Expectation);
        Assert.Equal(
            new[]
            {
                new ExpectedWhatIf(
                    CoverageDecision.Free,
                    new[] { new ExpectedFactChange("hasCard", "true", null, null), new ExpectedFactChange("claimDate", null, "2024-01-15", "2025-01-14") }.ToEquatableArray(),
                    new[] { "A" }.ToEquatableArray(),
                    EquatableArray<string>.Empty),
                new ExpectedWhatIf(
                    CoverageDecision.Free,
                    new[] { new ExpectedFactChange("invoiceDate", null, null, null), new ExpectedFactChange("visits", null, "-3", "2") }.ToEquatableArray(),
                    EquatableArray<string>.Empty,
                    new[] { "B" }.ToEquatableArray()),
            },
            late.WhatIfs!.Value);
        Assert.Empty(Assert.IsType<ExpectedDecision>(result.Policy.Examples[1].Expectation).WhatIfs!.Value);
    }

    [Theory]
    [InlineData("free if purchaseDate from 2024-01-01 through 2024-12-31 (A)", "XP0101", 15, "'purchaseDate' is not a fact of the claim; the provable facts are claimDate, invoiceDate, visits, hasCard, seal")]
    [InlineData("free if rooted is false (A)", "XP0150", 15, "'rooted' is not marked provable, so no what-if changes it; the provable facts are claimDate, invoiceDate, visits, hasCard, seal")]
    [InlineData("free if hasCard is yes (A)", "XP0102", 26, "'hasCard' is a bool: its new value is true or false, not 'yes'")]
    [InlineData("free if seal is cracked (A)", "XP0101", 23, "'cracked' is not a member of Seal, the type of 'seal'; its members are intact, broken")]
    [InlineData("free if claimDate is true (A)", "XP0102", 28, "'claimDate' is a date: a what-if gives the run of values that decide alike, such as 'claimDate from 2024-06-01 through 2025-05-31'")]
    [InlineData("free if claimDate is not known (A)", "XP0102", 15, "'claimDate' is not optional: a claim always holds it, so no what-if makes it not known")]
    [InlineData("free if seal from 1 through 2 (A)", "XP0102", 25, "'seal' is a Seal, so a what-if gives its new value, such as 'seal is intact', not a run of values")]
    [InlineData("free if claimDate from 1 through 2 (A)", "XP0102", 30, "'claimDate' is a date, so its run starts and ends at dates written YYYY-MM-DD")]
    [InlineData("free if visits from 2024-01-01 through 3 (A)", "XP0102", 27, "'visits' is an int, so its run starts and ends at whole numbers")]
    [InlineData("free if claimDate from 2025-02-30 through 2025-03-31 (A)", "XP0112", 30, "2025-02-30 is not a date in the calendar")]
    [InlineData("free if claimDate from 1899-12-31 through 2025-03-31 (A)", "XP0112", 30, "A claim's dates are 1900-01-01 to 2199-12-31")]
    [InlineData("free if visits from 0 through 1000000001 (A)", "XP0112", 37, "A claim's numbers are -1000000000 to 1000000000")]
    [InlineData("free if claimDate from 2025-03-31 through 2025-03-01 (A)", "XP0120", 49, "The run ends before it starts: 2025-03-01 comes before 2025-03-31")]
    [InlineData("paid if hasCard is false (B)", "XP0120", 7, "A what-if is a change that gives the other coverage: this example expects paid, so its what-ifs say 'free if'")]
    [InlineData("free if hasCard is true and hasCard is false (A)", "XP0120", 35, "'hasCard' is changed twice in one what-if")]
    [InlineData("free if hasCard is true and seal is intact and visits from 0 through 2 (A)", "XP0120", 54, "A what-if changes one fact, or two when no change of one fact gives the other coverage; never more")]
    [InlineData("free if hasCard is true (C)", "XP0101", 32, "Unknown clause 'C'; the clauses are A, B")]
    [InlineData("free if hasCard is true (A; no longer R)", "XP0120", 45, "'R' is a recital: it decides nothing, so no decision cites it")]
    public void A_what_if_the_policy_cannot_give_is_a_binding_error_at_what_is_wrong(string whatIf, string id, int column, string message)
    {
        var result = Bind($$"""
            example "Bad"
              claim {"claimDate": "2026-03-10", "invoiceDate": "2024-01-15"}
              expect paid remedies none cites none
                what-ifs
                  {{whatIf}}
            """);

        Assert.Null(result.Policy);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal((id, message), (diagnostic.Id, diagnostic.Message));
        Assert.Equal((PolicyLines + 5, column), (diagnostic.Span.Line, diagnostic.Span.Column));
    }

    [Fact]
    public void A_what_if_listed_twice_is_an_error_at_the_second()
    {
        var result = Bind("""
            example "Twice"
              claim {"claimDate": "2026-03-10", "invoiceDate": "2024-01-15"}
              expect paid remedies none cites none
                what-ifs
                  free if claimDate from 2024-01-15 through 2025-01-14 (A)
                  free if claimDate   from 2024-01-15 through 2025-01-14 (A)
            """);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticIds.InvalidExample, "This what-if is listed twice"), (diagnostic.Id, diagnostic.Message));
        Assert.Equal((PolicyLines + 6, 7), (diagnostic.Span.Line, diagnostic.Span.Column));
    }

    [Fact]
    public void Without_a_provable_fact_the_error_says_the_policy_marks_none()
    {
        var result = QuotedSentences.Bind("/p/test.policy", Policy.Replace(" provable", string.Empty, System.StringComparison.Ordinal) + """
            example "Bad"
              claim {"claimDate": "2026-03-10"}
              expect paid remedies none cites none what-ifs free if hasCard is true (A)
            """);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticIds.WhatIfNotProvable, diagnostic.Id);
        Assert.Equal("'hasCard' is not marked provable, so no what-if changes it; the policy marks no fact provable", diagnostic.Message);
    }

    // ---- layout --------------------------------------------------------------------------------

    [Fact]
    public void The_what_ifs_come_last_a_line_each_under_the_keyword_with_the_clauses_in_brackets()
    {
        var text = """
            example "Late"
              claim {"claimDate": "2026-03-10"}
              expect paid remedies none cites none what-ifs free   if claimDate from 2024-01-15 through 2025-01-14 and hasCard is true (  A ;no longer B,C ) free if invoiceDate is not known
                  # the claim's other runs
                      free if visits from -3 through 2 ( no longer B )
            example "Nothing"
              claim {}
              expect paid remedies none cites none what-ifs   none
            """;

        Assert.Equal("""
            example "Late"
              claim {"claimDate": "2026-03-10"}
              expect paid
                remedies none
                cites none
                what-ifs
                  free if claimDate from 2024-01-15 through 2025-01-14 and hasCard is true (A; no longer B, C)
                  free if invoiceDate is not known
                  # the claim's other runs
                  free if visits from -3 through 2 (no longer B)

            example "Nothing"
              claim {}
              expect paid
                remedies none
                cites none
                what-ifs none

            """.Replace("\r\n", "\n"), Format(text));
    }

    [Fact]
    public void A_what_if_too_long_for_the_line_breaks_before_each_and()
    {
        var formatted = Format("""
            example "Two dates"
              claim {"claimDate": "2026-03-10"}
              expect paid remedies none cites none
                what-ifs
                  free if invoiceDate from 2024-03-11 through 2026-03-10 and claimDate from 2024-03-11 through 2026-03-10 (A; no longer B)
            """);

        Assert.EndsWith("""
                what-ifs
                  free if invoiceDate from 2024-03-11 through 2026-03-10
                    and claimDate from 2024-03-11 through 2026-03-10 (A; no longer B)

            """.Replace("\r\n", "\n"), formatted);
        Assert.Equal(formatted, Format(formatted));
    }
}
