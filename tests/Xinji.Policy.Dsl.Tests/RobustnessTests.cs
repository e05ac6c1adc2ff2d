using System;
using System.Collections.Generic;
using System.Linq;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Diagnostics;
using Xinji.Policy.Dsl.Syntax;
using Xinji.Policy.Dsl.Text;
using Xinji.Policy.Testing;

namespace Xinji.Policy.Dsl.Tests;

/// <summary>
/// Inputs that once crashed, hung or misled the front end: each now gives an XP diagnostic at the
/// place it is about, on a thread with a small stack.
/// </summary>
public class RobustnessTests
{
    private const string Header = """
        policy Test implements "Test document"
        fact n: int "n"
        fact c: bool "c"
        fact d: date "d"
        warranty from d through d + 12 months active when c
        section "S"
        clause A
          quote "a"
          when c
          then free
        clause B
          quote "b"
          when not c
          then paid

        """;

    private static readonly int HeaderLines = Header.Count(ch => ch == '\n');

    private static string Repeat(string text, int times) => string.Concat(Enumerable.Repeat(text, times));

    private static IReadOnlyList<PolicyDiagnostic> Check(string declarations) => FrontEnd.OnSmallStack(() => FrontEnd.Check(Header + declarations));

    public static TheoryData<string, string> TooDeep() => new()
    {
        { "1,000 nested parentheses", "define big = " + Repeat("(", 1000) + "n" + Repeat(")", 1000) + " < 3 \"x\"" },
        { "1,000 unclosed parentheses", "define big = " + Repeat("(", 1000) + "n \"x\"" },
        { "100,000 nested parentheses", "define big = " + Repeat("(", 100_000) + "n" + Repeat(")", 100_000) + " < 3 \"x\"" },
        { "an 'and' chain of 3,000 terms", "define big = c" + Repeat(" and c", 2999) + " \"x\"" },
        { "an 'or' chain of 3,000 terms", "define big = c" + Repeat(" or c", 2999) + " \"x\"" },
        { "3,000 'not's", "define big = " + Repeat("not ", 3000) + "c \"x\"" },
        { "'if' nested 3,000 deep", "define big = " + Repeat("if c then 1 else ", 3000) + "2 \"x\"" },
        { "a sum of 10,000 terms", "define big = n" + Repeat(" + n", 9999) + " < 3 \"x\"" },
        { "a day-step chain of 10,000 terms", "define big = d" + Repeat(" + 1 day", 9999) + " \"x\"" },
        { "a month-step chain of 10,000 terms", "define big = d" + Repeat(" - 1 month", 9999) + " \"x\"" },
        { "a call nested 1,000 deep", "define big = " + Repeat("earliest(d, ", 1000) + "d" + Repeat(")", 1000) + " \"x\"" },
        { "a claim nested 1,000 deep", "example \"x\"\n  claim {\"a\": " + Repeat("[", 1000) + Repeat("]", 1000) + "}\n  expect paid remedies none cites B" },
        { "a claim opened 1,000 deep", "example \"x\"\n  claim {\"a\": " + Repeat("[{\"b\": ", 500) + "\n  expect paid remedies none cites B" },
    };

    [Theory]
    [MemberData(nameof(TooDeep))]
    public void A_declaration_nested_past_the_limit_is_refused_before_it_is_parsed(string shape, string declaration)
    {
        var diagnostics = Check(declaration + "\n");

        var error = Assert.Single(diagnostics);
        Assert.True(error.Id == DiagnosticIds.NestedTooDeeply, shape + ": " + error);
        Assert.Equal(HeaderLines + (declaration.StartsWith("example", StringComparison.Ordinal) ? 2 : 1), error.Span.Line);
    }

    [Theory]
    [InlineData("define big = ", 1, 13 + NestingLimit.MaxDepth + 1)]
    [InlineData("define big =\n", 2, NestingLimit.MaxDepth + 1)]
    public void The_limit_is_reported_at_the_token_that_passes_it(string start, int line, int column)
    {
        var error = Assert.Single(Check(start + Repeat("(", 200) + "n" + Repeat(")", 200) + " < 3 \"x\"\n"));

        Assert.Equal(("XP0002", HeaderLines + line, column, 1), (error.Id, error.Span.Line, error.Span.Column, error.Span.Length));
        Assert.Equal(
            "This expression nests more than 128 levels deep here: each bracket, 'not' and 'if', and each operator of a chain, counts one; give parts of it names with 'define'",
            error.Message);
    }

