using System;
using System.IO;
using Xinji.Policy.Dsl.Diagnostics;

namespace Xinji.Policy.Dsl.Tests;

/// <summary>Every diagnostic's help link opens the page that ships with the toolkit, offline.</summary>
public sealed class HelpLinkTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("xinji-help-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Every_help_link_is_a_file_uri_of_an_existing_page_in_the_repository_build()
    {
        // This test's assembly directory holds no docs: the walk up reaches the repository's docs/diagnostics.
        Assert.False(Directory.Exists(Path.Combine(AppContext.BaseDirectory, "docs")));
        foreach (var descriptor in DiagnosticCatalog.All)
        {
            var link = new Uri(descriptor.HelpLink);
            Assert.True(link.IsFile, descriptor.HelpLink);
            Assert.True(File.Exists(link.LocalPath), "No page at " + descriptor.HelpLink);
            Assert.Equal(descriptor.Id + ".md", Path.GetFileName(link.LocalPath));
            Assert.StartsWith("# " + descriptor.Id + ": ", File.ReadAllText(link.LocalPath), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_pages_are_found_in_the_nearest_ancestor_that_holds_them()
    {
        var package = Path.Combine(_root, "package");
        Directory.CreateDirectory(Path.Combine(package, "docs", "diagnostics"));
        var analyzers = Directory.CreateDirectory(Path.Combine(package, "analyzers", "dotnet", "cs")).FullName;

        var located = HelpPages.Locate(analyzers);

        Assert.Equal(new Uri(Path.Combine(package, "docs", "diagnostics") + Path.DirectorySeparatorChar).AbsoluteUri, located);
        Assert.EndsWith("/docs/diagnostics/", located, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_pages_above_the_assembly_or_without_a_location_the_link_is_relative_to_the_package_root()
    {
        var alone = Directory.CreateDirectory(Path.Combine(_root, "analyzers")).FullName;

        Assert.Equal("docs/diagnostics/", HelpPages.Locate(alone));
        Assert.Equal("docs/diagnostics/", HelpPages.Locate(null));
        Assert.Equal("docs/diagnostics/", HelpPages.Locate(string.Empty));
    }
}
