using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Xinji.Policy.Runtime;
using Xinji.Policy.Tooling.Compilation;
using Xinji.Warranty;

namespace Xinji.Policy.Cli.Tests;

/// <summary>
/// <c>evaluate FILE.jsonl --format json</c> as a stream: lines split on bytes across read blocks,
/// decided in blocks by several workers with <c>--jobs</c>, and written in input order, each line the
/// decision the compiled policy makes of that claim alone.
/// </summary>
public sealed class BatchEvaluateTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    /// <summary>The shipped history seven times over (by default): about 3 MB, so dozens of blocks, with its invalid claims among them.</summary>
    private string ManyClaims(int times = 7)
    {
        var history = File.ReadAllText(Path.Combine(CliRunner.RepoRoot, "examples", "history.jsonl"));
        return temp.Write("many.jsonl", string.Concat(Enumerable.Repeat(history, times)));
    }

    /// <summary>What the command should print for each line: the decision of the claim alone, or its error line.</summary>
    private static string Expected(string path, string name)
    {
        var expected = new StringBuilder();
        var number = 0;
        foreach (var line in File.ReadAllText(path).Split('\n'))
        {
            number++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            try
            {
                expected.Append(DecisionWriter.ToJson(WarrantyPolicy.Evaluate(WarrantyClaim.FromJson(line)))).Append('\n');
            }
            catch (ClaimInputException)
            {
                expected.Append("{\"input\":\"").Append(name).Append("\",\"line\":").Append(number).Append(",\"error\":").Append('\n');
            }
        }

        return expected.ToString();
    }

    /// <summary>Error lines are compared up to their error object, which <see cref="EvaluateCommandTests"/> checks exactly.</summary>
    /// The policy member each decision line starts with is left out: <see cref="EvaluateCommandTests"/> checks it too.
    private static string Comparable(string output) =>
        string.Concat(output.Split('\n').Where(l => l.Length > 0).Select(l =>
            (l.StartsWith("{\"input\":", StringComparison.Ordinal) ? l[..(l.IndexOf(",\"error\":", StringComparison.Ordinal) + 9)] : WithoutPolicy(l)) + "\n"));

    private static string WithoutPolicy(string line) => Regex.Replace(line, "^\\{\"policy\":\\{[^}]*\\},", "{");

    [Theory]
    [InlineData("1")]
    [InlineData("2")]
    [InlineData("5")]
    public void Every_line_is_decided_alone_and_written_in_input_order_whatever_the_jobs(string jobs)
    {
        var path = ManyClaims();

        var result = InProcess.Run(new[] { "evaluate", "--format", "json", "--jobs", jobs, "many.jsonl" }, temp.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(21_000, result.StdOutLines.Count(l => l.Length > 0));
        Assert.Equal(Expected(path, "many.jsonl"), Comparable(result.StdOut));
    }

    [Fact]
    public void Messages_on_stderr_are_the_same_and_in_the_same_order_with_several_jobs()
    {
        ManyClaims();

        var one = InProcess.Run(new[] { "evaluate", "--format", "json", "many.jsonl" }, temp.Path);
        var four = InProcess.Run(new[] { "evaluate", "--format", "json", "--jobs", "4", "many.jsonl" }, temp.Path);

        Assert.NotEmpty(one.StdErrLines);
        Assert.Equal(one.StdErr, four.StdErr);
        Assert.Equal(one.StdOut, four.StdOut);
        Assert.StartsWith("many.jsonl:3: invalid claim: deliveryDate: ", one.StdErrLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_longer_than_a_read_block_is_one_claim_with_its_own_line_number()
    {
        var claim = """{"product":"smartWatch","claimDate":"2025-03-10","invoiceDate":"2024-06-01","cause":"manufacturingDefect"}""";
        var padded = claim[..^1] + new string(' ', 600_000) + "}";
        temp.Write("long.jsonl", claim + "\n" + padded + "\n" + claim);

        var result = InProcess.Run(new[] { "evaluate", "--format", "json", "long.jsonl" }, temp.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        var decision = DecisionWriter.ToJson(WarrantyPolicy.Evaluate(WarrantyClaim.FromJson(claim)));
        Assert.Equal(new[] { decision, decision, decision }, result.StdOutLines.Where(l => l.Length > 0).Select(WithoutPolicy));
    }

    [Fact]
    public void A_byte_order_mark_and_a_last_line_without_newline_are_read_as_text_reading_reads_them()
    {
        var claim = """{"product":"iotDevice","claimDate":"2025-03-10","invoiceDate":"2024-06-01","cause":"fall"}""";
        File.WriteAllBytes(Path.Combine(temp.Path, "bom.jsonl"), Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(claim + "\n\n" + claim)).ToArray());

        var result = InProcess.Run(new[] { "evaluate", "--format", "json", "bom.jsonl" }, temp.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        var decision = DecisionWriter.ToJson(WarrantyPolicy.Evaluate(WarrantyClaim.FromJson(claim)));
        Assert.Equal(new[] { decision, decision }, result.StdOutLines.Where(l => l.Length > 0).Select(WithoutPolicy));
    }

    [Fact]
    public void A_line_that_is_not_utf8_is_an_invalid_claim_as_it_always_was()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"product":"iotDevice","claimDate":"2025-03-10","cause":"fa""")
            .Append((byte)0xFF)
            .Concat(Encoding.UTF8.GetBytes("ll\"}\n"))
            .ToArray();
        File.WriteAllBytes(Path.Combine(temp.Path, "latin.jsonl"), bytes);

        var result = InProcess.Run(new[] { "evaluate", "--format", "json", "latin.jsonl" }, temp.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("latin.jsonl:1: invalid claim: cause: \"fa\uFFFDll\" is not one of ", Assert.Single(result.StdErrLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("3")]
    public void Written_to_stdout_as_bytes_the_lines_are_what_the_text_writer_gets(string jobs)
    {
        // A line that is not UTF-8 between two copies of the history: its error line is the only line between theirs.
        var history = File.ReadAllBytes(Path.Combine(CliRunner.RepoRoot, "examples", "history.jsonl"));
        var latin = Encoding.UTF8.GetBytes("""{"product":"iotDevice","claimDate":"2025-03-10","cause":"fa""")
            .Append((byte)0xFF)
            .Concat(Encoding.UTF8.GetBytes("ll\"}\n"))
            .ToArray();
        File.WriteAllBytes(Path.Combine(temp.Path, "mixed.jsonl"), history.Concat(latin).Concat(history).ToArray());
        var args = new[] { "evaluate", "--format", "json", "--jobs", jobs, "mixed.jsonl" };

        var text = InProcess.Run(args, temp.Path);
        using var bytes = new MemoryStream();
        using var error = new StringWriter();
        var exitCode = CliApplication.Run(args, new CliContext(temp.Path, TextReader.Null, TextWriter.Null, error) { OutputBytes = bytes });

        Assert.Equal(text.ExitCode, exitCode);
        Assert.Equal(text.StdErr, error.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Equal(text.StdOut, Encoding.UTF8.GetString(bytes.ToArray()));
        var historyLines = File.ReadAllLines(Path.Combine(CliRunner.RepoRoot, "examples", "history.jsonl")).Count(l => l.Trim().Length > 0);
        Assert.Equal(2 * historyLines + 1, text.StdOutLines.Count);
        Assert.StartsWith($"{{\"input\":\"mixed.jsonl\",\"line\":{historyLines + 1},\"error\":{{\"field\":\"cause\"", text.StdOutLines[historyLines], StringComparison.Ordinal);
        Assert.Contains(text.StdErrLines, l => l.StartsWith($"mixed.jsonl:{historyLines + 1}: invalid claim: cause: \"fa\uFFFDll\" is not one of ", StringComparison.Ordinal));
        Assert.All(text.StdOutLines.Where(l => !l.StartsWith("{\"input\":", StringComparison.Ordinal)), l => Assert.StartsWith("{\"policy\":{\"name\":", l, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    public void Jobs_below_one_exit_2_naming_the_option(string jobs)
    {
        var result = InProcess.Run("evaluate", "--format", "json", "--jobs", jobs, "examples/claims/batch.jsonl");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("xinji-policy: --jobs must be at least 1.", result.StdErrLines[0]);
    }

    [Fact]
    public void A_policy_read_at_run_time_decides_a_large_file_as_the_compiled_policy_does()
    {
        // Enough copies of the history for the estimate to reach the compile threshold, whatever it is.
        var context = new CliContext(temp.Path, TextReader.Null, TextWriter.Null, TextWriter.Null);
        ManyClaims(times: 1);
        var once = ClaimSource.EstimateCount(new[] { "many.jsonl" }, context);
        ManyClaims(times: (int)(PolicyEvaluatorFactory.CompileThreshold / once) + 1);
        Assert.Equal(PolicyEngine.Compiled, PolicyEvaluatorFactory.Choose(ClaimSource.EstimateCount(new[] { "many.jsonl" }, context)));

        // The shipped policy with one more blank line: another content hash, so it is not the built-in
        // evaluator that decides, but the policy compiled in memory (the file holds enough claims).
        var variant = Directory.CreateDirectory(Path.Combine(temp.Path, "variant")).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(CliRunner.RepoRoot, "policy")))
        {
            File.Copy(file, Path.Combine(variant, Path.GetFileName(file)));
        }

        File.AppendAllText(Path.Combine(variant, "01-preamble.policy"), "\n");

        var builtIn = InProcess.Run(new[] { "evaluate", "--format", "json", "--jobs", "2", "--policy", Path.Combine(CliRunner.RepoRoot, "policy"), "many.jsonl" }, temp.Path);
        var read = InProcess.Run(new[] { "evaluate", "--format", "json", "--jobs", "2", "--policy", "variant", "many.jsonl" }, temp.Path);

        Assert.Equal(builtIn.ExitCode, read.ExitCode);
        Assert.Equal(builtIn.StdErr, read.StdErr);
        Assert.NotEqual(builtIn.StdOutLines[0], read.StdOutLines[0]);
        Assert.Equal(builtIn.StdOutLines.Select(WithoutPolicy), read.StdOutLines.Select(WithoutPolicy));
    }
}
