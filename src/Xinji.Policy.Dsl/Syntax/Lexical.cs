using System.Collections.Generic;
using System.Linq;
using Sprache;
using Xinji.Policy.Dsl.Text;

namespace Xinji.Policy.Dsl.Syntax;

/// <summary>Tokens: words, names, clause ids, strings, numbers and dates, each skipping leading
/// white space and <c>#</c> comments.</summary>
internal static class Lexical
{
    /// <summary>Words that can never name a fact, definition or enum member, because an expression reads them.</summary>
    public static readonly HashSet<string> Reserved = new()
    {
        "and", "or", "not", "is", "in", "known", "true", "false", "if", "then", "else", "always",
        "when", "day", "days", "month", "months", "year", "years",
    };

    /// <summary>White space and <c>#</c> comments (to the end of the line). Read in a loop: every token
    /// starts with it, so it is the parser's most frequent step.</summary>
    private static readonly Parser<int> Trivia = input =>
    {
        var source = input.Source;
        var end = EndOf(input);
        var at = input.Position;
        while (at < end)
        {
            var c = source[at];
            if (char.IsWhiteSpace(c))
            {
                at++;
            }
            else if (c == '#')
            {
                while (at < end && source[at] != '\r' && source[at] != '\n')
                {
                    at++;
                }
            }
            else
            {
                break;
            }
        }

        return Result.Success(0, Forward(input, at - input.Position));
    };

    // The most frequent tokens (trivia, words, symbols and strings) are read by hand, a character
    // at a time over the text, instead of by Sprache's character parsers: those allocate an input
    // per character and format a message at every failed alternative, which made parsing a large
    // policy cost hundreds of kilobytes per clause. Each gives exactly the result, remainder and
    // expectations of the combinators it replaces, so every syntax error reads as before.

    /// <summary>Where the text an input reads ends: for the parser's own input, its declaration's end.</summary>
    private static int EndOf(IInput input) => input is ChunkInput chunk ? chunk.End : input.Source.Length;

    /// <summary>The input <paramref name="count"/> characters on.</summary>
    private static IInput Forward(IInput input, int count)
    {
        if (input is ChunkInput chunk)
        {
            return chunk.Skip(count);
        }

        for (var i = 0; i < count; i++)
        {
            input = input.Advance();
        }

        return input;
    }

    private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

    /// <summary>The length of the word (<see cref="RawWord"/>) at the input, 0 when none starts there.</summary>
    private static int WordLength(IInput input)
    {
        var source = input.Source;
        var end = EndOf(input);
        var at = input.Position;
        if (at >= end || !(IsAsciiLetter(source[at]) || source[at] == '_'))
        {
            return 0;
        }

        at++;
        while (at < end && (IsAsciiLetter(source[at]) || (source[at] >= '0' && source[at] <= '9') || source[at] == '_'))
        {
            at++;
        }

        return at - input.Position;
    }

    /// <summary>Skips white space and comments, then runs the parser.</summary>
    public static Parser<T> Token<T>(this Parser<T> parser) => input => parser(Trivia(input).Remainder);

    /// <summary>
    /// Zero or more items. An item that fails after consuming more than leading trivia is an
    /// error in that item and is reported as such, instead of silently ending the list.
    /// </summary>
    public static Parser<IEnumerable<T>> ManyCommitted<T>(this Parser<T> item) => input =>
    {
        var items = new List<T>();
        var remainder = input;
        while (true)
        {
            var result = item(remainder);
            if (!result.WasSuccessful)
            {
                return Committed(remainder, result)
                    ? Result.Failure<IEnumerable<T>>(result.Remainder, result.Message, result.Expectations)
                    : Result.Success<IEnumerable<T>>(items, remainder);
            }

            if (result.Remainder.Equals(remainder))
            {
                return Result.Success<IEnumerable<T>>(items, remainder);
            }

            items.Add(result.Value);
            remainder = result.Remainder;
        }
    };

    /// <summary>One or more items, with the error rule of <see cref="ManyCommitted{T}"/>.</summary>
    public static Parser<IEnumerable<T>> AtLeastOnceCommitted<T>(this Parser<T> item) =>
        from first in item
        from rest in item.ManyCommitted()
        select new[] { first }.Concat(rest);

