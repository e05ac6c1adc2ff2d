using System;
using System.IO;
using System.Linq;
using Xinji.Policy.Tooling.Examples;

namespace Xinji.Policy.Tooling.Tests;

/// <summary>
/// Examples that state their what-ifs, run on the bicycle fixture (tests/fixtures/policies/what-ifs),
/// whose what-ifs <see cref="WhatIfTests"/> pins as <c>explain</c> says them.
/// </summary>
public sealed class WhatIfExampleTests : IDisposable
{
    /// <summary>Bought 2024-01-15, claimed 2026-03-10: past the two years, paid by B-6.</summary>
    private const string Late = """{"fault": "gears", "claimedOn": "2026-03-10", "boughtOn": "2024-01-15"}""";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("xinji-what-if-examples-");

    public void Dispose() => _folder.Delete(recursive: true);

    private ExampleRun Run(string examples)
    {
        foreach (var file in Directory.GetFiles(Repository.Path("tests/fixtures/policies/what-ifs")))
        {
            File.Copy(file, Path.Combine(_folder.FullName, Path.GetFileName(file)));
        }

        File.WriteAllText(Path.Combine(_folder.FullName, "bicycle.examples"), examples);
        var loaded = ExampleLoader.Load(new[] { _folder.FullName });
        Assert.Empty(loaded.Diagnostics.Select(d => d.ToString()));
        return ExampleRunner.Run(loaded.Policy!);
    }

    private ExampleResult RunOne(string claim, string expectation) =>
        Assert.Single(Run($"example \"One\"\n  claim {claim}\n  expect {expectation}\n").Results);

    [Fact]
    public void An_example_passes_when_its_what_ifs_are_the_ones_explain_finds_in_any_order()
    {
        var result = RunOne(Late, """
            paid
                remedies none
                cites at least B-6
                what-ifs
                  free if boughtOn from 2024-03-11 through 2026-03-10 (B-1; no longer B-6)
                  free if claimedOn from 2024-01-15 through 2026-01-14 (B-1; no longer B-6)
            """);

        Assert.True(result.Passed, string.Join("\n", result.Mismatches));
        Assert.Equal(2, Assert.IsType<DecidedOutcome>(result.Outcome).WhatIfs!.Count);
    }

    [Fact]
    public void Changes_of_two_facts_a_fact_made_known_and_no_what_if_at_all_are_stated_as_explain_finds_them()
    {
        var run = Run("""
            example "No receipt, no card and a broken seal"
              claim {"fault": "frame", "claimedOn": "2025-03-10", "boughtOn": "2024-01-15", "seal": "broken",
                     "hasReceipt": false, "hasCard": false}
              expect paid remedies none cites B-2, B-3
                what-ifs
                  free if hasReceipt is true and seal is intact (B-1; no longer B-2, B-3)
                  free if hasCard is true and seal is intact (B-1; no longer B-2, B-3)
            example "No date of purchase or registration"
              claim {"fault": "gears", "claimedOn": "2025-03-10"}
              expect paid remedies none cites B-7
                what-ifs
                  free if boughtOn from 2023-03-11 through 2025-03-10 (B-1; no longer B-7)
                  free if registeredOn from 2023-03-11 through 2025-03-10 (B-1; no longer B-7)
            example "Raced"
              claim {"fault": "gears", "claimedOn": "2025-03-10", "boughtOn": "2024-01-15", "raced": true}
              expect paid remedies none cites B-5
                what-ifs none
            example "Free, and what would make it paid"
              claim {"fault": "gears", "claimedOn": "2025-03-10", "boughtOn": "2024-01-15"}
              expect free remedies repair cites B-1, B-9
                what-ifs
                  paid if claimedOn from 2026-01-15 through 2199-12-31 (B-6; no longer B-1)
                  paid if boughtOn is not known (B-7; no longer B-1)
                  paid if boughtOn from 1900-01-01 through 2023-03-10 (B-6; no longer B-1)
                  paid if registeredOn from 1900-01-01 through 2023-03-10 (B-6; no longer B-1)
                  paid if seal is broken (B-2; no longer B-1)
                  paid if seal is missing (B-2; no longer B-1)
                  paid if shop is market (B-4; no longer B-1)
            """);

        Assert.All(run.Results, r => Assert.True(r.Passed, r.Example.Name + ": " + string.Join("\n", r.Mismatches)));
    }

