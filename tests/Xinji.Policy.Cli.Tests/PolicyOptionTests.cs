using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xinji.Policy.Dsl.Driver;

namespace Xinji.Policy.Cli.Tests;

/// <summary>
/// The one rule every command follows for its policy: --policy, else ./policy, else the policy built
/// into the tool; the compiled evaluator for the compiled policy's content hash; and every output names
/// the policy and its hash.
/// </summary>
public sealed class PolicyOptionTests : IDisposable
{
    private const string Claim = """{"product":"iotDevice","claimDate":"2025-03-10","invoiceDate":"2024-06-01","cause":"manufacturingDefect"}""";

    private static readonly string BuiltInHash = PolicyIdentity.HashOf(BuiltInPolicy.Input(withExamples: false).PolicyFiles);

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private static string Header(string hash, string where) => $"Policy:       Warranty {hash} ({where})";

    /// <summary>The built-in policy's files written to a folder, as a clone of the repository would hold them.</summary>
    private string BuiltInCopy(string folder, Func<string, string, string>? edit = null)
    {
        var directory = Directory.CreateDirectory(Path.Combine(temp.Path, folder)).FullName;
        var input = BuiltInPolicy.Input(withExamples: true);
        foreach (var file in input.PolicyFiles.Concat(input.Documents))
        {
            var name = Path.GetFileName(file.Path);
            File.WriteAllText(Path.Combine(directory, name), edit is null ? file.Text : edit(name, file.Text));
        }

        return directory;
    }

    [Fact]
    public void Without_a_policy_folder_every_command_uses_the_policy_built_into_the_tool()
    {
        var claim = temp.Write("claim.json", Claim);

        var evaluate = InProcess.Run(new[] { "evaluate", "claim.json" }, temp.Path);
        var explain = InProcess.Run(new[] { "explain", "claim.json" }, temp.Path);
        var check = InProcess.Run(new[] { "check" }, temp.Path);
        var test = InProcess.Run(new[] { "test" }, temp.Path);

        Assert.Equal(0, evaluate.ExitCode);
        Assert.Equal(Header(BuiltInHash, "built in, compiled evaluator"), evaluate.StdOutLines[0]);
        Assert.Equal(0, explain.ExitCode);
        Assert.Equal(Header(BuiltInHash, "built in"), explain.StdOutLines[0]);
        Assert.Contains(explain.StdOutLines, l => l.Contains("(built-in)/03-warranty-duration.policy:", StringComparison.Ordinal));
        Assert.Equal(0, check.ExitCode);
        Assert.Equal(Header(BuiltInHash, "built in"), check.StdOutLines[0]);
        Assert.StartsWith("built in: 0 errors, 0 warnings, 0 infos", check.StdOutLines[1], StringComparison.Ordinal);
        // Which policy `test` runs is the point here; whether its examples pass is ShippedExamplesTests'.
        Assert.Equal(Header(BuiltInHash, "built in"), test.StdOutLines[0]);
        Assert.Contains(test.StdOutLines, l => Regex.IsMatch(l, @"^\d+ examples: \d+ passed, \d+ failed$"));
        Assert.Empty(evaluate.StdErr + explain.StdErr + check.StdErr + test.StdErr);
    }

    [Fact]
    public void A_policy_folder_in_the_working_directory_is_the_default()
    {
        BuiltInCopy("policy", (name, text) => name == "03-warranty-duration.policy" ? text.Replace("warrantyStart + 12 months", "warrantyStart + 24 months", StringComparison.Ordinal) : text);
        temp.Write("claim.json", Claim.Replace("2025-03-10", "2025-09-10", StringComparison.Ordinal));

        var result = InProcess.Run(new[] { "evaluate", "claim.json", "--format", "json" }, temp.Path);

        // Twelve months after the invoice: paid under the built-in policy, free under the folder's 24 months.
        Assert.Equal(0, result.ExitCode);
        using var decision = JsonDocument.Parse(Assert.Single(result.StdOutLines));
        Assert.Equal("free", decision.RootElement.GetProperty("coverage").GetString());
        Assert.NotEqual(BuiltInHash, decision.RootElement.GetProperty("policy").GetProperty("hash").GetString());
    }