    /// <summary>An optional part, with the error rule of <see cref="ManyCommitted{T}"/>.</summary>
    /// <remarks>The part is tried once: trying a failed part again would double the work at every
    /// level of nesting, exponential in the depth.</remarks>
    public static Parser<IOption<T>> OptionalCommitted<T>(this Parser<T> parser) => input =>
    {
        var result = parser(input);
        if (result.WasSuccessful)
        {
            return Result.Success<IOption<T>>(new Option<T>(true, result.Value), result.Remainder);
        }

        return Committed(input, result)
            ? Result.Failure<IOption<T>>(result.Remainder, result.Message, result.Expectations)
            : Result.Success<IOption<T>>(Option<T>.None, input);
    };

    /// <summary>Items separated by a delimiter; a delimiter commits to another item.</summary>
    /// <remarks>Plain steps rather than a query, which would take more stack at each level of nesting.</remarks>
    public static Parser<IEnumerable<T>> DelimitedByCommitted<T, TDelimiter>(this Parser<T> item, Parser<TDelimiter> delimiter)
    {
        var tail = (from separator in delimiter from next in item select next).ManyCommitted();
        return input =>
        {
            var head = item(input);
            if (!head.WasSuccessful)
            {
                return Result.Failure<IEnumerable<T>>(head.Remainder, head.Message, head.Expectations);
            }

            var rest = tail(head.Remainder);
            return rest.WasSuccessful
                ? Result.Success(new[] { head.Value }.Concat(rest.Value), rest.Remainder)
                : rest;
        };
    }

    /// <summary>A left-associative chain of operands; an operator commits to another operand.</summary>
    public static Parser<T> ChainCommitted<T, TOperator>(this Parser<T> operand, Parser<TOperator> op, System.Func<T, T, T> apply)
    {
        var tail = (from o in op from next in operand select next).ManyCommitted();
        return input =>
        {
            var first = operand(input);
            if (!first.WasSuccessful)
            {
                return first;
            }

            var rest = tail(first.Remainder);
            return rest.WasSuccessful
                ? Result.Success(rest.Value.Aggregate(first.Value, apply), rest.Remainder)
                : Result.Failure<T>(rest.Remainder, rest.Message, rest.Expectations);
        };
    }

    /// <summary>
    /// Names what was expected when the parser fails without getting past leading trivia, so
    /// errors say "expected a value" rather than listing every token a value could start with.
    /// </summary>
    public static Parser<T> Expecting<T>(this Parser<T> parser, string name) => input =>
    {
        var result = parser(input);
        return result.WasSuccessful || Committed(input, result)
            ? result
            : Result.Failure<T>(Trivia(input).Remainder, result.Message, new[] { name });
    };

    /// <summary>Where the input continues after white space and comments.</summary>
    internal static IInput SkipTrivia(IInput input) => Trivia(input).Remainder;

    /// <summary>Whether a failed parse got past the trivia in front of it.</summary>
    private static bool Committed<T>(IInput start, IResult<T> failure)
    {
        var afterTrivia = Trivia(start).Remainder;
        return failure.Remainder.Position > afterTrivia.Position;
    }

    /// <summary>White space and comments up to the end of the declaration.</summary>
    public static Parser<T> ThenEnd<T>(this Parser<T> parser) =>
        from value in parser
        from trivia in Trivia
        from end in EndOfInput
        select value;

    private static readonly Parser<string> EndOfInput = input =>
        input.AtEnd
            ? Result.Success(string.Empty, input)
            : Result.Failure<string>(input, Unexpected, new[] { "the end of the declaration" });

    /// <summary>Records the file span of what the parser consumed, leading trivia excluded.</summary>
    public static Parser<(T Value, SourceSpan Span)> Spanned<T>(this Parser<T> parser)
    {
        var spanned = SpanOf(parser);
        return input => spanned(Trivia(input).Remainder);
    }

    /// <summary>Records the span of what the parser consumed, skipping nothing first.</summary>
    internal static Parser<(T Value, SourceSpan Span)> SpanOf<T>(Parser<T> parser) => input =>
    {
        var result = parser(input);
        if (!result.WasSuccessful)
        {
            return Result.Failure<(T, SourceSpan)>(result.Remainder, result.Message, result.Expectations);
        }

        var end = result.Remainder;
        var span = new SourceSpan(input.Position, end.Position - input.Position, input.Line, input.Column, end.Line, end.Column);
        return Result.Success((result.Value, span), end);
    };

