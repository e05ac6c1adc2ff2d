using System;
using System.IO;
using System.Linq;
using Xinji.Policy.Testing;
using Xinji.Policy.Tooling.Examples;

namespace Xinji.Policy.Tooling.Tests;

/// <summary>Which files make the policy and which hold its examples, read from real directories.</summary>
public sealed class ExampleLoaderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("xinji-examples-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (path.EndsWith(".policy", StringComparison.Ordinal))
        {
            QuotedSentences.Write(path, text);
        }
        else
        {
            File.WriteAllText(path, text);
        }

        return path;
    }

    private static string Example(string name, string clause) =>
        $"example \"{name}\"\n  claim {TestPolicy.Wet}\n  expect paid remedies fix cites {clause}\n";

    [Fact]
    public void A_directory_holds_the_policy_and_the_examples_of_its_policy_and_examples_files()
    {
        Write("p/repair.policy", TestPolicy.Repair + "\n" + Example("Inline", "X-1"));
        Write("p/exclusions.examples", Example("Beside", "X-1"));
        Write("p/nested/ignored.examples", Example("Nested", "X-1"));

        var loaded = ExampleLoader.Load(new[] { Path.Combine(_root, "p") });

        Assert.False(loaded.HasErrors);
        Assert.Equal(new[] { "Beside", "Inline" }, loaded.Policy!.Examples.Select(e => e.Name).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void An_examples_file_given_alone_runs_against_the_policy_beside_it()
    {
        Write("p/repair.policy", TestPolicy.Repair);
        var examples = Write("p/exclusions.examples", Example("Beside", "X-1"));
        Write("p/other.examples", Example("Other", "X-1"));

        var loaded = ExampleLoader.Load(new[] { examples });

        Assert.Equal("Beside", Assert.Single(loaded.Policy!.Examples).Name);
        Assert.Equal(4, loaded.Policy.Clauses.Count);
    }

    [Fact]
    public void Examples_given_with_another_policy_run_against_that_policy()
    {
        Write("p/repair.policy", TestPolicy.Repair);
        var examples = Write("p/exclusions.examples", Example("Beside", "X-1"));
        Write("variant/repair.policy", TestPolicy.Repair.Replace("section \"Exclusions\"", "section \"Exclusions\"\n# the variant"));

        var loaded = ExampleLoader.Load(new[] { Path.Combine(_root, "variant"), examples });

        Assert.Contains(loaded.Files, f => f.Path.EndsWith(Path.Combine("variant", "repair.policy"), StringComparison.Ordinal));
        Assert.DoesNotContain(loaded.Files, f => f.Path.EndsWith(Path.Combine("p", "repair.policy"), StringComparison.Ordinal));
        Assert.Single(loaded.Policy!.Examples);
    }

    [Fact]
    public void A_clause_in_an_examples_file_is_an_error_rather_than_silently_left_out()
    {
        Write("p/repair.policy", TestPolicy.Repair);
        Write("p/wrong.examples", "section \"More\"\nclause X-9\n  quote \"q\"\n  always\n  then paid\n");

        var loaded = ExampleLoader.Load(new[] { Path.Combine(_root, "p") });

        Assert.Null(loaded.Policy);
        Assert.Equal(
            new[] { "A .examples file holds only 'example' declarations; move this 'section' into a .policy file", "A .examples file holds only 'example' declarations; move this 'clause' into a .policy file" },
            loaded.Diagnostics.Select(d => d.Message));
    }

    [Fact]
    public void A_missing_path_or_a_directory_without_a_policy_cannot_be_read()
    {
        var missing = Assert.Throws<PolicyReadException>(() => ExampleLoader.Load(new[] { Path.Combine(_root, "nope") }));
        Assert.Equal(PolicyReadFailure.MissingPath, missing.Failure);
        Assert.Equal(Path.Combine(_root, "nope"), missing.Path);

        Write("empty/only.examples", Example("Alone", "X-1"));
        var noPolicy = Assert.Throws<PolicyReadException>(() => ExampleLoader.Load(new[] { Path.Combine(_root, "empty") }));
        Assert.Equal(PolicyReadFailure.NoPolicyFiles, noPolicy.Failure);
        Assert.Equal("cannot read " + Path.Combine(_root, "empty") + ": no .policy files", noPolicy.Message);
    }
}
