using System.Collections.Generic;

namespace Xinji.Policy.Tooling.Examples;

/// <summary>
/// Reads a policy together with its examples. Examples are <c>example</c> declarations in the
/// policy's <c>.policy</c> files or in <c>.examples</c> files; the latter sit beside the clause
/// files without being compiled into the policy (the generator and <see cref="PolicyLoader"/>
/// read only <c>.policy</c> files), so the production build never depends on them.
/// </summary>
public static class ExampleLoader
{
    /// <summary>
    /// Loads the policy and examples at these paths: a directory stands for its <c>.policy</c> and
    /// <c>.examples</c> files, a file for itself. The <c>.policy</c> files found form the policy, as
    /// for <see cref="PolicyLoader.Load"/>; when only <c>.examples</c> files are given, the policy is
    /// the <c>.policy</c> files beside them. So <c>policy/</c> runs every example of the policy,
    /// <c>policy/04-warranty-exclusions.examples</c> only those, and
    /// <c>variant/ policy/04-warranty-exclusions.examples</c> runs them against another version.
    /// </summary>
    /// <param name="workingDirectory">What relative paths are relative to; the current directory when null.</param>
    /// <exception cref="PolicyReadException">A path does not exist, a file cannot be read, or no policy file was found.</exception>
    public static LoadedPolicy Load(IEnumerable<string> paths, string? workingDirectory = null) =>
        PolicySources.Load(paths, withExamples: true, workingDirectory);
}
