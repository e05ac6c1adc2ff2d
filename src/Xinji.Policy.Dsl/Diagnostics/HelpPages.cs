using System;
using System.IO;

namespace Xinji.Policy.Dsl.Diagnostics;

/// <summary>
/// Where the diagnostics' help pages (<c>docs/diagnostics/XPnnnn.md</c>) are: the pages that ship with
/// the toolkit, found from where its assembly is, so a link resolves offline. In this repository that
/// is the repository's <c>docs/</c>; in a package, the package's own <c>docs/</c> beside its <c>analyzers/</c>.
/// </summary>
public static class HelpPages
{
    /// <summary>The folder, below some ancestor of the assembly's directory, that holds the pages.</summary>
    public const string Folder = "docs/diagnostics";

    /// <summary>
    /// The base when no ancestor holds the pages (the assembly was copied alone, or loaded from
    /// memory): a reference relative to the root of the repository or package the toolkit came in.
    /// </summary>
    public const string Fallback = Folder + "/";

    /// <summary>
    /// A <c>file://</c> URI, ending in <c>/</c>, of the first <see cref="Folder"/> found walking up from
    /// <paramref name="startDirectory"/>; <see cref="Fallback"/> when there is none or the start is unknown.
    /// </summary>
    public static string Locate(string? startDirectory)
    {
        try
        {
            for (var directory = string.IsNullOrEmpty(startDirectory) ? null : new DirectoryInfo(startDirectory!);
                 directory is not null;
                 directory = directory.Parent)
            {
                var pages = Path.Combine(directory.FullName, "docs", "diagnostics");
                if (Directory.Exists(pages))
                {
                    return new Uri(pages + Path.DirectorySeparatorChar).AbsoluteUri;
                }
            }
        }
        catch (Exception problem) when (problem is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or System.Security.SecurityException)
        {
            // A path the file system refuses: the links fall back, the diagnostics are unaffected.
        }

        return Fallback;
    }

    /// <summary>The directory of the assembly that holds the catalog (the analyzer's, inside the compiler); null when it has none.</summary>
    internal static string? AssemblyDirectory()
    {
        try
        {
            var location = typeof(HelpPages).Assembly.Location;
            return string.IsNullOrEmpty(location) ? null : Path.GetDirectoryName(location);
        }
        catch (Exception problem) when (problem is NotSupportedException or ArgumentException or PathTooLongException)
        {
            return null;
        }
    }
}