    public static TheoryData<string, string> AtTheLimit() => new()
    {
        { "parentheses", "define big = " + Repeat("(", NestingLimit.MaxDepth - 1) + "n" + Repeat(")", NestingLimit.MaxDepth - 1) + " < 3 \"x\"" },
        { "'not's", "define big = " + Repeat("not ", NestingLimit.MaxDepth) + "c \"x\"" },
        { "'if's", "define big = " + Repeat("if c then 1 else ", NestingLimit.MaxDepth) + "2 \"x\"" },
        { "an 'and' chain", "define big = c" + Repeat(" and c", NestingLimit.MaxDepth) + " \"x\"" },
        { "a sum", "define big = n" + Repeat(" + n", NestingLimit.MaxDepth - 1) + " < 3 \"x\"" },
        { "a month-step chain", "define big = d" + Repeat(" + 1 month", NestingLimit.MaxDepth) + " \"x\"" },
        { "calls", "define big = " + Repeat("earliest(d, ", NestingLimit.MaxDepth) + "d" + Repeat(")", NestingLimit.MaxDepth) + " \"x\"" },
        { "'not's and parentheses", "define big = " + Repeat("not (", NestingLimit.MaxDepth / 2) + "c" + Repeat(")", NestingLimit.MaxDepth / 2) + " \"x\"" },
        { "a claim", "example \"x\"\n  claim {\"a\": " + Repeat("[", NestingLimit.MaxDepth - 1) + Repeat("]", NestingLimit.MaxDepth - 1) + "}\n  expect paid remedies none cites B" },
    };

    [Theory]
    [MemberData(nameof(AtTheLimit))]
    public void A_declaration_at_the_limit_is_parsed_bound_and_analysed_on_a_small_stack(string shape, string declaration)
    {
        var diagnostics = Check(declaration + "\n");

        Assert.True(diagnostics.Count == 0, shape + ": " + string.Join("\n", diagnostics));
    }

