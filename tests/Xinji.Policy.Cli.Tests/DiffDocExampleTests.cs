using System;
using System.IO;
using System.Text.RegularExpressions;

namespace Xinji.Policy.Cli.Tests;

/// <summary>The <c>diff</c> example of docs/commands.md, run as the real tool: its output is the doc's text.</summary>
public sealed class DiffDocExampleTests
{
    private const string Variant = "examples/policy-variants/no-sticker-exclusion";

    private const string History = "examples/history.jsonl";

    [Fact]
    public void The_commands_doc_shows_the_real_output_of_its_diff_example()
    {
        var readme = File.ReadAllText(Path.Combine(CliRunner.RepoRoot, "docs", "commands.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var block = Regex.Match(readme, "```text\n(Old policy: [^\n]*\nNew policy: [^\n]*\n\nReplayed 3000 claims from examples/history.jsonl\n.*?)```", RegexOptions.Singleline);
        Assert.True(block.Success, "docs/commands.md has no ```text block starting with the diff report's policy lines and first line");

        var result = CliRunner.Run("diff", "policy", Variant, "--claims", History);

        Assert.Equal(block.Groups[1].Value, result.StdOut);
    }
}
