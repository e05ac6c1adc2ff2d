using System;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Xinji.Policy.Cli.Tests;

/// <summary>
/// <c>xinji-policy explain</c>, in-process and (from the repository root) as a process: the default policy directory, the text and
/// JSON explanations, and the same exit codes and one-line errors as <c>evaluate</c>.
/// </summary>
public sealed class ExplainCommandTests : IDisposable
{
    private const string Examples = "examples/claims/";

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private static string PolicyDirectory => Path.Combine(CliRunner.WorkRoot, "policy");

    [Fact]
    public void From_the_repository_root_the_default_policy_is_the_policy_directory()
    {
        var result = CliRunner.Run("explain", Examples + "water-damage-sticker-missing.json");

        AssertSuccess(result);
        var expected = """
            Why paid, not free?
              Decided paid by:
                EX-3 (Warranty Exclusions): warrantySticker is not intact
                  "Warranty sticker is missing/misplaced or altered."
                  because warrantySticker = missing
                EX-9 (Warranty Exclusions): cause in {fall, squeeze, water}
                  "The device is damaged due to improper use such as falling, squeezing, water damage, etc.,"
                  because cause = water
              Not free: no clause that decides free is in force.
                WP-2 (Warranty Policy) did not apply: warrantyActive and cause is manufacturingDefect
                  because cause = water
                  and had it applied, EX-3 would override it

            """;
        Assert.Contains(expected, result.Body, StringComparison.Ordinal);
        Assert.Equal("Claim:        examples/claims/water-damage-sticker-missing.json", result.BodyLines[0]);
        Assert.Equal("Coverage:     PAID (not covered by the warranty)", result.BodyLines[1]);
        Assert.Contains("  WP-2: did not apply  (then free; Warranty Policy, policy/02-warranty-policy.policy:10)", result.BodyLines);
        Assert.Contains("    warrantySticker is not intact = true", result.BodyLines);
        Assert.Contains("  warrantyStart = 2024-11-11  (policy/03-warranty-duration.policy:14)", result.BodyLines);
    }

    [Fact]
    public void Every_clause_of_the_policy_gets_a_status_line()
    {
        var result = InProcess.Run("explain", Examples + "overseas-rooted.json");

        AssertSuccess(result);
        var lines = result.BodyLines.ToList();
        Assert.Single(lines, l => l == "All clauses:");
        var clauses = lines.Skip(lines.IndexOf("All clauses:") + 1).Where(l => l.StartsWith("  ", StringComparison.Ordinal) && !l.StartsWith("   ", StringComparison.Ordinal)).ToList();
        Assert.Equal(25, clauses.Count);
        Assert.Contains("  WP-2: applied, but overridden by EX-14  (then free; Warranty Policy, policy/02-warranty-policy.policy:10)", clauses);
        Assert.Contains(clauses, l => l.StartsWith("  WD-10: in force  (then require customerApprovalBeforeFlashing;", StringComparison.Ordinal));
        Assert.Contains(clauses, l => l.StartsWith("  EX-2: did not apply  (then paid;", StringComparison.Ordinal));
    }

    [Fact]
    public void Outside_the_repository_without_policy_it_explains_with_the_policy_built_into_the_tool()
    {
        var claim = temp.Write("claim.json", File.ReadAllText(Path.Combine(CliRunner.WorkRoot, Examples, "overseas-rooted.json")));

        var result = InProcess.Run(new[] { "explain", claim }, temp.Path);

        AssertSuccess(result);
        Assert.Matches(@"^Policy:       Warranty sha256:[0-9a-f]{64} \(built in\)$", result.StdOutLines[0]);
        Assert.Contains("Why paid, not free?", result.BodyLines);
        Assert.Contains(result.BodyLines, l => l.Contains("(built-in)/04-warranty-exclusions.policy:", StringComparison.Ordinal));
    }

    [Fact]
    public void Outside_the_repository_policy_names_the_policy_directory_or_a_file_of_it()
    {
        var claim = temp.Write("claim.json", File.ReadAllText(Path.Combine(CliRunner.WorkRoot, Examples, "overseas-rooted.json")));

        var directory = InProcess.Run(new[] { "explain", claim, "--policy", PolicyDirectory }, temp.Path);

        AssertSuccess(directory);
        Assert.Contains("Why paid, not free?", directory.BodyLines);
        Assert.Contains($"  EX-14: in force  (then paid, require priorAppointment; Warranty Exclusions, {Path.Combine(PolicyDirectory, "04-warranty-exclusions.policy")}:77)", directory.BodyLines);
    }

