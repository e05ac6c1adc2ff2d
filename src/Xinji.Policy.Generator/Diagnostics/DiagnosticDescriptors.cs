using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Xinji.Policy.Dsl.Diagnostics;

namespace Xinji.Policy.Generator.Diagnostics;

/// <summary>
/// Every XP descriptor, in one place. Ids, categories and severities are constants so analyzer
/// release tracking can check them; a test checks they match the DSL's catalog.
/// </summary>
public static class DiagnosticDescriptors
{
    // The DSL formats each message; the descriptor passes it through.
    private const string MessageFormat = "{0}";

    public static readonly DiagnosticDescriptor SyntaxError = new(
        DiagnosticIds.SyntaxError,
        DiagnosticCatalog.SyntaxError.Title,
        MessageFormat,
        DiagnosticCategories.Syntax,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: DiagnosticCatalog.SyntaxError.HelpLink);

    public static readonly DiagnosticDescriptor UnknownName = new(
        DiagnosticIds.UnknownName,
        DiagnosticCatalog.UnknownName.Title,
        MessageFormat,
        DiagnosticCategories.Binding,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: DiagnosticCatalog.UnknownName.HelpLink);

    public static readonly DiagnosticDescriptor TypeMismatch = new(
        DiagnosticIds.TypeMismatch,
        DiagnosticCatalog.TypeMismatch.Title,
        MessageFormat,
        DiagnosticCategories.Binding,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: DiagnosticCatalog.TypeMismatch.HelpLink);

    public static readonly DiagnosticDescriptor DuplicateName = new(
        DiagnosticIds.DuplicateName,
        DiagnosticCatalog.DuplicateName.Title,
        MessageFormat,
        DiagnosticCategories.Binding,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: DiagnosticCatalog.DuplicateName.HelpLink);

    public static readonly DiagnosticDescriptor DuplicateClauseId = new(
        DiagnosticIds.DuplicateClauseId,
        DiagnosticCatalog.DuplicateClauseId.Title,
        MessageFormat,
        DiagnosticCategories.Binding,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: DiagnosticCatalog.DuplicateClauseId.HelpLink);

    public static readonly DiagnosticDescriptor UnknownExceptionTarget = new(
        DiagnosticIds.UnknownExceptionTarget,
        DiagnosticCatalog.UnknownExceptionTarget.Title,
        MessageFormat,
        DiagnosticCategories.Binding,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: DiagnosticCatalog.UnknownExceptionTarget.HelpLink);

    public static readonly DiagnosticDescriptor ExceptionCycle = new(
        DiagnosticIds.ExceptionCycle,
        DiagnosticCatalog.ExceptionCycle.Title,
        MessageFormat,
        DiagnosticCategories.Binding,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: DiagnosticCatalog.ExceptionCycle.HelpLink);

    public static readonly DiagnosticDescriptor PolicyHeader = new(
        DiagnosticIds.PolicyHeader,
        DiagnosticCatalog.PolicyHeader.Title,
        MessageFormat,
        DiagnosticCategories.Binding,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: DiagnosticCatalog.PolicyHeader.HelpLink);

    public static readonly DiagnosticDescriptor ClauseOutsideSection = new(
        DiagnosticIds.ClauseOutsideSection,
        DiagnosticCatalog.ClauseOutsideSection.Title,
        MessageFormat,
        DiagnosticCategories.Binding,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: DiagnosticCatalog.ClauseOutsideSection.HelpLink);

    public static readonly DiagnosticDescriptor DefinitionCycle = new(
        DiagnosticIds.DefinitionCycle,
        DiagnosticCatalog.DefinitionCycle.Title,
        MessageFormat,
        DiagnosticCategories.Binding,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: DiagnosticCatalog.DefinitionCycle.HelpLink);

    public static readonly DiagnosticDescriptor CoverageStratification = new(
        DiagnosticIds.CoverageStratification,
        DiagnosticCatalog.CoverageStratification.Title,
        MessageFormat,
        DiagnosticCategories.Binding,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: DiagnosticCatalog.CoverageStratification.HelpLink);

