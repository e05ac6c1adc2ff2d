using System;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Xinji.Policy.Generator;

/// <summary>Which additional files are policies or their source documents, and where generated code goes.</summary>
internal static class PolicyFiles
{
    public static bool IsPolicy(string path) => path.EndsWith(".policy", StringComparison.OrdinalIgnoreCase);

    public static bool IsDocument(string path) => path.EndsWith(".txt", StringComparison.OrdinalIgnoreCase);

    /// <summary>The project's root namespace, or <c>Policies</c> when the build does not say.</summary>
    public static string Namespace(AnalyzerConfigOptions options) =>
        options.TryGetValue("build_property.RootNamespace", out var value) && !string.IsNullOrWhiteSpace(value)
            ? value.Trim()
            : "Policies";
}