    [Fact]
    public void The_compiled_evaluator_decides_for_a_policy_with_the_compiled_content_hash_and_the_interpreter_for_any_other()
    {
        var same = BuiltInCopy("same", (name, text) => text.Replace("\n", "\r\n", StringComparison.Ordinal));
        var other = BuiltInCopy("other", (name, text) => name == "04-warranty-exclusions.policy" ? text + "\n# one comment more\n" : text);
        var claim = temp.Write("claim.json", Claim);

        var compiled = InProcess.Run(new[] { "evaluate", claim, "--policy", Path.GetFileName(same) }, temp.Path);
        var interpreted = InProcess.Run(new[] { "evaluate", claim, "--policy", Path.GetFileName(other) }, temp.Path);

        Assert.Equal(Header(BuiltInHash, "same, compiled evaluator"), compiled.StdOutLines[0]);
        var otherHeader = Regex.Match(interpreted.StdOutLines[0], @"^Policy:       Warranty (sha256:[0-9a-f]{64}) \(other, reference interpreter\)$");
        Assert.True(otherHeader.Success, interpreted.ToString());
        Assert.NotEqual(BuiltInHash, otherHeader.Groups[1].Value);

        // The same decision either way: the comment changes the hash, not the meaning.
        Assert.Equal(compiled.StdOutLines.Skip(1), interpreted.StdOutLines.Skip(1));
    }

    [Fact]
    public void The_compiled_policy_chosen_by_its_hash_alone_has_the_identity_binding_it_gives_and_no_diagnostics()
    {
        // The built-in policy, and a copy of it as ./policy, are named from their hash without being bound:
        // binding them must give the same name and hash, and nothing that Choose would have reported.
        BuiltInCopy("policy");
        var empty = Directory.CreateDirectory(Path.Combine(temp.Path, "empty")).FullName;
        foreach (var (directory, where) in new[] { (temp.Path, "policy"), (empty, "built in") })
        {
            var context = new CliContext(directory, TextReader.Null, TextWriter.Null, TextWriter.Null);

            var chosen = PolicyOption.Choose((string?)null, withExamples: false, context);

            Assert.NotNull(chosen);
            Assert.Equal(where, chosen.Where);
            Assert.Same(chosen.Compiled, PolicyOption.Evaluator(chosen));
            Assert.NotNull(chosen.Compiled);
            Assert.Equal(chosen.Loaded.Identity, chosen.Identity);
            Assert.Empty(chosen.Loaded.Diagnostics);
        }
    }

    [Fact]
    public void The_compiled_policys_files_beside_a_changed_document_are_bound_and_refused_for_their_quotes()
    {
        BuiltInCopy("policy", (name, text) => name.EndsWith(".txt", StringComparison.Ordinal) ? "Another document altogether.\n" : text);
        temp.Write("claim.json", Claim);

        var result = InProcess.Run(new[] { "evaluate", "claim.json", "--format", "json" }, temp.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error XP0111", result.StdErr, StringComparison.Ordinal);
        Assert.Empty(result.StdOut);
    }

    [Fact]
    public void Every_json_line_names_the_policy_that_decided_with_the_hash_the_text_output_shows()
    {
        var claim = temp.Write("claims.jsonl", Claim + "\n" + Claim.Replace("iotDevice", "accessory", StringComparison.Ordinal) + "\n");

        var text = InProcess.Run(new[] { "evaluate", claim });
        var json = InProcess.Run(new[] { "evaluate", claim, "--format", "json" });
        var explained = InProcess.Run(new[] { "explain", claim, "--format", "json" });

        var hash = Regex.Match(text.StdOutLines[0], @"sha256:[0-9a-f]{64}").Value;
        Assert.Equal(2, json.StdOutLines.Count);
        Assert.Equal(2, explained.StdOutLines.Count);
        foreach (var line in json.StdOutLines.Concat(explained.StdOutLines))
        {
            Assert.StartsWith("""{"policy":{"name":"Warranty","hash":"sha256:""", line, StringComparison.Ordinal);
            using var document = JsonDocument.Parse(line);
            Assert.Equal(hash, document.RootElement.GetProperty("policy").GetProperty("hash").GetString());
        }
    }

    [Fact]
    public void Diff_given_only_the_new_version_compares_it_with_the_default_policy()
    {
        var variant = Path.Combine(CliRunner.WorkRoot, "examples", "policy-variants", "no-sticker-exclusion");

        var alone = InProcess.Run("diff", variant);
        var named = InProcess.Run("diff", "--policy", "policy", variant);
        var both = InProcess.Run("diff", "policy", variant, "--policy", "policy");

        Assert.Equal(0, alone.ExitCode);
        Assert.StartsWith("Old policy:   Warranty sha256:", alone.StdOutLines[0], StringComparison.Ordinal);
        Assert.EndsWith(" (policy)", alone.StdOutLines[0], StringComparison.Ordinal);
        Assert.StartsWith("New policy:   Warranty sha256:", alone.StdOutLines[1], StringComparison.Ordinal);
        Assert.Equal(alone.StdOut, named.StdOut);
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("not both", both.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_command_takes_the_policy_option()
    {
        foreach (var command in new[] { "evaluate", "explain", "check", "test", "diff" })
        {
            var help = InProcess.Run(command, "--help");

            Assert.Contains("--policy <FILE_OR_DIR>", help.StdOut, StringComparison.Ordinal);
        }
    }
}
