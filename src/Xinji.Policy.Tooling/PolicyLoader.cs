using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Diagnostics;
using Xinji.Policy.Dsl.Syntax;
using Xinji.Policy.Dsl.Text;

namespace Xinji.Policy.Tooling;

/// <summary>A policy read from disk: its parsed files, the bound policy (null on errors) and every diagnostic.</summary>
public sealed record LoadedPolicy(IReadOnlyList<PolicyFile> Files, BoundPolicy? Policy, IReadOnlyList<PolicyDiagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == PolicySeverity.Error);

    /// <summary>The text of each policy file by the path its spans refer to (as in <see cref="PolicyFile.Path"/>),
    /// so tools can quote the source of any bound expression. Empty when the files were parsed elsewhere.</summary>
    public IReadOnlyDictionary<string, string> Sources { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}

/// <summary>
/// Reads a policy the way the generator sees it: every <c>.policy</c> file of a directory (or the
/// files given) as one policy, with the source document its header names for the quote check.
/// </summary>
public static class PolicyLoader
{
    public static LoadedPolicy Load(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.GetFiles(path, "*.policy", SearchOption.TopDirectoryOnly));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                throw new FileNotFoundException("no such file or directory", path);
            }
        }

        if (files.Count == 0)
        {
            throw new FileNotFoundException("no .policy files", string.Join(", ", paths));
        }

        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        var parsed = new List<PolicyFile>();
        foreach (var fullPath in files.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).OrderBy(f => f, StringComparer.Ordinal))
        {
            var path = Relative(fullPath);
            var text = File.ReadAllText(fullPath);
            sources[path] = text;
            parsed.Add(PolicyParser.Parse(path, text));
        }

        return Bind(parsed) with { Sources = sources };
    }

    /// <summary>Binds parsed files, reading the document the header names (relative to the header's file) if it exists.</summary>
    public static LoadedPolicy Bind(IReadOnlyList<PolicyFile> parsed)
    {
        var documents = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var header in parsed.SelectMany(f => f.Declarations.OfType<PolicyHeaderDeclaration>().Select(h => (File: f, Header: h))))
        {
            if (header.Header.Source is { } source)
            {
                var document = PolicyBinder.DocumentPath(Path.GetFullPath(header.File.Path), source.Value);
                if (File.Exists(document))
                {
                    documents[PolicyBinder.DocumentPath(header.File.Path, source.Value)] = File.ReadAllText(document);
                }
            }
        }

        var result = PolicyBinder.Bind(parsed, documents);
        return new LoadedPolicy(parsed, result.Policy, result.Diagnostics.ToList());
    }

    /// <summary>Paths relative to the working directory when below it, as compilers print them.</summary>
    internal static string Relative(string fullPath)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), fullPath);
        return relative.StartsWith("..", StringComparison.Ordinal) ? fullPath : relative;
    }
}
