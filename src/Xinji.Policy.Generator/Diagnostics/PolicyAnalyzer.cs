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
                    file.ReportDiagnostic(DiagnosticDescriptors.ToDiagnostic(diagnostic.Id, diagnostic.Message, diagnostic.FilePath, diagnostic.Span, diagnostic.Related));
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
        var texts = new List<(string Path, string Content, bool IsPolicy)>();
        var key = new System.Text.StringBuilder(@namespace);
        foreach (var text in options.AdditionalFiles.OrderBy(t => t.Path, StringComparer.Ordinal))
        {
            var isPolicy = PolicyFiles.IsPolicy(text.Path);
            if (!isPolicy && !PolicyFiles.IsDocument(text.Path))
            {
                continue;
            }

            var content = text.GetText(cancellationToken)?.ToString() ?? string.Empty;
            texts.Add((text.Path, content, isPolicy));
            key.Append('\0').Append(text.Path).Append('\0').Append(content);
        }

        try
        {
            // Parsing waits for a cache miss: the same policy, compiled again, costs a hash.
            (IReadOnlyList<PolicyFile>, IReadOnlyList<DocumentText>) Read() => (
                texts.Where(t => t.IsPolicy).Select(t => PolicyParser.Parse(t.Path, t.Content)).ToList(),
                texts.Where(t => !t.IsPolicy).Select(t => new DocumentText(t.Path, t.Content)).ToList());

            return PolicyCompilation.Diagnose(Hash(key.ToString()), Read, cancellationToken)
                .ToLookup(d => d.FilePath, StringComparer.Ordinal);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var first = texts.First(t => t.IsPolicy);
            var failure = new Model.DiagnosticInfo(
                Dsl.Diagnostics.DiagnosticCatalog.GeneratorFailure.Id,
                Dsl.Diagnostics.DiagnosticCatalog.GeneratorFailure.Format(exception.GetType().Name + ": " + exception.Message),
                first.Path,
                new Xinji.Policy.Dsl.Text.SourceSpan(0, 0, 1, 1, 1, 1));
            return new[] { failure }.ToLookup(d => d.FilePath, StringComparer.Ordinal);
        }
    }
}
