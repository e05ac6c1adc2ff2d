using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Tooling;

namespace Xinji.Policy.Differential.Tests;

/// <summary>One policy of the language-forms corpus: its files as the generator sees them, and the policy bound from disk.</summary>
internal sealed record CorpusPolicy(string Name, IReadOnlyList<(string Path, string Text)> Files, BoundPolicy Bound);

/// <summary>
/// The language-forms corpus, tests/fixtures/policies/forms: one folder per policy, holding its
/// <c>.policy</c> files and the document they quote.
/// </summary>
internal static class FormsCorpus
{
    private static string Root => Path.Combine(AppContext.BaseDirectory, "fixtures", "policies", "forms");

    public static IReadOnlyList<string> Names() =>
        Directory.GetDirectories(Root).Select(d => Path.GetFileName(d)!).OrderBy(n => n, StringComparer.Ordinal).ToList();

    public static CorpusPolicy Load(string name)
    {
        var folder = Path.Combine(Root, name);
        var loaded = PolicyLoader.Load(new[] { folder });
        if (loaded.Policy is null || loaded.HasErrors)
        {
            throw new InvalidOperationException($"The forms policy {name} does not bind: " + string.Join("; ", loaded.Diagnostics));
        }

        var files = Directory.GetFiles(folder)
            .Where(f => f.EndsWith(".policy", StringComparison.Ordinal) || f.EndsWith(".txt", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => (Path.GetFullPath(f), File.ReadAllText(f)))
            .ToList();
        return new CorpusPolicy(name, files, loaded.Policy);
    }
}