    [Fact]
    public void Json_is_one_line_per_claim_with_the_decision_the_evaluate_command_prints()
    {
        var explained = InProcess.Run("explain", Examples + "batch.jsonl", "--format", "json");
        var evaluated = InProcess.Run("evaluate", Examples + "batch.jsonl", "--format", "json");

        AssertSuccess(explained);
        AssertSuccess(evaluated);
        Assert.Equal(evaluated.BodyLines.Count, explained.BodyLines.Count);
        foreach (var (explanation, decision) in explained.BodyLines.Zip(evaluated.BodyLines))
        {
            using var document = JsonDocument.Parse(explanation);
            var root = document.RootElement;
            // The same decision, without the policy member that heads each line of both.
            using var evaluatedDocument = JsonDocument.Parse(decision);
            Assert.Equal(root.GetProperty("policy").GetRawText(), evaluatedDocument.RootElement.GetProperty("policy").GetRawText());
            Assert.Equal("{" + decision[decision.IndexOf("\"coverage\"", StringComparison.Ordinal)..], root.GetProperty("decision").GetRawText());
            var coverage = root.GetProperty("decision").GetProperty("coverage").GetString();
            Assert.Equal(coverage, root.GetProperty("why").GetProperty("coverage").GetString());
            Assert.NotEmpty(root.GetProperty("why").GetProperty("decidedBy").EnumerateArray());
            Assert.Equal(25, root.GetProperty("clauses").GetArrayLength());
        }
    }

    [Fact]
    public void Json_lines_with_an_invalid_line_keep_one_output_line_per_input_line()
    {
        var claims = temp.Write("claims.jsonl", string.Join('\n',
            """{"product":"smartWatch","claimDate":"2025-03-10","invoiceDate":"2024-06-01","cause":"manufacturingDefect"}""",
            """{"product":"smartWatch","claimDate":"2025-3-10","cause":"fall"}""",
            """{"product":"iotDevice","claimDate":"2025-03-10","invoiceDate":"2024-06-01","cause":"fall"}""") + "\n");

        var result = InProcess.Run("explain", claims, "--format", "json");
        const string DateError = "{\"field\":\"claimDate\",\"message\":\"\\\"2025-3-10\\\" is not a date of the form YYYY-MM-DD\"}";

        AssertInvalidInput(result);
        Assert.Equal(3, result.BodyLines.Count);
        Assert.Equal(
            "{\"input\":\"" + claims + "\",\"line\":2,\"error\":" + DateError + ",\"errors\":[" + DateError + "]}",
            result.BodyLines[1]);
        foreach (var index in new[] { 0, 2 })
        {
            using var document = JsonDocument.Parse(result.BodyLines[index]);
            Assert.True(document.RootElement.TryGetProperty("decision", out _), result.BodyLines[index]);
        }

        Assert.Equal(claims + ":2: invalid claim: claimDate: \"2025-3-10\" is not a date of the form YYYY-MM-DD", Assert.Single(result.StdErrLines));
    }

    [Fact]
    public void An_invalid_claim_exits_2_with_one_line_naming_the_file_and_the_field()
    {
        var result = InProcess.Run("explain", Examples + "typo-in-field.json");

        AssertInvalidInput(result);
        Assert.Empty(result.Body);
        Assert.Equal(
            "examples/claims/typo-in-field.json: invalid claim: warantySticker: unknown field; did you mean \"warrantySticker\"?",
            Assert.Single(result.StdErrLines));
    }

    [Fact]
    public void A_claim_the_policy_rejects_exits_2_naming_the_field()
    {
        var claim = temp.Write("early.json", """{"product":"smartWatch","claimDate":"2024-01-01","invoiceDate":"2024-02-01","cause":"water"}""");

        var result = InProcess.Run("explain", claim);

        AssertInvalidInput(result);
        Assert.Equal(
            claim + ": invalid claim: claimDate: The claim date is before the invoice date: a claim cannot predate the purchase.",
            Assert.Single(result.StdErrLines));
    }

