using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Xinji.Policy.Dsl.Diagnostics;
using Xinji.Policy.Dsl.Driver;

namespace Xinji.Policy.Dsl.Tests;

/// <summary>The driver: texts in, parsed files, bound policy, findings and diagnostics out, cached by content.</summary>
public class PolicyDriverTests
{
    private const string Repair = """
        policy Repair implements "Repair standard"
          source "standard.txt"
        fact broken: bool "Whether it is broken."
        warranty from 2024-01-01 through 2024-12-31 active when true
        remedy fix "Repair."
        section "Cover"
        clause C-1
          quote "Broken things are repaired free."
          when broken
          then free
               remedy fix
        clause C-2
          quote "Other things are paid."
          when not broken
          then paid
               remedy fix
        """;

    /// <summary>Two clauses decide the same claims both ways: the analysis finds a conflict.</summary>
    private const string Conflicting = """
        policy Both implements "Both"
          source "standard.txt"
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
        clause B-3
          quote "Working things are paid."
          when not broken
          then paid
        """;

    private const string Standard = "Broken things are repaired free. Other things are paid.\nBroken things are free. Broken things are paid. Working things are paid.";

    /// <summary>The policy at /p/repair.policy, with these documents, or with the standard it names when none are given.</summary>
    private static DriverInput Input(string policy, params InputFile[] documents) =>
        new(new[] { new InputFile("/p/repair.policy", policy) }, documents.Length > 0 ? documents : new[] { new InputFile("/p/standard.txt", Standard) });

    [Fact]
    public void A_policy_binds_with_the_document_its_header_names_beside_its_file()
    {
        var result = new PolicyDriver().Compile(Input(Repair, new InputFile("/p/standard.txt", Standard)));

        Assert.Empty(result.Diagnostics);
        Assert.NotNull(result.Policy);
        Assert.Equal("/p/repair.policy", Assert.Single(result.Files).Path);
        Assert.False(result.Analyzed);
        Assert.Empty(result.Findings);
    }

    [Theory]
    [InlineData("/p/standard.txt", true)]
    [InlineData("/p/./sub/../standard.txt", true)]
    [InlineData("\\p\\standard.txt", true)]
    [InlineData("/q/standard.txt", false)]
    [InlineData("/p/sub/standard.txt", false)]
    public void Quotes_are_checked_against_the_document_at_the_path_the_header_names(string documentPath, bool isChecked)
    {
        var result = new PolicyDriver().Compile(Input(Repair, new InputFile(documentPath, "Broken things are repaired free.")));

        // A document at another path is no document: the header's source is an error, never a check skipped.
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(isChecked ? DiagnosticIds.QuoteNotInDocument : DiagnosticIds.SourceDocumentMissing, diagnostic.Id);
        Assert.Equal("/p/repair.policy", diagnostic.FilePath);
    }

    [Fact]
    public void The_documents_headers_name_are_listed_relative_to_their_files()
    {
        var driver = new PolicyDriver();
        var files = new[] { driver.Parse(new InputFile("policy/repair.policy", Repair)), driver.Parse(new InputFile("policy/more.policy", "section \"More\"\n")) };

        Assert.Equal(new[] { "policy/standard.txt" }, PolicyDriver.DocumentPaths(files));
    }

    [Fact]
    public void An_examples_file_is_parsed_as_examples_only()
    {
        var input = new DriverInput(
            new[] { new InputFile("/p/repair.policy", Repair), new InputFile("/p/repair.examples", "section \"Misplaced\"\n") },
            new[] { new InputFile("/p/standard.txt", Standard) });

        var result = new PolicyDriver().Compile(input);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("/p/repair.examples", diagnostic.FilePath);
        Assert.Equal("A .examples file holds only 'example' declarations; move this 'section' into a .policy file", diagnostic.Message);
        Assert.Equal(new[] { "/p/repair.policy", "/p/repair.examples" }, result.Files.Select(f => f.Path));
    }

    [Fact]
    public void A_policy_with_errors_has_no_bound_policy_but_its_vocabulary_and_is_not_analysed()
    {
        var result = new PolicyDriver().Compile(Input(Repair.Replace("when broken", "when brokn", StringComparison.Ordinal)) with { Analyze = true });

        Assert.Null(result.Policy);
        Assert.NotNull(result.Vocabulary);
        Assert.True(result.HasErrors);
        Assert.False(result.Analyzed);
        Assert.Empty(result.Findings);
        Assert.Equal(DiagnosticIds.UnknownName, result.Diagnostics[0].Id);
    }

