using System;
using System.IO;
using System.Linq;

namespace Xinji.Policy.Tooling.Tests;

/// <summary>Which files make a policy on disk, which documents are read for it, and the three ways reading fails.</summary>
public sealed class PolicySourcesTests : IDisposable
{
    private const string Header = "policy Repair implements \"Repair standard\"\n  source \"standard.txt\"\n";

    private readonly string _root = Directory.CreateTempSubdirectory("xinji-sources-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Policy(string quote) => TestPolicy.Repair
        .Replace("policy Repair implements \"Repair standard\"\n", Header, StringComparison.Ordinal)
        .Replace("Water damage is not covered.", quote, StringComparison.Ordinal);

    [Fact]
    public void A_directory_stands_for_its_policy_files_and_with_examples_for_its_examples_files_too()
    {
        Write("p/repair.policy", TestPolicy.Repair);
        Write("p/repair.examples", "example \"Wet\"\n  claim " + TestPolicy.Wet + "\n  expect paid remedies fix cites X-1\n");
        Write("p/nested/other.policy", "# not read: directories are not searched below their top level\n");
        Write("p/notes.txt", "not a policy");

        var policyOnly = PolicySources.Read(new[] { "p" }, workingDirectory: _root);
        var withExamples = PolicySources.Read(new[] { "p" }, withExamples: true, workingDirectory: _root);

        Assert.Equal(new[] { Path.Combine("p", "repair.policy") }, policyOnly.PolicyFiles.Select(f => f.Path));
        Assert.Equal(new[] { Path.Combine("p", "repair.policy"), Path.Combine("p", "repair.examples") }, withExamples.PolicyFiles.Select(f => f.Path));
        Assert.Equal(TestPolicy.Repair, policyOnly.PolicyFiles[0].Text);
    }

    [Fact]
    public void Files_are_named_relative_to_the_working_directory_when_below_it_and_by_full_path_otherwise()
    {
        var file = Write("p/repair.policy", TestPolicy.Repair);
        Directory.CreateDirectory(Path.Combine(_root, "elsewhere"));

        var below = PolicySources.Read(new[] { file }, workingDirectory: _root);
        var outside = PolicySources.Read(new[] { Path.Combine("..", "p") }, workingDirectory: Path.Combine(_root, "elsewhere"));

        Assert.Equal(Path.Combine("p", "repair.policy"), Assert.Single(below.PolicyFiles).Path);
        Assert.Equal(file, Assert.Single(outside.PolicyFiles).Path);
    }

    [Fact]
    public void The_document_a_header_names_is_read_beside_its_file_and_quotes_are_checked_against_it()
    {
        Write("p/repair.policy", Policy("Water damage voids the warranty."));
        Write("p/standard.txt", "Products are repaired free for six months.\nA product brought back more than twice is replaced.\n"
                                + "Water damage is not covered. After six months repairs are paid.\n");

        var input = PolicySources.Read(new[] { "p" }, workingDirectory: _root);
        var loaded = PolicySources.Load(new[] { "p" }, workingDirectory: _root);

        Assert.Equal("p/standard.txt", Assert.Single(input.Documents).Path);
        var diagnostic = Assert.Single(loaded.Diagnostics);
        Assert.Equal("XP0111", diagnostic.Id);
        Assert.Equal(Path.Combine("p", "repair.policy"), diagnostic.FilePath);
        Assert.Equal("This quote does not appear word for word in 'standard.txt'", diagnostic.Message);
    }

    [Fact]
    public void A_document_that_does_not_exist_is_an_error_at_the_headers_source_never_a_quote_check_skipped()
    {
        Write("p/repair.policy", Policy("Water damage voids the warranty."));

        var input = PolicySources.Read(new[] { "p" }, workingDirectory: _root);
        var loaded = PolicySources.Load(new[] { "p" }, workingDirectory: _root);

        Assert.Empty(input.Documents);
        Assert.Null(loaded.Policy);
        Assert.Equal(
            Path.Combine("p", "repair.policy") + "(2,10): error XP0130: The source document 'standard.txt' is not available, so no quote can be checked: put it at "
            + Path.Combine("p", "standard.txt") + " (in a build, also list it as an AdditionalFiles item), or correct the name",
            Assert.Single(loaded.Diagnostics).ToString());
    }

    [Fact]
    public void A_missing_path_is_named_as_given()
    {
        var failure = Assert.Throws<PolicyReadException>(() => PolicySources.Read(new[] { "nowhere" }, workingDirectory: _root));

        Assert.Equal(PolicyReadFailure.MissingPath, failure.Failure);
        Assert.Equal("nowhere", failure.Path);
        Assert.Equal("cannot read nowhere: no such file or directory", failure.Message);
    }

    [Fact]
    public void Paths_without_a_policy_file_name_the_paths_given()
    {
        Directory.CreateDirectory(Path.Combine(_root, "empty"));
        Write("notes/readme.txt", "not a policy");

        var failure = Assert.Throws<PolicyReadException>(() => PolicySources.Read(new[] { "empty", "notes" }, withExamples: true, workingDirectory: _root));

        Assert.Equal(PolicyReadFailure.NoPolicyFiles, failure.Failure);
        Assert.Equal("cannot read empty, notes: no .policy files", failure.Message);
    }

    [Fact]
    public void An_unreadable_file_is_named_with_the_reason()
    {
        var path = Unreadable();

        var failure = Assert.Throws<PolicyReadException>(() => PolicySources.Read(new[] { path }, workingDirectory: _root));

        Assert.Equal(PolicyReadFailure.Unreadable, failure.Failure);
        Assert.StartsWith("cannot read " + failure.Path + ": ", failure.Message, StringComparison.Ordinal);
        Assert.True(failure.Message.Length > ("cannot read " + failure.Path + ": ").Length, "The message gives no reason: " + failure.Message);
    }

    [Fact]
    public void A_source_document_without_an_end_is_an_error_at_the_headers_source()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // no endless device to name; the big file below stands for it
        }

