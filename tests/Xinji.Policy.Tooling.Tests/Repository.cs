using System;
using System.IO;

namespace Xinji.Policy.Tooling.Tests;

/// <summary>The repository's own files (the policy, its examples, the claim history), read in place.</summary>
internal static class Repository
{
    private static readonly Lazy<string> LazyRoot = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Xinji.Policy.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Xinji.Policy.sln was not found in any folder above " + AppContext.BaseDirectory);
    });

    public static string Root => LazyRoot.Value;

    /// <summary>A path below the repository root, given with forward slashes.</summary>
    public static string Path(string relative) => System.IO.Path.Combine(Root, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));
}