    [Fact]
    public void A_missing_claim_file_or_policy_exits_2_with_one_line()
    {
        var claim = InProcess.Run("explain", Examples + "nope.json");
        var policy = InProcess.Run("explain", Examples + "iot-expired.json", "--policy", "no-such-policy");

        AssertInvalidInput(claim);
        Assert.Equal("xinji-policy: cannot read examples/claims/nope.json: no such file", Assert.Single(claim.StdErrLines));
        AssertInvalidInput(policy);
        Assert.Equal("xinji-policy: cannot read no-such-policy: no such file or directory", Assert.Single(policy.StdErrLines));
    }

    [Fact]
    public void A_policy_with_errors_exits_2_with_its_diagnostics()
    {
        temp.WritePolicy("broken.policy", """
            policy Broken implements "Broken"
            fact broken: bool "Broken."
            warranty from 2024-01-01 through 2024-12-31 active when true
            section "S"
            clause B-1
              quote "Broken things are free."
              when brokn
              then free
            """);
        var claim = temp.Write("claim.json", """{"broken":true}""");

        var result = InProcess.Run(new[] { "explain", claim, "--policy", temp.Path }, temp.Path);

        AssertInvalidInput(result);
        Assert.Empty(result.Body);
        Assert.Contains(result.StdErrLines, l => l.Contains("broken.policy(7,8): error XP", StringComparison.Ordinal));
    }

    [Fact]
    public void A_policy_that_decides_a_claim_both_ways_exits_1_naming_the_clauses()
    {
        temp.WritePolicy("both.policy", """
            policy Both implements "Both"
            fact broken: bool "Broken."
            warranty from 2024-01-01 through 2024-12-31 active when true
            section "S"
            clause B-1
              quote "Broken things are free."
              when broken
              then free
            clause B-2
              quote "Broken things are paid."
              when broken
              then paid
            """);
        var claim = temp.Write("claim.json", """{"broken":true}""");

        var result = InProcess.Run(new[] { "explain", claim, "--policy", "both.policy" }, temp.Path);

        Assert.True(result.ExitCode == 1, "Expected exit code 1:" + Environment.NewLine + result);
        CliRunner.AssertNoStackTrace(result);
        Assert.Equal("claim.json: policy defect: The policy decides this claim both free (B-1) and paid (B-2)", Assert.Single(result.StdErrLines).Replace(claim, "claim.json", StringComparison.Ordinal));
    }

    [Fact]
    public void Stdin_is_read_with_a_dash()
    {
        var result = InProcess.Run(new[] { "explain", "-" }, workingDirectory: null, stdin: File.ReadAllText(Path.Combine(CliRunner.WorkRoot, Examples, "watch-defect-in-warranty.json")));

        AssertSuccess(result);
        Assert.Equal("Claim:        <stdin>", result.BodyLines[0]);
        Assert.Contains("Why free?", result.BodyLines);
    }

    [Fact]
    public void Help_lists_explain_and_its_options()
    {
        var root = InProcess.Run("--help");
        var explain = InProcess.Run("explain", "--help");

        Assert.Equal(0, root.ExitCode);
        Assert.Contains(root.BodyLines, l => l.TrimStart().StartsWith("explain <CLAIM>", StringComparison.Ordinal));
        Assert.Equal(0, explain.ExitCode);
        Assert.Contains("  xinji-policy explain <CLAIM> [options]", explain.BodyLines);
        Assert.Contains(explain.BodyLines, l => l.TrimStart().StartsWith("--policy <FILE_OR_DIR>", StringComparison.Ordinal));
    }

    private static void AssertSuccess(CliResult result)
    {
        Assert.True(result.ExitCode == 0, "Expected exit code 0:" + Environment.NewLine + result);
        Assert.True(result.StdErr.Length == 0, "Expected nothing on stderr:" + Environment.NewLine + result);
        Assert.True(result.Body.Length > 0, "Expected output on stdout:" + Environment.NewLine + result);
    }

    private static void AssertInvalidInput(CliResult result)
    {
        Assert.True(result.ExitCode == 2, "Expected exit code 2 (invalid input):" + Environment.NewLine + result);
        Assert.True(result.StdErrLines.Count > 0, "Expected a message on stderr:" + Environment.NewLine + result);
        CliRunner.AssertNoStackTrace(result);
    }
}
