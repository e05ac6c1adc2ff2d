using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;

namespace Xinji.Policy.Dsl.Analysis;

/// <summary>How long the analysis of one policy may take before it stops and says so (XP2005).</summary>
public sealed record AnalysisOptions
{
    /// <summary>What the build, the IDE and <c>check</c> allow unless told otherwise.</summary>
    public static readonly TimeSpan DefaultBudget = TimeSpan.FromSeconds(5);

    /// <summary>The largest budget accepted: a day, so a mistyped number still ends.</summary>
    public static readonly TimeSpan MaximumBudget = TimeSpan.FromDays(1);

    public static AnalysisOptions Default { get; } = new();

    /// <summary>The wall-clock time the whole analysis may take; past it, what is found so far is kept and the rest is reported as not analysed.</summary>
    public TimeSpan Budget { get; init; } = DefaultBudget;

    /// <summary>
    /// Reads a budget written as seconds (<c>5</c>, <c>0.5</c>), the way the MSBuild property
    /// <c>XinjiPolicyAnalysisBudget</c> and <c>check --analysis-budget</c> take it. False for
    /// anything else, a budget of zero or less, or one over a day.
    /// </summary>
    public static bool TryParseBudget(string? text, out TimeSpan budget)
    {
        budget = DefaultBudget;
        if (string.IsNullOrWhiteSpace(text)
            || !double.TryParse(text!.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
            || seconds <= 0 || seconds > MaximumBudget.TotalSeconds)
        {
            return false;
        }

        budget = TimeSpan.FromSeconds(seconds);
        return true;
    }

    /// <summary>A budget as the messages write it: "5 s", "0.25 s".</summary>
    public static string Describe(TimeSpan budget) => budget.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}

/// <summary>The analysis ran past its time budget: the whole analysis stops, keeping what it found.</summary>
internal sealed class AnalysisTimeoutException : Exception
{
    public AnalysisTimeoutException(TimeSpan budget)
        : base("the analysis did not finish within its budget of " + AnalysisOptions.Describe(budget))
    {
    }
}

/// <summary>
/// The analysis's deadline and cancellation, checked from every loop that can run long (the
/// encoder, the propositional search, the calendar search): cheap enough to call per node.
/// </summary>
internal sealed class AnalysisClock
{
    private readonly long _deadline;
    private readonly CancellationToken _cancellationToken;
    private int _ticks;

    public AnalysisClock(TimeSpan budget, CancellationToken cancellationToken)
    {
        Budget = budget;
        _cancellationToken = cancellationToken;
        var ticks = budget.TotalSeconds * Stopwatch.Frequency;
        _deadline = ticks >= long.MaxValue / 2 ? long.MaxValue : Stopwatch.GetTimestamp() + (long)ticks;
    }

    /// <summary>A clock that never runs out (the comparison of versions, which has its own node budgets).</summary>
    public static AnalysisClock Unlimited => new(TimeSpan.MaxValue, CancellationToken.None);

    public TimeSpan Budget { get; }

    /// <summary>Checks the deadline and the token every few calls.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <exception cref="AnalysisTimeoutException">The budget is spent.</exception>
    public void Tick()
    {
        if ((++_ticks & 63) == 0)
        {
            Check();
        }
    }

    /// <inheritdoc cref="Tick"/>
    public void Check()
    {
        _cancellationToken.ThrowIfCancellationRequested();
        if (Stopwatch.GetTimestamp() > _deadline)
        {
            throw new AnalysisTimeoutException(Budget);
        }
    }
}
