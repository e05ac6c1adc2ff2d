using System.Linq;
using Xinji.Policy.Dsl.Analysis;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Diagnostics;
using Xinji.Policy.Dsl.Syntax;
using Xinji.Policy.Dsl.Text;

namespace Xinji.Policy.Dsl.Driver;

/// <summary>A finding of the analysis and the diagnostic it is reported as.</summary>
public sealed record DriverFinding(Finding Finding, PolicyDiagnostic Diagnostic);

/// <summary>Everything the driver learnt about a policy.</summary>
/// <param name="Files">The parsed files: the <c>.policy</c> files, then the <c>.examples</c> files, each ordered by path.</param>
/// <param name="Policy">The bound policy; null when anything is in error.</param>
/// <param name="Vocabulary">The policy's words (header, enums, facts, outcomes) as far as they bound, even with errors elsewhere.</param>
/// <param name="Diagnostics">Every diagnostic: the files' syntax errors, the binder's, then the analysis's.</param>
/// <param name="Findings">The analysis's findings, each with its diagnostic (also in <paramref name="Diagnostics"/>); empty when not analysed.</param>
/// <param name="Analyzed">Whether the analysis ran: it was asked for and the policy bound.</param>
public sealed record DriverResult(
    EquatableArray<PolicyFile> Files,
    BoundPolicy? Policy,
    PolicyVocabulary? Vocabulary,
    EquatableArray<PolicyDiagnostic> Diagnostics,
    EquatableArray<DriverFinding> Findings,
    bool Analyzed)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == PolicySeverity.Error);
}
