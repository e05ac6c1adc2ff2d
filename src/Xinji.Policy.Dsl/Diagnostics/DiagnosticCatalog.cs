using System.Collections.Generic;
using System.Globalization;

namespace Xinji.Policy.Dsl.Diagnostics;

/// <summary>What a diagnostic is: the data a Roslyn descriptor is built from, kept here so
/// the CLI and the analyzers report the same ids, titles and severities.</summary>
public sealed record DiagnosticDescriptorInfo(
    string Id,
    string Title,
    string MessageFormat,
    string Category,
    PolicySeverity DefaultSeverity)
{
    public string HelpLink => DiagnosticCatalog.HelpLinkBase + Id + ".md";

    public string Format(params object[] args) => string.Format(CultureInfo.InvariantCulture, MessageFormat, args);
}

/// <summary>The stable ids, as constants so analyzer release tracking can read them.</summary>
public static class DiagnosticIds
{
    public const string SyntaxError = "XP0001";
    public const string UnknownName = "XP0101";
    public const string TypeMismatch = "XP0102";
    public const string DuplicateName = "XP0103";
    public const string DuplicateClauseId = "XP0104";
    public const string UnknownExceptionTarget = "XP0105";
    public const string ExceptionCycle = "XP0106";
    public const string PolicyHeader = "XP0107";
    public const string ClauseOutsideSection = "XP0108";
    public const string DefinitionCycle = "XP0109";
    public const string CoverageStratification = "XP0110";
    public const string QuoteNotInDocument = "XP0111";
    public const string InvalidValue = "XP0112";
    public const string NameCollision = "XP0113";
    public const string InvalidNamespace = "XP0115";
    public const string Conflict = "XP2001";
    public const string UnreachableClause = "XP2002";
    public const string Gap = "XP2003";
    public const string RedundantClause = "XP2004";
    public const string NotAnalysed = "XP2005";
    public const string InvalidExample = "XP0120";
    public const string GeneratorFailure = "XP9001";
    public const string NestedTooDeeply = "XP0002";
    public const string InconsistentWarranty = "XP2006";
    public const string SourceDocumentMissing = "XP0130";
    public const string QuotesWithoutSource = "XP0131";
    public const string MisplacedProvableMark = "XP0140";
    public const string WhatIfNotProvable = "XP0150";
}

/// <summary>The categories, as constants for the same reason.</summary>
public static class DiagnosticCategories
{
    public const string Syntax = "Xinji.Policy.Syntax";
    public const string Binding = "Xinji.Policy.Binding";
    public const string Analysis = "Xinji.Policy.Analysis";
    public const string Emit = "Xinji.Policy.Emit";
}

/// <summary>Every diagnostic the policy toolchain reports. Ids are stable: see AnalyzerReleases.*.md.</summary>
public static class DiagnosticCatalog
{
    /// <summary>
    /// The one setting every help link starts from: the <c>docs/diagnostics/</c> folder that ships with the
    /// toolkit, as a <c>file://</c> URI (see <see cref="HelpPages"/>), found once per process.
    /// </summary>
    public static string HelpLinkBase { get; } = HelpPages.Locate(HelpPages.AssemblyDirectory());

    private const string Syntax = DiagnosticCategories.Syntax;
    private const string Binding = DiagnosticCategories.Binding;
    private const string Analysis = DiagnosticCategories.Analysis;
    private const string Emit = DiagnosticCategories.Emit;

    public static readonly DiagnosticDescriptorInfo SyntaxError = new(
        DiagnosticIds.SyntaxError, "Policy syntax error", "{0}", Syntax, PolicySeverity.Error);

    public static readonly DiagnosticDescriptorInfo UnknownName = new(
        DiagnosticIds.UnknownName, "Unknown name", "{0}", Binding, PolicySeverity.Error);

    public static readonly DiagnosticDescriptorInfo TypeMismatch = new(
        DiagnosticIds.TypeMismatch, "Type mismatch", "{0}", Binding, PolicySeverity.Error);

    public static readonly DiagnosticDescriptorInfo DuplicateName = new(
        DiagnosticIds.DuplicateName, "Duplicate declaration", "'{0}' is already declared at line {1}", Binding, PolicySeverity.Error);

    public static readonly DiagnosticDescriptorInfo DuplicateClauseId = new(
        DiagnosticIds.DuplicateClauseId, "Duplicate clause id", "'{0}' is already the id of the {1} at line {2}", Binding, PolicySeverity.Error);

    public static readonly DiagnosticDescriptorInfo UnknownExceptionTarget = new(
        DiagnosticIds.UnknownExceptionTarget, "Exception to an unknown clause", "'{0}' is not a clause, so this cannot be an exception to it", Binding, PolicySeverity.Error);

    public static readonly DiagnosticDescriptorInfo ExceptionCycle = new(
        DiagnosticIds.ExceptionCycle, "Cycle in exception links", "Exception links form a cycle: {0}", Binding, PolicySeverity.Error);

