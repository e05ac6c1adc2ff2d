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
    public const string ToolVersion = "0.1.0";

    public static EmitResult Compile(IReadOnlyList<PolicyFile> files, IReadOnlyList<DocumentText> documents, string @namespace)
    {
        if (files.Count == 0)
        {
            return new EmitResult(null, EquatableArray<DiagnosticInfo>.Empty);
        }

        var texts = new Dictionary<string, string>();
        foreach (var document in documents)
        {
            texts[System.IO.Path.GetFullPath(document.Path)] = document.Text;
        }

        var binding = PolicyBinder.Bind(files, texts);
        var diagnostics = binding.Diagnostics.Select(d => new DiagnosticInfo(d.Id, d.Message, d.FilePath, d.Span)).ToList();
        if (binding.Policy is null)
        {
            return new EmitResult(null, diagnostics.ToEquatableArray());
        }

        var lowered = PolicyLowering.Lower(binding.Policy, @namespace, ToolVersion);
        diagnostics.AddRange(lowered.Diagnostics);
        return new EmitResult(lowered.Model, diagnostics.ToEquatableArray());
    }
}
