using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Xinji.Policy.Cli.Tests;

/// <summary>
/// <c>xinji-policy diff</c> replaying claims through the shipped policy and its variant. The
/// example of docs/commands.md and the comparisons without claims (which run the analysis, the
/// slow part) are in their own classes, so that they run beside these.
/// </summary>
public sealed class DiffCommandTests : IDisposable
{
    private const string Variant = "examples/policy-variants/no-sticker-exclusion";

    private const string History = "examples/history.jsonl";

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Removing_the_sticker_exclusion_changes_the_decisions_of_claims_with_a_sticker_not_intact()
    {
        var result = InProcess.Run("diff", "policy", Variant, "--claims", History);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(string.Empty, result.StdErr);
        var lines = result.BodyLines;
        Assert.Equal(
            new[] { "Replayed 3000 claims from examples/history.jsonl", "  old policy: policy", "  new policy: " + Variant, string.Empty },
            lines.Take(4));
        Assert.Matches(@"^Changed:    \d+ \(\d+\.\d%\)$", lines[4]);
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^paid → free: \d+ claims$"));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^paid → paid, other parts changed: \d+ claims$"));

        // Every sample claim has a sticker that is not intact, and every sample drops EX-3.
        var samples = lines.Where(l => l.StartsWith("    {", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, samples.Count);
        Assert.All(samples, s => Assert.Matches("\"warrantySticker\":\"(missing|misplaced|altered)\"", s));
        Assert.Equal(6, lines.Count(l => Regex.IsMatch(l, "^    cited clauses  dropped (EX-1, )?EX-3")));
        Assert.Equal("Invalid in both versions, by field:", lines[lines.ToList().IndexOf("Invalid in both versions, by field:")]);
    }

    [Fact]
    public void With_fail_on_change_a_changed_decision_exits_1_and_an_unchanged_policy_exits_0()
    {
        var changed = InProcess.Run("diff", "policy", Variant, "--claims", History, "--samples", "0", "--fail-on-change");
        Assert.Equal(1, changed.ExitCode);
        Assert.DoesNotContain(changed.BodyLines, l => l.StartsWith("    {", StringComparison.Ordinal));

        var same = InProcess.Run("diff", "policy", "policy", "--claims", History, "--fail-on-change");
        Assert.True(same.ExitCode == 0, same.ToString());
        Assert.Contains("Changed:    0 (0.0%)", same.BodyLines);
    }

    [Fact]
    public void Claims_either_version_rejects_are_counted_by_field_and_do_not_stop_the_report()
    {
        var claims = temp.Write("claims.jsonl", string.Join('\n',
            """{"product":"smartWatch","claimDate":"2025-03-10","invoiceDate":"2024-06-01","cause":"manufacturingDefect","warrantySticker":"missing"}""",
            """{"product":"smartWatch","claimDate":"2024-03-10","invoiceDate":"2024-06-01","cause":"fall"}""",
            """{"product":"smartWatch","claimDate":"2025-03-10","cuase":"fall"}""",
            "not json",
            string.Empty));

        var result = InProcess.Run("diff", "policy", Variant, "--claims", claims);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(new[] { "Changed:    1 (25.0%)", "Unchanged:  0 (0.0%)", "Invalid:    3 (75.0%), rejected by both versions for the same field" }, result.BodyLines.Skip(4).Take(3));
        Assert.Equal(
            new[] { "Invalid in both versions, by field:", "  (claim)    1", "  claimDate  1", "  cuase      1" },
            result.BodyLines.TakeLast(4));
        Assert.Contains("paid → free: 1 claim", result.BodyLines);
        Assert.Contains("  " + claims + ":1", result.BodyLines);
    }

    [Fact]
    public void Claims_can_come_from_stdin()
    {
        var result = InProcess.Run(
            new[] { "diff", "policy", Variant, "--claims", "-" },
            workingDirectory: null,
            stdin: """{"product":"smartWatch","claimDate":"2025-03-10","invoiceDate":"2024-06-01","cause":"manufacturingDefect","warrantySticker":"missing"}""" + "\n");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("Replayed 1 claim from <stdin>", result.BodyLines[0]);
        Assert.Contains("  <stdin>", result.BodyLines);
    }

    [Fact]
    public void A_claims_file_that_is_missing_or_empty_is_unusable_input()
    {
        var missing = InProcess.Run("diff", "policy", Variant, "--claims", "examples/nothing.jsonl");
        Assert.Equal(2, missing.ExitCode);
        Assert.Equal("xinji-policy: cannot read examples/nothing.jsonl: no such file", Assert.Single(missing.StdErrLines));

        var empty = InProcess.Run("diff", "policy", Variant, "--claims", temp.Write("empty.jsonl", "\n\n"));
        Assert.Equal(2, empty.ExitCode);
        Assert.EndsWith("empty.jsonl: no claims to replay", Assert.Single(empty.StdErrLines), StringComparison.Ordinal);
    }

    [Fact]
    public void A_version_that_does_not_compile_is_reported_in_the_compiler_format()
    {
        Directory.CreateDirectory(Path.Combine(temp.Path, "broken"));
        // The policy files and the document they quote (without it, its source would be an error too).
        foreach (var file in Directory.GetFiles(Path.Combine(CliRunner.WorkRoot, "policy")))
        {
            File.Copy(file, Path.Combine(temp.Path, "broken", Path.GetFileName(file)));
        }

        var exclusions = Path.Combine(temp.Path, "broken", "04-warranty-exclusions.policy");
        File.WriteAllText(exclusions, File.ReadAllText(exclusions).Replace("exception to WP-2\n  when warrantySticker", "exception to WP-9\n  when warrantySticker", StringComparison.Ordinal));

        var result = InProcess.Run(new[] { "diff", Path.Combine(CliRunner.WorkRoot, "policy"), "broken", "--claims", Path.Combine(CliRunner.WorkRoot, History) }, temp.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Body);
        Assert.Equal(
            "broken/04-warranty-exclusions.policy(16,16): error XP0105: 'WP-9' is not a clause, so this cannot be an exception to it",
            Assert.Single(result.StdErrLines));
        CliRunner.AssertNoStackTrace(result);
    }

    [Theory]
    [InlineData("--samples", "-1", "--samples cannot be negative.")]
    [InlineData("--samples", "many", "Cannot parse argument 'many' for option '--samples' as expected type 'System.Int32'.")]
    public void A_bad_option_value_is_a_usage_error(string option, string value, string message)
    {
        var result = InProcess.Run("diff", "policy", Variant, "--claims", History, option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("xinji-policy: " + message, result.StdErrLines[0]);
    }
}
