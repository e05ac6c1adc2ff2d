using System;
using System.Collections.Generic;
using System.Linq;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Diagnostics;
using Xinji.Policy.Dsl.Driver;
using Xinji.Policy.Dsl.Syntax;

namespace Xinji.Policy.Tooling;

/// <summary>A policy read from disk: its parsed files, the bound policy (null on errors) and every diagnostic.</summary>
public sealed record LoadedPolicy(IReadOnlyList<PolicyFile> Files, BoundPolicy? Policy, IReadOnlyList<PolicyDiagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == PolicySeverity.Error);

    /// <summary>The text of each policy file by the path its spans refer to (as in <see cref="PolicyFile.Path"/>),
    /// so tools can quote the source of any bound expression. Empty when the files were parsed elsewhere.</summary>
    public IReadOnlyDictionary<string, string> Sources { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Which policy this is: the header's name and the content hash of its <c>.policy</c> files
    /// (<see cref="PolicyIdentity.HashOf"/>). Unnamed, with the hash of no files, when the files were parsed elsewhere.</summary>
    public PolicyIdentity Identity { get; init; } = PolicyIdentity.Of(null, Array.Empty<InputFile>());
}

/// <summary>
/// Reads a policy the way the generator sees it: its <c>.policy</c> files only (a directory
/// stands for those in it), with the source document its header names for the quote check.
/// </summary>
public static class PolicyLoader
{
    /// <inheritdoc cref="PolicySources.Read"/>
    public static LoadedPolicy Load(IEnumerable<string> paths) => PolicySources.Load(paths);

    /// <summary>Binds files parsed elsewhere, with the document the header names (relative to the header's file) if it exists.</summary>
    /// <exception cref="PolicyReadException">The document exists but cannot be read.</exception>
    public static LoadedPolicy Bind(IReadOnlyList<PolicyFile> parsed)
    {
        var result = PolicyDriver.Bind(parsed, PolicySources.ReadDocuments(parsed));
        return new LoadedPolicy(result.Files, result.Policy, result.Diagnostics);
    }
}
