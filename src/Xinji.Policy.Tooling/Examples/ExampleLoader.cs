using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xinji.Policy.Dsl.Syntax;

namespace Xinji.Policy.Tooling.Examples;

/// <summary>
/// Reads a policy together with its examples. Examples are <c>example</c> declarations in the
/// policy's <c>.policy</c> files or in <c>.examples</c> files; the latter sit beside the clause
/// files without being compiled into the policy (the generator and <see cref="PolicyLoader"/>
/// read only <c>.policy</c> files), so the production build never depends on them.
/// </summary>
public static class ExampleLoader
{
    public const string Extension = ".examples";

    /// <summary>
    /// Loads the policy and examples at these paths: a directory stands for its <c>.policy</c> and
    /// <c>.examples</c> files, a file for itself. The <c>.policy</c> files found form the policy, as
    /// for <see cref="PolicyLoader.Load"/>; when only <c>.examples</c> files are given, the policy is
    /// the <c>.policy</c> files beside them. So <c>policy/</c> runs every example of the policy,
    /// <c>policy/04-warranty-exclusions.examples</c> only those, and
    /// <c>variant/ policy/04-warranty-exclusions.examples</c> runs them against another version.
    /// </summary>
    /// <exception cref="FileNotFoundException">A path does not exist, or no policy file was found.</exception>
    public static LoadedPolicy Load(IEnumerable<string> paths)
    {
        var policyFiles = new List<string>();
        var exampleFiles = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                policyFiles.AddRange(Directory.GetFiles(path, "*.policy", SearchOption.TopDirectoryOnly));
                exampleFiles.AddRange(Directory.GetFiles(path, "*" + Extension, SearchOption.TopDirectoryOnly));
            }
            else if (File.Exists(path))
            {
                (IsExamplesFile(path) ? exampleFiles : policyFiles).Add(path);
            }
            else
            {
                throw new FileNotFoundException("no such file or directory", path);
            }
        }

        if (policyFiles.Count == 0)
        {
            foreach (var directory in exampleFiles.Select(f => Path.GetDirectoryName(Path.GetFullPath(f))!).Distinct(StringComparer.Ordinal))
            {
                policyFiles.AddRange(Directory.GetFiles(directory, "*.policy", SearchOption.TopDirectoryOnly));
            }
        }

        if (policyFiles.Count == 0)
        {
            throw new FileNotFoundException("no .policy files", string.Join(", ", paths));
        }

        var parsed = Distinct(policyFiles).Select(f => PolicyParser.Parse(PolicyLoader.Relative(f), File.ReadAllText(f)))
            .Concat(Distinct(exampleFiles).Select(f => PolicyParser.ParseExamples(PolicyLoader.Relative(f), File.ReadAllText(f))))
            .ToList();
        return PolicyLoader.Bind(parsed);
    }

    public static bool IsExamplesFile(string path) => path.EndsWith(Extension, StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<string> Distinct(IEnumerable<string> files) =>
        files.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).OrderBy(f => f, StringComparer.Ordinal);
}
