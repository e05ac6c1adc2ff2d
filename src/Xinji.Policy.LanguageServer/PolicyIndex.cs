using System;
using System.Collections.Generic;
using System.Linq;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Driver;
using Xinji.Policy.Dsl.Syntax;
using Xinji.Policy.Dsl.Text;

namespace Xinji.Policy.LanguageServer;

internal enum SymbolKind
{
    Enum,
    EnumMember,
    Fact,
    Definition,
    Remedy,
    Requirement,
    Note,
    Clause,
}

/// <summary>A name the policy declares. Enum members are named <c>Enum.member</c> in <see cref="Key"/>.</summary>
internal sealed record PolicySymbol(SymbolKind Kind, string Name, string Key, string FilePath, Declaration Declaration)
{
    /// <summary>For an enum member, its enum.</summary>
    public string? Container { get; init; }
}

/// <summary>Where a symbol's name is written: its declaration, or a use of it.</summary>
internal sealed record Occurrence(string Key, string FilePath, int Start, int Length, bool IsDeclaration)
{
    public int End => Start + Length;
}

/// <summary>
/// Every declaration of a policy and every place its names are written, across the policy's files and
/// examples, read from the syntax so that it is there even while the policy does not bind.
/// </summary>
internal sealed class PolicyIndex
{
    private readonly Dictionary<string, PolicySymbol> _symbols = new(StringComparer.Ordinal);
    private readonly List<Occurrence> _occurrences = new();
    private readonly Dictionary<string, string> _factTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _enumsOfMember = new(StringComparer.Ordinal);
    private readonly BoundPolicy? _policy;

    public PolicyIndex(DriverResult result)
    {
        _policy = result.Policy;
        Files = result.Files;
        foreach (var file in result.Files)
        {
            Declare(file);
        }

        foreach (var file in result.Files)
        {
            foreach (var declaration in file.Declarations)
            {
                Refer(file, declaration);
            }
        }
    }

    public EquatableArray<PolicyFile> Files { get; }

    public IEnumerable<PolicySymbol> Symbols => _symbols.Values;

    public IReadOnlyList<Occurrence> Occurrences => _occurrences;

    public PolicySymbol? Symbol(string key) => _symbols.TryGetValue(key, out var symbol) ? symbol : null;

    public static string KeyOf(SymbolKind kind, string name) => kind + ":" + name;

    /// <summary>The occurrence under an offset of a file (its end counts, so a cursor just after a name finds it).</summary>
    public Occurrence? At(string filePath, int offset) =>
        _occurrences.FirstOrDefault(o => o.FilePath == filePath && o.Start <= offset && offset <= o.End);

    public IEnumerable<Occurrence> OccurrencesOf(string key) => _occurrences.Where(o => o.Key == key);

    /// <summary>The enum a fact or definition has as its type, when it has one.</summary>
    public string? EnumTypeOf(string name)
    {
        if (_factTypes.TryGetValue(name, out var type) && _symbols.ContainsKey(KeyOf(SymbolKind.Enum, type)))
        {
            return type;
        }

        var definition = _policy?.Definitions.FirstOrDefault(d => d.Name == name);
        return definition is not null && definition.Type.Kind == TypeKind.Enum ? definition.Type.EnumName : null;
    }

    public IEnumerable<PolicySymbol> OfKind(SymbolKind kind) => _symbols.Values.Where(s => s.Kind == kind);

    /// <summary>The clauses (and recitals) that name this clause in <c>exception to</c>: the clauses that override it.</summary>
    public IEnumerable<string> OverriddenBy(string clauseId) =>
        from file in Files
        from clause in file.Declarations.OfType<ClauseDeclaration>()
        where clause.ExceptionTo.Any(e => e.Text == clauseId)
        select clause.Id.Text;

    /// <summary>The section a declaration is in: the last <c>section</c> above it in its file.</summary>
    public string? SectionOf(string filePath, Declaration declaration)
    {
        var file = Files.FirstOrDefault(f => f.Path == filePath);
        return file?.Declarations.TakeWhile(d => !ReferenceEquals(d, declaration)).OfType<SectionDeclaration>().LastOrDefault()?.Title.Value;
    }

