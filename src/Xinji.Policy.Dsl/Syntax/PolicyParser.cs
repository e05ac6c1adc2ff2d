using System.Collections.Generic;
using System.Linq;
using Sprache;
using Xinji.Policy.Dsl.Diagnostics;
using Xinji.Policy.Dsl.Text;

namespace Xinji.Policy.Dsl.Syntax;

/// <summary>
/// Parses a policy file. A declaration starts with its keyword at the very beginning of a line
/// and runs until the next such line, so a broken declaration is reported and the parser goes
/// on with the next one: an author sees every syntax error of a file at once.
/// </summary>
public static class PolicyParser
{
    public static PolicyFile Parse(string path, string text) => Parse(path, text, examplesOnly: false);

    /// <summary>
    /// Parses a <c>.examples</c> file: only <c>example</c> declarations. Such files sit beside a
    /// policy without being compiled into it, so a clause put there by mistake would silently be
    /// left out of the policy: it is an error instead.
    /// </summary>
    public static PolicyFile ParseExamples(string path, string text) => Parse(path, text, examplesOnly: true);

    private static PolicyFile Parse(string path, string text, bool examplesOnly)
    {
        var declarations = new List<Declaration>();
        var diagnostics = new List<PolicyDiagnostic>();

        foreach (var chunk in Split(text))
        {
            var input = new ChunkInput(text, chunk.Start, chunk.End, chunk.Line, 1);
            if (chunk.Keyword is null)
            {
                ReportStray(path, input, diagnostics, examplesOnly ? new[] { ExampleKeyword } : PolicyGrammar.Declarations.Keys);
                continue;
            }

            if (examplesOnly && chunk.Keyword != ExampleKeyword)
            {
                diagnostics.Add(PolicyDiagnostic.Create(DiagnosticCatalog.SyntaxError, path, WordSpan(input),
                    $"A .examples file holds only 'example' declarations; move this '{chunk.Keyword}' into a .policy file"));
                var declared = PolicyGrammar.DeclaredName(chunk.Keyword)(input);
                declarations.Add(new BrokenDeclaration(chunk.Keyword, declared.WasSuccessful ? declared.Value : null, WordSpan(input)));
                continue;
            }

            // Measured before the grammar runs, because the grammar recurses on the depth.
            var isExample = chunk.Keyword == ExampleKeyword;
            if (NestingLimit.FindExcess(text, chunk.Start, chunk.End, bracketsOnly: isExample) is { } excess)
            {
                diagnostics.Add(PolicyDiagnostic.Create(DiagnosticCatalog.NestedTooDeeply, path, SpanOf(text, chunk, excess.Start, excess.Length),
                    isExample
                        ? $"This claim nests more than {NestingLimit.MaxDepth} levels deep here: each bracket counts one"
                        : $"This expression nests more than {NestingLimit.MaxDepth} levels deep here: each bracket, 'not' and 'if', and each operator of a chain, counts one; give parts of it names with 'define'"));
                var named = PolicyGrammar.DeclaredName(chunk.Keyword)(input);
                declarations.Add(new BrokenDeclaration(chunk.Keyword, named.WasSuccessful ? named.Value : null, WordSpan(input)));
                continue;
            }

            var result = PolicyGrammar.Declarations[chunk.Keyword](input);
            if (result.WasSuccessful)
            {
                declarations.Add(result.Value);
            }
            else
            {
                diagnostics.Add(SyntaxError(path, result.Remainder, result.Expectations, chunk.Start));
                var name = PolicyGrammar.DeclaredName(chunk.Keyword)(input);
                declarations.Add(new BrokenDeclaration(chunk.Keyword, name.WasSuccessful ? name.Value : null, WordSpan(input)));
            }
        }

        return new PolicyFile(path, declarations.ToEquatableArray(), diagnostics.ToEquatableArray()) { Text = text };
    }

