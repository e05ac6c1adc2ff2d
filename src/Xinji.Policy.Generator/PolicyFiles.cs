using System.Collections.Generic;
using Microsoft.CodeAnalysis.Diagnostics;
using Xinji.Policy.Dsl.Analysis;
using Xinji.Policy.Dsl.Driver;

namespace Xinji.Policy.Generator;

/// <summary>Which additional files are policies or their source documents, and where generated code goes.</summary>
internal static class PolicyFiles
{
    /// <summary>Only <c>.policy</c> files are compiled: <c>.examples</c> files are for the tools, so the build never depends on them.</summary>
    public static bool IsPolicy(string path) => PolicyDriver.IsPolicyFile(path);

    /// <summary>
    /// A document is any additional file a policy header names in <c>source</c>, whatever its extension;
    /// matching by the name (not by <c>.txt</c>) is what lets the binder say when the named one is missing.
    /// </summary>
    public static bool IsDocument(string path, IEnumerable<string> documentPaths) =>
        MayBeDocument(path) && PolicyDriver.IsDocument(path, documentPaths);

    /// <summary>Any additional file that is not a policy or examples file may be the document a header names.</summary>
    public static bool MayBeDocument(string path) => !PolicyDriver.IsPolicyFile(path) && !PolicyDriver.IsExamplesFile(path);

    /// <summary>
    /// The analysis's time budget from the MSBuild property <c>XinjiPolicyAnalysisBudget</c>
    /// (seconds; made visible by the package's props); the default when it is unset or not a
    /// positive number of seconds.
    /// </summary>
    public static AnalysisOptions Analysis(AnalyzerConfigOptions options) =>
        options.TryGetValue("build_property.XinjiPolicyAnalysisBudget", out var value) && AnalysisOptions.TryParseBudget(value, out var budget)
            ? new AnalysisOptions { Budget = budget }
            : AnalysisOptions.Default;

    /// <summary>The project's root namespace, or <c>Policies</c> when the build does not say.</summary>
    public static string Namespace(AnalyzerConfigOptions options) =>
        options.TryGetValue("build_property.RootNamespace", out var value) && !string.IsNullOrWhiteSpace(value)
            ? value.Trim()
            : "Policies";
}
