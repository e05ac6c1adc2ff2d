using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xinji.Policy.Dsl.Diagnostics;
using Xinji.Policy.Generator.Diagnostics;

namespace Xinji.Policy.Generator.Tests;

public class DescriptorTests
{
    [Fact]
    public void The_compiler_descriptors_match_the_catalog_the_cli_uses()
    {
        Assert.Equal(DiagnosticCatalog.All.Select(d => d.Id), DiagnosticDescriptors.All.Select(d => d.Id));
        foreach (var (info, descriptor) in DiagnosticCatalog.All.Zip(DiagnosticDescriptors.All))
        {
            Assert.Equal(info.Title, descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(info.Category, descriptor.Category);
            Assert.Equal(info.DefaultSeverity.ToString(), descriptor.DefaultSeverity.ToString());
            Assert.Equal(info.HelpLink, descriptor.HelpLinkUri);
            Assert.StartsWith("XP", descriptor.Id, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_diagnostic_has_a_help_page_with_a_bad_and_a_fixed_example()
    {
        foreach (var descriptor in DiagnosticDescriptors.All)
        {
            var page = Path.Combine(AppContext.BaseDirectory, "docs", "diagnostics", descriptor.Id + ".md");
            Assert.True(File.Exists(page), "Missing help page " + page);
            var text = File.ReadAllText(page);
            Assert.StartsWith("# " + descriptor.Id + ": ", text, StringComparison.Ordinal);
            Assert.Contains("## Example", text, StringComparison.Ordinal);
            Assert.Contains("## Fix", text, StringComparison.Ordinal);
            Assert.EndsWith(descriptor.Id + ".md", descriptor.HelpLinkUri, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_diagnostic_is_tracked_in_the_analyzer_release_files()
    {
        var releases = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "releases", "AnalyzerReleases.Shipped.md"))
                       + File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "releases", "AnalyzerReleases.Unshipped.md"));

        foreach (var descriptor in DiagnosticDescriptors.All)
        {
            Assert.Contains($"{descriptor.Id} | {descriptor.Category} | {descriptor.DefaultSeverity} |", releases, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Only_generator_failures_cannot_be_configured()
    {
        Assert.Equal(
            new[] { "XP9001" },
            DiagnosticDescriptors.All.Where(d => d.CustomTags.Contains(WellKnownDiagnosticTags.NotConfigurable)).Select(d => d.Id));
    }
}
