using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xinji.Policy.Dsl.Driver;

namespace Xinji.Policy.Generator.Diagnostics;

/// <summary>
/// Reports every policy problem on the <c>.policy</c> file it is in, live in the IDE and as a
/// build error. It compiles through the same driver as the generator, analysis included.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PolicyAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => DiagnosticDescriptors.All;

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var options = start.Options;
            var result = new Lazy<ILookup<string, Model.DiagnosticInfo>>(() => Analyze(options, start.CancellationToken));
            start.RegisterAdditionalFileAction(file =>
            {
                if (!PolicyFiles.IsPolicy(file.AdditionalFile.Path))
                {
                    return;
                }

                foreach (var diagnostic in result.Value[file.AdditionalFile.Path])
                {
                    file.ReportDiagnostic(DiagnosticDescriptors.ToDiagnostic(diagnostic.Id, diagnostic.Message, diagnostic.FilePath, diagnostic.Span, diagnostic.Related));
                }
            });
        });
    }

    private static ILookup<string, Model.DiagnosticInfo> Analyze(AnalyzerOptions options, System.Threading.CancellationToken cancellationToken)
    {
        var policies = options.AdditionalFiles
            .Where(text => PolicyFiles.IsPolicy(text.Path))
            .Select(text => new InputFile(text.Path, text.GetText(cancellationToken)?.ToString() ?? string.Empty))
            .ToList();

        // The documents are the files the headers name, whatever their extension, as in the generator.
        var documentPaths = PolicyDriver.DocumentPaths(policies.Select(PolicyDriver.Shared.Parse));
        var documents = options.AdditionalFiles
            .Where(text => PolicyFiles.IsDocument(text.Path, documentPaths))
            .Select(text => new InputFile(text.Path, text.GetText(cancellationToken)?.ToString() ?? string.Empty))
            .ToList();

        try
        {
            return PolicyCompilation.Diagnose(policies, documents, PolicyFiles.Analysis(options.AnalyzerConfigOptionsProvider.GlobalOptions), cancellationToken).ToLookup(d => d.FilePath, StringComparer.Ordinal);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var failure = new Model.DiagnosticInfo(
                Dsl.Diagnostics.DiagnosticCatalog.GeneratorFailure.Id,
                Dsl.Diagnostics.DiagnosticCatalog.GeneratorFailure.Format(exception.GetType().Name + ": " + exception.Message),
                policies.Select(p => p.Path).OrderBy(p => p, StringComparer.Ordinal).First(),
                new Xinji.Policy.Dsl.Text.SourceSpan(0, 0, 1, 1, 1, 1));
            return new[] { failure }.ToLookup(d => d.FilePath, StringComparer.Ordinal);
        }
    }
}
