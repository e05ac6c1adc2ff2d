using System;
using Xinji.Policy.Dsl.Driver;

namespace Xinji.Policy.Generator;

/// <summary>Which additional files are policies or their source documents.</summary>
internal static class PolicyFiles
{
    /// <summary>Only <c>.policy</c> files are compiled: <c>.examples</c> files are for the tools, so the build never depends on them.</summary>
    public static bool IsPolicy(string path) => PolicyDriver.IsPolicyFile(path);

    public static bool IsDocument(string path) => path.EndsWith(".txt", StringComparison.OrdinalIgnoreCase);
}
