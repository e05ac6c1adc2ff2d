using System;

namespace Xinji.Policy.Cli.Tests;

/// <summary><c>xinji-policy test</c> on examples that state their what-ifs: a what-if that differs fails the run, a line each.</summary>
public sealed class TestWhatIfsCommandTests : IDisposable
{
    /// <summary>A repair policy whose purchase day the customer can prove.</summary>
    private const string Policy = """
        policy Repair implements "Repair standard"
        fact bought: date "The purchase day."
          provable
        fact claimed: date "The claim day."
        define covered = claimed < bought + 6 months
          "Within six months of the purchase."
        warranty from bought through bought + 6 months - 1 day active when covered
        reject claimed when claimed < bought
          "A claim cannot come before the purchase."
        remedy fix "Repair."
        section "Cover"
        clause C-1
          quote "Products are repaired free for six months."
          when covered
          then free
               remedy fix
        clause X-2
          quote "After six months repairs are paid."
          when not covered
          then paid
               remedy fix
        """;

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void A_what_if_that_differs_fails_the_example_with_expected_and_actual_what_ifs_a_line_each()
    {
        temp.WritePolicy("repair.policy", Policy);
        temp.Write("repair.examples", """
            example "A claim seven months after the purchase is paid"
              claim {"bought": "2025-01-10", "claimed": "2025-08-01"}
              expect paid remedies fix cites X-2
                what-ifs
                  free if bought from 2025-02-01 through 2025-08-01 (C-1; no longer X-2)

            example "A claim in the first six months is free"
              claim {"bought": "2025-01-10", "claimed": "2025-03-01"}
              expect free remedies fix cites C-1
                what-ifs
                  paid if bought from 1900-01-01 through 2024-09-01 (X-2; no longer C-1)
            """);

        var result = InProcess.Run(new[] { "test", "." }, temp.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.StdErr);
        Assert.Equal("""
            Testing policy Repair with 2 examples

            FAIL  A claim seven months after the purchase is paid
                  repair.examples(1,9)
                  what-ifs  expected  free if bought from 2025-02-01 through 2025-08-01 (C-1; no longer X-2)
                            actual    free if bought from 2025-02-02 through 2025-08-01 (C-1; no longer X-2)
                            missing   free if bought from 2025-02-01 through 2025-08-01 (C-1; no longer X-2)
                            extra     free if bought from 2025-02-02 through 2025-08-01 (C-1; no longer X-2)
            PASS  A claim in the first six months is free

            2 examples: 1 passed, 1 failed
            Clause coverage: 2 of 2 clauses (100%) cited by an example

            """, result.Body);
    }
}
