using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;

namespace Xinji.Policy.Package.Tests;

/// <summary>
/// The packages as a consumer uses them (see <see cref="ConsumerFixture"/>): the guide followed in a
/// fresh app with one PackageReference and the tool installed from the feed; what the packages hold;
/// and broken copies of the app's policy failing <c>dotnet build</c> at the policy's file(line,col).
/// </summary>
public sealed class ConsumerTests : IClassFixture<ConsumerFixture>
{
    private static readonly string[] PackageIds = { "Xinji.Policy.Generator", "Xinji.Policy.Runtime", "Xinji.Policy.Dsl", "Xinji.Policy.Tooling", "xinji-policy" };

    private readonly ConsumerFixture _consumer;

    public ConsumerTests(ConsumerFixture consumer) => _consumer = consumer;

    private string Version =>
        XDocument.Load(Path.Combine(_consumer.RepoRoot, "Directory.Build.props")).Descendants("Version").Single().Value;

    private string PolicyFile => Path.Combine(_consumer.AppDirectory, "policy", "bicycle.policy");

    [Fact]
    public void The_guide_runs_as_written_and_prints_what_it_shows()
    {
        Assert.True(_consumer.Failure is null, _consumer.Failure);
        Assert.True(_consumer.Mismatches.Count == 0, string.Join("\n\n", _consumer.Mismatches));
        // The page went all the way: an app of its own, decided from C#, and the tool on its policy.
        Assert.Contains(_consumer.Steps, s => s.CommandLine.StartsWith("dotnet run", StringComparison.Ordinal));
        Assert.Contains(_consumer.Steps, s => s.CommandLine == "xinji-policy test");
        Assert.False(File.Exists(Path.Combine(_consumer.AppDirectory, "..", "Directory.Build.props")), "the app must not see the repository's build files");
    }

    [Fact]
    public void The_app_references_one_package_and_no_project()
    {
        RequireGuide();
        var project = XDocument.Load(Path.Combine(_consumer.AppDirectory, "Bikes.csproj"));
        Assert.Empty(project.Descendants("ProjectReference"));
        var reference = Assert.Single(project.Descendants("PackageReference"));
        Assert.Equal("Xinji.Policy.Generator", (string?)reference.Attribute("Include"));
    }

