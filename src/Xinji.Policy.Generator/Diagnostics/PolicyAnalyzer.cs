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

    private static string Hash(string text)
    {
        using var sha = System.Security.Cryptography.SHA256.Create();
        return Convert.ToBase64String(sha.ComputeHash(System.Text.Encoding.UTF8.GetBytes(text)));
    }

    private static ILookup<string, Model.DiagnosticInfo> Analyze(AnalyzerOptions options, string @namespace, System.Threading.CancellationToken cancellationToken)
    {
        var files = new List<PolicyFile>();
        var documents = new List<DocumentText>();
        var key = new System.Text.StringBuilder(@namespace);
        foreach (var text in options.AdditionalFiles.OrderBy(t => t.Path, StringComparer.Ordinal))
        {
            var content = text.GetText(cancellationToken)?.ToString() ?? string.Empty;
            if (PolicyFiles.IsPolicy(text.Path))
            {
                files.Add(PolicyParser.Parse(text.Path, content));
            }
            else if (PolicyFiles.IsDocument(text.Path))
            {
                documents.Add(new DocumentText(text.Path, content));
            }
            else
            {
                continue;
            }

            key.Append('\0').Append(text.Path).Append('\0').Append(content);
        }

        try
        {
            return PolicyCompilation.Diagnose(files, documents, @namespace, Hash(key.ToString()), cancellationToken)
                .ToLookup(d => d.FilePath, StringComparer.Ordinal);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
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
