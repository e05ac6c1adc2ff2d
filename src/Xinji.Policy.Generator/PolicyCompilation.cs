using System;
using System.Collections.Generic;
using System.Linq;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Syntax;
using Xinji.Policy.Dsl.Text;
using Xinji.Policy.Generator.Emit;
using Xinji.Policy.Generator.Model;

namespace Xinji.Policy.Generator;

/// <summary>A source document a policy quotes, passed in as an additional file.</summary>
internal sealed record DocumentText(string Path, string Text);

/// <summary>
/// Parsed files to emit model and diagnostics: the one path both the generator and the analyzer
/// take, so the IDE shows exactly the problems that stop generation.
/// </summary>
internal static class PolicyCompilation
{
    public static EmitResult Compile(IReadOnlyList<PolicyFile> files, IReadOnlyList<DocumentText> documents, string @namespace)
    {
        if (files.Count == 0)
        {
            return new EmitResult(null, EquatableArray<DiagnosticInfo>.Empty);
        }

        if (GeneratedNamespace.Check(@namespace, files) is { } invalidNamespace)
        {
            return new EmitResult(null, new[] { invalidNamespace }.ToEquatableArray());
        }

        var binding = PolicyBinder.Bind(files, ByFullPath(documents));
        var diagnostics = binding.Diagnostics.Select(d => new DiagnosticInfo(d.Id, d.Message, d.FilePath, d.Span)).ToEquatableArray();
        var model = binding.Policy is not null
            ? PolicyLowering.Lower(binding.Policy, files, @namespace, GeneratorVersion.Value)
            : binding.Vocabulary is not null ? PolicyLowering.LowerShell(binding.Vocabulary, @namespace, GeneratorVersion.Value) : null;
        return new EmitResult(model, diagnostics);
    }

    /// <summary>Documents by full path, as the binder looks them up from the header's <c>source</c>.</summary>
    private static Dictionary<string, string> ByFullPath(IReadOnlyList<DocumentText> documents)
    {
        var texts = new Dictionary<string, string>();
        foreach (var document in documents)
        {
            texts[System.IO.Path.GetFullPath(document.Path)] = document.Text;
        }

        return texts;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, EquatableArray<DiagnosticInfo>> Analyses = new();

    /// <summary>
    /// Every diagnostic of the policy, the analysis's included. The analysis is the costly part,
    /// so its result is kept per content of the policy's files: an edit to C# code, or a second
    /// compilation of the same policy, reuses it.
    /// </summary>
    /// <param name="read">Parses the policy's files and reads its documents; called only when the result is not cached.</param>
    public static EquatableArray<DiagnosticInfo> Diagnose(string contentKey, Func<(IReadOnlyList<PolicyFile> Files, IReadOnlyList<DocumentText> Documents)> read, System.Threading.CancellationToken cancellationToken)
    {
        if (Analyses.TryGetValue(contentKey, out var cached))
        {
            return cached;
        }

        var (files, documents) = read();

        var binding = PolicyBinder.Bind(files, ByFullPath(documents));
        var diagnostics = binding.Diagnostics.Select(d => new DiagnosticInfo(d.Id, d.Message, d.FilePath, d.Span)).ToList();
        if (binding.Policy is { } policy)
        {
            var analysis = Dsl.Analysis.PolicyAnalysis.Analyze(policy, cancellationToken);
            diagnostics.AddRange(Dsl.Analysis.AnalysisDiagnostics.From(analysis).Select(d => new DiagnosticInfo(d.Id, d.Message, d.FilePath, d.Span)));
        }

        var result = diagnostics.ToEquatableArray();
        if (Analyses.Count > 32)
        {
            Analyses.Clear();
        }

        Analyses[contentKey] = result;
        return result;
    }
}
