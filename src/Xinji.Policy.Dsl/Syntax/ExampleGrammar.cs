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
///     requirements none                          # optional, as are notes, warranty and what-ifs
///     what-ifs
///       free if warrantySticker is intact (WP-2; no longer EX-3)
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
    private static readonly HashSet<string> PartKeywords = new() { "remedies", "cites", "requirements", "notes", "warranty", "what" };
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

    /// <summary><c>what-ifs</c>, a keyword with a dash in it, so one no name can be.</summary>
    private static readonly Parser<string> WhatIfsKeyword =
        (from what in Keyword("what")
         from ifs in Parse.String("-ifs").Text()
         select "what-ifs")
        .Expecting("'what-ifs'");

    private static readonly Parser<Name> Coverage =
        Lexical.Spanned(Keyword("free").Or(Keyword("paid"))).Select(x => new Name(x.Value, x.Span));

    /// <summary>A new value of a bool or enum fact: <c>true</c>, <c>false</c> or a member's name.</summary>
    private static readonly Parser<Name> ChangedValue =
        Lexical.Spanned(Keyword("true").Or(Keyword("false"))).Select(x => new Name(x.Value, x.Span))
            .Or(Identifier)
            .Expecting("the fact's new value (true, false or a member of its enum) or 'not known'");

    private static readonly Parser<char> Digit = Parse.Char(c => c >= '0' && c <= '9', "a digit");

    // Up to ten digits: a claim's numbers reach a billion either way; the binder checks the range.
    private static readonly Parser<string> WholeNumber =
        from minus in Parse.Char('-').Optional()
        from digits in Digit.AtLeastOnce().Text()
        from fits in digits.Length > 10 ? FailAt<int>("a number of at most ten digits") : Parse.Return(0)
        select (minus.IsDefined ? "-" : string.Empty) + digits;

    private static Parser<T> FailAt<T>(string expected) => input => Result.Failure<T>(input, "unexpected input", new[] { expected });

    /// <summary>A run's first or last value; a date is tried first, since every date starts as a number.</summary>
    private static Parser<RunEndSyntax> RunEnd(string which) =>
        Date.Select(d => new RunEndSyntax(d, null, d.Span))
            .Or(Lexical.Spanned(WholeNumber).Select(x => new RunEndSyntax(null, x.Value, x.Span)))
            .Expecting("the run's " + which + " value, a date as YYYY-MM-DD or a whole number");

    /// <summary><c>fact is value</c>, <c>fact is not known</c>, or <c>fact from first through last</c>.</summary>
    private static readonly Parser<FactChangeSyntax> FactChange = Lexical.Spanned(
            from fact in Identifier.Expecting("the name of a provable fact")
            from change in
                (from isKeyword in Keyword("is")
                 from value in
                     (from not in Keyword("not")
                      from known in Keyword("known")
                      select (Name?)null)
                     .Or(ChangedValue.Select(v => (Name?)v))
                 select (Value: value, From: (RunEndSyntax?)null, Through: (RunEndSyntax?)null))
                .Or(from fromKeyword in Keyword("from")
                    from first in RunEnd("first")
                    from through in Keyword("through")
                    from last in RunEnd("last")
                    select (Value: (Name?)null, From: (RunEndSyntax?)first, Through: (RunEndSyntax?)last))
                .Expecting("'is' and the fact's new value, 'is not known', or 'from' and a run of values")
            select (fact, change))
        .Select(x => new FactChangeSyntax(x.Value.fact, x.Value.change.Value, x.Value.change.From, x.Value.change.Through, x.Span));

    private static readonly Parser<IEnumerable<Name>> ClauseIds = ClauseId.DelimitedByCommitted(Symbol(","));

    private static readonly Parser<IEnumerable<Name>> NoLonger =
        from no in Keyword("no")
        from longer in Keyword("longer")
        from ids in ClauseIds
        select ids;

    /// <summary><c>(B-1; no longer B-2, B-3)</c>, <c>(B-1)</c> or <c>(no longer B-2)</c>.</summary>
    private static readonly Parser<(EquatableArray<Name> DecidedBy, EquatableArray<Name> NoLonger)> Clauses =
        from open in Symbol("(")
        from clauses in
            NoLonger.Select(ids => (DecidedBy: EquatableArray<Name>.Empty, NoLonger: ids.ToEquatableArray()))
                .Or(from decided in ClauseIds
                    from rest in (from semicolon in Symbol(";") from ids in NoLonger select ids).OptionalCommitted()
                    select (DecidedBy: decided.ToEquatableArray(), NoLonger: rest.IsDefined ? rest.Get().ToEquatableArray() : EquatableArray<Name>.Empty))
                .Expecting("the clauses that newly decide (ids separated by commas) or 'no longer' and clause ids")
        from close in Symbol(")")
        select clauses;

    private static readonly Parser<WhatIfSyntax> WhatIf = Lexical.Spanned(
            from coverage in Coverage
            from ifKeyword in Keyword("if")
            from changes in FactChange.DelimitedByCommitted(Keyword("and"))
            from clauses in Clauses.OptionalCommitted()
            select (coverage, changes, clauses))
        .Select(x => new WhatIfSyntax(
            x.Value.coverage,
            x.Value.changes.ToEquatableArray(),
            x.Value.clauses.IsDefined ? x.Value.clauses.Get().DecidedBy : EquatableArray<Name>.Empty,
            x.Value.clauses.IsDefined ? x.Value.clauses.Get().NoLonger : EquatableArray<Name>.Empty,
            x.Span));

    private static readonly Parser<WhatIfsExpectationSyntax> WhatIfs = Lexical.Spanned(
            from keyword in WhatIfsKeyword
            from items in Keyword("none").Return(Enumerable.Empty<WhatIfSyntax>())
                .Or(WhatIf.AtLeastOnceCommitted())
                .Expecting("a what-if ('free if' or 'paid if' and the facts changed) or 'none'")
            select items.ToEquatableArray())
        .Select(x => new WhatIfsExpectationSyntax(x.Value, x.Span));

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
            from coverage in Coverage
            from remedies in Remedies
            from cites in Cites
            from requirements in Requirements.OptionalCommitted()
            from notes in Notes.OptionalCommitted()
            from warranty in Warranty.OptionalCommitted()
            from whatIfs in WhatIfs.OptionalCommitted()
            from end in EndOfExample(
                whatIfs.IsDefined ? (whatIfs.Get().Items.Count > 0 ? new[] { "and", "free", "paid" } : Enumerable.Empty<string>())
                : warranty.IsDefined ? new[] { "what-ifs" }
                : notes.IsDefined ? new[] { "warranty", "what-ifs" }
                : requirements.IsDefined ? new[] { "notes", "warranty", "what-ifs" }
                : new[] { "requirements", "notes", "warranty", "what-ifs" })
            select (Coverage: coverage, remedies, cites,
                    Requirements: requirements.GetOrDefault(), Notes: notes.GetOrDefault(), Warranty: warranty.GetOrDefault(),
                    WhatIfs: whatIfs.GetOrDefault()))
        .Select(x => (ExpectationSyntax)new DecisionExpectationSyntax(
            x.Value.Coverage, x.Value.remedies, x.Value.cites, x.Value.Requirements, x.Value.Notes, x.Value.Warranty, x.Value.WhatIfs, x.Span));

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
