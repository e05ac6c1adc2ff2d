using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Xinji.Policy.Dsl.Analysis;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Diagnostics;

namespace Xinji.Policy.Tooling;

/// <summary>A diagnostic with the finding behind it, when the analysis made it.</summary>
public sealed record CheckedDiagnostic(PolicyDiagnostic Diagnostic, Finding? Finding);

public sealed record CheckReport(BoundPolicy? Policy, IReadOnlyList<CheckedDiagnostic> Diagnostics, TimeSpan AnalysisTime)
{
    public int Count(PolicySeverity severity) => Diagnostics.Count(d => d.Diagnostic.Severity == severity);
}

/// <summary>What <c>xinji-policy check</c> does: parse, bind and analyse a policy without a C# build.</summary>
public static class PolicyChecker
{
    public static CheckReport Check(LoadedPolicy loaded)
    {
        var diagnostics = loaded.Diagnostics.Select(d => new CheckedDiagnostic(d, null)).ToList();
        if (loaded.Policy is null)
        {
            return new CheckReport(null, diagnostics, TimeSpan.Zero);
        }

        var stopwatch = Stopwatch.StartNew();
        var analysis = PolicyAnalysis.Analyze(loaded.Policy);
        stopwatch.Stop();
        diagnostics.AddRange(analysis.Findings.Zip(AnalysisDiagnostics.From(analysis), (f, d) => new CheckedDiagnostic(d, f)));
        return new CheckReport(loaded.Policy, diagnostics, stopwatch.Elapsed);
    }
}
