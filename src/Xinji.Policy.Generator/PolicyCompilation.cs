using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Xinji.Policy.Dsl.Analysis;
using Xinji.Policy.Dsl.Diagnostics;
using Xinji.Policy.Dsl.Driver;
using Xinji.Policy.Dsl.Syntax;
using Xinji.Policy.Dsl.Text;
using Xinji.Policy.Generator.Emit;
using Xinji.Policy.Generator.Model;

namespace Xinji.Policy.Generator;

/// <summary>
/// Parsed files to emit model and diagnostics. The generator and the analyzer both compile
/// through <see cref="PolicyDriver"/>, so the IDE shows exactly the problems that stop generation.
/// </summary>
internal static class PolicyCompilation
{
    /// <summary>The emit model: the whole policy when it binds, a compiling shell of its types when only its vocabulary does.</summary>
    public static EmitResult Compile(IReadOnlyList<PolicyFile> files, IReadOnlyList<InputFile> documents, string @namespace)
    {
        if (files.Count == 0)
        {
            return new EmitResult(null, EquatableArray<DiagnosticInfo>.Empty);
        }

        if (GeneratedNamespace.Check(@namespace, files) is { } invalidNamespace)
        {
            return new EmitResult(null, new[] { invalidNamespace }.ToEquatableArray());
        }

        var result = PolicyDriver.Bind(files, documents);
        var model = result.Policy is not null
            ? PolicyLowering.Lower(result.Policy, files, @namespace, GeneratorVersion.Value)
            : result.Vocabulary is not null ? PolicyLowering.LowerShell(result.Vocabulary, @namespace, GeneratorVersion.Value) : null;
        return new EmitResult(model, Info(result.Diagnostics));
    }

    /// <summary>
    /// Every diagnostic of the policy, the analysis's included. The analysis is the costly part;
    /// the shared driver keeps its result per content of the files, so an edit to C# code, or a
    /// second compilation of the same policy, reuses it.
    /// </summary>
    public static EquatableArray<DiagnosticInfo> Diagnose(IReadOnlyList<InputFile> policyFiles, IReadOnlyList<InputFile> documents, AnalysisOptions analysis, CancellationToken cancellationToken) =>
        Info(PolicyDriver.Shared.Compile(new DriverInput(policyFiles, documents, analyze: true) { Analysis = analysis }, cancellationToken).Diagnostics);

    private static EquatableArray<DiagnosticInfo> Info(IEnumerable<PolicyDiagnostic> diagnostics) =>
        diagnostics.Select(d => new DiagnosticInfo(d.Id, d.Message, d.FilePath, d.Span) { Related = d.Related }).ToEquatableArray();
}
