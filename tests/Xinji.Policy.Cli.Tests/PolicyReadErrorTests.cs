using System;
using System.IO;

namespace Xinji.Policy.Cli.Tests;

/// <summary>
/// Every command that reads a policy reports the three ways reading fails (a missing path, an
/// unreadable file, no policy file) with the same one line and exit code 2.
/// </summary>
public sealed class PolicyReadErrorTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    public static TheoryData<string[]> Commands => new()
    {
        new[] { "check", "{0}" },
        new[] { "test", "{0}" },
        new[] { "evaluate", "--policy", "{0}", "claim.json" },
        new[] { "explain", "claim.json", "--policy", "{0}" },
        new[] { "diff", "{0}", "{0}", "--claims", "claims.jsonl" },
    };

    private CliResult Run(string[] command, string policy) =>
        InProcess.Run(Array.ConvertAll(command, a => a.Replace("{0}", policy, StringComparison.Ordinal)), temp.Path);

    [Fact]
    public void A_source_document_named_with_a_nul_is_an_xp_error_at_the_header_not_an_exception()
    {
        temp.Write("nul.policy", "policy P implements \"D\" source \"a\0b.txt\"\nfact n: int \"n\"\nwarranty from 2024-01-01 through 2024-12-31 active when true\nsection \"S\"\nclause A-1\n  quote \"q\"\n  always\n  then free\n");

        var result = InProcess.Run(new[] { "check", "nul.policy" }, temp.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("nul.policy(1,32): error XP0112: ", result.BodyLines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.StdOut + result.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_missing_path(string[] command)
    {
        var result = Run(command, "nowhere");

        AssertUnreadable(result, "xinji-policy: cannot read nowhere: no such file or directory");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_directory_without_policy_files(string[] command)
    {
        Directory.CreateDirectory(Path.Combine(temp.Path, "empty"));
        temp.Write(Path.Combine("empty", "notes.txt"), "Not a policy.");

        var result = Run(command, "empty");

        AssertUnreadable(result, "xinji-policy: cannot read empty: no .policy files");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void An_unreadable_policy_file(string[] command)
    {
        var path = UnreadablePolicy();

        var result = Run(command, path);

        Assert.StartsWith("xinji-policy: cannot read " + path + ": ", Assert.Single(result.StdErrLines), StringComparison.Ordinal);
        AssertUnreadable(result, null);
    }

    private static void AssertUnreadable(CliResult result, string? message)
    {
        Assert.True(result.ExitCode == 2, "Expected exit code 2 (invalid input):" + Environment.NewLine + result);
        Assert.Equal(string.Empty, result.Body);
        if (message is not null)
        {
            Assert.Equal(message, Assert.Single(result.StdErrLines));
        }

        CliRunner.AssertNoStackTrace(result);
    }

    /// <summary>A policy file that cannot be read: one without permissions, or (as root, who reads it anyway) /proc/self/mem.</summary>
    private string UnreadablePolicy()
    {
        var path = temp.Write("locked.policy", "policy Locked implements \"Locked\"\n");
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
