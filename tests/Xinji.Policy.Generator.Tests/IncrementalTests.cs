using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xinji.Policy.Testing;

namespace Xinji.Policy.Generator.Tests;

/// <summary>The pipeline does no work again for edits that cannot change its output.</summary>
public class IncrementalTests
{
    private const string Clauses = """
        section "Extra"
        clause E-1
          quote "Tampered products are never free."
          exception to C-1
          when tampered
          then paid
        """;

    private static readonly AdditionalText Extra = new GeneratorHarness.InMemoryAdditionalText("/p/extra.policy", Clauses);

    // The standard holds the sentences of both files, E-1's before and after the edit below.
    private static readonly string Standard = QuotedSentences.Attach("/p/repair.policy", TestPolicies.Small).Document!.Value.Text
        + "Tampered products are never free.\nTampered products are not free.\n";

    private static (GeneratorDriver Driver, Compilation Compilation) FirstRun()
    {
        var files = new[]
        {
            new GeneratorHarness.InMemoryAdditionalText("/p/repair.policy", TestPolicies.Small.Replace("implements \"Small Repair Standard\"", "implements \"Small Repair Standard\" source \"standard.txt\"", System.StringComparison.Ordinal)),
            Extra,
            new GeneratorHarness.InMemoryAdditionalText("/p/standard.txt", Standard),
        };
        var compilation = GeneratorHarness.Compilation("class Program { }");
        var driver = GeneratorHarness.RunChecked(GeneratorHarness.Driver(files), compilation);
        return (driver, compilation);
    }

    private static IncrementalStepRunReason[] Reasons(GeneratorDriver driver, string step) =>
        driver.GetRunResult().Results.Single().TrackedSteps[step]
            .SelectMany(s => s.Outputs)
            .Select(o => o.Reason)
            .ToArray();

    [Fact]
    public void An_edit_to_csharp_code_leaves_every_step_cached()
    {
        var (driver, compilation) = FirstRun();

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Other { }", new CSharpParseOptions(LanguageVersion.Latest)));
        driver = driver.RunGenerators(edited);

        Assert.All(Reasons(driver, TrackingNames.PolicyFiles), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        Assert.All(Reasons(driver, TrackingNames.Documents), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        Assert.All(Reasons(driver, TrackingNames.Namespace), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        Assert.All(Reasons(driver, TrackingNames.EmitModel), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
    }

    [Fact]
    public void An_edit_to_one_policy_file_reparses_only_that_file()
    {
        var (driver, compilation) = FirstRun();

        driver = driver.ReplaceAdditionalText(
            Extra,
            new GeneratorHarness.InMemoryAdditionalText("/p/extra.policy", Clauses.Replace("never free", "not free")));
        driver = driver.RunGenerators(compilation);

        Assert.Equal(
            new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Modified }.OrderBy(r => r),
            Reasons(driver, TrackingNames.PolicyFiles).OrderBy(r => r));
        Assert.Equal(new[] { IncrementalStepRunReason.Modified }, Reasons(driver, TrackingNames.EmitModel));
    }

    [Fact]
    public void A_comment_edit_reparses_the_file_but_renders_nothing_new_because_the_model_is_equal()
    {
        var (driver, compilation) = FirstRun();

        // A comment on top moves every span below it, so the parsed file differs; the emit model
        // holds no spans, so it compares equal and rendering is skipped.
        driver = driver.ReplaceAdditionalText(
            Extra,
            new GeneratorHarness.InMemoryAdditionalText("/p/extra.policy", "# a comment\n" + Clauses));
        driver = driver.RunGenerators(compilation);

        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(driver, TrackingNames.PolicyFiles));
        Assert.Equal(new[] { IncrementalStepRunReason.Unchanged }, Reasons(driver, TrackingNames.EmitModel));
    }
}