    public static readonly DiagnosticDescriptor QuoteNotInDocument = new(
        DiagnosticIds.QuoteNotInDocument,
        DiagnosticCatalog.QuoteNotInDocument.Title,
        MessageFormat,
        DiagnosticCategories.Binding,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: DiagnosticCatalog.QuoteNotInDocument.HelpLink);

    public static readonly DiagnosticDescriptor InvalidValue = new(
        DiagnosticIds.InvalidValue,
        DiagnosticCatalog.InvalidValue.Title,
        MessageFormat,
        DiagnosticCategories.Binding,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: DiagnosticCatalog.InvalidValue.HelpLink);

    public static readonly DiagnosticDescriptor NameCollision = new(
        DiagnosticIds.NameCollision,
        DiagnosticCatalog.NameCollision.Title,
        MessageFormat,
        DiagnosticCategories.Emit,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: DiagnosticCatalog.NameCollision.HelpLink);

    public static readonly DiagnosticDescriptor InvalidNamespace = new(
        DiagnosticIds.InvalidNamespace,
        DiagnosticCatalog.InvalidNamespace.Title,
        MessageFormat,
        DiagnosticCategories.Emit,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: DiagnosticCatalog.InvalidNamespace.HelpLink);

    public static readonly DiagnosticDescriptor Conflict = new(
        DiagnosticIds.Conflict,
        DiagnosticCatalog.Conflict.Title,
        MessageFormat,
        DiagnosticCategories.Analysis,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: DiagnosticCatalog.Conflict.HelpLink);

    public static readonly DiagnosticDescriptor UnreachableClause = new(
        DiagnosticIds.UnreachableClause,
        DiagnosticCatalog.UnreachableClause.Title,
        MessageFormat,
        DiagnosticCategories.Analysis,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: DiagnosticCatalog.UnreachableClause.HelpLink);

    public static readonly DiagnosticDescriptor Gap = new(
        DiagnosticIds.Gap,
        DiagnosticCatalog.Gap.Title,
        MessageFormat,
        DiagnosticCategories.Analysis,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: DiagnosticCatalog.Gap.HelpLink);

    public static readonly DiagnosticDescriptor RedundantClause = new(
        DiagnosticIds.RedundantClause,
        DiagnosticCatalog.RedundantClause.Title,
        MessageFormat,
        DiagnosticCategories.Analysis,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: DiagnosticCatalog.RedundantClause.HelpLink);

    public static readonly DiagnosticDescriptor NotAnalysed = new(
        DiagnosticIds.NotAnalysed,
        DiagnosticCatalog.NotAnalysed.Title,
        MessageFormat,
        DiagnosticCategories.Analysis,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: DiagnosticCatalog.NotAnalysed.HelpLink);
    public static readonly DiagnosticDescriptor InvalidExample = new(
        DiagnosticIds.InvalidExample,
        DiagnosticCatalog.InvalidExample.Title,
        MessageFormat,
        DiagnosticCategories.Binding,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: DiagnosticCatalog.InvalidExample.HelpLink);

    public static readonly DiagnosticDescriptor GeneratorFailure = new(
        DiagnosticIds.GeneratorFailure,
        DiagnosticCatalog.GeneratorFailure.Title,
        MessageFormat,
        DiagnosticCategories.Emit,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: DiagnosticCatalog.GeneratorFailure.HelpLink,
        customTags: WellKnownDiagnosticTags.NotConfigurable);

    public static readonly DiagnosticDescriptor NestedTooDeeply = new(
        DiagnosticIds.NestedTooDeeply,
        DiagnosticCatalog.NestedTooDeeply.Title,
        MessageFormat,
        DiagnosticCategories.Syntax,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: DiagnosticCatalog.NestedTooDeeply.HelpLink);
    public static readonly DiagnosticDescriptor InconsistentWarranty = new(
        DiagnosticIds.InconsistentWarranty,
        DiagnosticCatalog.InconsistentWarranty.Title,
        MessageFormat,
        DiagnosticCategories.Analysis,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: DiagnosticCatalog.InconsistentWarranty.HelpLink);

