using System;
using System.Collections.Generic;
using System.Linq;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Driver;
using Xinji.Policy.Dsl.Syntax;

namespace Xinji.Policy.Testing;

/// <summary>
/// Test policies quote sentences because the language asks every clause for one, not to test the quote
/// check; yet quotes need a source document (XP0131). This names one on the header's own line, which moves
/// no line and no column after the header, and makes that document of exactly the sentences quoted.
/// Tests of the quote check itself (XP0111, XP0130, XP0131) use their texts as written instead.
/// </summary>
internal static class QuotedSentences
{
    public const string DocumentName = "quoted-sentences.txt";

    /// <summary>The one-file form of <see cref="Attach(IReadOnlyDictionary{string, string})"/>.</summary>
    public static (string Text, (string Path, string Text)? Document) Attach(string path, string text)
    {
        var (texts, document) = Attach(new Dictionary<string, string>(StringComparer.Ordinal) { [path] = text });
        return (texts[path], document);
    }

    /// <summary>Parses and binds one policy file as <see cref="PolicyBinder.Bind"/> does, its quotes checked against the document of its quoted sentences.</summary>
    public static BindingResult Bind(string path, string text)
    {
        var (attached, document) = Attach(path, text);
        return PolicyBinder.Bind(new[] { PolicyParser.Parse(path, attached) }, Documents(document));
    }

    /// <summary>Parses and binds a policy's files as <see cref="PolicyBinder.Bind"/> does, its quotes checked against the document of its quoted sentences.</summary>
    public static BindingResult Bind(params (string Path, string Text)[] files)
    {
        var (texts, document) = Attach(files.ToDictionary(f => f.Path, f => f.Text, StringComparer.Ordinal));
        return PolicyBinder.Bind(files.Select(f => PolicyParser.Parse(f.Path, texts[f.Path])).ToList(), Documents(document));
    }

    /// <summary>A driver's input of the policy's files and the document of its quoted sentences.</summary>
    public static DriverInput Input(IEnumerable<(string Path, string Text)> files, bool analyze = true)
    {
        var list = files.ToList();
        var (texts, document) = Attach(list.Where(f => PolicyDriver.IsPolicyFile(f.Path)).ToDictionary(f => f.Path, f => f.Text, StringComparer.Ordinal));
        var inputs = list.Select(f => new InputFile(f.Path, texts.TryGetValue(f.Path, out var text) ? text : f.Text));
        return new DriverInput(inputs, InputFiles(document), analyze);
    }

    /// <summary>The documents of a driver's input for a document <see cref="Attach(string, string)"/> made.</summary>
    public static InputFile[] InputFiles((string Path, string Text)? document) =>
        document is { } d ? new[] { new InputFile(d.Path, d.Text) } : Array.Empty<InputFile>();

    /// <summary>Writes a policy file, and beside it the document of the sentences it quotes when it names none.</summary>
    public static void Write(string path, string text)
    {
        var (attached, document) = Attach(path, text);
        System.IO.File.WriteAllText(path, attached);
        if (document is { } d)
        {
            System.IO.File.WriteAllText(d.Path, d.Text);
        }
    }

    /// <summary>The documents argument of <see cref="PolicyBinder.Bind"/> for a document <see cref="Attach(string, string)"/> made.</summary>
    public static Dictionary<string, string> Documents((string Path, string Text)? document) =>
        document is { } d
            ? new Dictionary<string, string>(StringComparer.Ordinal) { [System.IO.Path.GetFullPath(d.Path)] = d.Text }
            : new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// The policy's files with the header naming <see cref="DocumentName"/>, and that document's path
    /// (next to the header's file, as a user would write it) and text. Files that name a source already, quote nothing or have no
    /// header come back as they were, with no document.
    /// </summary>
    public static (Dictionary<string, string> Texts, (string Path, string Text)? Document) Attach(IReadOnlyDictionary<string, string> texts)
    {
        var result = texts.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        var parsed = texts.Select(t => PolicyParser.Parse(t.Key, t.Value)).ToList();
        var headers = parsed.SelectMany(f => f.Declarations.OfType<PolicyHeaderDeclaration>().Select(h => (File: f.Path, Header: h))).ToList();
        var quotes = parsed.SelectMany(f => f.Declarations).SelectMany(QuotesOf).ToList();
        if (headers.Count != 1 || headers[0].Header.Source is not null || quotes.Count == 0)
        {
            return (result, null);
        }

        var (file, header) = headers[0];
        var end = header.Document.Span.End;
        result[file] = texts[file].Substring(0, end) + $" source \"{DocumentName}\"" + texts[file].Substring(end);
        var document = string.Join("\n", quotes.Distinct(StringComparer.Ordinal)) + "\n";
        var directoryEnd = Math.Max(file.LastIndexOf('/'), file.LastIndexOf('\\'));
        return (result, (file.Substring(0, directoryEnd + 1) + DocumentName, document));
    }

    private static IEnumerable<string> QuotesOf(Declaration declaration) => declaration switch
    {
        ClauseDeclaration clause => clause.Quotes.Select(q => q.Value),
        RecitalDeclaration recital => recital.Quotes.Select(q => q.Value),
        DefineDeclaration definition => definition.Quotes.Select(q => q.Value),
        _ => Array.Empty<string>(),
    };
}
