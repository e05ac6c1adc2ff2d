using System;
using System.Linq;

namespace Xinji.Policy.Cli.Tests;

/// <summary><c>xinji-policy test</c>, in-process and (for the shipped examples) as a process: failures, coverage gaps, exit codes.</summary>
public sealed class TestCommandTests : IDisposable
{
    /// <summary>A small policy for tests that need failing or broken examples.</summary>
    private const string Policy = """
        policy Repair implements "Repair standard"
        enum Kind = phone | band "What the customer brings."
        enum Damage = none | water "What the technician found."
        fact kind: Kind "The product."
        fact bought: date "The purchase day."
        fact claimed: date "The claim day."
        fact damage: Damage = none "The damage found."
        define covered = claimed < bought + 6 months
          "Within six months of the purchase."
        warranty from bought through bought + 6 months - 1 day active when covered
        remedy fix "Repair."
        section "Cover"
        clause C-1
          quote "Products are repaired free for six months."
          when covered
          then free
               remedy fix
        clause X-1
          quote "Water damage is not covered."
          exception to C-1
          when damage is water
          then paid
               remedy fix
        clause X-2
          quote "After six months repairs are paid."
          when not covered
          then paid
               remedy fix
        """;

    private const string Passing = """
        example "A claim in the first six months is repaired free"
          claim {"kind": "phone", "bought": "2025-01-10", "claimed": "2025-03-01"}
          expect free remedies fix cites C-1

        """;

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private CliResult RunInTemp(params string[] args) => InProcess.Run(args, temp.Path);

    [Fact]
    public void The_shipped_examples_all_pass_and_cite_every_clause()
    {
        var result = CliRunner.Run("test");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(string.Empty, result.StdErr);
        var lines = result.BodyLines;
        var examples = lines.Count(l => l.StartsWith("PASS  ", StringComparison.Ordinal));
        Assert.Equal($"Testing policy Warranty with {examples} examples", lines[0]);
        Assert.DoesNotContain(lines, l => l.StartsWith("FAIL", StringComparison.Ordinal));
        Assert.Equal($"{examples} examples: {examples} passed, 0 failed", lines[^2]);
        Assert.Equal("Clause coverage: 25 of 25 clauses (100%) cited by an example", lines[^1]);
        Assert.Contains("PASS  Water damage with a missing sticker cites both exclusions", lines);
    }

    [Fact]
    public void The_examples_of_one_file_run_against_the_policy_beside_it_and_the_clauses_they_miss_are_listed_without_failing()
    {
        var result = InProcess.Run("test", "policy/00-vocabulary.examples");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("Testing policy Warranty with 8 examples", result.BodyLines[0]);
        Assert.Contains("8 examples: 8 passed, 0 failed", result.BodyLines);
        Assert.Contains("Clause coverage: 0 of 25 clauses (0%) cited by an example; not cited by any example:", result.BodyLines);
        Assert.Contains("  EX-3   policy/04-warranty-exclusions.policy(14,8)", result.BodyLines);
    }

    [Fact]
    public void With_fail_on_uncovered_a_clause_no_example_cites_fails_the_run()
    {
        Assert.Equal(1, InProcess.Run("test", "policy/00-vocabulary.examples", "--fail-on-uncovered").ExitCode);
        Assert.Equal(0, InProcess.Run("test", "--fail-on-uncovered").ExitCode);
    }

    [Fact]
    public void A_failing_example_shows_where_it_is_and_expected_against_actual_and_the_run_exits_1()
    {
        temp.WritePolicy("repair.policy", Policy);
        temp.Write("repair.examples", Passing + """
            example "Water damage is paid"
              claim {"kind": "phone", "bought": "2025-01-10", "claimed": "2025-03-01", "damage": "water"}
              expect paid
                remedies fix
                cites C-1, X-1
            """);

        var result = RunInTemp("test", ".");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.StdErr);
        Assert.Equal("""
            Testing policy Repair with 2 examples

            PASS  A claim in the first six months is repaired free
            FAIL  Water damage is paid
                  repair.examples(4,9)
                  cites  expected  C-1, X-1
                         actual    X-1
                         missing   C-1

            2 examples: 1 passed, 1 failed
            Clause coverage: 2 of 3 clauses (66%) cited by an example; not cited by any example:
              X-2  repair.policy(24,8)

            """, result.Body);
    }

    [Fact]
    public void A_syntax_error_in_an_example_is_reported_in_the_compiler_format_and_nothing_runs()
    {
        temp.WritePolicy("repair.policy", Policy);
        temp.Write("repair.examples", Passing + """
            example "Unquoted value"
              claim {"kind": "phone", "bought": "2025-01-10",
                     "claimed": 2025-03-01}
              expect free remedies fix cites C-1
            """);

        var result = RunInTemp("test", ".");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Body);
        Assert.Equal(
            "repair.examples(6,21): error XP0001: Expected a date in double quotes, as \"2025-03-01\"; found '2'",
            Assert.Single(result.StdErrLines));
        CliRunner.AssertNoStackTrace(result);
    }

    [Fact]
    public void An_example_citing_a_clause_the_policy_does_not_have_is_a_binding_error_on_the_id()
    {
        temp.WritePolicy("repair.policy", Policy);
        temp.Write("repair.examples", Passing.Replace("cites C-1", "cites C-9"));

        var result = RunInTemp("test", ".");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("repair.examples(3,34): error XP0101: Unknown clause 'C-9'; the clauses are C-1, X-1, X-2", Assert.Single(result.StdErrLines));
    }

    [Fact]
    public void A_policy_without_examples_is_unusable_input()
    {
        temp.WritePolicy("repair.policy", Policy);

        var result = RunInTemp("test", ".");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            "xinji-policy: no examples in .: write 'example' declarations in .examples files beside the policy",
            Assert.Single(result.StdErrLines));
    }

    [Fact]
    public void A_path_that_does_not_exist_is_unusable_input_named_in_one_line()
    {
        var result = RunInTemp("test", "nowhere");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("xinji-policy: cannot read nowhere: no such file or directory", Assert.Single(result.StdErrLines));
        Assert.Equal(string.Empty, result.Body);
    }

    [Fact]
    public void An_unknown_option_is_a_usage_error()
    {
        var result = InProcess.Run("test", "--coverage");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("xinji-policy: Unrecognized command or argument '--coverage'.", result.StdErrLines[0]);
    }
}