    /// <summary>Text before the first declaration may only be comments and blank lines.</summary>
    private static void ReportStray(string path, ChunkInput input, List<PolicyDiagnostic> diagnostics, IEnumerable<string> allowed)
    {
        var trivia = Lexical.Token(Sprache.Parse.Return(0)).ThenEnd()(input);
        if (!trivia.WasSuccessful)
        {
            var at = trivia.Remainder;
            var keywords = string.Join(", ", allowed.Select(k => "'" + k + "'"));
            var message = "Expected a declaration starting at the beginning of a line with " + (allowed.Count() == 1 ? keywords : "one of " + keywords) +
                          "; found " + Lexical.Describe(at);
            diagnostics.Add(PolicyDiagnostic.Create(DiagnosticCatalog.SyntaxError, path, WordSpan(at), message));
        }
    }

    private static PolicyDiagnostic SyntaxError(string path, IInput at, IEnumerable<string> expectations, int declarationStart)
    {
        var expected = Lexical.DescribeExpectations(expectations);
        var message = expected.Length == 0
            ? "Unexpected " + Lexical.Describe(at)
            : "Expected " + expected + "; found " + Lexical.Describe(at);

        // A declaration that ends too early is reported where its text ends, not at the start of
        // the next declaration (past blank lines and comments) where the parser noticed.
        var span = at.AtEnd ? EndOfText(at.Source, declarationStart, at.Position) : WordSpan(at);
        return PolicyDiagnostic.Create(DiagnosticCatalog.SyntaxError, path, span, message);
    }

    /// <summary>The empty span just after the last character of a declaration that is neither white space nor comment.</summary>
    private static SourceSpan EndOfText(string source, int start, int end)
    {
        var last = start;
        var inString = false;
        for (var i = start; i < end; i++)
        {
            var c = source[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"' || c == '\n')
                {
                    inString = false;
                }

                last = i + 1;
                continue;
            }

            if (c == '#')
            {
                while (i < end && source[i] != '\n')
                {
                    i++;
                }

                continue;
            }

            if (c == '"')
            {
                inString = true;
            }

            if (!char.IsWhiteSpace(c))
            {
                last = i + 1;
            }
        }

        var line = 1;
        var column = 1;
        for (var i = 0; i < last; i++)
        {
            if (source[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return new SourceSpan(last, 0, line, column, line, column);
    }

    /// <summary>The span of <c>text[start..start+length)</c>, a token on one line of the chunk.</summary>
    private static SourceSpan SpanOf(string text, Chunk chunk, int start, int length)
    {
        var line = chunk.Line;
        var lineStart = chunk.Start;
        for (var i = chunk.Start; i < start; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        var column = start - lineStart + 1;
        return new SourceSpan(start, length, line, column, line, column + length);
    }

    /// <summary>The span of the word (or character) where parsing stopped.</summary>
    private static SourceSpan WordSpan(IInput at)
    {
        var source = at.Source;
        var start = at.Position;
        var end = start;
        while (end < source.Length && (char.IsLetterOrDigit(source[end]) || source[end] == '_'))
        {
            end++;
        }

        if (end == start && start < source.Length && source[start] != '\n' && source[start] != '\r')
        {
            end++;
        }

        return new SourceSpan(start, end - start, at.Line, at.Column, at.Line, at.Column + (end - start));
    }

    private const string ExampleKeyword = "example";

    private readonly record struct Chunk(string? Keyword, int Start, int End, int Line);

    private static IEnumerable<Chunk> Split(string text)
    {
        string? keyword = null;
        var start = 0;
        var startLine = 1;
        var line = 1;
        var position = 0;
        while (position <= text.Length)
        {
            var lineKeyword = DeclarationKeywordAt(text, position);
            if (lineKeyword is not null)
            {
                if (position > start)
                {
                    yield return new Chunk(keyword, start, position, startLine);
                }

                keyword = lineKeyword;
                start = position;
                startLine = line;
            }

            var newline = text.IndexOf('\n', position);
            if (newline < 0)
            {
                break;
            }

            position = newline + 1;
            line++;
        }

        if (text.Length > start || keyword is not null)
        {
            yield return new Chunk(keyword, start, text.Length, startLine);
        }
    }

    private static string? DeclarationKeywordAt(string text, int lineStart)
    {
        var end = lineStart;
        while (end < text.Length && char.IsLetter(text[end]))
        {
            end++;
        }

        if (end == lineStart || (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_')))
        {
            return null;
        }

        var word = text.Substring(lineStart, end - lineStart);
        return PolicyGrammar.Declarations.ContainsKey(word) ? word : null;
    }
}