    [Fact]
    public void One_documented_command_packs_every_package_at_one_version()
    {
        Assert.True(_consumer.Pack.ExitCode == 0, _consumer.Pack.ToString());
        Assert.Contains(ConsumerFixture.PackCommand, _consumer.GuideText, StringComparison.Ordinal);
        Assert.Contains(ConsumerFixture.PackCommand, File.ReadAllText(Path.Combine(_consumer.RepoRoot, "README.md")), StringComparison.Ordinal);

        var packages = Directory.GetFiles(_consumer.Feed, "*.nupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(PackageIds.Select(id => $"{id}.{Version}.nupkg").Order(StringComparer.Ordinal), packages);
        // Symbols beside every package whose assemblies are a library's or a tool's; the generator's are inside it, beside the analyzer.
        foreach (var id in PackageIds.Where(id => id != "Xinji.Policy.Generator"))
        {
            Assert.True(File.Exists(Path.Combine(_consumer.Feed, $"{id}.{Version}.snupkg")), $"no symbol package for {id}");
        }
    }

    [Fact]
    public void The_readme_installs_the_tool_and_its_commands_work_as_written()
    {
        Assert.True(_consumer.Pack.ExitCode == 0, _consumer.Pack.ToString());
        var readme = File.ReadAllLines(Path.Combine(_consumer.RepoRoot, "README.md"));
        var install = readme.Single(l => l.StartsWith("dotnet tool install --global xinji-policy", StringComparison.Ordinal));
        var evaluate = readme.First(l => l.StartsWith("xinji-policy evaluate ", StringComparison.Ordinal));
        var tools = Path.Combine(_consumer.Root, "readme-tools");

        // In the clone, where the README's pack command put the packages.
        var installed = _consumer.Run(Guide.Words(install), Path.GetDirectoryName(Path.GetDirectoryName(_consumer.Feed))!, tools);
        Assert.True(installed.ExitCode == 0, installed.ToString());
        var decided = _consumer.Run(Guide.Words(evaluate), _consumer.RepoRoot, tools);
        Assert.True(decided.ExitCode == 0, decided.ToString());
        Assert.Contains("Coverage:     FREE", decided.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Xinji.Policy.Generator")]
    [InlineData("Xinji.Policy.Runtime")]
    [InlineData("Xinji.Policy.Dsl")]
    [InlineData("Xinji.Policy.Tooling")]
    [InlineData("xinji-policy")]
    public void Every_package_carries_its_readme_licence_repository_description_and_tags(string id)
    {
        using var package = OpenPackage(id);
        var metadata = Metadata(package);
        string Field(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value ?? string.Empty;

        Assert.Equal(Version, Field("version"));
        Assert.NotEqual(string.Empty, Field("description"));
        Assert.NotEqual(string.Empty, Field("tags"));
        var license = metadata.Elements().Single(e => e.Name.LocalName == "license");
        Assert.Equal("expression", (string?)license.Attribute("type"));
        Assert.NotEqual(string.Empty, license.Value);
        var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
        Assert.StartsWith("https://", (string?)repository.Attribute("url"), StringComparison.Ordinal);
        var readme = Field("readme");
        Assert.NotNull(package.GetEntry(readme));
        using var reader = new StreamReader(package.GetEntry(readme)!.Open());
        Assert.StartsWith("# " + id, reader.ReadToEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_generator_package_holds_the_analyzer_with_what_it_loads_its_build_files_and_the_runtime_dependency()
    {
        using var package = OpenPackage("Xinji.Policy.Generator");
        var files = package.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        foreach (var assembly in new[] { "Xinji.Policy.Generator", "Xinji.Policy.Dsl", "Sprache", "Scriban.Signed" })
        {
            Assert.Contains($"analyzers/dotnet/cs/{assembly}.dll", files);
        }

        Assert.Contains("buildTransitive/Xinji.Policy.Generator.props", files);
        Assert.Contains("buildTransitive/Xinji.Policy.Generator.targets", files);
        Assert.Contains("build/Xinji.Policy.Generator.props", files);
        Assert.Contains("build/Xinji.Policy.Generator.targets", files);
        Assert.Contains("docs/diagnostics/XP2001.md", files);
        // Nothing for the app to reference but the runtime, which comes as a dependency.
        Assert.DoesNotContain(files, f => f.StartsWith("lib/", StringComparison.Ordinal));
        var dependency = Assert.Single(Metadata(package).Descendants(), e => e.Name.LocalName == "dependency");
        Assert.Equal("Xinji.Policy.Runtime", (string?)dependency.Attribute("id"));
        Assert.Equal(Version, (string?)dependency.Attribute("version"));
        Assert.Null(Metadata(package).Elements().SingleOrDefault(e => e.Name.LocalName == "developmentDependency"));
    }

    /// <summary>
    /// What a library package's assemblies reference at run time comes with them: the framework, an
    /// assembly beside them in lib/, or a package they depend on. An assembly the project referenced
    /// by its file (not as a package) and did not pack would fail the app that loads it.
    /// </summary>
    [Theory]
    [InlineData("Xinji.Policy.Runtime")]
    [InlineData("Xinji.Policy.Dsl")]
    [InlineData("Xinji.Policy.Tooling")]
    public void A_library_package_brings_every_assembly_its_assemblies_reference(string id)
    {
        using var package = OpenPackage(id);
        var dependencies = Metadata(package).Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(e => (string)e.Attribute("id")!).ToList();
        var libraries = package.Entries.Where(e => e.FullName.StartsWith("lib/", StringComparison.Ordinal) && e.FullName.EndsWith(".dll", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(libraries);
        var packed = libraries.Select(e => Path.GetFileNameWithoutExtension(e.Name)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var library in libraries)
        {
            foreach (var reference in AssemblyReferences(library))
            {
                var provided = IsFramework(reference)
                    || packed.Contains(reference)
                    // A package's assemblies are named after it (Microsoft.CodeAnalysis.CSharp brings Microsoft.CodeAnalysis too).
                    || dependencies.Any(d => d.StartsWith(reference, StringComparison.OrdinalIgnoreCase) || reference.StartsWith(d, StringComparison.OrdinalIgnoreCase));
                Assert.True(provided, $"{id}: {library.FullName} references {reference}, which is neither in the package nor one of its dependencies ({string.Join(", ", dependencies)})");
            }
        }
    }

    [Fact]
    public void The_compiler_gets_the_policy_files_and_the_document_their_header_names_and_no_examples()
    {
        RequireGuide();
        var items = _consumer.Run("dotnet", "msbuild", "-nologo", "-t:XinjiPolicyAddSourceDocuments", "-getItem:AdditionalFiles");
        Assert.True(items.ExitCode == 0, items.ToString());
        var paths = System.Text.Json.JsonDocument.Parse(items.Output).RootElement.GetProperty("Items").GetProperty("AdditionalFiles")
            .EnumerateArray().Select(i => Path.GetRelativePath(_consumer.AppDirectory, i.GetProperty("FullPath").GetString()!).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        Assert.Equal(new[] { "policy/bicycle.policy", "policy/frame-guarantee.txt" }, paths);
    }

    [Fact]
    public void With_XinjiPolicyIncludeFiles_false_no_policy_reaches_the_compiler()
    {
        RequireGuide();
        var build = _consumer.Run("dotnet", "build", "--no-restore", "--no-incremental", "-p:XinjiPolicyIncludeFiles=false");
        Assert.NotEqual(0, build.ExitCode);
        // Nothing generated: Program.cs's names of the generated namespace and types are unknown.
        Assert.True(
            System.Text.RegularExpressions.Regex.IsMatch(build.Output, "error CS0246: The type or namespace name '(Bikes|BicycleClaim|BicyclePolicy)' could not be found"),
            build.ToString());
        Assert.DoesNotContain("error XP", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_conflict_fails_the_build_at_the_clause() =>
        AssertBrokenCopyFails("conflict", policy => Remove(policy, "  exception to G-1, G-2\n"));

    [Fact]
    public void A_misquote_fails_the_build_at_the_quote() =>
        AssertBrokenCopyFails("misquote", policy => Replace(policy, "\"Damage from a crash is not covered.\"", "\"Damage from a crash is never covered.\""));

    [Fact]
    public void A_missing_document_fails_the_build_at_the_header()
    {
        var document = Path.Combine(_consumer.AppDirectory, "policy", "frame-guarantee.txt");
        var aside = document + ".aside";
        RequireGuide();
        File.Move(document, aside);
        try
        {
            AssertBuildFails("missing-document");
        }
        finally
        {
            File.Move(aside, document);
        }
    }

    private void AssertBrokenCopyFails(string name, Func<string, string> breakPolicy)
    {
        RequireGuide();
        var original = File.ReadAllText(PolicyFile);
        File.WriteAllText(PolicyFile, breakPolicy(original));
        try
        {
            AssertBuildFails(name);
        }
        finally
        {
            File.WriteAllText(PolicyFile, original);
        }
    }

    /// <summary>The build fails, and prints the page's <c>output=NAME</c> line at the app's policy file.</summary>
    private void AssertBuildFails(string name)
    {
        Assert.True(_consumer.NamedOutputs.TryGetValue(name, out var shown), $"docs/getting-started.md has no ```text output={name} block");
        // Not incremental: a document taken away leaves every input of the compiler older than its output.
        var build = _consumer.Run("dotnet", "build", "--no-restore", "--no-incremental");
        Assert.NotEqual(0, build.ExitCode);
        var app = _consumer.AppDirectory.Replace('\\', '/') + "/";
        var lines = OutputPattern.Lines(build.Output).Select(l => l.Replace('\\', '/')).ToList();
        foreach (var expected in OutputPattern.Lines(shown.Text))
        {
            // The build prints the full path, and after the message the help page and the project.
            Assert.True(
                lines.Any(l => OutputPattern.LineMatches(app + expected + OutputPattern.Ellipsis, l)),
                $"docs/getting-started.md({shown.Line}) shows\n{expected}\nbut the build printed\n{build.Output}");
        }
    }

    private static List<string> AssemblyReferences(ZipArchiveEntry library)
    {
        using var buffer = new MemoryStream();
        using (var stream = library.Open())
        {
            stream.CopyTo(buffer);
        }

        buffer.Position = 0;
        using var pe = new PEReader(buffer);
        var reader = pe.GetMetadataReader();
        return reader.AssemblyReferences.Select(r => reader.GetString(reader.GetAssemblyReference(r).Name)).ToList();
    }

    private static bool IsFramework(string assembly) =>
        assembly is "netstandard" or "mscorlib" || assembly.StartsWith("System", StringComparison.Ordinal) || assembly.StartsWith("Microsoft.Win32", StringComparison.Ordinal);

    private void RequireGuide() =>
        Assert.True(_consumer.Failure is null, "the guide could not be followed: " + _consumer.Failure);

    private ZipArchive OpenPackage(string id) => ZipFile.OpenRead(Path.Combine(_consumer.Feed, $"{id}.{Version}.nupkg"));

    private static XElement Metadata(ZipArchive package)
    {
        var nuspec = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/', StringComparison.Ordinal));
        using var stream = nuspec.Open();
        return XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    private static string Remove(string text, string part) => Replace(text, part, string.Empty);

    private static string Replace(string text, string part, string replacement)
    {
        Assert.Contains(part, text, StringComparison.Ordinal);
        return text.Replace(part, replacement, StringComparison.Ordinal);
    }
}