    [Fact]
    public void What_ifs_that_differ_are_a_mismatch_listing_both_sides_and_what_is_missing_or_extra_a_line_each()
    {
        var result = RunOne(Late, """
            paid remedies none cites at least B-6
                what-ifs
                  free if claimedOn from 2024-01-15 through 2026-01-31 (B-1; no longer B-6)
                  free if boughtOn from 2024-03-11 through 2026-03-10 (B-1; no longer B-6)
            """);

        var mismatch = Assert.Single(result.Mismatches);
        Assert.Equal("what-ifs", mismatch.Part);
        Assert.True(mismatch.OneItemPerLine);
        Assert.Equal(
            "free if claimedOn from 2024-01-15 through 2026-01-31 (B-1; no longer B-6)\nfree if boughtOn from 2024-03-11 through 2026-03-10 (B-1; no longer B-6)",
            mismatch.Expected);
        Assert.Equal(
            "free if claimedOn from 2024-01-15 through 2026-01-14 (B-1; no longer B-6)\nfree if boughtOn from 2024-03-11 through 2026-03-10 (B-1; no longer B-6)",
            mismatch.Actual);
        Assert.Equal(new[] { "free if claimedOn from 2024-01-15 through 2026-01-31 (B-1; no longer B-6)" }, mismatch.Missing);
        Assert.Equal(new[] { "free if claimedOn from 2024-01-15 through 2026-01-14 (B-1; no longer B-6)" }, mismatch.Extra);
    }

    [Fact]
    public void The_clauses_that_newly_decide_and_no_longer_decide_are_part_of_the_what_if()
    {
        var result = RunOne(Late, """
            paid remedies none cites at least B-6
                what-ifs
                  free if claimedOn from 2024-01-15 through 2026-01-14 (B-1)
                  free if boughtOn from 2024-03-11 through 2026-03-10 (B-1; no longer B-6)
            """);

        var mismatch = Assert.Single(result.Mismatches);
        Assert.Equal(new[] { "free if claimedOn from 2024-01-15 through 2026-01-14 (B-1)" }, mismatch.Missing);
        Assert.Equal(new[] { "free if claimedOn from 2024-01-15 through 2026-01-14 (B-1; no longer B-6)" }, mismatch.Extra);
    }

    [Fact]
    public void What_ifs_none_fails_when_explain_finds_some_and_the_report_lists_them_to_paste_in()
    {
        var output = new StringWriter { NewLine = "\n" };
        ExampleReport.Write(output, Run($$"""
            example "Late"
              claim {{Late}}
              expect paid remedies none cites at least B-6
                what-ifs none
            """));

        var at = Path.Combine(_folder.FullName, "bicycle.examples") + "(1,9)";
        Assert.Contains(
            $"""
            FAIL  Late
                  {at}
                  what-ifs  expected  none
                            actual    free if claimedOn from 2024-01-15 through 2026-01-14 (B-1; no longer B-6)
                                      free if boughtOn from 2024-03-11 through 2026-03-10 (B-1; no longer B-6)
                            extra     free if claimedOn from 2024-01-15 through 2026-01-14 (B-1; no longer B-6)
                                      free if boughtOn from 2024-03-11 through 2026-03-10 (B-1; no longer B-6)

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            output.ToString(),
            StringComparison.Ordinal);
    }

    [Fact]
    public void An_example_that_does_not_state_its_what_ifs_is_not_searched_for_them()
    {
        var result = RunOne(Late, "paid remedies none cites at least B-6");

        Assert.True(result.Passed);
        Assert.Null(Assert.IsType<DecidedOutcome>(result.Outcome).WhatIfs);
    }
}
