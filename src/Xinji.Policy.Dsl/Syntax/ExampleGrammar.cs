using System.Collections.Generic;
using System.Linq;
using Sprache;
using Xinji.Policy.Dsl.Text;
using static Xinji.Policy.Dsl.Syntax.Lexical;

namespace Xinji.Policy.Dsl.Syntax;

/// <summary>
/// <code>
/// example "Water damage with a missing sticker is paid"
///   claim {"product": "smartWatch", "claimDate": "2025-02-01", "invoiceDate": "2024-11-11",
///          "cause": "water", "warrantySticker": "missing"}
///   expect paid
///     remedies repair
///     cites EX-1, EX-3, EX-9, WD-11, EX-15       # or: cites at least EX-3, EX-9
///     requirements none                          # optional, as are notes and warranty
/// </code>
/// or <c>expect invalid claimDate</c>. The parts of <c>expect</c> come in this fixed order, so
/// every example reads the same way and a misplaced part gets a precise error.
/// </summary>
internal static class ExampleGrammar
{
    /// <summary>
    /// The words that start a part of an expectation. A list item may not be one, so that
    /// <c>remedies</c> followed by <c>cites</c> on the next line is a missing list, not a remedy named "cites".
    /// </summary>
    private static readonly HashSet<string> PartKeywords = new() { "remedies", "cites", "requirements", "notes", "warranty" };
    private static readonly string[] ANameExpected = { "a name" };
    private static readonly string[] EndOfExampleExpected = { "the end of the example" };

    private static Parser<Name> NotAPartKeyword(Parser<Name> item) => input =>
    {
        var result = item(input);
        return result.WasSuccessful && PartKeywords.Contains(result.Value.Text)
            ? Result.Failure<Name>(SkipTrivia(input), "unexpected '" + result.Value.Text + "'", ANameExpected)
            : result;
    };

    private static readonly Parser<bool> AtLeast =
        from at in Keyword("at")
        from least in Keyword("least")
        select true;

    /// <summary><c>a, b</c>, <c>at least a, b</c> or <c>none</c>.</summary>
    private static Parser<ExpectedListSyntax> ListOf(Parser<Name> item, string what) =>
        Lexical.Spanned(
                Keyword("none").Return((Items: EquatableArray<Name>.Empty, AtLeast: false))
                    .Or(from atLeast in AtLeast.OptionalCommitted()
                        from items in NotAPartKeyword(item).DelimitedByCommitted(Symbol(","))
                        select (Items: items.ToEquatableArray(), AtLeast: atLeast.IsDefined)))
            .Select(x => new ExpectedListSyntax(x.Value.Items, x.Value.AtLeast, x.Span))
            .Expecting(what);

    private static Parser<ExpectedListSyntax> Part(string keyword, Parser<Name> item, string what) =>
        from k in Keyword(keyword)
        from list in ListOf(item, what)
        select list;

    private static readonly Parser<ExpectedListSyntax> Remedies =
        Part("remedies", Identifier, "the remedies (names separated by commas) or 'none'");

    private static readonly Parser<ExpectedListSyntax> Cites =
        Part("cites", ClauseId, "the cited clauses (ids separated by commas), 'at least' and clause ids, or 'none'");

    private static readonly Parser<ExpectedListSyntax> Requirements =
        Part("requirements", Identifier, "the requirements (names separated by commas) or 'none'");

    private static readonly Parser<ExpectedListSyntax> Notes =
        Part("notes", Identifier, "the notes (names separated by commas) or 'none'");

    private static readonly Parser<WarrantyExpectationSyntax> Warranty = Lexical.Spanned(
            from keyword in Keyword("warranty")
            from period in
                (from not in Keyword("not")
                 from established in Keyword("established")
                 select (Start: (DateLiteral?)null, End: (DateLiteral?)null, Active: false))
                .Or(from fromKeyword in Keyword("from")
                    from start in Date.Expecting("the warranty's first day as YYYY-MM-DD")
                    from through in Keyword("through")
                    from end in Date.Expecting("the warranty's last day as YYYY-MM-DD")
                    from negated in Keyword("not").Optional()
                    from active in Keyword("active")
                    select (Start: (DateLiteral?)start, End: (DateLiteral?)end, Active: !negated.IsDefined))
                .Expecting("'from' and the period, or 'not established'")
            select period)
        .Select(x => new WarrantyExpectationSyntax(x.Value.Start, x.Value.End, x.Value.Active, x.Span));

    /// <summary>
    /// The end of the example, or else an error naming the parts that could still follow, so a
    /// misspelt or misplaced part is reported as such rather than as "expected the end".
    /// </summary>
    private static Parser<int> EndOfExample(IEnumerable<string> couldFollow) => input =>
    {
        // Consumes nothing, so the expectation's span ends at its last word, not at a trailing comment.
        var at = SkipTrivia(input);
        return at.AtEnd
            ? Result.Success(0, input)
            : Result.Failure<int>(at, "unexpected " + Describe(at), couldFollow.Select(k => "'" + k + "'").Concat(EndOfExampleExpected));
    };

    private static readonly Parser<ExpectationSyntax> DecisionExpectation = Lexical.Spanned(
            from coverage in Lexical.Spanned(Keyword("free").Or(Keyword("paid")))
            from remedies in Remedies
            from cites in Cites
            from requirements in Requirements.OptionalCommitted()
            from notes in Notes.OptionalCommitted()
            from warranty in Warranty.OptionalCommitted()
            from end in EndOfExample(
                warranty.IsDefined ? Enumerable.Empty<string>()
                : notes.IsDefined ? new[] { "warranty" }
                : requirements.IsDefined ? new[] { "notes", "warranty" }
                : new[] { "requirements", "notes", "warranty" })
            select (Coverage: new Name(coverage.Value, coverage.Span), remedies, cites,
                    Requirements: requirements.GetOrDefault(), Notes: notes.GetOrDefault(), Warranty: warranty.GetOrDefault()))
        .Select(x => (ExpectationSyntax)new DecisionExpectationSyntax(
            x.Value.Coverage, x.Value.remedies, x.Value.cites, x.Value.Requirements, x.Value.Notes, x.Value.Warranty, x.Span));

    // A field the reader rejects need not be a name of the language ("(claim)", a typo with a
    // dash), so it may also be written in quotes.
    private static readonly Parser<Name> Field =
        Identifier.Or(String.Select(s => new Name(s.Value, s.Span)))
            .Expecting("the claim field the claim is invalid for");

    private static readonly Parser<ExpectationSyntax> InvalidExpectation = Lexical.Spanned(
            from invalid in Keyword("invalid")
            from field in Field
            from end in EndOfExample(Enumerable.Empty<string>())
            select field)
        .Select(x => (ExpectationSyntax)new InvalidExpectationSyntax(x.Value, x.Span));

    public static readonly Parser<Declaration> Example = Lexical.Spanned(
            from keyword in Keyword("example")
            from name in String.Expecting("the example's name in double quotes")
            from claimKeyword in Keyword("claim")
            from claim in ClaimJsonGrammar.Claim
            from expectKeyword in Keyword("expect")
            from expectation in InvalidExpectation.Or(DecisionExpectation)
            select (name, claim, expectation))
        .Select(x => (Declaration)new ExampleDeclaration(x.Value.name, x.Value.claim, x.Value.expectation, x.Span));
}