    public static readonly DiagnosticDescriptorInfo PolicyHeader = new(
        DiagnosticIds.PolicyHeader, "Policy header missing or repeated", "{0}", Binding, PolicySeverity.Error);

    public static readonly DiagnosticDescriptorInfo ClauseOutsideSection = new(
        DiagnosticIds.ClauseOutsideSection, "Clause outside a section", "Clause '{0}' comes before any 'section' declaration; put it under the document section it implements", Binding, PolicySeverity.Error);

    public static readonly DiagnosticDescriptorInfo DefinitionCycle = new(
        DiagnosticIds.DefinitionCycle, "Definition depends on itself", "Definitions form a cycle: {0}", Binding, PolicySeverity.Error);

    public static readonly DiagnosticDescriptorInfo CoverageStratification = new(
        DiagnosticIds.CoverageStratification, "Coverage read and decided together", "{0}", Binding, PolicySeverity.Error);

    public static readonly DiagnosticDescriptorInfo QuoteNotInDocument = new(
        DiagnosticIds.QuoteNotInDocument, "Quote not found in the source document", "This quote does not appear word for word in '{0}'", Binding, PolicySeverity.Error);

    public static readonly DiagnosticDescriptorInfo InvalidValue = new(
        DiagnosticIds.InvalidValue, "Invalid value", "{0}", Binding, PolicySeverity.Error);

    public static readonly DiagnosticDescriptorInfo NameCollision = new(
        DiagnosticIds.NameCollision, "Names collide in the generated C#", "'{0}' would name two things in the generated C# (the other is at line {1}); rename one", Emit, PolicySeverity.Error);

    public static readonly DiagnosticDescriptorInfo InvalidNamespace = new(
        DiagnosticIds.InvalidNamespace, "The project's root namespace is not a C# namespace", "The generated code goes in the project's {0}, '{1}', which is not a C# namespace: {2}; set <{0}> in the project file to dotted C# names, such as {3}", Emit, PolicySeverity.Error);

    public static readonly DiagnosticDescriptorInfo Conflict = new(
        DiagnosticIds.Conflict, "Clauses conflict", "{0}", Analysis, PolicySeverity.Error);

    public static readonly DiagnosticDescriptorInfo UnreachableClause = new(
        DiagnosticIds.UnreachableClause, "Clause can never decide anything", "{0}", Analysis, PolicySeverity.Warning);

    public static readonly DiagnosticDescriptorInfo Gap = new(
        DiagnosticIds.Gap, "Claims without a coverage decision", "{0}", Analysis, PolicySeverity.Error);

    public static readonly DiagnosticDescriptorInfo RedundantClause = new(
        DiagnosticIds.RedundantClause, "Redundant clause", "{0}", Analysis, PolicySeverity.Info);

    public static readonly DiagnosticDescriptorInfo NotAnalysed = new(
        DiagnosticIds.NotAnalysed, "Policy not fully analysed", "{0}", Analysis, PolicySeverity.Warning);
    public static readonly DiagnosticDescriptorInfo InvalidExample = new(
        DiagnosticIds.InvalidExample, "Invalid example", "{0}", Binding, PolicySeverity.Error);

    public static readonly DiagnosticDescriptorInfo GeneratorFailure = new(
        DiagnosticIds.GeneratorFailure, "Policy code generation failed", "Code generation for this policy failed: {0}", Emit, PolicySeverity.Error);

    public static readonly DiagnosticDescriptorInfo NestedTooDeeply = new(
        DiagnosticIds.NestedTooDeeply, "Expression too deeply nested", "{0}", Syntax, PolicySeverity.Error);
    public static readonly DiagnosticDescriptorInfo InconsistentWarranty = new(
        DiagnosticIds.InconsistentWarranty, "Warranty active outside its period", "{0}", Analysis, PolicySeverity.Error);

    public static readonly DiagnosticDescriptorInfo SourceDocumentMissing = new(
        DiagnosticIds.SourceDocumentMissing, "Source document not available", "The source document '{0}' is not available, so no quote can be checked: put it at {1} (in a build, also list it as an AdditionalFiles item), or correct the name", Binding, PolicySeverity.Error);

    public static readonly DiagnosticDescriptorInfo QuotesWithoutSource = new(
        DiagnosticIds.QuotesWithoutSource, "Quotes without a source document", "The policy quotes {0} but names no document to check them against: add source \"FILE\" under the policy header", Binding, PolicySeverity.Error);

    public static readonly DiagnosticDescriptorInfo MisplacedProvableMark = new(
        DiagnosticIds.MisplacedProvableMark, "'provable' marks only a fact", "'provable' marks a fact the customer can bring about or prove; {0} is not a fact, so remove the mark", Binding, PolicySeverity.Error);

    public static readonly DiagnosticDescriptorInfo WhatIfNotProvable = new(
        DiagnosticIds.WhatIfNotProvable, "What-if on a fact that is not provable", "'{0}' is not marked provable, so no what-if changes it; {1}", Binding, PolicySeverity.Error);

    public static IReadOnlyList<DiagnosticDescriptorInfo> All { get; } = new[]
    {
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
        WhatIfNotProvable,
    };
}
