using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Xinji.Policy.Dsl.Diagnostics;
using Xinji.Policy.Dsl.Text;

namespace Xinji.Policy.Dsl.Syntax;

/// <summary>What <see cref="PolicyFormatter.Format"/> gives back.</summary>
/// <param name="Text">The file in the canonical layout, or the text as given when it has errors.</param>
/// <param name="Diagnostics">The file's syntax errors; empty when it was formatted.</param>
public sealed record FormatResult(string Text, EquatableArray<PolicyDiagnostic> Diagnostics)
{
    public bool Succeeded => Diagnostics.Count == 0;
}

/// <summary>
/// Writes a <c>.policy</c> or <c>.examples</c> file in the one canonical layout (docs/commands.md,
/// "fmt"): a declaration at column 1 and each of its parts on a line of its own, indented two
/// spaces, in the order the grammar reads them; one space between tokens; long conditions broken
/// before <c>or</c> (else <c>and</c>); enum members wrapped with their <c>|</c> under the
/// <c>=</c>; claims as compact JSON wrapped between fields; blank lines between declarations.
/// </summary>
/// <remarks>
/// Only white space changes: the printer walks the parsed declaration and copies each token from
/// the text at the place the parse says it is, and every comment is written before the token it
/// preceded, on a line of its own or after its token as it was. So the formatted text holds the
/// same tokens in the same order and parses to the same declarations, which is checked before the
/// text is returned; a file with syntax errors is returned untouched with its errors.
/// </remarks>
public static class PolicyFormatter
{
    /// <summary>The column a line is kept within where the layout can break it.</summary>
    public const int Width = 100;

    private const int PartIndent = 2;
    private const int ContinuationIndent = 4;
    private const int WhatIfIndent = 6;

    /// <summary>Formats one file; a path ending in <c>.examples</c> is read as examples.</summary>
    public static FormatResult Format(string path, string text)
    {
        var examples = path.EndsWith(".examples", StringComparison.OrdinalIgnoreCase);
        var parsed = Parse(path, text, examples);
        if (parsed.Diagnostics.Count > 0)
        {
            return new FormatResult(text, parsed.Diagnostics);
        }

        string formatted;
        try
        {
            formatted = new Printer(text).Print(parsed.Declarations);
        }
        catch (LayoutException failure)
        {
            return Failed(path, text, failure.Message);
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            // Inside an editor a bug must not take the server down: the file stays as it is.
            return Failed(path, text, failure.GetType().Name + ": " + failure.Message);
        }

        // The layout must not change what the file says: the same declarations, tokens and comments.
        var again = Parse(path, formatted, examples);
        if (again.Diagnostics.Count > 0
            || !again.Declarations.Select(KindOf).SequenceEqual(parsed.Declarations.Select(KindOf))
            || !Tokens(formatted).SequenceEqual(Tokens(text)))
        {
            return Failed(path, text, "the formatted text would not read the same");
        }

        return new FormatResult(formatted, EquatableArray<PolicyDiagnostic>.Empty);
    }

    private static PolicyFile Parse(string path, string text, bool examples) =>
        examples ? PolicyParser.ParseExamples(path, text) : PolicyParser.Parse(path, text);

    private static string KindOf(Declaration declaration) => declaration.GetType().Name;

    /// <summary>A bug of the formatter, never of the file: reported, and the file left as it is.</summary>
    private static FormatResult Failed(string path, string text, string why) =>
        new(text, new[]
        {
            new PolicyDiagnostic(
                DiagnosticIds.GeneratorFailure,
                PolicySeverity.Error,
                "The formatter could not lay out this file, so it is left unchanged: " + why,
                path,
                new SourceSpan(0, 0, 1, 1, 1, 1)),
        }.ToEquatableArray());

    /// <summary>
    /// The file's tokens and comments with white space dropped: words, digit runs, strings and
    /// comments whole, any other character alone. Equal for two texts that differ only in layout.
    /// </summary>
    private static IEnumerable<string> Tokens(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var start = i;
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c == '#')
            {
                while (i < text.Length && text[i] != '\n' && text[i] != '\r')
                {
                    i++;
                }

                yield return text.Substring(start, i - start).TrimEnd();
                continue;
            }

