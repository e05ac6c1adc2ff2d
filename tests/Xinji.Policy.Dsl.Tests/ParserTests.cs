using System.Linq;
using Xinji.Policy.Dsl.Syntax;
using Xinji.Policy.Dsl.Text;

namespace Xinji.Policy.Dsl.Tests;

public class ParserTests
{
    private static PolicyFile Parse(string text) => PolicyParser.Parse("test.policy", text);

    [Fact]
    public void A_clause_parses_with_its_quote_exception_condition_and_effects()
    {
        var file = Parse("""
            section "Warranty Exclusions"

            clause EX-3
              quote "Warranty sticker is missing/misplaced or altered."
              exception to WP-2, WP-3
              when warrantySticker is not intact and not rooted
              then paid
                   require priorAppointment, presentInvoice
                   note finalAnalysisReserved
            """);

        Assert.Empty(file.Diagnostics);
        var clause = Assert.IsType<ClauseDeclaration>(file.Declarations[1]);
        Assert.Equal("EX-3", clause.Id.Text);
        Assert.Equal(new SourceSpan(38, 4, 3, 8, 3, 12), clause.Id.Span);
        Assert.Equal("Warranty sticker is missing/misplaced or altered.", Assert.Single(clause.Quotes).Value);
        Assert.Equal(new[] { "WP-2", "WP-3" }, clause.ExceptionTo.Select(n => n.Text));
        var and = Assert.IsType<BinaryExpression>(clause.Condition);
        Assert.Equal(BinaryOperator.And, and.Operator);
        var sticker = Assert.IsType<IsExpression>(and.Left);
        Assert.True(sticker.Negated);
        Assert.IsType<NotExpression>(and.Right);
        Assert.Equal(new[] { EffectKind.Paid, EffectKind.Require, EffectKind.Note }, clause.Effects.Select(e => e.Kind));
        Assert.Equal(new[] { "priorAppointment", "presentInvoice" }, clause.Effects[1].Items.Select(i => i.Text));
    }

    [Fact]
    public void Expressions_bind_tighter_from_or_to_and_to_not_to_comparison_to_addition()
    {
        var file = Parse("define x = not a < b + 12 months - 1 day or c and d is known \"d\"");

        Assert.Empty(file.Diagnostics);
        var define = Assert.IsType<DefineDeclaration>(Assert.Single(file.Declarations));
        var or = Assert.IsType<BinaryExpression>(define.Value);
        Assert.Equal(BinaryOperator.Or, or.Operator);
        var not = Assert.IsType<NotExpression>(or.Left);
        var less = Assert.IsType<BinaryExpression>(not.Operand);
        Assert.Equal(BinaryOperator.Less, less.Operator);
        var minusDay = Assert.IsType<ShiftExpression>(less.Right);
        Assert.Equal((-1, DurationUnit.Days), (minusDay.Amount, minusDay.Unit));
        var plusMonths = Assert.IsType<ShiftExpression>(minusDay.Date);
        Assert.Equal((12, DurationUnit.Months), (plusMonths.Amount, plusMonths.Unit));
        var and = Assert.IsType<BinaryExpression>(or.Right);
        Assert.Equal(BinaryOperator.And, and.Operator);
        var known = Assert.IsType<PresenceExpression>(and.Right);
        Assert.True(known.Present);
    }

    [Fact]
    public void Membership_dates_calls_and_conditionals_parse()
    {
        var file = Parse("""
            define a = if cause not in {fall, water} then earliest(d1, 2024-02-29) else latest(d1, d2, d3) "desc"
              quote "one"
              quote "two"
            """);

        Assert.Empty(file.Diagnostics);
        var define = Assert.IsType<DefineDeclaration>(Assert.Single(file.Declarations));
        Assert.Equal(2, define.Quotes.Count);
        var conditional = Assert.IsType<IfExpression>(define.Value);
        var membership = Assert.IsType<InExpression>(conditional.Condition);
        Assert.True(membership.Negated);
        Assert.Equal(new[] { "fall", "water" }, membership.Members.Select(m => m.Text));
        var earliest = Assert.IsType<CallExpression>(conditional.Then);
        var date = Assert.IsType<DateLiteral>(earliest.Arguments[1]);
        Assert.Equal((2024, 2, 29), (date.Year, date.Month, date.Day));
        Assert.Equal(3, Assert.IsType<CallExpression>(conditional.Else).Arguments.Count);
    }

