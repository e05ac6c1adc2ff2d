using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xinji.Policy.Dsl.Driver;
using Xinji.Policy.Dsl.Syntax;
using Xinji.Policy.Dsl.Text;
using Xinji.Policy.Generator.Diagnostics;
using Xinji.Policy.Generator.Emit;
using Xinji.Policy.Generator.Model;

namespace Xinji.Policy.Generator;

/// <summary>
/// Compiles the project's <c>.policy</c> additional files into a typed claim, decision and
/// evaluator. Files are parsed one by one (cached per content), then bound together through
/// <see cref="Dsl.Driver.PolicyDriver"/>. Policy problems are reported by <see cref="PolicyAnalyzer"/>.
/// When the policy has errors but its vocabulary (header, enums, facts, outcomes) binds, this
/// emits a shell that compiles: the policy's types, with an evaluator that refuses to decide, so
/// C# code using them keeps compiling while the policy is fixed. When not even that binds, or
/// there is no policy file, it emits nothing.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class PolicyGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var files = context.AdditionalTextsProvider
            .Where(static text => PolicyFiles.IsPolicy(text.Path))
            .Select(static (text, cancellationToken) => PolicyDriver.Shared.Parse(new InputFile(text.Path, text.GetText(cancellationToken)?.ToString() ?? string.Empty)))
            .WithTrackingName(TrackingNames.PolicyFiles);

        // Every other additional file may be a document, whatever its extension: the driver takes the
        // ones the headers name, and reports a named one that is missing (XP0130).
        var documents = context.AdditionalTextsProvider
            .Where(static text => PolicyFiles.MayBeDocument(text.Path))
            .Select(static (text, cancellationToken) => new InputFile(text.Path, text.GetText(cancellationToken)?.ToString() ?? string.Empty))
            .WithTrackingName(TrackingNames.Documents);

        var rootNamespace = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => PolicyFiles.Namespace(options.GlobalOptions))
            .WithTrackingName(TrackingNames.Namespace);

        var model = files.Collect()
            .Combine(documents.Collect())
            .Combine(rootNamespace)
            .Select(static (input, _) => Compile(input.Left.Left, input.Left.Right, input.Right))
            .WithTrackingName(TrackingNames.EmitModel);

        context.RegisterSourceOutput(model, static (output, result) => Emit(output, result));
    }

    private static EmitResult Compile(System.Collections.Immutable.ImmutableArray<PolicyFile> files, System.Collections.Immutable.ImmutableArray<InputFile> documents, string @namespace)
    {
        try
        {
            return PolicyCompilation.Compile(files, documents, @namespace);
        }
        catch (Exception exception)
        {
            var first = files.OrderBy(f => f.Path, StringComparer.Ordinal).FirstOrDefault();
            return new EmitResult(null, new[]
            {
                new DiagnosticInfo(Dsl.Diagnostics.DiagnosticCatalog.GeneratorFailure.Id, Dsl.Diagnostics.DiagnosticCatalog.GeneratorFailure.Format(exception.GetType().Name + ": " + exception.Message), first?.Path ?? string.Empty, default),
            }.ToEquatableArray<DiagnosticInfo>());
        }
    }

    private static void Emit(SourceProductionContext output, EmitResult result)
    {
        // Policy diagnostics belong to the analyzer; only problems of generation itself (a failure,
        // a root namespace C# cannot read) are reported here.
        foreach (var diagnostic in result.Diagnostics.Where(d => d.Id == Dsl.Diagnostics.DiagnosticCatalog.GeneratorFailure.Id || d.Id == Dsl.Diagnostics.DiagnosticCatalog.InvalidNamespace.Id))
        {
            output.ReportDiagnostic(DiagnosticDescriptors.ToDiagnostic(diagnostic.Id, diagnostic.Message, diagnostic.FilePath, diagnostic.Span));
        }

        if (result.Model is null)
        {
            return;
        }

        try
        {
            foreach (var (hintName, source) in TemplateRenderer.Render(result.Model))
            {
                output.AddSource(hintName, source);
            }
        }
        catch (Exception exception)
        {
            output.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.GeneratorFailure,
                Location.None,
                Dsl.Diagnostics.DiagnosticCatalog.GeneratorFailure.Format(exception.GetType().Name + ": " + exception.Message)));
        }
    }
}
