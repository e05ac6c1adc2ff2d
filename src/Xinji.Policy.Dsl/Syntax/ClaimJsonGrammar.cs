using System.Globalization;
using System.Linq;
using Sprache;
using Xinji.Policy.Dsl.Text;

namespace Xinji.Policy.Dsl.Syntax;

/// <summary>
/// An example's claim: one JSON object (RFC 8259), possibly over several lines. It is checked
/// here only for JSON syntax, so a mistake is reported at its line and column like any other
/// syntax error; what the fields mean is left to the strict claim reader that the command uses,
/// because an example may deliberately show a claim the reader rejects. Only JSON white space
/// may separate tokens: the text is handed to the reader as written, so a <c>#</c> comment inside
/// the braces would not be JSON.
/// </summary>
internal static class ClaimJsonGrammar
{
    private const string ValueExpectation = "a JSON value (text in double quotes, a number, true, false or null)";

    private static readonly Parser<string> Space = Parse.Chars(' ', '\t', '\r', '\n').Many().Text();

    private static Parser<T> Token<T>(Parser<T> parser) =>
        from space in Space
        from value in parser
        select value;

    /// <summary>
    /// Names what was expected when the parser fails before consuming anything but JSON white
    /// space (<see cref="Lexical.Expecting{T}"/> would also skip a comment and report past it).
    /// </summary>
    private static Parser<T> Expect<T>(Parser<T> parser, string name) => input =>
    {
        var result = parser(input);
        if (result.WasSuccessful)
        {
            return result;
        }

        var start = Space(input).Remainder;
        return result.Remainder.Position > start.Position ? result : Result.Failure<T>(start, result.Message, new[] { name });
    };

    private static readonly Parser<char> HexDigit =
        Parse.Char(c => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'), "a hex digit");

    private static readonly Parser<char> Escape =
        from backslash in Parse.Char('\\')
        from escaped in Parse.Char('"')
            .Or(Parse.Char('\\'))
            .Or(Parse.Char('/'))
            .Or(Parse.Char('b').Return('\b'))
            .Or(Parse.Char('f').Return('\f'))
            .Or(Parse.Char('n').Return('\n'))
            .Or(Parse.Char('r').Return('\r'))
            .Or(Parse.Char('t').Return('\t'))
            .Or(from u in Parse.Char('u')
                from hex in HexDigit.Repeat(4).Text()
                select (char)int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture))
            .Named("a JSON escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u and four hex digits)")
        select escaped;

    // JSON forbids raw control characters, line breaks included, inside a string.
    private static readonly Parser<char> Plain = Parse.Char(c => c != '"' && c != '\\' && c >= ' ', "a character");

    private static readonly Parser<string> String =
        from open in Parse.Char('"')
        from text in Escape.Or(Plain).ManyCommitted().Text()
        from close in Parse.Char('"').Named("a closing '\"' on the same line")
        select text;

    private static readonly Parser<char> Digit = Parse.Char(c => c >= '0' && c <= '9', "a digit");

    private static readonly Parser<string> Digits = Digit.AtLeastOnce().Text();

    private static readonly Parser<string> Number =
        from minus in Parse.Char('-').Optional()
        from whole in Parse.Char('0').Once().Text()
            .Or(from first in Parse.Char(c => c >= '1' && c <= '9', "a digit")
                from rest in Digit.Many().Text()
                select first + rest)
        from fraction in (from dot in Parse.Char('.') from digits in Digits select digits).OptionalCommitted()
        from exponent in (from e in Parse.Chars("eE") from sign in Parse.Chars("+-").Optional() from digits in Digits select digits).OptionalCommitted()
        select whole;

    /// <summary><c>true</c>, <c>false</c> or <c>null</c>, as whole words: <c>water</c> is not a value (it needs quotes).</summary>
    private static readonly Parser<string> Literal = input =>
    {
        var word = Parse.Letter.AtLeastOnce().Text()(input);
        return word.WasSuccessful && word.Value is "true" or "false" or "null"
            ? word
            : Result.Failure<string>(input, "unexpected " + Lexical.Describe(input), new[] { ValueExpectation });
    };

    // Not Parse.Ref: it memoizes a failure per input and throws when OptionalCommitted tries the
    // same input again (an empty array). Values nest, so this reads the field when it runs.
    private static readonly Parser<string> ValueRef = input => Value!(input);

    private static readonly Parser<Name> MemberName = Expect(
        Token(Lexical.SpanOf(String)).Select(x => new Name(x.Value, x.Span)),
        "a field name in double quotes");

    private static readonly Parser<Name> Member =
        from name in MemberName
        from colon in Expect(Token(Parse.Char(':')), "':'")
        from value in ValueRef
        select name;

    /// <summary>An object's members, each name with its span.</summary>
    private static readonly Parser<EquatableArray<Name>> Object =
        from open in Parse.Char('{')
        from first in Member.OptionalCommitted()
        from rest in first.IsDefined
            ? (from comma in Token(Parse.Char(',')) from member in Member select member).ManyCommitted()
            : Parse.Return(Enumerable.Empty<Name>())
        from close in Expect(Token(Parse.Char('}')), first.IsDefined ? "',' or '}'" : "a field name in double quotes or '}'")
        select (first.IsDefined ? new[] { first.Get() }.Concat(rest) : rest).ToEquatableArray();

    private static readonly Parser<string> Array =
        from open in Parse.Char('[')
        from first in ValueRef.OptionalCommitted()
        from rest in first.IsDefined
            ? (from comma in Token(Parse.Char(',')) from value in ValueRef select value).ManyCommitted()
            : Parse.Return(Enumerable.Empty<string>())
        from close in Expect(Token(Parse.Char(']')), first.IsDefined ? "',' or ']'" : ValueExpectation + " or ']'")
        select string.Empty;

    private static readonly Parser<string> AnyValue = Expect(
        Token(Object.Return(string.Empty).Or(Array).Or(String).Or(Number).Or(Literal)),
        ValueExpectation);

    private static readonly Parser<string> UnquotedDate =
        from year in Digit.Repeat(4).Text()
        from dash1 in Parse.Char('-')
        from month in Digit.Repeat(2).Text()
        from dash2 in Parse.Char('-')
        from day in Digit.Repeat(2).Text()
        select year + "-" + month + "-" + day;

    /// <summary>
    /// A value. Dates are the values an author is most likely to leave unquoted, and 2025-03-01
    /// would otherwise read as the number 2025 followed by a stray '-': say what to write instead.
    /// </summary>
    private static readonly Parser<string> Value = input =>
    {
        var start = Space(input).Remainder;
        var date = UnquotedDate(start);
        return date.WasSuccessful
            ? Result.Failure<string>(start, "unexpected " + date.Value, new[] { "a date in double quotes, as \"" + date.Value + "\"" })
            : AnyValue(input);
    };

    private static readonly Parser<(EquatableArray<Name> Fields, SourceSpan Span)> SpannedObject =
        Lexical.Spanned(Object).Expecting("a claim: a JSON object in braces { }");

    /// <summary>The claim object, with the exact text it was written as.</summary>
    public static readonly Parser<ClaimSyntax> Claim = input =>
    {
        var result = SpannedObject(input);
        if (!result.WasSuccessful)
        {
            return Result.Failure<ClaimSyntax>(result.Remainder, result.Message, result.Expectations);
        }

        var (fields, span) = result.Value;
        return Result.Success(new ClaimSyntax(input.Source.Substring(span.Start, span.Length), fields, span), result.Remainder);
    };
}