    [Fact]
    public void A_chain_of_definitions_nested_past_the_limit_is_refused_at_the_name_that_passes_it()
    {
        // Each definition is shallow, but the binder and the interpreter read a definition where it is used.
        var definitions = new List<string> { "define d0 = n \"x\"" };
        for (var i = 1; i <= 400; i++)
        {
            definitions.Add($"define d{i} = d{i - 1} + 1 \"x\"");
        }

        var error = Assert.Single(Check(string.Join("\n", definitions) + "\n"));

        // d129 would be 129 operators deep with d128 ... d0 written out in place.
        Assert.Equal((DiagnosticIds.NestedTooDeeply, HeaderLines + 1 + 129), (error.Id, error.Span.Line));
        Assert.StartsWith("With the definitions it uses written out in place, this nests more than 128 levels deep here", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_definition_used_deep_inside_another_counts_its_own_depth_there()
    {
        var inner = "define inner = " + Repeat("not ", 100) + "c \"x\"\n";
        var outer = "define outer = " + Repeat("not ", 100) + "inner \"x\"\n";

        var error = Assert.Single(Check(inner + outer));

        Assert.Equal((DiagnosticIds.NestedTooDeeply, HeaderLines + 2, 15 + 400 + 1), (error.Id, error.Span.Line, error.Span.Column));
    }

    [Theory]
    [InlineData(60)]
    [InlineData(NestingLimit.MaxDepth / 2 - 1)]
    public void An_unclosed_comparison_nest_fails_in_linear_time(int depth)
    {
        // Trying a failed optional part twice made each level double the work: 2^60 steps here.
        var error = Assert.Single(Check("define big = " + Repeat("n < (", depth) + "n \"x\"\n"));

        Assert.Equal(DiagnosticIds.SyntaxError, error.Id);
    }

    [Fact]
    public void A_claim_counts_only_its_brackets()
    {
        var numbers = string.Join(", ", Enumerable.Repeat("-1", 300));
        var diagnostics = Check("example \"x\"\n  claim {\"a\": [" + numbers + "]}\n  expect paid remedies none cites B\n");

        Assert.Empty(diagnostics);
        var error = Assert.Single(Check("example \"x\"\n  claim {\"a\": " + Repeat("[", 200) + Repeat("]", 200) + "}\n  expect paid remedies none cites B\n"));
        Assert.Equal("This claim nests more than 128 levels deep here: each bracket counts one", error.Message);
        Assert.Equal((HeaderLines + 2, 14 + NestingLimit.MaxDepth), (error.Span.Line, error.Span.Column));
    }

    [Fact]
    public void An_unclosed_claim_nest_fails_in_linear_time()
    {
        var error = Assert.Single(Check("example \"x\"\n  claim {\"a\": " + Repeat("[", 100) + "\n  expect paid remedies none cites B\n"));

        Assert.Equal(DiagnosticIds.SyntaxError, error.Id);
    }

    [Theory]
    [InlineData("fact m: int = \u1A84 \"x\"", "Expected an expression; found '\u1A84'")]
    [InlineData("fact m: int = 1\u1A84 \"x\"", "Expected a one-line description in double quotes; found '\u1A84'")]
    [InlineData("define e = d < 2024-0\u1A84-01 \"x\"", "Expected a one-line description in double quotes; found '\u1A84'")]
    [InlineData("define e = d < 2024-01-01 + \u0661\u0662 months \"x\"", "Expected a number or a value; found '\u0661'")]
    public void A_digit_of_another_script_is_a_syntax_error(string declaration, string message)
    {
        var error = Assert.Single(Check(declaration + "\n"));

        Assert.Equal((DiagnosticIds.SyntaxError, message), (error.Id, error.Message));
    }

    [Theory]
    [InlineData("define e = n \0 < 3 \"x\"", true)]
    [InlineData("define e\0 = n < 3 \"x\"", true)]
    [InlineData("define e = n < 3 \"x\0y\"", false)]
    [InlineData("\0", true)]
    [InlineData("define e = n < 3 \u0007 \"x\"", true)]
    [InlineData("define e = n < 3 \"x\" \u001b", true)]
    [InlineData("fact \uD800: int \"x\"", true)]
    [InlineData("example \"x\"\n  claim {\"a\": \"\0\"}\n  expect paid remedies none cites B", true)]
    public void A_control_character_anywhere_is_an_error_not_an_exception(string declaration, bool isError)
    {
        var diagnostics = Check(declaration + "\n");

        // A NUL inside a description is text like any other; elsewhere it is a syntax error, shown by its code.
        Assert.Equal(isError, diagnostics.Any(d => d.Id == DiagnosticIds.SyntaxError));
        Assert.All(diagnostics, d => Assert.DoesNotContain("\0", d.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_NUL_in_a_source_document_name_is_an_invalid_value_at_the_name()
    {
        var text = Header.Replace("policy Test implements \"Test document\"", "policy Test implements \"Test document\" source \"doc\0.txt\"", StringComparison.Ordinal);
        var diagnostics = FrontEnd.OnSmallStack(() => FrontEnd.Check(text));

        var error = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticIds.InvalidValue, 1, 47, 10), (error.Id, error.Span.Line, error.Span.Column, error.Span.Length));
        Assert.Equal("A document's file name cannot hold a control character, but this holds U+0000", error.Message);
        Assert.Equal(string.Empty, PolicyBinder.DocumentPath("/p/test.policy", "doc\0.txt"));
    }

    [Theory]
    [InlineData("when d < 9999-12-01 + 1 month", "after 9999-12-31")]
    [InlineData("when d < 9999-12-31 + 1 day", "after 9999-12-31")]
    [InlineData("when d < 0001-01-01 - 1 day", "before 0001-01-01")]
    [InlineData("when d < 9950-01-01 + 100 years", "after 9999-12-31")]
    [InlineData("when d < latest(d, 9999-06-01) + 12 months", "after 9999-12-31")]
    [InlineData("when d < (if c then d else 9999-06-01) + 12 months", "after 9999-12-31")]
    public void A_date_that_can_leave_the_calendar_is_refused_when_the_policy_is_bound(string condition, string where)
    {
        var error = Assert.Single(Check($"clause X\n  quote \"x\"\n  {condition}\n  then paid\n"));

        Assert.Equal(DiagnosticIds.InvalidValue, error.Id);
        Assert.Equal($"This date can fall {where}, outside the calendar; move it by less", error.Message);
        Assert.Equal((HeaderLines + 3, 12), (error.Span.Line, error.Span.Column));
    }

    [Fact]
    public void A_long_chain_of_steps_from_a_claim_date_is_refused_once_it_can_leave_the_calendar()
    {
        var definitions = new List<string> { "define s0 = d \"x\"" };
        for (var i = 1; i <= 100; i++)
        {
            definitions.Add($"define s{i} = s{i - 1} + 1200 months \"x\"");
        }

        var error = Assert.Single(Check(string.Join("\n", definitions) + "\n"));

        // 2199 plus 79 centuries passes 9999.
        Assert.Equal((DiagnosticIds.InvalidValue, HeaderLines + 1 + 79), (error.Id, error.Span.Line));
    }

    [Fact]
    public void A_date_at_the_end_of_the_calendar_cannot_be_moved_past_it()
    {
        // A fact's default must lie in the claim range, so the last day of the calendar comes as a literal.
        var error = Assert.Single(Check("define after = 9999-12-31 + 1 day \"x\"\n"));

        Assert.Equal((DiagnosticIds.InvalidValue, HeaderLines + 1, 16), (error.Id, error.Span.Line, error.Span.Column));
    }

    [Fact]
    public void An_enum_of_many_members_binds_in_linear_time()
    {
        // Built as syntax, so only the binder is measured: comparing each member with every
        // earlier one takes 2 * 10^10 steps here, far past the hang guard.
        var (text, document) = QuotedSentences.Attach("/p/test.policy", Header);
        var file = PolicyParser.Parse("/p/test.policy", text);
        var span = new SourceSpan(0, 1, 1, 1, 1, 2);
        var members = Enumerable.Range(0, 200_000).Select(i => new Name("m" + i, span)).Append(new Name("m7", span));
        var big = new EnumDeclaration(new Name("Big", span), members.ToEquatableArray(), new StringLiteral("x", span), span);
        file = file with { Declarations = file.Declarations.Append(big).ToEquatableArray() };

        var error = Assert.Single(FrontEnd.OnSmallStack(() => PolicyBinder.Bind(new[] { file }, QuotedSentences.Documents(document)).Diagnostics));

        Assert.Equal("'m7' is already declared at line 1", error.Message);
    }

    [Theory]
    [InlineData("1 year", 12)]
    [InlineData("2 years", 24)]
    [InlineData("1 month", 1)]
    [InlineData("3 months", 3)]
    public void Years_are_twelve_months(string duration, int months)
    {
        var result = QuotedSentences.Bind("/p/test.policy", Header + $"define end = d + {duration} - 1 day \"x\"\n");

        Assert.Empty(result.Diagnostics);
        var end = Assert.Single(result.Policy!.Definitions);
        var days = Assert.IsType<DateShift>(end.Value);
        var shift = Assert.IsType<DateShift>(days.Date);
        Assert.Equal((months, DurationUnit.Months), (shift.Amount, shift.Unit));
    }

    [Theory]
    [InlineData("d + (if c then 24 else 12) months", 16, "(if c then 24 else 12)", "months")]
    [InlineData("d - n days", 16, "n", "days")]
    [InlineData("d + (2) years", 16, "(2)", "years")]
    public void A_computed_number_of_months_is_reported_at_the_count(string expression, int column, string count, string unit)
    {
        var error = Assert.Single(Check($"define e = {expression} < d \"x\"\n"));

        Assert.Equal((DiagnosticIds.SyntaxError, HeaderLines + 1, column, count.Length), (error.Id, error.Span.Line, error.Span.Column, error.Span.Length));
        Assert.Equal($"A number of {unit} must be a whole number written out, as in '12 {unit}'; it cannot be computed", error.Message);
    }

    [Fact]
    public void A_repeated_id_is_reported_on_the_later_declaration_naming_the_earlier_by_kind()
    {
        var diagnostics = Check("""
            recital R
              quote "r"
              because "r"
            clause R
              quote "c"
              when c
              then paid
            recital B
              quote "b"
              because "b"
            recital R
              quote "again"
              because "again"

            """);

        Assert.Equal(
            new[]
            {
                ("XP0104", HeaderLines + 4, 8, $"'R' is already the id of the recital at line {HeaderLines + 1}"),
                ("XP0104", HeaderLines + 8, 9, $"'B' is already the id of the clause at line 11"),
                ("XP0104", HeaderLines + 11, 9, $"'R' is already the id of the recital at line {HeaderLines + 1}"),
            },
            diagnostics.Where(d => d.Id == DiagnosticIds.DuplicateClauseId).Select(d => (d.Id, d.Span.Line, d.Span.Column, d.Message)));
    }
}