    [Fact]
    public void Analysis_runs_when_asked_and_its_findings_end_the_diagnostics()
    {
        var driver = new PolicyDriver();

        var bound = driver.Compile(Input(Conflicting));
        var analysed = driver.Compile(Input(Conflicting) with { Analyze = true });

        Assert.Empty(bound.Diagnostics);
        Assert.True(analysed.Analyzed);
        var finding = Assert.Single(analysed.Findings);
        Assert.Equal(DiagnosticIds.Conflict, finding.Diagnostic.Id);
        Assert.Equal(new[] { "B-1", "B-2" }, finding.Finding.ClauseIds.OrderBy(id => id, StringComparer.Ordinal));
        Assert.Equal(finding.Diagnostic, analysed.Diagnostics[^1]);
        Assert.Same(bound.Policy, analysed.Policy);
    }

    [Fact]
    public void The_same_texts_in_another_order_are_compiled_once()
    {
        var driver = new PolicyDriver();
        var files = new[] { new InputFile("/p/a.policy", Repair), new InputFile("/p/b.policy", "section \"More\"\n") };
        var documents = new[] { new InputFile("/p/standard.txt", Standard), new InputFile("/p/other.txt", "Other.") };

        var first = driver.Compile(new DriverInput(files, documents));
        var again = driver.Compile(new DriverInput(files.Reverse(), documents.Reverse()));
        var edited = driver.Compile(new DriverInput(new[] { files[0], files[1] with { Text = "section \"Other\"\n" } }, documents));

        Assert.Same(first, again);
        Assert.NotSame(first, edited);
    }

    [Fact]
    public void Files_given_in_any_order_give_the_same_result()
    {
        var files = new[]
        {
            new InputFile("/p/b.policy", "section \"B\"\nclause B-1\n  when\n"),
            new InputFile("/p/a.policy", Repair + "\nclause A-1\n  when\n"),
            new InputFile("/p/a.examples", "example \"Broken\"\n  claim {\"broken\": true\n"),
        };

        var forwards = new PolicyDriver().Compile(new DriverInput(files, Array.Empty<InputFile>()));
        var backwards = new PolicyDriver().Compile(new DriverInput(files.Reverse(), Array.Empty<InputFile>()));

        Assert.True(forwards.Diagnostics.Count >= 3, string.Join(Environment.NewLine, forwards.Diagnostics));
        Assert.Equal(forwards, backwards);
        Assert.Equal(new[] { "/p/a.policy", "/p/b.policy", "/p/a.examples" }, forwards.Files.Select(f => f.Path));
    }

    [Fact]
    public void Results_of_separate_drivers_for_the_same_texts_are_equal_so_they_can_be_pipeline_models()
    {
        var one = new PolicyDriver().Compile(Input(Repair, new InputFile("/p/standard.txt", Standard)));
        var other = new PolicyDriver().Compile(Input(Repair, new InputFile("/p/standard.txt", Standard)));

        Assert.NotSame(one, other);
        Assert.Equal(one, other);
        Assert.Equal(one.GetHashCode(), other.GetHashCode());
    }

    [Fact]
    public void The_cache_keeps_only_the_most_recently_used_inputs()
    {
        var driver = new PolicyDriver(capacity: 1);
        var first = driver.Compile(Input(Repair));

        driver.Compile(Input(Conflicting));
        var recompiled = driver.Compile(Input(Repair));

        Assert.NotSame(first, recompiled);
        Assert.Equal(first, recompiled);
        Assert.Same(recompiled, driver.Compile(Input(Repair)));
    }

    [Fact]
    public void A_cancelled_analysis_throws_and_leaves_nothing_cached()
    {
        var driver = new PolicyDriver();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => driver.Compile(Input(Conflicting) with { Analyze = true }, cancelled.Token));
        var analysed = driver.Compile(Input(Conflicting) with { Analyze = true });

        Assert.True(analysed.Analyzed);
        Assert.Single(analysed.Findings);
    }

    [Fact]
    public void Compiling_from_many_threads_at_once_gives_one_result()
    {
        var driver = new PolicyDriver();
        var inputs = Enumerable.Range(0, 64).Select(i => Input(i % 2 == 0 ? Repair : Conflicting) with { Analyze = i % 4 < 2 }).ToArray();
        var results = new DriverResult[inputs.Length];

        Parallel.For(0, inputs.Length, i => results[i] = driver.Compile(inputs[i]));

        for (var i = 0; i < inputs.Length; i++)
        {
            Assert.Same(driver.Compile(inputs[i]), results[i]);
        }
    }
}
