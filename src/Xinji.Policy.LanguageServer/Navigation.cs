using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Xinji.Policy.Dsl.Syntax;
using Xinji.Policy.LanguageServer.Protocol;
using Range = Xinji.Policy.LanguageServer.Protocol.Range;

namespace Xinji.Policy.LanguageServer;

/// <summary>Go to definition, find references, rename and the outline: all read from <see cref="PolicyIndex"/>.</summary>
internal static partial class Navigation
{
    public static Occurrence? At(PolicySnapshot snapshot, string path, Position position) =>
        snapshot.Index.At(path, snapshot.Lines(path).Offset(position));

    public static Location? Definition(PolicySnapshot snapshot, string path, Position position, Func<string, string> uriOf)
    {
        if (At(snapshot, path, position) is not { } occurrence)
        {
            return null;
        }

        var declaration = snapshot.Index.OccurrencesOf(occurrence.Key).FirstOrDefault(o => o.IsDeclaration);
        return declaration is null ? null : Locate(snapshot, declaration, uriOf);
    }

    public static IReadOnlyList<Location> References(PolicySnapshot snapshot, string path, Position position, bool includeDeclaration, Func<string, string> uriOf)
    {
        if (At(snapshot, path, position) is not { } occurrence)
        {
            return Array.Empty<Location>();
        }

        return snapshot.Index.OccurrencesOf(occurrence.Key)
            .Where(o => includeDeclaration || !o.IsDeclaration)
            .Select(o => Locate(snapshot, o, uriOf))
            .ToList();
    }

    public static Location Locate(PolicySnapshot snapshot, Occurrence occurrence, Func<string, string> uriOf) =>
        new(uriOf(occurrence.FilePath), snapshot.Lines(occurrence.FilePath).Range(occurrence.Start, occurrence.End));

    /// <summary>The kinds a rename may change: what the issue lists, and the outcomes, whose names work alike.</summary>
    private static readonly HashSet<SymbolKind> Renamable = new()
    {
        SymbolKind.Clause, SymbolKind.Fact, SymbolKind.Definition, SymbolKind.EnumMember, SymbolKind.Enum,
        SymbolKind.Remedy, SymbolKind.Requirement, SymbolKind.Note,
    };