    /// <summary>
    /// One character that satisfies the predicate: Sprache's <c>Parse.Char</c>, without the
    /// message it formats at every failure (which no error shows, see <see cref="Unexpected"/>).
    /// </summary>
    internal static Parser<char> CharWhere(System.Func<char, bool> predicate, string description)
    {
        var expected = new[] { description };
        return input => !input.AtEnd && predicate(input.Current)
            ? Result.Success(input.Current, input.Advance())
            : Result.Failure<char>(input, Unexpected, expected);
    }

    /// <summary>The character <paramref name="c"/>, as <c>Parse.Char(c)</c>.</summary>
    internal static Parser<char> Char(char c) => CharWhere(x => x == c, new string(c, 1));

    private static readonly Parser<char> AsciiLetter = CharWhere(c => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'), "a letter");

    private static readonly Parser<char> AsciiLetterOrDigit = CharWhere(c => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'), "a letter or digit");

    // Names are ASCII so they map one to one onto C# identifiers.
    private static readonly Parser<string> RawWord =
        from first in AsciiLetter.Or(Char('_'))
        from rest in AsciiLetterOrDigit.Or(Char('_')).Many().Text()
        select first + rest;

    /// <summary>A keyword, matched as a whole word.</summary>
    public static Parser<string> Keyword(string keyword) => Token(KeywordAt(keyword));

    private static Parser<string> KeywordAt(string keyword)
    {
        var expected = new[] { "'" + keyword + "'" };
        return input =>
        {
            var length = WordLength(input);
            return length == keyword.Length && string.CompareOrdinal(input.Source, input.Position, keyword, 0, length) == 0
                ? Result.Success(keyword, Forward(input, length))
                : Result.Failure<string>(input, Unexpected, expected);
        };
    }

    /// <summary>A name of a fact, definition, enum, enum member or outcome.</summary>
    public static readonly Parser<Name> Identifier = Spanned(IdentifierAt("a name")).Select(x => new Name(x.Value, x.Span));

    private static Parser<string> IdentifierAt(string what)
    {
        var expected = new[] { what };
        return input =>
        {
            var length = WordLength(input);
            var word = length == 0 ? null : input.Source.Substring(input.Position, length);
            return word is not null && !Reserved.Contains(word)
                ? Result.Success(word, Forward(input, length))
                : Result.Failure<string>(input, Unexpected, expected);
        };
    }

    /// <summary>A clause id such as <c>WD-3</c> or <c>EX.2a</c>.</summary>
    public static readonly Parser<Name> ClauseId = Spanned(
            from first in AsciiLetterOrDigit
            from rest in AsciiLetterOrDigit.Or(Parse.Chars('-', '.', '_')).Many().Text()
            select first + rest)
        .Expecting("a clause id")
        .Select(x => new Name(x.Value, x.Span));

    /// <summary>A double-quoted string on one line; <c>\"</c> and <c>\\</c> are its only escapes.</summary>
    public static readonly Parser<StringLiteral> String = Spanned(StringAt).Select(x => new StringLiteral(x.Value, x.Span));

    private static readonly string[] OpeningQuote = { "\"" };

    private static readonly string[] ClosingQuote = { "a closing '\"' on the same line" };

    /// <summary>The string at the input, without its quotes and with its escapes read.</summary>
    private static IResult<string> StringAt(IInput input)
    {
        var source = input.Source;
        var end = EndOf(input);
        var start = input.Position;
        if (start >= end || source[start] != '"')
        {
            return Result.Failure<string>(input, Unexpected, OpeningQuote);
        }

        var text = new System.Text.StringBuilder();
        var at = start + 1;
        while (at < end)
        {
            var c = source[at];
            if (c == '\\' && at + 1 < end && source[at + 1] is '"' or '\\')
            {
                text.Append(source[at + 1]);
                at += 2;
            }
            else if (c is '"' or '\\' or '\r' or '\n')
            {
                break;
            }
            else
            {
                text.Append(c);
                at++;
            }
        }

        // A backslash that escapes nothing ends the string as a line's end does: it must be closed there.
        return at < end && source[at] == '"'
            ? Result.Success(text.ToString(), Forward(input, at + 1 - start))
            : Result.Failure<string>(Forward(input, at - start), Unexpected, ClosingQuote);
    }

    public static Parser<string> Symbol(string symbol) => Token(SymbolAt(symbol)).Expecting("'" + symbol + "'");

    /// <summary>The symbol's characters. One that stops part way is reported at the first character that differs.</summary>
    private static Parser<string> SymbolAt(string symbol)
    {
        var expected = new[] { symbol };
        return input =>
        {
            var source = input.Source;
            var end = EndOf(input);
            var at = input.Position;
            var matched = 0;
            while (matched < symbol.Length && at + matched < end && source[at + matched] == symbol[matched])
            {
                matched++;
            }

            if (matched == symbol.Length)
            {
                return Result.Success(symbol, Forward(input, matched));
            }

            return matched == 0
                ? Result.Failure<string>(input, Unexpected, expected)
                : Result.Failure<string>(Forward(input, matched), Unexpected, new[] { symbol[matched].ToString() });
        };
    }

    // Only ASCII digits: char.IsDigit also accepts other scripts' digits, which int.Parse does not read.
    private static readonly Parser<char> AsciiDigit = CharWhere(c => c >= '0' && c <= '9', "a digit");

    public static readonly Parser<(int Value, SourceSpan Span)> Integer = Spanned(
        AsciiDigit.AtLeastOnce().Text().Then(digits => digits.Length > 9
            ? FailAt<int>("a number below 1000000000")
            : Parse.Return(int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture))))
        .Expecting("a number");

    /// <summary><c>YYYY-MM-DD</c>. Validity of the day is checked by the binder, which can say which date is wrong.</summary>
    public static readonly Parser<DateLiteral> Date = Spanned(
            from year in AsciiDigit.Repeat(4).Text()
            from dash1 in Char('-')
            from month in AsciiDigit.Repeat(2).Text()
            from dash2 in Char('-')
            from day in AsciiDigit.Repeat(2).Text()
            select (int.Parse(year, System.Globalization.CultureInfo.InvariantCulture),
                    int.Parse(month, System.Globalization.CultureInfo.InvariantCulture),
                    int.Parse(day, System.Globalization.CultureInfo.InvariantCulture)))
        .Select(x => new DateLiteral(x.Value.Item1, x.Value.Item2, x.Value.Item3, x.Span));

    private static Parser<T> FailAt<T>(string expected) => input =>
        Result.Failure<T>(input, Unexpected, new[] { expected });

    /// <summary>
    /// Sprache's failure message, which no error shows: the parser builds its messages from the
    /// expectations and <see cref="Describe"/>, and describing the input at every failed
    /// alternative would cost more than the rest of the parse.
    /// </summary>
    private const string Unexpected = "unexpected input";

    /// <summary>What the input holds at this point, for an error message.</summary>
    public static string Describe(IInput input)
    {
        if (input.AtEnd)
        {
            return "end of declaration";
        }

        var word = RawWord(input);
        if (word.WasSuccessful)
        {
            return "'" + word.Value + "'";
        }

        var c = input.Current;
        return c switch
        {
            '\n' or '\r' => "end of line",
            '"' => "'\"'",
            _ when char.IsControl(c) || char.IsSurrogate(c) || char.IsWhiteSpace(c) => "U+" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture),
            _ => "'" + c + "'",
        };
    }

    public static string DescribeExpectations(IEnumerable<string> expectations) =>
        string.Join(" or ", expectations.Distinct().OrderBy(x => x, System.StringComparer.Ordinal));
}

/// <summary>An optional value (Sprache's own implementations are internal).</summary>
internal sealed class Option<T> : IOption<T>
{
    public static readonly Option<T> None = new(false, default!);

    private readonly T _value;

    public Option(bool isDefined, T value)
    {
        IsDefined = isDefined;
        _value = value;
    }

    public bool IsDefined { get; }

    public bool IsEmpty => !IsDefined;

    public T Get() => IsDefined ? _value : throw new System.InvalidOperationException("No value.");

    public T GetOrDefault() => _value;
}