    [Fact]
    public void Facts_enums_outcomes_and_the_header_parse_with_comments_anywhere()
    {
        var file = Parse("""
            # A comment before everything.
            policy Warranty implements "After-sales Service Standard" # trailing comment
              source "doc.txt"
            enum Part = wholeDevice | watchBody
              "Which part failed."
            fact part: Part = wholeDevice "Which part failed."
            fact activationDate: optional date
              # a comment inside a declaration
              "The activation day."
            remedy repair "Repair."
            requirement presentInvoice "Show the invoice."
            note lawsPrevail "Laws prevail."
            warranty from start through finish active when active
            reject claimDate when claimDate < invoiceDate "Too early."
            recital AS-1
              quote "Intent."
              because "It decides nothing."
            """);

        Assert.Empty(file.Diagnostics);
        Assert.Equal(
            new[] { "PolicyHeaderDeclaration", "EnumDeclaration", "FactDeclaration", "FactDeclaration", "OutcomeDeclaration", "OutcomeDeclaration", "OutcomeDeclaration", "WarrantyDeclaration", "RejectDeclaration", "RecitalDeclaration" },
            file.Declarations.Select(d => d.GetType().Name));
        var fact = Assert.IsType<FactDeclaration>(file.Declarations[3]);
        Assert.True(fact.Type.IsOptional);
        Assert.Equal("date", fact.Type.Name);
        Assert.Null(fact.Default);
    }

    [Theory]
    [InlineData("fact rooted: bool = false", 1, 26, "Expected a one-line description in double quotes; found end of declaration")]
    [InlineData("clause X-1\n  quote \"q\"\n  when a <\n  then paid", 4, 3, "Expected a value; found 'then'")]
    [InlineData("clause X-1\n  quote \"q\"\n  then paid", 3, 3, "Expected 'when' and a condition, or 'always'; found 'then'")]
    [InlineData("clause X-1\n  quote \"unterminated\n  when a\n  then paid", 2, 22, "Expected a closing '\"' on the same line; found end of line")]
    [InlineData("clause X-1\n  when a\n  then paid", 2, 3, "Expected 'quote'; found 'when'")]
    [InlineData("enum E = a | \"d\"", 1, 14, "Expected a name; found '\"'")]
    [InlineData("define x = a and and b \"d\"", 1, 18, "Expected 'not' or a value; found 'and'")]
    [InlineData("clause X-1\n  quote \"q\"\n  when a\n  then paid maybe", 4, 13, "Expected the end of the declaration; found 'maybe'")]
    public void Syntax_errors_say_where_and_what_was_expected(string text, int line, int column, string message)
    {
        var diagnostic = Assert.Single(Parse(text).Diagnostics);

        Assert.Equal("XP0001", diagnostic.Id);
        Assert.Equal((line, column), (diagnostic.Span.Line, diagnostic.Span.Column));
        Assert.Equal(message, diagnostic.Message);
    }

    [Fact]
    public void A_broken_declaration_does_not_hide_the_errors_or_declarations_after_it()
    {
        var file = Parse("""
            fact a: bool = "oops"
            fact b: bool = false "fine"
            clause X-1
              quote "q"
              when b is
              then paid
            fact c: date "fine too"
            enum E = x |
            """);

        Assert.Equal(new[] { 1, 6, 8 }, file.Diagnostics.Select(d => d.Span.Line));
        Assert.Equal(new[] { "b", "c" }, file.Declarations.OfType<FactDeclaration>().Select(f => f.Name.Text));
    }

    [Fact]
    public void A_broken_declaration_keeps_the_name_it_declares_so_uses_are_not_reported_again()
    {
        var file = Parse("fact visits: int = \"oops\"\nclause C-1\n  quote \"q\"\n  when and\n  then paid");

        Assert.Equal(
            new[] { ("fact", "visits"), ("clause", "C-1") },
            file.Declarations.OfType<BrokenDeclaration>().Select(b => (b.Keyword, b.Name!.Text)));
    }

    [Fact]
    public void Text_before_the_first_declaration_is_reported()
    {
        var diagnostic = Assert.Single(Parse("  stray words\nfact a: bool \"d\"").Diagnostics);

        Assert.Equal((1, 3), (diagnostic.Span.Line, diagnostic.Span.Column));
        Assert.StartsWith("Expected a declaration starting at the beginning of a line", diagnostic.Message);
    }

    [Fact]
    public void Strings_keep_escaped_quotes_and_backslashes()
    {
        var file = Parse("""note n "a \"quoted\" \\ back */ slash" """);

        var note = Assert.IsType<OutcomeDeclaration>(Assert.Single(file.Declarations));
        Assert.Equal("a \"quoted\" \\ back */ slash", note.Description.Value);
    }

    [Fact]
    public void Parsing_the_same_text_twice_gives_equal_trees_for_the_generator_cache()
    {
        const string text = "fact a: optional date \"d\"\nclause X\n  quote \"q\"\n  when a is known\n  then free";

        Assert.Equal(Parse(text), Parse(text));
        Assert.NotEqual(Parse(text), Parse(text.Replace("free", "paid")));
    }
}
