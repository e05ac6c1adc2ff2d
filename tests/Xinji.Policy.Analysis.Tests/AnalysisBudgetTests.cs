using System;
using System.Linq;
using System.Threading;
using Xinji.Policy.Benchmarks;
using Xinji.Policy.Dsl.Analysis;

namespace Xinji.Policy.Analysis.Tests;

/// <summary>
/// The analysis decides what it claims to decide, and otherwise stops within its budget and says
/// so. Nothing here is timed: a budget large enough that only a search that never ends could
/// reach it shows the answer comes from the search, and a budget too small for anything shows the
/// time-out path.
/// </summary>
public class AnalysisBudgetTests
{
    private static readonly AnalysisOptions Unhurried = Policies.Unhurried;

    /// <summary>
    /// The edit the performance issue reports: WP-2 written against warrantyEnd, and an exclusion
    /// comparing deliveryDate - 1 month with activationDate + 1 month. It used to exhaust the
    /// calendar search (two XP2005); brute force over the claims finds nothing wrong with it.
    /// </summary>
    [Fact]
    public void The_realistic_edit_with_month_steps_on_two_dates_is_decided_and_has_no_findings()
    {
        var texts = Policies.RealPolicyTexts();
        var rules = texts.Single(t => t.Value.Contains("clause WP-2\n", StringComparison.Ordinal)).Key;
        Assert.Contains("  when warrantyActive and cause is manufacturingDefect\n", texts[rules], StringComparison.Ordinal);
        texts[rules] = texts[rules].Replace("  when warrantyActive and cause is manufacturingDefect\n",
            "  when warrantyStart <= claimDate and claimDate <= warrantyEnd and cause is manufacturingDefect\n", StringComparison.Ordinal);
        var exclusions = texts.Single(t => t.Value.Contains("clause EX-14\n", StringComparison.Ordinal)).Key;
        texts[exclusions] += """

            clause EX-17
              quote "Products purchased overseas are not entitled to"
              exception to WP-2
              when deliveryDate - 1 month > activationDate + 1 month
              then paid

            """.Replace("\n            ", "\n", StringComparison.Ordinal);
        var policy = Policies.Bind(texts);

        var result = PolicyAnalysis.Analyze(policy, Unhurried);

        Assert.False(result.OutOfTime);
        Assert.Empty(result.Findings.Select(f => f.Kind + ": " + f.Message));
    }

    [Fact]
    public void A_budget_too_small_for_anything_keeps_what_was_found_and_reports_one_time_out()
    {
        var policy = Policies.Bind(Policies.RealPolicyTexts());

        var result = PolicyAnalysis.Analyze(policy, new AnalysisOptions { Budget = TimeSpan.FromTicks(1) });

        Assert.True(result.OutOfTime);
        var timeout = Assert.Single(result.Findings);
        Assert.Equal(FindingKind.NotAnalysed, timeout.Kind);
        Assert.StartsWith("The policy was not analysed within the budget of 0 s", timeout.Message, StringComparison.Ordinal);
        Assert.Contains("XinjiPolicyAnalysisBudget", timeout.Message, StringComparison.Ordinal);
        Assert.Equal("XP2005", Assert.Single(AnalysisDiagnostics.From(result)).Id);
    }

