using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xinji.Policy.Dsl.Syntax;

namespace Xinji.Policy.Generator.Diagnostics;

/// <summary>
/// Reports every policy problem on the <c>.policy</c> file it is in, live in the IDE and as a
/// build error. It runs the same compilation path as the generator.
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
            var @namespace = PolicyFiles.Namespace(options.AnalyzerConfigOptionsProvider.GlobalOptions);
            var result = new Lazy<ILookup<string, Model.DiagnosticInfo>>(() => Analyze(options, @namespace, start.CancellationToken));
            start.RegisterAdditionalFileAction(file =>
            {
                if (!PolicyFiles.IsPolicy(file.AdditionalFile.Path))
                {
                    return;
                }

                foreach (var diagnostic in result.Value[file.AdditionalFile.Path])
                {
                    file.ReportDiagnostic(DiagnosticDescriptors.ToDiagnostic(diagnostic.Id, diagnostic.Message, diagnostic.FilePath, diagnostic.Span));
                }
            });
        });
    }

    private static ILookup<string, Model.DiagnosticInfo> Analyze(AnalyzerOptions options, string @namespace, System.Threading.CancellationToken cancellationToken)
    {
        var files = new List<PolicyFile>();
        var documents = new List<DocumentText>();
        foreach (var text in options.AdditionalFiles)
        {
            if (PolicyFiles.IsPolicy(text.Path))
            {
                files.Add(PolicyParser.Parse(text.Path, text.GetText(cancellationToken)?.ToString() ?? string.Empty));
            }
            else if (PolicyFiles.IsDocument(text.Path))
            {
                documents.Add(new DocumentText(text.Path, text.GetText(cancellationToken)?.ToString() ?? string.Empty));
            }
        }

        try
        {
            return PolicyCompilation.Compile(files, documents, @namespace).Diagnostics.ToLookup(d => d.FilePath, StringComparer.Ordinal);
        }
        catch (Exception exception)
        {
            var first = files.OrderBy(f => f.Path, StringComparer.Ordinal).First();
            var failure = new Model.DiagnosticInfo(
                Dsl.Diagnostics.DiagnosticCatalog.GeneratorFailure.Id,
                Dsl.Diagnostics.DiagnosticCatalog.GeneratorFailure.Format(exception.GetType().Name + ": " + exception.Message),
                first.Path,
                default);
            return new[] { failure }.ToLookup(d => d.FilePath, StringComparer.Ordinal);
        }
    }
}
