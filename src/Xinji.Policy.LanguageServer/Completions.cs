using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Syntax;
using Xinji.Policy.LanguageServer.Protocol;
using Range = Xinji.Policy.LanguageServer.Protocol.Range;

namespace Xinji.Policy.LanguageServer;

/// <summary>
/// What may be written at the cursor, read from the line before it: document sentences in a quote,
/// clause ids after <c>exception to</c> and <c>cites</c>, enum values after <c>is</c> and <c>in {</c>,
/// and otherwise the keywords that fit there with the fact and definition names.
/// </summary>
internal static partial class Completions
{
    private static readonly string[] DeclarationKeywords =
    {
        "policy", "enum", "fact", "define", "remedy", "requirement", "note", "warranty", "reject", "section", "clause", "recital", "example",
    };

    private static readonly string[] ClauseKeywords = { "quote", "exception to", "when", "always", "then", "because" };

    private static readonly string[] ExpressionKeywords =
    {
        "and", "or", "not", "is", "in", "known", "true", "false", "if", "then", "else", "earliest", "latest", "days", "months", "years",
        "free", "paid", "remedy", "require", "note",
    };

    public static CompletionList At(PolicySnapshot snapshot, string path, Position position)
    {
        var text = snapshot.Text(path) ?? string.Empty;
        var lines = snapshot.Lines(path);
        var offset = lines.Offset(position);
        var lineStart = lines.LineStart(position.Line);
        var before = text.Substring(lineStart, Math.Max(0, offset - lineStart));
        var index = snapshot.Index;

        if (QuoteOpen().Match(before) is { Success: true } quote)
        {
            var start = lines.Position(lineStart + quote.Groups["text"].Index);
            return new CompletionList(false, Sentences(snapshot, new Range(start, position), text, offset));
        }

        if (ClauseIdList().IsMatch(before))
        {
            var current = CurrentClause(snapshot, path, offset);
            return List(index.OfKind(SymbolKind.Clause).Where(c => c.Name != current).Select(c =>
                new CompletionItem(c.Name, CompletionItemKind.Reference) { Detail = FirstQuote(c.Declaration) }));
        }

        if (EnumValue().Match(before) is { Success: true } value)
        {
            var enumName = index.EnumTypeOf(value.Groups["left"].Value);
            var members = index.OfKind(SymbolKind.EnumMember).Where(m => enumName is null || m.Container == enumName)
                .Select(m => new CompletionItem(m.Name, CompletionItemKind.EnumMember) { Detail = m.Container });
            if (value.Groups["brace"].Success)
            {
                return List(members);
            }

            return List(members.Concat(new[] { Keyword("not", "1"), Keyword("known", "1") }));
        }

        if (before.Trim().Length == before.Length)
        {
            // At the start of a line: a declaration begins here.
            return List(DeclarationKeywords.Select(k => Keyword(k, "0")));
        }

        if (before.TrimStart().IndexOf(' ', StringComparison.Ordinal) < 0)
        {
            // The first word of an indented line: a part of a clause, or a continuation.
            return List(ClauseKeywords.Select(k => Keyword(k, "0")).Concat(Names(index)));
        }

        return List(Names(index).Concat(ExpressionKeywords.Select(k => Keyword(k, "1"))));
    }

    private static CompletionList List(IEnumerable<CompletionItem> items) =>
        new(false, items.GroupBy(i => i.Label, StringComparer.Ordinal).Select(g => g.First()).ToList());

    private static CompletionItem Keyword(string word, string rank) => new(word, CompletionItemKind.Keyword) { SortText = rank + word };

    private static IEnumerable<CompletionItem> Names(PolicyIndex index) =>
        index.Symbols.Where(s => s.Kind is SymbolKind.Fact or SymbolKind.Definition)
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => new CompletionItem(s.Name, s.Kind == SymbolKind.Fact ? CompletionItemKind.Field : CompletionItemKind.Variable)
            {
                Detail = s.Kind == SymbolKind.Fact ? "fact" : "define",
                SortText = "0" + s.Name,
            });

    private static string? CurrentClause(PolicySnapshot snapshot, string path, int offset) =>
        snapshot.Result.Files.FirstOrDefault(f => f.Path == path)?.Declarations.OfType<ClauseDeclaration>()
            .FirstOrDefault(c => c.Span.Start <= offset && offset <= c.Span.End + 1)?.Id.Text;

    private static string? FirstQuote(Declaration declaration) => declaration switch
    {
        ClauseDeclaration { Quotes.Count: > 0 } c => c.Quotes[0].Value,
        RecitalDeclaration { Quotes.Count: > 0 } r => r.Quotes[0].Value,
        _ => null,
    };

    /// <summary>The document's sentences, the ones no clause, recital or definition quotes yet first.</summary>
    private static List<CompletionItem> Sentences(PolicySnapshot snapshot, Range replaced, string text, int offset)
    {
        if (snapshot.DocumentText is not { } document)
        {
            return new List<CompletionItem>();
        }

        var quoted = snapshot.Result.Files.SelectMany(f => f.Declarations).SelectMany(d => d switch
        {
            ClauseDeclaration c => c.Quotes,
            RecitalDeclaration r => r.Quotes,
            DefineDeclaration x => x.Quotes,
            _ => Enumerable.Empty<StringLiteral>(),
        }).Select(q => SourceDocument.Normalize(q.Value)).Where(q => q.Length > 0).ToList();

        // Close the quote unless the text already does.
        var closes = offset < text.Length && text[offset] == '"';
        var items = new List<CompletionItem>();
        var number = 0;
        foreach (var sentence in SplitSentences(document))
        {
            var isQuoted = quoted.Any(q => sentence.Contains(q, StringComparison.Ordinal) || q.Contains(sentence, StringComparison.Ordinal));
            number++;
            items.Add(new CompletionItem(sentence, CompletionItemKind.Text)
            {
                Detail = isQuoted ? "quoted already" : "not quoted yet",
                SortText = (isQuoted ? "1" : "0") + number.ToString("D4", CultureInfo.InvariantCulture),
                FilterText = sentence,
                TextEdit = new TextEdit(replaced, sentence.Replace("\"", "\\\"", StringComparison.Ordinal) + (closes ? string.Empty : "\"")),
            });
        }

        return items;
    }

    /// <summary>The document's sentences, white space normalized as quotes are compared: each paragraph split after '.', '!' or '?'.</summary>
    public static IEnumerable<string> SplitSentences(string document) =>
        document.Split('\n')
            .SelectMany(paragraph => SentenceEnd().Split(SourceDocument.Normalize(paragraph)))
            .Select(s => s.Trim())
            .Where(s => s.Length > 0)
            .Distinct(StringComparer.Ordinal);

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[A-Z])", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceEnd();

    [GeneratedRegex("""(^|\s)quote\s+"(?<text>(?:[^"\\]|\\.)*)$""", RegexOptions.CultureInvariant)]
    private static partial Regex QuoteOpen();

    [GeneratedRegex(@"(\bexception\s+to|^\s*cites(\s+at\s+least)?)\s+([A-Za-z0-9-]+\s*,\s*)*[A-Za-z0-9-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ClauseIdList();

    [GeneratedRegex(@"(?<left>[A-Za-z_][A-Za-z0-9_]*)\s+((is(\s+not)?\s+)|((not\s+)?in\s*(?<brace>\{)([A-Za-z0-9_]+\s*,\s*)*))[A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex EnumValue();
}