            if (c == '"')
            {
                i++;
                while (i < text.Length && text[i] != '"' && text[i] != '\n')
                {
                    i += text[i] == '\\' ? 2 : 1;
                }

                i = Math.Min(i + 1, text.Length);
            }
            else if (IsDigit(c))
            {
                while (i < text.Length && IsDigit(text[i]))
                {
                    i++;
                }
            }
            else if (IsWordStart(c))
            {
                while (i < text.Length && IsWordPart(text[i]))
                {
                    i++;
                }
            }
            else
            {
                i++;
            }

            yield return text.Substring(start, i - start);
        }
    }

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private static bool IsWordStart(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_';

    private static bool IsWordPart(char c) => IsWordStart(c) || IsDigit(c);

    private sealed class LayoutException : Exception
    {
        public LayoutException(string message)
            : base(message)
        {
        }
    }

    /// <summary>A comment met between two tokens.</summary>
    /// <param name="OwnLine">Nothing but white space stood before it on its line.</param>
    /// <param name="BlankLinesBefore">Empty lines between it and what came before.</param>
    /// <param name="Indented">It did not start in column 1.</param>
    private readonly record struct Comment(string Text, bool OwnLine, int BlankLinesBefore, bool Indented);

    /// <summary>Lays the declarations out, reading each token from the text where the parse found it.</summary>
    private sealed class Printer
    {
        private readonly string _text;
        private readonly Writer _writer = new();
        private readonly List<Comment> _pending = new();
        private int _position;

        // Line breaks seen since the last token or comment, to tell a comment on its own line and
        // the blank lines before it.
        private int _newlines;

        public Printer(string text)
        {
            _text = text;
            _newlines = 1;
        }

        public string Print(EquatableArray<Declaration> declarations)
        {
            Declaration? previous = null;
            foreach (var declaration in declarations)
            {
                SkipTrivia();
                if (_position != declaration.Span.Start)
                {
                    throw new LayoutException("a declaration does not start where the parse says");
                }

                var blankLinesAtEnd = Math.Min(1, Math.Max(0, _newlines - 1));
                Gap(previous, declaration, blankLinesAtEnd);
                Declaration(declaration);
                previous = declaration;
            }

            SkipTrivia();
            if (_position < _text.Length)
            {
                throw new LayoutException("text is left after the last declaration");
            }

            Gap(previous, null, 0);
            return _writer.Finish(_text.Contains("\r\n") ? "\r\n" : "\n");
        }

        // ---- between declarations ------------------------------------------------------------

        /// <summary>
        /// The comments and blank lines between two declarations (or before the first, or after
        /// the last). Runs of blank lines become one; a trailing comment stays on its line.
        /// </summary>
        private void Gap(Declaration? previous, Declaration? next, int blankLinesAtEnd)
        {
            var comments = _pending.ToList();
            _pending.Clear();
            var index = 0;
            if (comments.Count > 0 && !comments[0].OwnLine && previous is not null)
            {
                _writer.TrailingComment(comments[0].Text, 0);
                index = 1;
            }

            _writer.EndLine();
            var own = comments.Skip(index).ToList();
            var blanks = own.Select((c, i) => previous is null && i == 0 ? 0 : Math.Min(1, c.BlankLinesBefore)).ToList();
            var blankAtEnd = next is null ? 0 : blankLinesAtEnd;
            if (previous is not null && next is not null && BlankLineRequired(previous, next) && blanks.Sum() + blankAtEnd == 0)
            {
                var first = own.FindIndex(c => !c.Indented);
                if (first >= 0)
                {
                    blanks[first] = 1;
                }
                else
                {
                    blankAtEnd = 1;
                }
            }

            for (var i = 0; i < own.Count; i++)
            {
                if (blanks[i] > 0)
                {
                    _writer.BlankLine();
                }

                _writer.CommentLine(own[i].Indented ? PartIndent : 0, own[i].Text);
            }

            if (blankAtEnd > 0 && (previous is not null || own.Count > 0))
            {
                _writer.BlankLine();
            }
        }

        /// <summary>
        /// One blank line between declarations, except between two of the same kind of the short
        /// lists (facts, rejections, remedies, requirements, notes), which are grouped as written.
        /// </summary>
        private static bool BlankLineRequired(Declaration previous, Declaration next) =>
            !(previous.GetType() == next.GetType()
              && (previous is FactDeclaration or RejectDeclaration
                  || (previous is OutcomeDeclaration a && next is OutcomeDeclaration b && a.Kind == b.Kind)));

        // ---- declarations --------------------------------------------------------------------

        private void Declaration(Declaration declaration)
        {
            switch (declaration)
            {
                case PolicyHeaderDeclaration header:
                    Word("policy");
                    Take(header.Name.Span);
                    Word("implements");
                    Take(header.Document.Span);
                    if (header.Source is { } source)
                    {
                        Part();
                        Word("source");
                        Take(source.Span);
                    }

                    break;
                case EnumDeclaration enumeration:
                    Enum(enumeration);
                    break;
                case FactDeclaration fact:
                    Word("fact");
                    Take(fact.Name.Span);
                    Symbol(":", spaceBefore: false);
                    if (fact.Type.IsOptional)
                    {
                        Word("optional");
                    }

                    Word(fact.Type.Name);
                    if (fact.Default is { } value)
                    {
                        Symbol("=");
                        Expression(value);
                    }

                    Part();
                    Take(fact.Description.Span);
                    break;
                case DefineDeclaration define:
                    Word("define");
                    Take(define.Name.Span);
                    Symbol("=");
                    Expression(define.Value);
                    Part();
                    Take(define.Description.Span);
                    Quotes(define.Quotes);
                    break;
                case OutcomeDeclaration outcome:
                    Word(outcome.Kind switch
                    {
                        OutcomeKind.Remedy => "remedy",
                        OutcomeKind.Requirement => "requirement",
                        _ => "note",
                    });
                    Take(outcome.Name.Span);
                    Part();
                    Take(outcome.Description.Span);
                    break;
                case WarrantyDeclaration warranty:
                    Word("warranty");
                    Word("from");
                    Expression(warranty.Start);
                    Word("through");
                    Expression(warranty.End);
                    Word("active");
                    Word("when");
                    Expression(warranty.Active);
                    if (warranty.Description is { } description)
                    {
                        Part();
                        Take(description.Span);
                    }

                    break;
                case RejectDeclaration reject:
                    Word("reject");
                    Take(reject.Field.Span);
                    Word("when");
                    Expression(reject.Condition);
                    Part();
                    Take(reject.Reason.Span);
                    break;
                case SectionDeclaration section:
                    Word("section");
                    Take(section.Title.Span);
                    break;
                case ClauseDeclaration clause:
                    Clause(clause);
                    break;
                case RecitalDeclaration recital:
                    Word("recital");
                    Take(recital.Id.Span);
                    Quotes(recital.Quotes);
                    Part();
                    Word("because");
                    Take(recital.Reason.Span);
                    break;
                case ExampleDeclaration example:
                    Example(example);
                    break;
                default:
                    throw new LayoutException("no layout for " + declaration.GetType().Name);
            }

            // The mark is the declaration's last part, on a line of its own like the others.
            if (declaration.ProvableMark is { } mark)
            {
                Part();
                Take(mark);
            }
        }

        /// <summary>The members on the first line and, when they do not fit, on lines starting with a <c>|</c> under the <c>=</c>.</summary>
        private void Enum(EnumDeclaration enumeration)
        {
            Word("enum");
            Take(enumeration.Name.Span);
            Symbol("=");
            var align = _writer.Column - 1;
            Take(enumeration.Members[0].Span);
            foreach (var member in enumeration.Members.Skip(1))
            {
                if (_writer.Column + 3 + member.Span.Length > Width)
                {
                    _writer.Break(align);
                }

                Symbol("|");
                Take(member.Span);
            }

            Part();
            Take(enumeration.Description.Span);
        }

        private void Clause(ClauseDeclaration clause)
        {
            Word("clause");
            Take(clause.Id.Span);
            Quotes(clause.Quotes);
            if (clause.ExceptionTo.Count > 0)
            {
                Part();
                Word("exception");
                Word("to");
                List(clause.ExceptionTo);
            }

            Part();
            if (clause.Condition is { } condition)
            {
                Word("when");
                Expression(condition);
            }
            else
            {
                Word("always");
            }

            Part();
            Word("then");

            // Effects that do not fit on the line go one to a line, under the first.
            var align = _writer.Column + 1;
            var wrap = align + clause.Effects.Sum(EffectLength) + clause.Effects.Count - 1 > Width;
            for (var i = 0; i < clause.Effects.Count; i++)
            {
                var effect = clause.Effects[i];
                if (wrap && i > 0)
                {
                    _writer.Break(align);
                }

                switch (effect.Kind)
                {
                    case EffectKind.Free:
                        Word("free");
                        break;
                    case EffectKind.Paid:
                        Word("paid");
                        break;
                    default:
                        Word(effect.Kind switch { EffectKind.Remedy => "remedy", EffectKind.Require => "require", _ => "note" });
                        List(effect.Items);
                        break;
                }
            }
        }

        private static int EffectLength(Effect effect) =>
            effect.Kind is EffectKind.Free or EffectKind.Paid
                ? 4
                : (effect.Kind == EffectKind.Remedy ? "remedy" : effect.Kind == EffectKind.Require ? "require" : "note").Length
                  + effect.Items.Sum(item => item.Span.Length + 2) - 1;

        private void Example(ExampleDeclaration example)
        {
            Word("example");
            Take(example.Name.Span);
            Part();
            Word("claim");
            Claim(example.Claim);
            Part();
            Word("expect");
            switch (example.Expectation)
            {
                case InvalidExpectationSyntax invalid:
                    Word("invalid");
                    Take(invalid.Field.Span);
                    break;
                case DecisionExpectationSyntax decision:
                    Take(decision.Coverage.Span);
                    Expected("remedies", decision.Remedies);
                    Expected("cites", decision.Cites);
                    Expected("requirements", decision.Requirements);
                    Expected("notes", decision.Notes);
                    if (decision.Warranty is { } warranty)
                    {
                        _writer.Break(ContinuationIndent);
                        Word("warranty");
                        if (warranty.Start is null || warranty.End is null)
                        {
                            Word("not");
                            Word("established");
                        }
                        else
                        {
                            Word("from");
                            Take(warranty.Start.Span);
                            Word("through");
                            Take(warranty.End.Span);
                            if (!warranty.Active)
                            {
                                Word("not");
                            }

                            Word("active");
                        }
                    }

                    if (decision.WhatIfs is { } whatIfs)
                    {
                        WhatIfs(whatIfs);
                    }

                    break;
                default:
                    throw new LayoutException("no layout for " + example.Expectation.GetType().Name);
            }
        }

        /// <summary>
        /// <c>what-ifs none</c>, or <c>what-ifs</c> and a what-if a line under it; a what-if too long
        /// for the line breaks before each <c>and</c>.
        /// </summary>
        private void WhatIfs(WhatIfsExpectationSyntax whatIfs)
        {
            _writer.Break(ContinuationIndent);
            Word("what");
            WordPart("-ifs");
            if (whatIfs.Items.Count == 0)
            {
                Word("none");
                return;
            }

            foreach (var whatIf in whatIfs.Items)
            {
                _writer.Break(WhatIfIndent);
                var wrap = WhatIfIndent + OneLineLength(whatIf) > Width;
                Take(whatIf.Coverage.Span);
                Word("if");
                for (var i = 0; i < whatIf.Changes.Count; i++)
                {
                    if (i > 0)
                    {
                        if (wrap)
                        {
                            _writer.Break(WhatIfIndent + PartIndent);
                        }

                        Word("and");
                    }

                    FactChange(whatIf.Changes[i]);
                }

                if (whatIf.DecidedBy.Count > 0 || whatIf.NoLongerDecidedBy.Count > 0)
                {
                    Symbol("(");
                    var first = true;
                    if (whatIf.DecidedBy.Count > 0)
                    {
                        List(whatIf.DecidedBy, spaceBefore: false);
                        first = false;
                    }

                    if (whatIf.NoLongerDecidedBy.Count > 0)
                    {
                        if (!first)
                        {
                            Symbol(";", spaceBefore: false);
                        }

                        Word("no", spaceBefore: !first);
                        Word("longer");
                        List(whatIf.NoLongerDecidedBy);
                    }

                    Symbol(")", spaceBefore: false);
                }
            }
        }

        private void FactChange(FactChangeSyntax change)
        {
            Take(change.Fact.Span);
            if (change.Value is { } value)
            {
                Word("is");
                Take(value.Span);
            }
            else if (change.From is { } from && change.Through is { } through)
            {
                Word("from");
                Take(from.Span);
                Word("through");
                Take(through.Span);
            }
            else
            {
                Word("is");
                Word("not");
                Word("known");
            }
        }

        /// <summary>A what-if's length on one line: its words one space apart, none inside its brackets or before a comma or semicolon.</summary>
        private static int OneLineLength(WhatIfSyntax whatIf)
        {
            var length = whatIf.Coverage.Span.Length + " if".Length + (whatIf.Changes.Count - 1) * " and".Length
                + whatIf.Changes.Sum(c => 1 + c.Fact.Span.Length + (c.Value is { } v ? " is ".Length + v.Span.Length
                    : c.From is { } f && c.Through is { } t ? " from ".Length + f.Span.Length + " through ".Length + t.Span.Length
                    : " is not known".Length));
            var ids = whatIf.DecidedBy.Concat(whatIf.NoLongerDecidedBy).ToList();
            if (ids.Count > 0)
            {
                length += " ()".Length + ids.Sum(id => id.Span.Length) + (ids.Count - 1) * ", ".Length
                    + (whatIf.NoLongerDecidedBy.Count > 0 ? "no longer ".Length : 0);
            }

            return length;
        }

        private void Expected(string keyword, ExpectedListSyntax? list)
        {
            if (list is null)
            {
                return;
            }

            _writer.Break(ContinuationIndent);
            Word(keyword);
            if (list.AtLeast)
            {
                Word("at");
                Word("least");
            }

            if (list.Items.Count == 0)
            {
                Word("none");
            }
            else
            {
                List(list.Items);
            }
        }

        private void Quotes(EquatableArray<StringLiteral> quotes)
        {
            foreach (var quote in quotes)
            {
                Part();
                Word("quote");
                Take(quote.Span);
            }
        }

        private void List(EquatableArray<Name> items, bool spaceBefore = true)
        {
            for (var i = 0; i < items.Count; i++)
            {
                if (i > 0)
                {
                    Symbol(",", spaceBefore: false);
                }

                Take(items[i].Span, spaceBefore || i > 0);
            }
        }

        /// <summary>The next part of the declaration starts a line of its own.</summary>
        private void Part() => _writer.Break(PartIndent);

        // ---- expressions -----------------------------------------------------------------------

        /// <summary>
        /// An expression's tokens, one space apart but none inside brackets or before a comma or a
        /// call's parenthesis. When it would run past <see cref="Width"/>, it breaks before each
        /// <c>or</c> outside brackets, or each <c>and</c> when there is no such <c>or</c>.
        /// </summary>
        private void Expression(Expression expression)
        {
            var items = new List<(string? Token, Comment Comment)>();
            while (true)
            {
                SkipTrivia();
                if (_position >= expression.Span.End)
                {
                    break;
                }

                items.AddRange(_pending.Select(c => ((string?)null, c)));
                _pending.Clear();
                items.Add((ReadExpressionToken(), default));
            }

            var tokens = items.Where(i => i.Token is not null).Select(i => i.Token!).ToList();
            var oneLine = 0;
            for (var i = 0; i < tokens.Count; i++)
            {
                oneLine += tokens[i].Length + (i > 0 && SpaceBetween(tokens[i - 1], tokens[i]) ? 1 : 0);
            }

            var breakBefore = _writer.Column + 1 + oneLine > Width ? BreakingOperator(tokens) : null;
            string? previous = null;
            var depth = 0;
            foreach (var (token, comment) in items)
            {
                if (token is null)
                {
                    WriteComment(comment);
                    continue;
                }

                if (depth == 0 && token == breakBefore && previous is not null)
                {
                    _writer.Break(ContinuationIndent);
                }

                depth += token is "(" or "{" ? 1 : token is ")" or "}" ? -1 : 0;
                _writer.Write(token, previous is null || SpaceBetween(previous, token));
                previous = token;
            }
        }

        /// <summary><c>or</c> when the expression has one outside brackets, else <c>and</c>, else nothing to break at.</summary>
        private static string? BreakingOperator(List<string> tokens)
        {
            var depth = 0;
            var hasAnd = false;
            foreach (var token in tokens)
            {
                depth += token is "(" or "{" ? 1 : token is ")" or "}" ? -1 : 0;
                if (depth == 0 && token == "or")
                {
                    return "or";
                }

                hasAnd |= depth == 0 && token == "and";
            }

            return hasAnd ? "and" : null;
        }

        private static bool SpaceBetween(string previous, string token) =>
            previous is not ("(" or "{")
            && token is not (")" or "}" or ",")
            && !(token == "(" && IsWordStart(previous[0]) && !Lexical.Reserved.Contains(previous));

        /// <summary>A token of an expression: a word, a date, a number or an operator.</summary>
        private string ReadExpressionToken()
        {
            var start = _position;
            var c = _text[start];
            if (IsWordStart(c))
            {
                return ReadWord();
            }

            if (IsDigit(c))
            {
                var end = start;
                while (end < _text.Length && IsDigit(_text[end]))
                {
                    end++;
                }

                if (end - start == 4 && IsDateRest(end))
                {
                    end += 6;
                }

                return Advance(end);
            }

            if ((c is '<' or '>') && start + 1 < _text.Length && _text[start + 1] == '=')
            {
                return Advance(start + 2);
            }

            if (c is '<' or '>' or '+' or '-' or '(' or ')' or '{' or '}' or ',')
            {
                return Advance(start + 1);
            }

            throw new LayoutException("unexpected '" + c + "' in an expression");
        }

        /// <summary>Whether <c>-MM-DD</c> follows, making four digits a date.</summary>
        private bool IsDateRest(int at) =>
            at + 6 <= _text.Length && _text[at] == '-' && IsDigit(_text[at + 1]) && IsDigit(_text[at + 2])
            && _text[at + 3] == '-' && IsDigit(_text[at + 4]) && IsDigit(_text[at + 5]);

        // ---- claims ----------------------------------------------------------------------------

        /// <summary>
        /// The claim as compact JSON (<c>"field": value</c>, <c>, </c> between fields), its fields
        /// wrapped onto lines that start one column after the <c>{</c>.
        /// </summary>
        private void Claim(ClaimSyntax claim)
        {
            SkipTrivia();
            if (_position != claim.Span.Start)
            {
                throw new LayoutException("a claim does not start where the parse says");
            }

            FlushComments();
            var fields = ClaimFields(claim.Json);
            _writer.Write("{", spaceBefore: true);
            var align = _writer.Column;
            for (var i = 0; i < fields.Count; i++)
            {
                var room = fields[i].Length + 1;
                if (i > 0)
                {
                    _writer.Write(",", spaceBefore: false);
                    if (_writer.Column + 1 + room > Width)
                    {
                        _writer.Break(align);
                    }
                }

                _writer.Write(fields[i], spaceBefore: i > 0);
            }

            _writer.Write("}", spaceBefore: false);
            _position = claim.Span.End;
        }

        /// <summary>Each top-level field of a JSON object as compact text: <c>"name": value</c>.</summary>
        private static List<string> ClaimFields(string json)
        {
            var fields = new List<string>();
            var field = new StringBuilder();
            var depth = 0;
            var i = 0;
            string? previous = null;
            while (i < json.Length)
            {
                var c = json[i];
                if (c is ' ' or '\t' or '\r' or '\n')
                {
                    i++;
                    continue;
                }

                var start = i;
                if (c == '"')
                {
                    i++;
                    while (i < json.Length && json[i] != '"')
                    {
                        i += json[i] == '\\' ? 2 : 1;
                    }

                    i++;
                }
                else if (c is '{' or '}' or '[' or ']' or ',' or ':')
                {
                    i++;
                }
                else
                {
                    while (i < json.Length && json[i] is not (' ' or '\t' or '\r' or '\n' or '{' or '}' or '[' or ']' or ',' or ':' or '"'))
                    {
                        i++;
                    }
                }

                if (i > json.Length)
                {
                    throw new LayoutException("a claim's string does not end");
                }

                var token = json.Substring(start, i - start);
                if (token is "{" or "[")
                {
                    depth++;
                    if (depth == 1)
                    {
                        previous = token;
                        continue;
                    }
                }
                else if (token is "}" or "]")
                {
                    depth--;
                    if (depth == 0)
                    {
                        break;
                    }
                }
                else if (token == "," && depth == 1)
                {
                    fields.Add(field.ToString());
                    field.Clear();
                    previous = token;
                    continue;
                }

                if (field.Length > 0 && previous is ":" or ",")
                {
                    field.Append(' ');
                }

                field.Append(token);
                previous = token;
            }

            if (field.Length > 0)
            {
                fields.Add(field.ToString());
            }

            return fields;
        }

        // ---- reading the text ------------------------------------------------------------------

        /// <summary>Skips white space, collecting the comments met for the next token to write first.</summary>
        private void SkipTrivia()
        {
            while (_position < _text.Length)
            {
                var c = _text[_position];
                if (c == '\n')
                {
                    _newlines++;
                    _position++;
                }
                else if (char.IsWhiteSpace(c))
                {
                    _position++;
                }
                else if (c == '#')
                {
                    var start = _position;
                    var indented = start > 0 && _text[start - 1] != '\n';
                    while (_position < _text.Length && _text[_position] is not ('\r' or '\n'))
                    {
                        _position++;
                    }

                    _pending.Add(new Comment(_text.Substring(start, _position - start).TrimEnd(), _newlines > 0, Math.Max(0, _newlines - 1), indented));
                    _newlines = 0;
                }
                else
                {
                    return;
                }
            }
        }

        private void FlushComments()
        {
            foreach (var comment in _pending)
            {
                WriteComment(comment);
            }

            _pending.Clear();
            _newlines = 0;
        }

        private void WriteComment(Comment comment)
        {
            if (comment.OwnLine)
            {
                _writer.CommentInside(comment.Text, ContinuationIndent);
            }
            else
            {
                _writer.TrailingComment(comment.Text, ContinuationIndent);
            }
        }

        /// <summary>Writes the text of a span the parse recorded: a name, a string, a date.</summary>
        private void Take(SourceSpan span, bool spaceBefore = true)
        {
            SkipTrivia();
            if (_position != span.Start || span.Length <= 0)
            {
                throw new LayoutException("a token is not where the parse says");
            }

            FlushComments();
            _writer.Write(_text.Substring(span.Start, span.Length), spaceBefore);
            _position = span.End;
        }

        private void Word(string word, bool spaceBefore = true)
        {
            SkipTrivia();
            var start = _position;
            if (start >= _text.Length || !IsWordStart(_text[start]) || ReadWord() != word)
            {
                throw new LayoutException("'" + word + "' is not where the parse says");
            }

            _position = start;
            FlushComments();
            _writer.Write(ReadWord(), spaceBefore);
        }

        private void Symbol(string symbol, bool spaceBefore = true)
        {
            SkipTrivia();
            if (string.CompareOrdinal(_text, _position, symbol, 0, symbol.Length) != 0)
            {
                throw new LayoutException("'" + symbol + "' is not where the parse says");
            }

            FlushComments();
            _writer.Write(symbol, spaceBefore);
            _position += symbol.Length;
        }

        /// <summary>The rest of a word with a dash in it, such as the <c>-ifs</c> of <c>what-ifs</c>, written with no space before it.</summary>
        private void WordPart(string rest)
        {
            if (string.CompareOrdinal(_text, _position, rest, 0, rest.Length) != 0)
            {
                throw new LayoutException("'" + rest + "' is not where the parse says");
            }

            _writer.Write(rest, spaceBefore: false);
            _position += rest.Length;
        }

        private string ReadWord()
        {
            var end = _position;
            while (end < _text.Length && IsWordPart(_text[end]))
            {
                end++;
            }

            return Advance(end);
        }

        private string Advance(int end)
        {
            var token = _text.Substring(_position, end - _position);
            _position = end;
            _newlines = 0;
            return token;
        }
    }

    /// <summary>
    /// The output, a line at a time. A line break asked for is held until the next token, so a
    /// comment that followed the last token on its line can still be written after it.
    /// </summary>
    private sealed class Writer
    {
        private readonly List<string> _lines = new();
        private readonly StringBuilder _line = new();
        private int? _break;

        /// <summary>The column after the last character of the line being written (0 when it is empty).</summary>
        public int Column => _break ?? _line.Length;

        public void Break(int indent) => _break = indent;

        /// <summary>Writes a token; on an empty line with no break asked for, it starts a declaration in column 1.</summary>
        public void Write(string token, bool spaceBefore)
        {
            if (_break is { } indent)
            {
                EndLine();
                _line.Append(' ', indent);
            }
            else if (_line.Length > 0 && spaceBefore)
            {
                _line.Append(' ');
            }

            _line.Append(token);
        }

        /// <summary>A comment after the last token on its line; what follows goes on the next line.</summary>
        public void TrailingComment(string text, int continuation)
        {
            if (_line.Length == 0)
            {
                // After another comment, with only a carriage return between: a line of its own.
                CommentInside(text, continuation);
                return;
            }

            var pending = _break;
            _break = null;
            _line.Append(' ').Append(text);
            EndLine();
            _break = pending ?? continuation;
        }

        /// <summary>A comment on a line of its own inside a declaration, indented as the line it precedes.</summary>
        public void CommentInside(string text, int continuation)
        {
            var pending = _break;
            EndLine();
            var indent = pending ?? continuation;
            _lines.Add(new string(' ', indent) + text);
            _break = indent;
        }

        /// <summary>A comment on a line of its own between declarations.</summary>
        public void CommentLine(int indent, string text)
        {
            EndLine();
            _lines.Add(new string(' ', indent) + text);
        }

        /// <summary>One empty line, unless the last line is empty or nothing is written yet.</summary>
        public void BlankLine()
        {
            EndLine();
            if (_lines.Count > 0 && _lines[_lines.Count - 1].Length > 0)
            {
                _lines.Add(string.Empty);
            }
        }

        public void EndLine()
        {
            if (_line.Length > 0)
            {
                _lines.Add(_line.ToString().TrimEnd());
                _line.Clear();
            }

            _break = null;
        }

        public string Finish(string newline)
        {
            EndLine();
            while (_lines.Count > 0 && _lines[_lines.Count - 1].Length == 0)
            {
                _lines.RemoveAt(_lines.Count - 1);
            }

            return _lines.Count == 0 ? string.Empty : string.Join(newline, _lines) + newline;
        }
    }
}