    public static readonly DiagnosticDescriptor SourceDocumentMissing = new(
        DiagnosticIds.SourceDocumentMissing,
        DiagnosticCatalog.SourceDocumentMissing.Title,
        MessageFormat,
        DiagnosticCategories.Binding,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: DiagnosticCatalog.SourceDocumentMissing.HelpLink);

    public static readonly DiagnosticDescriptor QuotesWithoutSource = new(
        DiagnosticIds.QuotesWithoutSource,
        DiagnosticCatalog.QuotesWithoutSource.Title,
        MessageFormat,
        DiagnosticCategories.Binding,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: DiagnosticCatalog.QuotesWithoutSource.HelpLink);

    public static readonly DiagnosticDescriptor MisplacedProvableMark = new(
        DiagnosticIds.MisplacedProvableMark,
        DiagnosticCatalog.MisplacedProvableMark.Title,
        MessageFormat,
        DiagnosticCategories.Binding,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: DiagnosticCatalog.MisplacedProvableMark.HelpLink);

    public static readonly DiagnosticDescriptor WhatIfNotProvable = new(
        DiagnosticIds.WhatIfNotProvable,
        DiagnosticCatalog.WhatIfNotProvable.Title,
        MessageFormat,
        DiagnosticCategories.Binding,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: DiagnosticCatalog.WhatIfNotProvable.HelpLink);

    public static readonly ImmutableArray<DiagnosticDescriptor> All = ImmutableArray.Create(
        SyntaxError,
        UnknownName,
        TypeMismatch,
        DuplicateName,
        DuplicateClauseId,
        UnknownExceptionTarget,
        ExceptionCycle,
        PolicyHeader,
        ClauseOutsideSection,
        DefinitionCycle,
        CoverageStratification,
        QuoteNotInDocument,
        InvalidValue,
        NameCollision,
        InvalidNamespace,
        Conflict,
        UnreachableClause,
        Gap,
        RedundantClause,
        NotAnalysed,
        InvalidExample,
        GeneratorFailure,
        NestedTooDeeply,
        InconsistentWarranty,
        SourceDocumentMissing,
        QuotesWithoutSource,
        MisplacedProvableMark,
        WhatIfNotProvable);

    private static readonly ImmutableDictionary<string, DiagnosticDescriptor> ById = ImmutableDictionary.CreateRange(
        System.Linq.Enumerable.Select(All, d => new System.Collections.Generic.KeyValuePair<string, DiagnosticDescriptor>(d.Id, d)));

    public static DiagnosticDescriptor Get(string id) => ById[id];

    /// <param name="related">Other places the diagnostic involves (the other clause of a conflict), as additional locations.</param>
    internal static Diagnostic ToDiagnostic(string id, string message, string filePath, Xinji.Policy.Dsl.Text.SourceSpan span, System.Collections.Generic.IEnumerable<RelatedLocation>? related = null) =>
        Diagnostic.Create(Get(id), ToLocation(filePath, span), System.Linq.Enumerable.Select(related ?? System.Linq.Enumerable.Empty<RelatedLocation>(), r => ToLocation(r.FilePath, r.Span)), message);

    private static Location ToLocation(string filePath, Xinji.Policy.Dsl.Text.SourceSpan span) =>
        Location.Create(
            filePath,
            new Microsoft.CodeAnalysis.Text.TextSpan(span.Start, span.Length),
            new Microsoft.CodeAnalysis.Text.LinePositionSpan(
                new Microsoft.CodeAnalysis.Text.LinePosition(System.Math.Max(0, span.Line - 1), System.Math.Max(0, span.Column - 1)),
                new Microsoft.CodeAnalysis.Text.LinePosition(System.Math.Max(0, span.EndLine - 1), System.Math.Max(0, span.EndColumn - 1))));
}