    private void Declare(PolicyFile file)
    {
        foreach (var declaration in file.Declarations)
        {
            switch (declaration)
            {
                case EnumDeclaration e:
                    Add(SymbolKind.Enum, e.Name, file.Path, e);
                    foreach (var member in e.Members)
                    {
                        Add(SymbolKind.EnumMember, member, file.Path, e, e.Name.Text);
                        if (!_enumsOfMember.TryGetValue(member.Text, out var enums))
                        {
                            _enumsOfMember[member.Text] = enums = new List<string>();
                        }

                        enums.Add(e.Name.Text);
                    }

                    break;
                case FactDeclaration f:
                    Add(SymbolKind.Fact, f.Name, file.Path, f);
                    _factTypes[f.Name.Text] = f.Type.Name;
                    break;
                case DefineDeclaration d:
                    Add(SymbolKind.Definition, d.Name, file.Path, d);
                    break;
                case OutcomeDeclaration o:
                    Add(o.Kind switch
                    {
                        OutcomeKind.Remedy => SymbolKind.Remedy,
                        OutcomeKind.Requirement => SymbolKind.Requirement,
                        _ => SymbolKind.Note,
                    }, o.Name, file.Path, o);
                    break;
                case ClauseDeclaration c:
                    Add(SymbolKind.Clause, c.Id, file.Path, c);
                    break;
                case RecitalDeclaration r:
                    Add(SymbolKind.Clause, r.Id, file.Path, r);
                    break;
            }
        }
    }

    private void Add(SymbolKind kind, Name name, string filePath, Declaration declaration, string? container = null)
    {
        var key = KeyOf(kind, container is null ? name.Text : container + "." + name.Text);
        if (!_symbols.ContainsKey(key))
        {
            _symbols[key] = new PolicySymbol(kind, name.Text, key, filePath, declaration) { Container = container };
        }

        _occurrences.Add(new Occurrence(key, filePath, name.Span.Start, name.Span.Length, IsDeclaration: true));
    }

    private void Refer(PolicyFile file, Declaration declaration)
    {
        switch (declaration)
        {
            case FactDeclaration f:
                ReferType(file, f.Type);
                Expression(file, f.Default, _factTypes.TryGetValue(f.Name.Text, out var type) ? type : null);
                break;
            case DefineDeclaration d:
                Expression(file, d.Value, null);
                break;
            case WarrantyDeclaration w:
                Expression(file, w.Start, null);
                Expression(file, w.End, null);
                Expression(file, w.Active, null);
                break;
            case RejectDeclaration r:
                Use(SymbolKind.Fact, r.Field, file.Path);
                Expression(file, r.Condition, null);
                break;
            case ClauseDeclaration c:
                foreach (var id in c.ExceptionTo)
                {
                    Use(SymbolKind.Clause, id, file.Path);
                }

                Expression(file, c.Condition, null);
                foreach (var effect in c.Effects)
                {
                    var kind = effect.Kind switch
                    {
                        EffectKind.Remedy => SymbolKind.Remedy,
                        EffectKind.Require => SymbolKind.Requirement,
                        EffectKind.Note => SymbolKind.Note,
                        _ => (SymbolKind?)null,
                    };
                    if (kind is { } k)
                    {
                        foreach (var item in effect.Items)
                        {
                            Use(k, item, file.Path);
                        }
                    }
                }

                break;
            case ExampleDeclaration x:
                Claim(file, x.Claim);
                Expectation(file, x.Expectation);
                break;
        }
    }

    private void ReferType(PolicyFile file, TypeSyntax type)
    {
        // The span covers 'optional ' too; the name is its last word.
        var start = type.Span.End - type.Name.Length;
        if (start >= 0 && type.Span.End <= file.Text.Length && string.CompareOrdinal(file.Text, start, type.Name, 0, type.Name.Length) == 0
            && _symbols.ContainsKey(KeyOf(SymbolKind.Enum, type.Name)))
        {
            _occurrences.Add(new Occurrence(KeyOf(SymbolKind.Enum, type.Name), file.Path, start, type.Name.Length, IsDeclaration: false));
        }
    }

    private void Expectation(PolicyFile file, ExpectationSyntax expectation)
    {
        switch (expectation)
        {
            case InvalidExpectationSyntax invalid:
                Use(SymbolKind.Fact, invalid.Field, file.Path);
                break;
            case DecisionExpectationSyntax decision:
                List(file, decision.Remedies, SymbolKind.Remedy);
                List(file, decision.Cites, SymbolKind.Clause);
                List(file, decision.Requirements, SymbolKind.Requirement);
                List(file, decision.Notes, SymbolKind.Note);
                foreach (var whatIf in decision.WhatIfs?.Items ?? EquatableArray<WhatIfSyntax>.Empty)
                {
                    WhatIf(file, whatIf);
                }

                break;
        }
    }

    /// <summary>A what-if names facts, their new enum members, and clauses.</summary>
    private void WhatIf(PolicyFile file, WhatIfSyntax whatIf)
    {
        foreach (var change in whatIf.Changes)
        {
            Use(SymbolKind.Fact, change.Fact, file.Path);
            if (change.Value is { } value && _factTypes.TryGetValue(change.Fact.Text, out var type))
            {
                UseName(value.Text, value.Span, file.Path, type);
            }
        }

        foreach (var id in whatIf.DecidedBy.Concat(whatIf.NoLongerDecidedBy))
        {
            Use(SymbolKind.Clause, id, file.Path);
        }
    }

