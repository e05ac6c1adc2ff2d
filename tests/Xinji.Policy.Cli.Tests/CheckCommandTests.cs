using System;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Xinji.Policy.Cli.Tests;

/// <summary><c>xinji-policy check</c>, in-process and (for a missing path) as a process: the compiler's format, the summary, exit codes, witnesses.</summary>
public sealed class CheckCommandTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Help_says_where_the_diagnostics_help_pages_are()
    {
        var result = InProcess.Run("check", "--help");

        Assert.Equal(0, result.ExitCode);
        var pages = new Uri(Xinji.Policy.Dsl.Diagnostics.DiagnosticCatalog.HelpLinkBase);
        Assert.True(File.Exists(Path.Combine(pages.LocalPath, "XP0001.md")), pages.ToString());
        var help = string.Join(" ", result.Body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("help page, XPnnnn.md in " + pages.AbsoluteUri, help, StringComparison.Ordinal);
    }

    [Fact]
    public void A_source_document_without_an_end_is_an_error_at_the_headers_source_not_a_crash()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // /dev/zero is Unix's; PolicySourcesTests cover the size limit everywhere
        }

        var policy = PolicyWith("00-vocabulary.policy", "source \"after-sales-service-standard.txt\"", "source \"/dev/zero\"");

        var result = InProcess.Run(new[] { "check", policy }, temp.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            Path.Combine("policy", "00-vocabulary.policy") + "(8,10): error XP0107: The source document '/dev/zero' cannot be used: it is not a regular file",
            result.BodyLines[0]);
        CliRunner.AssertNoStackTrace(result);
    }

    /// <summary>A copy of the shipped policy with one edit, in a temp folder.</summary>
    private string PolicyWith(string file, string from, string to)
    {
        var directory = Directory.CreateDirectory(Path.Combine(temp.Path, "policy")).FullName;
        foreach (var source in Directory.GetFiles(Path.Combine(CliRunner.WorkRoot, "policy")))
        {
            File.Copy(source, Path.Combine(directory, Path.GetFileName(source)));
        }

        var target = Path.Combine(directory, file);
        var text = File.ReadAllText(target);
        Assert.Contains(from, text);
        File.WriteAllText(target, text.Replace(from, to));
        return directory;
    }

    [Fact]
    public void The_shipped_policy_checks_clean_with_only_a_summary_line()
    {
        var result = InProcess.Run("check");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.StdErr);
        var line = Assert.Single(result.BodyLines);
        Assert.Matches(@"^policy: 0 errors, 0 warnings, 0 infos \(25 clauses analysed in \d+ ms\)$", line);
    }

    [Fact]
    public void A_removed_exception_link_is_a_conflict_in_the_compiler_format_and_exit_code_1()
    {
        var policy = PolicyWith("04-warranty-exclusions.policy", "  exception to WP-2\n  when warrantySticker", "  when warrantySticker");

        var result = InProcess.Run(new[] { "check", "policy" }, temp.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.StdErr);
        Assert.Equal(3, result.BodyLines.Count);
        Assert.StartsWith("policy/04-warranty-exclusions.policy(14,8): error XP2001: Clauses 'WP-2' (free) and 'EX-3' (paid) both apply and disagree", result.BodyLines[0], StringComparison.Ordinal);
        Assert.Contains("\"warrantySticker\":\"missing\"", result.BodyLines[0], StringComparison.Ordinal);
        Assert.Equal("policy/02-warranty-policy.policy(10,8): info XP2001: related: 'WP-2' (free) is the other clause of this conflict", result.BodyLines[1]);
        Assert.StartsWith("policy: 1 error, 0 warnings, 0 infos", result.BodyLines[2], StringComparison.Ordinal);
        Assert.True(Directory.Exists(policy));
    }

    [Fact]
    public void With_witness_the_full_claim_follows_the_finding_and_evaluates_to_the_conflict()
    {
        var policy = PolicyWith("04-warranty-exclusions.policy", "  exception to WP-2\n  when warrantySticker", "  when warrantySticker");

        var result = InProcess.Run(new[] { "check", "policy", "--witness" }, temp.Path);

        Assert.Equal(1, result.ExitCode);
        var witness = result.BodyLines[1];
        Assert.StartsWith("  witness: {", witness, StringComparison.Ordinal);
        var json = witness.Substring("  witness: ".Length);
        using (var document = JsonDocument.Parse(json))
        {
            Assert.Equal(16, document.RootElement.EnumerateObject().Count());
        }

        var claim = temp.Write("witness.json", json);
        var replay = InProcess.Run(new[] { "evaluate", "--policy", policy, claim }, temp.Path);
        Assert.Equal(1, replay.ExitCode);
        Assert.Contains("policy defect: The policy decides this claim both free (WP-2) and paid (EX-3)", replay.StdErr, StringComparison.Ordinal);

        // The temp folder's policy/ is the broken copy, so the shipped one is named.
        var shipped = InProcess.Run(new[] { "evaluate", "--policy", Path.Combine(CliRunner.WorkRoot, "policy"), claim }, temp.Path);
        Assert.Equal(0, shipped.ExitCode);
        Assert.Contains("Coverage:     PAID", shipped.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Syntax_errors_are_reported_each_and_the_policy_is_not_analysed()
    {
        var policy = PolicyWith("03-warranty-duration.policy", "  when coverage is free and product is smartWatch\n", "  when coverage is free and and product is smartWatch\n");

        var result = InProcess.Run(new[] { "check", policy }, temp.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"03-warranty-duration\.policy\(\d+,\d+\): error XP0001: Expected 'not' or a value; found 'and'$", result.BodyLines[0]);
        Assert.EndsWith("1 error, 0 warnings, 0 infos (not analysed: fix the errors above first)", result.BodyLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_path_is_invalid_input_with_exit_code_2()
    {
        var result = CliRunner.Run(new[] { "check", "no-such-policy" }, temp.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Body);
        Assert.Equal("xinji-policy: cannot read no-such-policy: no such file or directory", Assert.Single(result.StdErrLines));
        CliRunner.AssertNoStackTrace(result);
    }
}