    [Fact]
    public void A_cancelled_token_stops_the_analysis()
    {
        var policy = Policies.Bind(Policies.RealPolicyTexts());
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => PolicyAnalysis.Analyze(policy, Unhurried, cancelled.Token));
    }

    [Theory]
    [InlineData("5", 5.0)]
    [InlineData(" 0.25 ", 0.25)]
    [InlineData("86400", 86400.0)]
    public void A_budget_is_read_as_seconds(string text, double seconds)
    {
        Assert.True(AnalysisOptions.TryParseBudget(text, out var budget));
        Assert.Equal(TimeSpan.FromSeconds(seconds), budget);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("5s")]
    [InlineData("1,5")]
    [InlineData("86401")]
    public void Anything_but_a_positive_number_of_seconds_up_to_a_day_is_not_a_budget(string? text)
    {
        Assert.False(AnalysisOptions.TryParseBudget(text, out var budget));
        Assert.Equal(AnalysisOptions.DefaultBudget, budget);
    }

    [Fact]
    public void Definitions_that_double_their_paths_thirty_times_but_not_their_values_are_decided()
    {
        var policy = Policies.Bind(AnalysisShapes.DoublingDefinitions(30));

        var result = PolicyAnalysis.Analyze(policy, Unhurried);

        Assert.False(result.OutOfTime);
        Assert.DoesNotContain(result.Findings, f => f.Kind == FindingKind.NotAnalysed);
    }

    /// <summary>
    /// Two clauses about the earliest of 100 dates that are not each other's negation: whether they
    /// conflict turns on the order of the dates, not on one formula and its negation.
    /// </summary>
    [Fact]
    public void Clauses_comparing_the_earliest_of_a_hundred_dates_differently_are_decided()
    {
        var text = AnalysisShapes.WideEarliest(100);
        Assert.Contains("  when not (start <= claimed and claimed < start + 12 months)\n", text, StringComparison.Ordinal);
        var policy = Policies.Bind(text.Replace("  when not (start <= claimed and claimed < start + 12 months)\n", "  when claimed < start\n", StringComparison.Ordinal));

        var result = PolicyAnalysis.Analyze(policy, Unhurried);

        Assert.False(result.OutOfTime);
        var gap = Assert.Single(result.Findings);
        Assert.Equal(FindingKind.Gap, gap.Kind);
        Assert.NotEmpty(Policies.Replayable(policy, gap.Witness!));
    }

    [Fact]
    public void Definitions_that_double_their_values_thirty_times_are_refused_at_the_value_not_searched()
    {
        var policy = Policies.Bind(AnalysisShapes.ExponentialDefinitions(30));

        var result = PolicyAnalysis.Analyze(policy, Unhurried);

        Assert.False(result.OutOfTime);
        var refused = result.Findings.Where(f => f.Kind == FindingKind.NotAnalysed).ToList();
        Assert.NotEmpty(refused);
        Assert.All(refused, f => Assert.Contains("more than 4,096 different terms", f.Message, StringComparison.Ordinal));
    }

    /// <summary>
    /// The shapes the issue sets at 1,000 clauses: a chain of exceptions (each clause two down the
    /// chain covers it, so every clause but the first two adds nothing), 1,000 exceptions to one
    /// clause, and 1,000 plain clauses (neither has findings). Every question is decided.
    /// </summary>
    [Theory]
    [InlineData("chain")]
    [InlineData("star")]
    [InlineData("plain")]
    public void A_thousand_clauses_of_each_shape_are_decided_with_their_findings(string shape)
    {
        var policy = Policies.Bind(AnalysisShapes.Named(shape, 1000));

        var result = PolicyAnalysis.Analyze(policy, Unhurried);

        Assert.False(result.OutOfTime);
        if (shape != "chain")
        {
            Assert.Empty(result.Findings.Select(f => f.Kind + ": " + f.Message));
            return;
        }

        Assert.All(result.Findings, f => Assert.Equal(FindingKind.Redundant, f.Kind));
        var expected = Enumerable.Range(2, 998).Select(i => $"Clause 'C{i}' adds nothing: 'C{i % 2}' has the same effect and is in force for every claim 'C{i}' is");
        Assert.Equal(expected, result.Findings.Select(f => f.Message));
    }

    [Theory]
    [InlineData("chain", 100)]
    [InlineData("star", 300)]
    [InlineData("earliest", 100)]
    [InlineData("enum", 10_000)]
    [InlineData("plain", 300)]
    public void Every_shape_is_decided_and_its_findings_replay(string shape, int size)
    {
        var policy = Policies.Bind(AnalysisShapes.Named(shape, size));

        var result = PolicyAnalysis.Analyze(policy, Unhurried);

        Assert.False(result.OutOfTime);
        Assert.DoesNotContain(result.Findings, f => f.Kind == FindingKind.NotAnalysed);
        foreach (var finding in result.Findings.Where(f => f.Witness is not null))
        {
            // Read back through the strict reader: the witness is a claim a user could send.
            Assert.NotEmpty(Policies.Replayable(policy, finding.Witness!));
        }
    }
}
