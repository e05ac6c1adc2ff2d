using System.Collections.Generic;
using System.Linq;
using Xinji.Policy.Dsl.Diagnostics;
using Xinji.Policy.Dsl.Text;

namespace Xinji.Policy.Dsl.Analysis;

/// <summary>Findings as diagnostics on the clause (or policy header) they are about.</summary>
public static class AnalysisDiagnostics
{
    public static IEnumerable<PolicyDiagnostic> From(AnalysisResult result) =>
        result.Findings.Select(f => PolicyDiagnostic.Create(Descriptor(f.Kind), f.Location.FilePath, f.Location.Span, f.Message) with
        {
            Related = f.Related.ToEquatableArray(),
        });

    public static DiagnosticDescriptorInfo Descriptor(FindingKind kind) => kind switch
    {
        FindingKind.Conflict => DiagnosticCatalog.Conflict,
        FindingKind.Gap => DiagnosticCatalog.Gap,
        FindingKind.NeverApplies or FindingKind.AlwaysOverridden or FindingKind.EveryClaimRejected => DiagnosticCatalog.UnreachableClause,
        FindingKind.InconsistentWarranty => DiagnosticCatalog.InconsistentWarranty,
        FindingKind.Redundant => DiagnosticCatalog.RedundantClause,
        _ => DiagnosticCatalog.NotAnalysed,
    };
}