    /// <summary>Words the language reads, which no name may take.</summary>
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "not", "is", "in", "known", "true", "false", "if", "then", "else", "always", "when", "day", "days",
        "month", "months", "year", "years", "coverage", "free", "paid", "optional", "bool", "int", "date", "earliest", "latest",
    };

    /// <summary>The range of the name a rename at this position would change, or why there is none.</summary>
    public static (Range? Range, string? Refusal) PrepareRename(PolicySnapshot snapshot, string path, Position position)
    {
        if (At(snapshot, path, position) is not { } occurrence || snapshot.Index.Symbol(occurrence.Key) is not { } symbol)
        {
            return (null, "There is no name here to rename.");
        }

        if (!Renamable.Contains(symbol.Kind))
        {
            return (null, $"A {symbol.Kind} cannot be renamed.");
        }

        return (snapshot.Lines(path).Range(occurrence.Start, occurrence.End), null);
    }

    /// <summary>The edits that rename the name at the position everywhere, or why the rename is refused.</summary>
    public static (WorkspaceEdit? Edit, string? Refusal) Rename(PolicySnapshot snapshot, string path, Position position, string newName, Func<string, string> uriOf)
    {
        var (range, refusal) = PrepareRename(snapshot, path, position);
        if (range is null)
        {
            return (null, refusal);
        }

        var occurrence = At(snapshot, path, position)!;
        var symbol = snapshot.Index.Symbol(occurrence.Key)!;
        newName ??= string.Empty;
        var valid = symbol.Kind == SymbolKind.Clause ? ClauseIdPattern().IsMatch(newName) : IdentifierPattern().IsMatch(newName);
        if (!valid || Keywords.Contains(newName))
        {
            return (null, symbol.Kind == SymbolKind.Clause
                ? $"'{newName}' is not a clause id: letters, digits and '-', starting with a letter."
                : $"'{newName}' is not a name: a letter, then letters, digits or '_', and not a word of the language.");
        }

        if (newName == symbol.Name)
        {
            return (new WorkspaceEdit(new Dictionary<string, IReadOnlyList<TextEdit>>()), null);
        }

        if (Collision(snapshot.Index, symbol, newName) is { } taken)
        {
            return (null, $"'{newName}' is taken: it already names {taken}.");
        }

        var changes = snapshot.Index.OccurrencesOf(symbol.Key)
            .GroupBy(o => o.FilePath, StringComparer.Ordinal)
            .ToDictionary(
                g => uriOf(g.Key),
                g => (IReadOnlyList<TextEdit>)g.Select(o => new TextEdit(snapshot.Lines(g.Key).Range(o.Start, o.End), newName)).ToList(),
                StringComparer.Ordinal);
        return (new WorkspaceEdit(changes), null);
    }

    /// <summary>
    /// What the new name already names where the symbol's name is read: clause ids among clauses and
    /// recitals; facts, definitions and enum values in expressions (and a member among its enum's);
    /// enums among enums; outcomes among outcomes of their kind.
    /// </summary>
    private static string? Collision(PolicyIndex index, PolicySymbol symbol, string newName)
    {
        IEnumerable<PolicySymbol> rivals = symbol.Kind switch
        {
            SymbolKind.Clause => index.OfKind(SymbolKind.Clause),
            SymbolKind.Enum => index.OfKind(SymbolKind.Enum),
            SymbolKind.Remedy or SymbolKind.Requirement or SymbolKind.Note => index.OfKind(symbol.Kind),
            _ => index.Symbols.Where(s => s.Kind is SymbolKind.Fact or SymbolKind.Definition or SymbolKind.EnumMember),
        };
        var taken = rivals.FirstOrDefault(s => s.Name == newName);
        return taken is null ? null : Describe(taken);
    }

    private static string Describe(PolicySymbol symbol) => symbol.Kind switch
    {
        SymbolKind.EnumMember => $"a value of {symbol.Container}",
        SymbolKind.Clause => $"clause {symbol.Name}",
        _ => $"the {symbol.Kind.ToString().ToLowerInvariant()} {symbol.Name}",
    };

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ClauseIdPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierPattern();

    /// <summary>The outline of one file: sections holding their clauses and recitals, then the vocabulary's declarations.</summary>
    public static IReadOnlyList<DocumentSymbol> Outline(PolicySnapshot snapshot, string path)
    {
        var file = snapshot.Result.Files.FirstOrDefault(f => f.Path == path);
        if (file is null)
        {
            return Array.Empty<DocumentSymbol>();
        }

        var lines = snapshot.Lines(path);
        var top = new List<DocumentSymbol>();
        List<DocumentSymbol>? section = null;
        foreach (var declaration in file.Declarations)
        {
            var range = lines.Range(declaration.Span);
            DocumentSymbol? item = declaration switch
            {
                EnumDeclaration e => new DocumentSymbol(e.Name.Text, "enum", Protocol.SymbolKind.Enum, range, lines.Range(e.Name.Span),
                    e.Members.Select(m => new DocumentSymbol(m.Text, null, Protocol.SymbolKind.EnumMember, lines.Range(m.Span), lines.Range(m.Span), null)).ToList()),
                FactDeclaration f => new DocumentSymbol(f.Name.Text, Hovers.Written(file.Text, f.Type.Span), Protocol.SymbolKind.Field, range, lines.Range(f.Name.Span), null),
                DefineDeclaration d => new DocumentSymbol(d.Name.Text, "define", Protocol.SymbolKind.Function, range, lines.Range(d.Name.Span), null),
                OutcomeDeclaration o => new DocumentSymbol(o.Name.Text, o.Kind.ToString().ToLowerInvariant(), Protocol.SymbolKind.Constant, range, lines.Range(o.Name.Span), null),
                ClauseDeclaration c => new DocumentSymbol(c.Id.Text, "clause", Protocol.SymbolKind.Event, range, lines.Range(c.Id.Span), null),
                RecitalDeclaration r => new DocumentSymbol(r.Id.Text, "recital", Protocol.SymbolKind.String, range, lines.Range(r.Id.Span), null),
                ExampleDeclaration x => new DocumentSymbol(x.Name.Value, "example", Protocol.SymbolKind.Object, range, lines.Range(x.Name.Span), null),
                _ => null,
            };

            if (declaration is SectionDeclaration s)
            {
                section = new List<DocumentSymbol>();
                top.Add(new DocumentSymbol(s.Title.Value, "section", Protocol.SymbolKind.Namespace, range, lines.Range(s.Title.Span), section));
            }
            else if (item is not null)
            {
                (section is not null && declaration is ClauseDeclaration or RecitalDeclaration ? section : top).Add(item);
            }
        }

        // A section's range runs from its heading to its last clause, so the outline nests as the text does.
        for (var i = 0; i < top.Count; i++)
        {
            if (top[i] is { Kind: Protocol.SymbolKind.Namespace, Children: { Count: > 0 } children })
            {
                top[i] = top[i] with { Range = new Range(top[i].Range.Start, children[children.Count - 1].Range.End) };
            }
        }

        return top;
    }
}
