using Xinji.Policy.Dsl.Text;

namespace Xinji.Policy.Dsl.Diagnostics;

public enum PolicySeverity
{
    Hidden,
    Info,
    Warning,
    Error,
}

/// <summary>A finding about a policy file, located on the exact span it is about.</summary>
public sealed record PolicyDiagnostic(string Id, PolicySeverity Severity, string Message, string FilePath, SourceSpan Span)
{
    public static PolicyDiagnostic Create(DiagnosticDescriptorInfo descriptor, string filePath, SourceSpan span, params object[] args) =>
        new(descriptor.Id, descriptor.DefaultSeverity, descriptor.Format(args), filePath, span);

    /// <summary>The compiler's format: <c>file(line,col): error XP0001: message</c>.</summary>
    public override string ToString() =>
        $"{FilePath}({Span.Line},{Span.Column}): {SeverityText(Severity)} {Id}: {Message}";

    private static string SeverityText(PolicySeverity severity) => severity switch
    {
        PolicySeverity.Error => "error",
        PolicySeverity.Warning => "warning",
        PolicySeverity.Info => "info",
        _ => "hidden",
    };
}
