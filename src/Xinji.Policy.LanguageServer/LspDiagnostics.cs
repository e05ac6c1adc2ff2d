using System;
using System.Collections.Generic;
using System.Linq;
using Xinji.Policy.Dsl.Diagnostics;
using Xinji.Policy.LanguageServer.Protocol;

namespace Xinji.Policy.LanguageServer;

/// <summary>The driver's diagnostics as LSP diagnostics, one list per file of the policy.</summary>
internal static class LspDiagnostics
{
    public const string Source = "xinji-policy";

    /// <summary>Every file of the snapshot with its diagnostics, an empty list for a file without any (which clears it).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<Diagnostic>> ByFile(PolicySnapshot snapshot, Func<string, string> uriOf)
    {
        var byFile = snapshot.Paths.ToDictionary(p => p, _ => new List<Diagnostic>(), StringComparer.Ordinal);
        foreach (var diagnostic in snapshot.Result.Diagnostics)
        {
            if (!byFile.TryGetValue(diagnostic.FilePath, out var list))
            {
                byFile[diagnostic.FilePath] = list = new List<Diagnostic>();
            }

            list.Add(Convert(snapshot, diagnostic, uriOf));
        }

        return byFile.ToDictionary(p => p.Key, p => (IReadOnlyList<Diagnostic>)p.Value, StringComparer.Ordinal);
    }

    public static Diagnostic Convert(PolicySnapshot snapshot, PolicyDiagnostic diagnostic, Func<string, string> uriOf)
    {
        var help = DiagnosticCatalog.HelpLinkBase + diagnostic.Id + ".md";
        return new Diagnostic(snapshot.Lines(diagnostic.FilePath).Range(diagnostic.Span), Severity(diagnostic.Severity), diagnostic.Id, Source, diagnostic.Message)
        {
            CodeDescription = Uri.TryCreate(help, UriKind.Absolute, out _) ? new CodeDescription(help) : null,
            RelatedInformation = diagnostic.Related.Count == 0
                ? null
                : diagnostic.Related.Select(r => new DiagnosticRelatedInformation(
                    new Location(uriOf(r.FilePath), snapshot.Lines(r.FilePath).Range(r.Span)), r.Message)).ToList(),
        };
    }

    private static int Severity(PolicySeverity severity) => severity switch
    {
        PolicySeverity.Error => DiagnosticSeverity.Error,
        PolicySeverity.Warning => DiagnosticSeverity.Warning,
        PolicySeverity.Info => DiagnosticSeverity.Information,
        _ => DiagnosticSeverity.Hint,
    };
}
