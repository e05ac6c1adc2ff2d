using System.Collections.Generic;
using System.Linq;
using Xinji.Policy.Dsl.Text;

namespace Xinji.Policy.Dsl.Diagnostics;

public enum PolicySeverity
{
    Hidden,
    Info,
    Warning,
    Error,
}

/// <summary>Another place a diagnostic is about, such as the other clause of a conflict, and what it is there.</summary>
public sealed record RelatedLocation(string FilePath, SourceSpan Span, string Message);

/// <summary>A finding about a policy file, located on the exact span it is about.</summary>
public sealed record PolicyDiagnostic(string Id, PolicySeverity Severity, string Message, string FilePath, SourceSpan Span)
{
    /// <summary>The other places the finding involves (Roslyn's additional locations); empty for most diagnostics.</summary>
    public EquatableArray<RelatedLocation> Related { get; init; } = EquatableArray<RelatedLocation>.Empty;

    public static PolicyDiagnostic Create(DiagnosticDescriptorInfo descriptor, string filePath, SourceSpan span, params object[] args) =>
        new(descriptor.Id, descriptor.DefaultSeverity, descriptor.Format(args), filePath, span);

    /// <summary>The compiler's format: <c>file(line,col): error XP0001: message</c>.</summary>
    public override string ToString() =>
        $"{FilePath}({Span.Line},{Span.Column}): {SeverityText(Severity)} {Id}: {Message}";

    /// <summary>
    /// The related locations in the compiler's format, one line each, so an editor can jump to them:
    /// <c>file(line,col): info XP2001: related: message</c>.
    /// </summary>
    public IEnumerable<string> RelatedLines() =>
        Related.Select(r => $"{r.FilePath}({r.Span.Line},{r.Span.Column}): info {Id}: related: {r.Message}");

    private static string SeverityText(PolicySeverity severity) => severity switch
    {
        PolicySeverity.Error => "error",
        PolicySeverity.Warning => "warning",
        PolicySeverity.Info => "info",
        _ => "hidden",
    };
}