    private void List(PolicyFile file, ExpectedListSyntax? list, SymbolKind kind)
    {
        foreach (var item in list?.Items ?? EquatableArray<Name>.Empty)
        {
            Use(kind, item, file.Path);
        }
    }

    /// <summary>A claim's field names are facts; a string value of an enum-typed fact is a member of its enum.</summary>
    private void Claim(PolicyFile file, ClaimSyntax claim)
    {
        var text = file.Text;
        foreach (var field in claim.Fields)
        {
            Use(SymbolKind.Fact, field, file.Path);
            if (!_factTypes.TryGetValue(field.Text, out var enumName))
            {
                continue;
            }

            var i = field.Span.End;
            i = Skip(text, i, '"');
            if (i >= text.Length || text[i] != ':')
            {
                continue;
            }

            i = Skip(text, i + 1, ' ');
            if (i >= text.Length || text[i] != '"')
            {
                continue;
            }

            var close = text.IndexOf('"', i + 1);
            if (close < 0 || close > claim.Span.End)
            {
                continue;
            }

            var value = text.Substring(i + 1, close - i - 1);
            var key = KeyOf(SymbolKind.EnumMember, enumName + "." + value);
            if (_symbols.ContainsKey(key))
            {
                _occurrences.Add(new Occurrence(key, file.Path, i + 1, value.Length, IsDeclaration: false));
            }
        }
    }

    private static int Skip(string text, int i, char also)
    {
        while (i < text.Length && (text[i] == also || char.IsWhiteSpace(text[i])))
        {
            i++;
        }

        return i;
    }

    private void Use(SymbolKind kind, Name name, string filePath)
    {
        var key = KeyOf(kind, name.Text);
        if (_symbols.ContainsKey(key))
        {
            _occurrences.Add(new Occurrence(key, filePath, name.Span.Start, name.Span.Length, IsDeclaration: false));
        }
    }

    private void UseName(string name, SourceSpan span, string filePath, string? expectedEnum)
    {
        string? key = null;
        if (expectedEnum is not null && _symbols.ContainsKey(KeyOf(SymbolKind.EnumMember, expectedEnum + "." + name)))
        {
            key = KeyOf(SymbolKind.EnumMember, expectedEnum + "." + name);
        }
        else if (_symbols.ContainsKey(KeyOf(SymbolKind.Fact, name)))
        {
            key = KeyOf(SymbolKind.Fact, name);
        }
        else if (_symbols.ContainsKey(KeyOf(SymbolKind.Definition, name)))
        {
            key = KeyOf(SymbolKind.Definition, name);
        }
        else if (_enumsOfMember.TryGetValue(name, out var enums))
        {
            key = KeyOf(SymbolKind.EnumMember, enums[0] + "." + name);
        }

        if (key is not null)
        {
            _occurrences.Add(new Occurrence(key, filePath, span.Start, span.Length, IsDeclaration: false));
        }
    }

    /// <summary>The enum an expression's value belongs to, when it is a plain name of an enum-typed fact or definition.</summary>
    private string? EnumOf(Expression expression) => expression is NameExpression n ? EnumTypeOf(n.Name) : null;

    // Recursive: the parser refuses expressions nested deeper than its limit before they get here.
    private void Expression(PolicyFile file, Expression? expression, string? expectedEnum)
    {
        switch (expression)
        {
            case null:
                return;
            case NameExpression n:
                UseName(n.Name, n.Span, file.Path, expectedEnum);
                break;
            case NotExpression not:
                Expression(file, not.Operand, null);
                break;
            case BinaryExpression b:
                Expression(file, b.Left, null);
                Expression(file, b.Right, null);
                break;
            case IsExpression i:
                Expression(file, i.Left, null);
                Expression(file, i.Right, EnumOf(i.Left));
                break;
            case PresenceExpression p:
                Expression(file, p.Operand, null);
                break;
            case InExpression @in:
                Expression(file, @in.Left, null);
                var enumName = EnumOf(@in.Left);
                foreach (var member in @in.Members)
                {
                    UseName(member.Text, member.Span, file.Path, enumName);
                }

                break;
            case ShiftExpression s:
                Expression(file, s.Date, null);
                break;
            case CountedShiftExpression c:
                Expression(file, c.Count, null);
                break;
            case CallExpression call:
                foreach (var argument in call.Arguments)
                {
                    Expression(file, argument, null);
                }

                break;
            case IfExpression conditional:
                Expression(file, conditional.Condition, null);
                Expression(file, conditional.Then, expectedEnum);
                Expression(file, conditional.Else, expectedEnum);
                break;
        }
    }
}