        Write("p/repair.policy", Policy("Water damage is not covered.").Replace("\"standard.txt\"", "\"/dev/zero\"", StringComparison.Ordinal));

        var loaded = PolicySources.Load(new[] { "p" }, workingDirectory: _root);

        Assert.Null(loaded.Policy);
        Assert.Equal(
            Path.Combine("p", "repair.policy") + "(2,10): error XP0107: The source document '/dev/zero' cannot be used: it is not a regular file",
            Assert.Single(loaded.Diagnostics).ToString());
    }

    [Fact]
    public void A_source_document_over_4_MiB_is_an_error_at_the_headers_source_and_quotes_are_not_checked_against_it()
    {
        Write("p/repair.policy", Policy("Water damage voids the warranty."));
        Write("p/standard.txt", new string('x', PolicySources.MaxFileBytes + 1));

        var loaded = PolicySources.Load(new[] { "p" }, workingDirectory: _root);

        Assert.Equal(
            Path.Combine("p", "repair.policy") + "(2,10): error XP0107: The source document 'standard.txt' cannot be used: it is larger than 4 MiB, the most a policy file or source document may hold",
            Assert.Single(loaded.Diagnostics).ToString());
        Assert.Empty(PolicySources.Read(new[] { "p" }, workingDirectory: _root).Documents);
    }

    [Fact]
    public void A_source_document_of_exactly_4_MiB_is_read()
    {
        const string Quotes = "Products are repaired free for six months. A product brought back more than twice is replaced. "
                              + "Water damage is not covered. After six months repairs are paid.";
        Write("p/repair.policy", Policy("Water damage is not covered."));
        Write("p/standard.txt", Quotes + new string(' ', PolicySources.MaxFileBytes - Quotes.Length));

        var loaded = PolicySources.Load(new[] { "p" }, workingDirectory: _root);

        Assert.Empty(loaded.Diagnostics);
        Assert.NotNull(loaded.Policy);
    }

    [Fact]
    public void A_policy_file_over_4_MiB_or_without_an_end_cannot_be_read()
    {
        Write("big.policy", TestPolicy.Repair + "\n#" + new string('x', PolicySources.MaxFileBytes));

        var big = Assert.Throws<PolicyReadException>(() => PolicySources.Read(new[] { "big.policy" }, workingDirectory: _root));

        Assert.Equal(PolicyReadFailure.Unreadable, big.Failure);
        Assert.Equal("cannot read big.policy: it is larger than 4 MiB, the most a policy file or source document may hold", big.Message);
        if (!OperatingSystem.IsWindows())
        {
            var endless = Assert.Throws<PolicyReadException>(() => PolicySources.Read(new[] { "/dev/zero" }, workingDirectory: _root));
            Assert.Equal("cannot read /dev/zero: it is not a regular file", endless.Message);
        }
    }

    /// <summary>A policy file that cannot be read: one without permissions, or (as root, who reads it anyway) /proc/self/mem.</summary>
    private string Unreadable()
    {
        var path = Write("locked.policy", TestPolicy.Repair);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.None);
            try
            {
                File.ReadAllBytes(path);
            }
            catch (UnauthorizedAccessException)
            {
                return "locked.policy";
            }

            if (OperatingSystem.IsLinux())
            {
                return "/proc/self/mem";
            }
        }

        Assert.Fail("No way to make an unreadable file here.");
        return path;
    }
}
