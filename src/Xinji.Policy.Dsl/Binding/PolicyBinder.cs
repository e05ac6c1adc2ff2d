using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Xinji.Policy.Dsl.Diagnostics;
using Xinji.Policy.Dsl.Syntax;
using Xinji.Policy.Dsl.Text;

namespace Xinji.Policy.Dsl.Binding;

/// <param name="Policy">The bound policy; null when anything is in error.</param>
/// <param name="Vocabulary">What bound of the policy's words (header, enums, facts, outcomes), even with
/// errors elsewhere: enough for the generator to emit the policy's types as a compiling shell.</param>
public sealed record BindingResult(BoundPolicy? Policy, PolicyVocabulary? Vocabulary, EquatableArray<PolicyDiagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == PolicySeverity.Error);
}

/// <summary>
/// Binds the files of one policy (they share one name space, like partial classes): resolves
/// names, checks types, orders definitions and clauses, and checks quotes against the document.
/// </summary>
public sealed partial class PolicyBinder
{
    private readonly List<PolicyDiagnostic> _diagnostics = new();
    private readonly Dictionary<string, EnumSymbol> _enums = new(StringComparer.Ordinal);
    private readonly List<EnumSymbol> _enumOrder = new();
    private readonly Dictionary<string, FactSymbol> _facts = new(StringComparer.Ordinal);
    private readonly List<FactSymbol> _factOrder = new();
    private readonly Dictionary<string, (DefineDeclaration Syntax, string File)> _definitionSyntax = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DefinitionSymbol?> _definitions = new(StringComparer.Ordinal);
    private readonly List<DefinitionSymbol> _definitionOrder = new();
    private readonly HashSet<string> _definitionsInProgress = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string File, SourceSpan Span)> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<OutcomeKind, List<OutcomeSymbol>> _outcomes = new()
    {
        [OutcomeKind.Remedy] = new List<OutcomeSymbol>(),
        [OutcomeKind.Requirement] = new List<OutcomeSymbol>(),
        [OutcomeKind.Note] = new List<OutcomeSymbol>(),
    };

    private readonly Dictionary<OutcomeKind, HashSet<string>> _outcomeNames = new();

    private readonly HashSet<string> _brokenNames = new(StringComparer.Ordinal);

    private string _file = string.Empty;
    private PolicyVocabulary? _vocabulary;

    /// <summary>Where a problem of a whole file is reported: its first line.</summary>
    private static readonly SourceSpan FileStart = new(0, 0, 1, 1, 1, 1);

    private PolicyBinder()
    {
        _enums[BuiltIns.CoverageEnum] = new EnumSymbol(
            BuiltIns.CoverageEnum,
            new[] { BuiltIns.Free, BuiltIns.Paid }.ToEquatableArray(),
            "Whether the warranty covers the claim free of charge, or the claim is paid for.",
            new SourceLocation(string.Empty, default));
    }

    /// <param name="files">The parsed files of the policy.</param>
    /// <param name="documents">Texts of source documents by full path; quotes are checked against the one the header names.</param>
    public static BindingResult Bind(IReadOnlyList<PolicyFile> files, IReadOnlyDictionary<string, string>? documents = null)
    {
        var binder = new PolicyBinder();
        var policy = binder.BindFiles(files, documents ?? new Dictionary<string, string>());
        var diagnostics = files.SelectMany(f => f.Diagnostics).Concat(binder._diagnostics).ToEquatableArray();
        var hasErrors = diagnostics.Any(d => d.Severity == PolicySeverity.Error);
        return new BindingResult(hasErrors ? null : policy, binder._vocabulary, diagnostics);
    }

    private void Report(DiagnosticDescriptorInfo descriptor, SourceSpan span, params object[] args) =>
        _diagnostics.Add(PolicyDiagnostic.Create(descriptor, _file, span, args));

    private void ReportIn(string file, DiagnosticDescriptorInfo descriptor, SourceSpan span, params object[] args) =>
        _diagnostics.Add(PolicyDiagnostic.Create(descriptor, file, span, args));

    private SourceLocation Here(SourceSpan span) => new(_file, span);

    /// <summary>What a declaration is, as its keyword says it, for messages about it.</summary>
    private static string KindName(Declaration declaration) => declaration switch
    {
        PolicyHeaderDeclaration => "the policy header",
        EnumDeclaration => "an enum",
        DefineDeclaration => "a definition",
        OutcomeDeclaration { Kind: OutcomeKind.Remedy } => "a remedy",
        OutcomeDeclaration { Kind: OutcomeKind.Requirement } => "a requirement",
        OutcomeDeclaration => "a note",
        WarrantyDeclaration => "the warranty declaration",
        RejectDeclaration => "a rejection",
        SectionDeclaration => "a section",
        ClauseDeclaration => "a clause",
        RecitalDeclaration => "a recital",
        _ => "this declaration",
    };

    private bool Declare(Name name)
    {
        if (_names.TryGetValue(name.Text, out var existing))
        {
            Report(DiagnosticCatalog.DuplicateName, name.Span, name.Text, LineOf(existing.File, existing.Span));
            return false;
        }

        _names[name.Text] = (_file, name.Span);
        return true;
    }

    private string LineOf(string file, SourceSpan span) =>
        file == _file ? span.Line.ToString(System.Globalization.CultureInfo.InvariantCulture) : span.Line + " of " + file;

    private BoundPolicy? BindFiles(IReadOnlyList<PolicyFile> files, IReadOnlyDictionary<string, string> documents)
    {
        var ordered = files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();

        // Pass 1: the vocabulary (enums and outcomes) so facts and clauses can name them in any order.
        PolicyHeaderDeclaration? header = null;
        string headerFile = string.Empty;
        foreach (var file in ordered)
        {
            _file = file.Path;
            foreach (var declaration in file.Declarations)
            {
                if (declaration is not FactDeclaration && declaration.ProvableMark is { } mark)
                {
                    Report(DiagnosticCatalog.MisplacedProvableMark, mark, KindName(declaration));
                }

                switch (declaration)
                {
                    case PolicyHeaderDeclaration h when header is null:
                        header = h;
                        headerFile = file.Path;
                        break;
                    case PolicyHeaderDeclaration h:
                        Report(DiagnosticCatalog.PolicyHeader, h.Name.Span, "A policy has one 'policy' header; the first is at line " + LineOf(headerFile, header.Span));
                        break;
                    case EnumDeclaration e:
                        BindEnum(e);
                        break;
                    case BrokenDeclaration { Name: { } name }:
                        _brokenNames.Add(name.Text);
                        break;
                    case OutcomeDeclaration o:
                        if (Declare(o.Name))
                        {
                            var list = _outcomes[o.Kind];
                            list.Add(new OutcomeSymbol(o.Kind, o.Name.Text, o.Description.Value, list.Count, Here(o.Name.Span)));
                        }

                        break;
                }
            }
        }

        // Pass 2: facts, then definitions (bound on demand, so their order in the files does not matter).
        foreach (var file in ordered)
        {
            _file = file.Path;
            foreach (var declaration in file.Declarations)
            {
                switch (declaration)
                {
                    case FactDeclaration f:
                        BindFact(f);
                        break;
                    case DefineDeclaration d when Declare(d.Name):
                        _definitionSyntax[d.Name.Text] = (d, file.Path);
                        break;
                }
            }
        }

        foreach (var name in _definitionSyntax.Keys.ToList())
        {
            ResolveDefinition(name, _definitionSyntax[name].Syntax.Name.Span, _definitionSyntax[name].File);
        }

        // Pass 3: warranty, rejections, sections and clauses.
        BoundWarranty? warranty = null;
        var warrantyDeclarations = 0;
        var clauses = new List<(ClauseDeclaration Syntax, string File, string Section)>();
        var recitals = new List<BoundRecital>();
        var rejections = new List<BoundRejection>();
        var quotes = new List<(StringLiteral Quote, string File)>();
        foreach (var file in ordered)
        {
            _file = file.Path;
            string? section = null;
            foreach (var declaration in file.Declarations)
            {
                switch (declaration)
                {
                    case WarrantyDeclaration w:
                        warrantyDeclarations++;
                        if (warrantyDeclarations > 1)
                        {
                            Report(DiagnosticCatalog.PolicyHeader, w.Span, "A policy has one 'warranty' declaration");
                        }

                        warranty = BindWarranty(w);
                        break;
                    case RejectDeclaration r:
                        var rejection = BindRejection(r);
                        if (rejection is not null)
                        {
                            rejections.Add(rejection);
                        }

                        break;
                    case SectionDeclaration s:
                        section = s.Title.Value;
                        break;
                    case ClauseDeclaration c:
                        quotes.AddRange(c.Quotes.Select(q => (q, file.Path)));
                        if (section is null)
                        {
                            Report(DiagnosticCatalog.ClauseOutsideSection, c.Id.Span, c.Id.Text);
                        }
                        else
                        {
                            clauses.Add((c, file.Path, section));
                        }

                        break;
                    case RecitalDeclaration r:
                        quotes.AddRange(r.Quotes.Select(q => (q, file.Path)));
                        if (section is null)
                        {
                            Report(DiagnosticCatalog.ClauseOutsideSection, r.Id.Span, r.Id.Text);
                        }
                        else
                        {
                            recitals.Add(new BoundRecital(r.Id.Text, section, r.Quotes.Select(q => q.Value).ToEquatableArray(), r.Reason.Value, Here(r.Id.Span)));
                        }

                        break;
                    case DefineDeclaration d:
                        quotes.AddRange(d.Quotes.Select(q => (q, file.Path)));
                        break;
                }
            }
        }

        if (header is null)
        {
            var first = ordered.FirstOrDefault();
            ReportIn(first?.Path ?? string.Empty, DiagnosticCatalog.PolicyHeader, FileStart,
                "The policy has no header: add 'policy Name implements \"Document title\"' at the top of one file");
        }

        if (warrantyDeclarations == 0)
        {
            var at = header is null ? (ordered.FirstOrDefault()?.Path ?? string.Empty, FileStart) : (headerFile, header.Name.Span);
            ReportIn(at.Item1, DiagnosticCatalog.PolicyHeader, at.Item2,
                "The policy has no warranty declaration: add 'warranty from START through END active when CONDITION'");
        }

        CheckQuotes(header, headerFile, documents, quotes);
        CheckGeneratedNames(header, headerFile, ordered);

        if (header is not null)
        {
            _vocabulary = new PolicyVocabulary(
                header.Name.Text,
                header.Document.Value,
                _enumOrder.ToEquatableArray(),
                _factOrder.ToEquatableArray(),
                _outcomes[OutcomeKind.Remedy].ToEquatableArray(),
                _outcomes[OutcomeKind.Requirement].ToEquatableArray(),
                _outcomes[OutcomeKind.Note].ToEquatableArray());
        }

        var boundClauses = BindClauses(clauses, recitals);
        var order = OrderClauses(boundClauses);
        var examples = BindExamples(ordered, clauses.Select(c => c.Syntax.Id.Text), recitals);
        if (header is null || warranty is null || order is null)
        {
            return null;
        }

        return new BoundPolicy(
            header.Name.Text,
            header.Document.Value,
            header.Source?.Value,
            _enumOrder.ToEquatableArray(),
            _factOrder.ToEquatableArray(),
            _definitionOrder.ToEquatableArray(),
            _outcomes[OutcomeKind.Remedy].ToEquatableArray(),
            _outcomes[OutcomeKind.Requirement].ToEquatableArray(),
            _outcomes[OutcomeKind.Note].ToEquatableArray(),
            boundClauses.ToEquatableArray(),
            order.ToEquatableArray(),
            recitals.ToEquatableArray(),
            warranty,
            rejections.ToEquatableArray(),
            new SourceLocation(headerFile, header.Name.Span))
        {
            Examples = examples,
        };
    }

    private void BindEnum(EnumDeclaration declaration)
    {
        if (!Declare(declaration.Name))
        {
            return;
        }

        if (declaration.Name.Text == BuiltIns.CoverageEnum)
        {
            Report(DiagnosticCatalog.DuplicateName, declaration.Name.Span, BuiltIns.CoverageEnum, "0 (it is built in)");
            return;
        }

        var members = new List<string>();
        var seen = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
        foreach (var member in declaration.Members)
        {
            if (seen.TryGetValue(member.Text, out var first))
            {
                Report(DiagnosticCatalog.DuplicateName, member.Span, member.Text, first.Line);
            }
            else
            {
                seen[member.Text] = member.Span;
                members.Add(member.Text);
            }
        }

        var symbol = new EnumSymbol(declaration.Name.Text, members.ToEquatableArray(), declaration.Description.Value, Here(declaration.Name.Span));
        _enums[symbol.Name] = symbol;
        _enumOrder.Add(symbol);
    }

    private void BindFact(FactDeclaration declaration)
    {
        if (!Declare(declaration.Name))
        {
            return;
        }

        if (declaration.Name.Text == BuiltIns.CoverageName)
        {
            Report(DiagnosticCatalog.DuplicateName, declaration.Name.Span, BuiltIns.CoverageName, "0 (it is built in)");
            return;
        }

        var type = BindType(declaration.Type);
        if (type is null)
        {
            return;
        }

        BoundLiteral? defaultValue = null;
        if (declaration.Default is not null)
        {
            var bound = BindExpression(declaration.Default, new Scope(AllowCoverage: false, Expected: type));
            if (bound is DateValueLiteral date && type.Kind == TypeKind.Date && !InClaimRange(date))
            {
                // A claim leaving the fact out holds its default, so the default must be a date a claim can hold.
                Report(DiagnosticCatalog.InvalidValue, declaration.Default.Span,
                    $"The default of '{declaration.Name.Text}' must be a date a claim can hold, {ClaimRules.MinDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} to {ClaimRules.MaxDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
            }
            else if (bound is BoundLiteral literal && literal.Type.SameBase(type))
            {
                defaultValue = literal;
            }
            else if (bound is not null)
            {
                Report(DiagnosticCatalog.TypeMismatch, declaration.Default.Span,
                    $"The default of '{declaration.Name.Text}' must be a {type.BaseName} value written out, such as {ExampleOf(type)}");
            }
        }

        if (type.IsOptional && declaration.Default is not null)
        {
            Report(DiagnosticCatalog.TypeMismatch, declaration.Default.Span,
                $"'{declaration.Name.Text}' is optional, so it has no default: a claim that leaves it out leaves it missing");
        }

        var fact = new FactSymbol(declaration.Name.Text, type, defaultValue, declaration.Description.Value, Here(declaration.Name.Span))
        {
            IsProvable = declaration.ProvableMark is not null,
        };
        _facts[fact.Name] = fact;
        _factOrder.Add(fact);
    }

    private static bool InClaimRange(DateValueLiteral date)
    {
        var day = new DateTime(date.Year, date.Month, date.Day);
        return day >= ClaimRules.MinDate && day <= ClaimRules.MaxDate;
    }

    private string ExampleOf(PolicyType type) => type.Kind switch
    {
        TypeKind.Bool => "true",
        TypeKind.Int => "0",
        TypeKind.Date => "2024-01-31",
        _ => _enums.TryGetValue(type.EnumName!, out var e) && e.Members.Count > 0 ? e.Members[0] : "a member",
    };

    private PolicyType? BindType(TypeSyntax syntax)
    {
        PolicyType? type = syntax.Name switch
        {
            "bool" => PolicyType.Bool,
            "int" => PolicyType.Int,
            "date" => PolicyType.Date,
            _ => _enums.ContainsKey(syntax.Name) && syntax.Name != BuiltIns.CoverageEnum ? PolicyType.Enum(syntax.Name) : null,
        };

        if (type is null && _brokenNames.Contains(syntax.Name))
        {
            return null;
        }

        if (type is null)
        {
            Report(DiagnosticCatalog.UnknownName, syntax.Span,
                $"Unknown type '{syntax.Name}': use bool, int, date, or an enum declared with 'enum'");
            return null;
        }

        return syntax.IsOptional ? type.AsOptional() : type;
    }

    private DefinitionSymbol? ResolveDefinition(string name, SourceSpan usedAt, string usedIn)
    {
        if (_definitions.TryGetValue(name, out var done))
        {
            return done;
        }

        var (syntax, file) = _definitionSyntax[name];
        if (!_definitionsInProgress.Add(name))
        {
            var cycle = string.Join(" -> ", _definitionsInProgress.SkipWhile(n => n != name).Concat(new[] { name }));
            ReportIn(usedIn, DiagnosticCatalog.DefinitionCycle, usedAt, cycle);
            return null;
        }

        var previousFile = _file;
        _file = file;
        var value = BindExpression(syntax.Value, new Scope(AllowCoverage: false, Expected: null));
        _file = previousFile;
        _definitionsInProgress.Remove(name);

        DefinitionSymbol? symbol = null;
        if (value is not null)
        {
            symbol = new DefinitionSymbol(name, value.Type, value, syntax.Description.Value,
                syntax.Quotes.Select(q => q.Value).ToEquatableArray(), new SourceLocation(file, syntax.Name.Span));
            _definitionOrder.Add(symbol);
        }

        _definitions[name] = symbol;
        return symbol;
    }

    private BoundWarranty? BindWarranty(WarrantyDeclaration declaration)
    {
        var scope = new Scope(AllowCoverage: false, Expected: null);
        var start = ExpectBase(BindExpression(declaration.Start, scope), PolicyType.Date, "The warranty's start");
        var end = ExpectBase(BindExpression(declaration.End, scope), PolicyType.Date, "The warranty's last day");
        var active = ExpectCondition(BindExpression(declaration.Active, scope), "The warranty's 'active when' condition");
        return start is null || end is null || active is null ? null : new BoundWarranty(start, end, active, declaration.Description?.Value) { Location = Here(declaration.Span) };
    }

    private BoundRejection? BindRejection(RejectDeclaration declaration)
    {
        if (!_facts.ContainsKey(declaration.Field.Text))
        {
            Report(DiagnosticCatalog.UnknownName, declaration.Field.Span,
                $"'{declaration.Field.Text}' is not a fact; 'reject' names the claim field that is wrong");
        }

        var condition = ExpectCondition(BindExpression(declaration.Condition, new Scope(AllowCoverage: false, Expected: null, FactsOnly: true)), "A rejection's condition");
        return condition is null ? null : new BoundRejection(declaration.Field.Text, condition, declaration.Reason.Value, Here(declaration.Field.Span));
    }

    private BoundExpression? ExpectBase(BoundExpression? expression, PolicyType expected, string what)
    {
        if (expression is null)
        {
            return null;
        }

        if (!expression.Type.SameBase(expected))
        {
            Report(DiagnosticCatalog.TypeMismatch, expression.Span, $"{what} must be a {expected.BaseName}, but this is a {expression.Type}");
            return null;
        }

        return expression;
    }

    private BoundExpression? ExpectCondition(BoundExpression? expression, string what)
    {
        if (expression is null)
        {
            return null;
        }

        if (expression.Type != PolicyType.Bool)
        {
            var hint = expression.Type.IsOptional && expression.Type.Kind == TypeKind.Bool
                ? " (it may be unknown: say 'is true' or 'is known')"
                : string.Empty;
            Report(DiagnosticCatalog.TypeMismatch, expression.Span, $"{what} must be a bool, but this is a {expression.Type}{hint}");
            return null;
        }

        return expression;
    }

    private void CheckQuotes(PolicyHeaderDeclaration? header, string headerFile, IReadOnlyDictionary<string, string> documents, List<(StringLiteral Quote, string File)> quotes)
    {
        if (header is null)
        {
            return;
        }

        if (header.Source is null)
        {
            if (quotes.Count > 0)
            {
                var count = quotes.Count == 1 ? "1 sentence" : $"{quotes.Count} sentences";
                ReportIn(headerFile, DiagnosticCatalog.QuotesWithoutSource, header.Name.Span, count);
            }

            return;
        }

        if (!IsDocumentName(header.Source.Value))
        {
            var character = header.Source.Value.First(char.IsControl);
            ReportIn(headerFile, DiagnosticCatalog.InvalidValue, header.Source.Span,
                $"A document's file name cannot hold a control character, but this holds U+{(int)character:X4}");
            return;
        }

        var path = DocumentPath(headerFile, header.Source.Value);
        if (!documents.TryGetValue(path, out var document))
        {
            ReportIn(headerFile, DiagnosticCatalog.SourceDocumentMissing, header.Source.Span, header.Source.Value, NextTo(headerFile, header.Source.Value));
            return;
        }

        var normalizedDocument = SourceDocument.Normalize(document);
        foreach (var (quote, file) in quotes)
        {
            if (normalizedDocument.IndexOf(SourceDocument.Normalize(quote.Value), StringComparison.Ordinal) < 0)
            {
                ReportIn(file, DiagnosticCatalog.QuoteNotInDocument, quote.Span, header.Source.Value);
            }
        }
    }

    /// <summary>
    /// Names become PascalCase C# names: two that differ only in the case of their first letter,
    /// or a name taking a generated type's name, would collide in the generated code.
    /// </summary>
    private void CheckGeneratedNames(PolicyHeaderDeclaration? header, string headerFile, List<PolicyFile> files)
    {
        static string Pascal(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name.Substring(1);

        var types = new Dictionary<string, (string File, SourceSpan Span)>(StringComparer.Ordinal);
        if (header is not null)
        {
            var policy = Pascal(header.Name.Text);
            foreach (var generated in new[] { policy + "Claim", policy + "Decision", policy + "Policy", "Remedy", "Requirement", "Note" })
            {
                types[generated] = (headerFile, header.Name.Span);
            }
        }

        // A fact becomes a property of the claim record, beside the members the record has already.
        var facts = new Dictionary<string, (string File, SourceSpan Span)>(StringComparer.Ordinal);
        if (header is not null)
        {
            foreach (var member in new[] { "FromJson", "ReadJson", "WriteJson", "ToJson", "Code", "FieldNames", "Clone", "Equals", "GetHashCode", "ToString", "GetType", "EqualityContract", "PrintMembers", "Deconstruct", "MemberwiseClone", "Finalize" })
            {
                facts[member] = (headerFile, header.Name.Span);
            }

            facts[Pascal(header.Name.Text) + "Claim"] = (headerFile, header.Name.Span);
        }

        var factNames = new HashSet<string>(StringComparer.Ordinal);
        var enumNames = new HashSet<string>(StringComparer.Ordinal);

        // Remedies, requirements and notes become members of one enum per kind.
        var outcomeNames = new HashSet<(OutcomeKind, string)>();
        var outcomes = new Dictionary<OutcomeKind, Dictionary<string, (string File, SourceSpan Span)>>();
        foreach (var file in files)
        {
            _file = file.Path;
            foreach (var declaration in file.Declarations)
            {
                if (declaration is EnumDeclaration e && enumNames.Add(e.Name.Text))
                {
                    Unique(types, Pascal(e.Name.Text), e.Name.Span);
                    var members = new Dictionary<string, (string File, SourceSpan Span)>(StringComparer.Ordinal);
                    foreach (var member in e.Members.GroupBy(m => m.Text).Select(g => g.First()))
                    {
                        // Exact repeats are duplicates (XP0103), reported already.
                        Unique(members, Pascal(member.Text), member.Span);
                    }
                }
                else if (declaration is FactDeclaration f && factNames.Add(f.Name.Text))
                {
                    // Exact repeats are duplicates (XP0103), reported already.
                    Unique(facts, Pascal(f.Name.Text), f.Name.Span);
                }
                else if (declaration is OutcomeDeclaration o && outcomeNames.Add((o.Kind, o.Name.Text)))
                {
                    if (!outcomes.TryGetValue(o.Kind, out var members))
                    {
                        outcomes[o.Kind] = members = new Dictionary<string, (string File, SourceSpan Span)>(StringComparer.Ordinal);
                    }

                    Unique(members, Pascal(o.Name.Text), o.Name.Span);
                }
            }
        }
    }

    private void Unique(Dictionary<string, (string File, SourceSpan Span)> seen, string name, SourceSpan span)
    {
        if (seen.TryGetValue(name, out var first))
        {
            if (first.Span != span || first.File != _file)
            {
                Report(DiagnosticCatalog.NameCollision, span, name, LineOf(first.File, first.Span));
            }

            return;
        }

        seen[name] = (_file, span);
    }

    /// <summary>
    /// The full path of the document a header names, relative to the header's file; empty (no file)
    /// when the name cannot be a path, which the binder reports at the name.
    /// </summary>
    public static string DocumentPath(string headerFile, string source)
    {
        if (!IsDocumentName(source))
        {
            return string.Empty;
        }

        try
        {
            var directory = System.IO.Path.GetDirectoryName(headerFile) ?? string.Empty;
            return System.IO.Path.GetFullPath(System.IO.Path.Combine(directory, source));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or System.IO.PathTooLongException)
        {
            return string.Empty;
        }
    }

    /// <summary>Where the document belongs, as the user would write it: beside the header's file.</summary>
    private static string NextTo(string headerFile, string source)
    {
        var end = Math.Max(headerFile.LastIndexOf('/'), headerFile.LastIndexOf('\\'));
        return end < 0 ? source : headerFile.Substring(0, end + 1) + source;
    }

    // A NUL or other control character makes the runtime's path functions throw.
    private static bool IsDocumentName(string source) => !source.Any(char.IsControl);
}
