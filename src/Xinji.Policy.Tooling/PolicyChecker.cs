using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Xinji.Policy.Dsl.Analysis;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Diagnostics;
using Xinji.Policy.Dsl.Driver;

namespace Xinji.Policy.Tooling;

/// <summary>A diagnostic with the finding behind it, when the analysis made it.</summary>
public sealed record CheckedDiagnostic(PolicyDiagnostic Diagnostic, Finding? Finding);

public sealed record CheckReport(BoundPolicy? Policy, IReadOnlyList<CheckedDiagnostic> Diagnostics, TimeSpan AnalysisTime)
{
    public int Count(PolicySeverity severity) => Diagnostics.Count(d => d.Diagnostic.Severity == severity);
}

/// <summary>What <c>xinji-policy check</c> does: the loaded policy's diagnostics, then the driver's analysis of it, timed.</summary>
public static class PolicyChecker
{
    public static CheckReport Check(LoadedPolicy loaded, CancellationToken cancellationToken = default) =>
        Check(loaded, AnalysisOptions.Default, cancellationToken);

    /// <summary>The check with the analysis held to the options' time budget.</summary>
    public static CheckReport Check(LoadedPolicy loaded, AnalysisOptions analysis, CancellationToken cancellationToken = default)
    {
        var diagnostics = loaded.Diagnostics.Select(d => new CheckedDiagnostic(d, null)).ToList();
        if (loaded.Policy is null)
        {
            return new CheckReport(null, diagnostics, TimeSpan.Zero);
        }

        var stopwatch = Stopwatch.StartNew();
        var findings = PolicyDriver.Analyze(loaded.Policy, analysis, cancellationToken);
        stopwatch.Stop();
        diagnostics.AddRange(findings.Select(f => new CheckedDiagnostic(f.Diagnostic, f.Finding)));
        return new CheckReport(loaded.Policy, diagnostics, stopwatch.Elapsed);
    }
}
