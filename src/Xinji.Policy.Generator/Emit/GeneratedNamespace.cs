using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xinji.Policy.Dsl.Diagnostics;
using Xinji.Policy.Dsl.Syntax;
using Xinji.Policy.Generator.Model;

namespace Xinji.Policy.Generator.Emit;

/// <summary>
/// The namespace the generated code goes in: the project's <c>XinjiPolicyNamespace</c> when it
/// sets one, otherwise its <c>RootNamespace</c>, otherwise <c>Policies</c>. It is checked before
/// anything is generated: a name C# cannot read would give pages of C# errors in generated
/// files, where one XP0115 on the policy header says what to change.
/// </summary>
internal static class GeneratedNamespace
{
    /// <summary>The MSBuild property that overrides the root namespace for the generated code.</summary>
    public const string OverrideProperty = "XinjiPolicyNamespace";

    public const string RootNamespaceProperty = "RootNamespace";

    public const string Default = "Policies";

    /// <summary>The namespace the build asks for, and the property that said so (for XP0115's message).</summary>
    public static NamespaceSetting FromBuild(AnalyzerConfigOptions options)
    {
        foreach (var property in new[] { OverrideProperty, RootNamespaceProperty })
        {
            if (options.TryGetValue("build_property." + property, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                return new NamespaceSetting(value.Trim(), property);
            }
        }

        return new NamespaceSetting(Default, RootNamespaceProperty);
    }

    /// <summary>XP0115 on the policy's header when the namespace is not a C# namespace; null when it is, or when there is no header.</summary>
    public static DiagnosticInfo? Check(string @namespace, IReadOnlyList<PolicyFile> files, string property = RootNamespaceProperty)
    {
        if (Problem(@namespace) is not { } problem)
        {
            return null;
        }

        var header = files
            .SelectMany(f => f.Declarations.OfType<PolicyHeaderDeclaration>().Select(h => (f.Path, h.Name.Span)))
            .FirstOrDefault();
        if (header.Path is null)
        {
            return null;
        }

        return new DiagnosticInfo(
            DiagnosticCatalog.InvalidNamespace.Id,
            DiagnosticCatalog.InvalidNamespace.Format(property, @namespace, problem, Suggestion(@namespace)),
            header.Path,
            header.Span);
    }

    /// <summary>Why the text is not a C# namespace name, or null when it is one.</summary>
    public static string? Problem(string @namespace)
    {
        var parts = @namespace.Split('.');
        foreach (var part in parts)
        {
            if (part.Length == 0)
            {
                return parts.Length == 1 ? "it is empty" : "it has an empty name between, before or after its dots";
            }

            if (SyntaxFacts.GetKeywordKind(part) != SyntaxKind.None || part is "global" or "__arglist" or "__makeref" or "__reftype" or "__refvalue")
            {
                return $"'{part}' is a C# keyword";
            }

            if (!SyntaxFacts.IsValidIdentifier(part))
            {
                return $"'{part}' is not a C# name (letters, digits and underscores, not starting with a digit)";
            }
        }

        return null;
    }

    /// <summary>A namespace close to the text that C# reads, to suggest.</summary>
    private static string Suggestion(string @namespace)
    {
        var parts = new List<string>();
        foreach (var part in @namespace.Split('.').Where(p => p.Length > 0))
        {
            var name = new StringBuilder();
            foreach (var c in part)
            {
                name.Append(SyntaxFacts.IsIdentifierPartCharacter(c) ? c : '_');
            }

            var candidate = name.ToString();
            if (!SyntaxFacts.IsIdentifierStartCharacter(candidate[0]))
            {
                candidate = "_" + candidate;
            }

            parts.Add(Problem(candidate) is null ? candidate : CSharp.Pascal(candidate) is var pascal && Problem(pascal) is null ? pascal : candidate + "_");
        }

        return parts.Count == 0 ? Default : string.Join(".", parts);
    }
}

/// <summary>The generated code's namespace and the MSBuild property it came from: an equatable pipeline value.</summary>
internal sealed record NamespaceSetting(string Name, string Property);
