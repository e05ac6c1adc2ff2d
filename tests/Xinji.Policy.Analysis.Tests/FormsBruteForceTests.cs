using System;
using System.IO;
using System.Linq;
using Xinji.Policy.Dsl.Analysis;
using Xinji.Policy.Tooling;

namespace Xinji.Policy.Analysis.Tests;

/// <summary>
/// The analysis on the language-forms corpus (tests/fixtures/policies/forms, the policies the
/// differential tests compile and run): its conflicts, gap and unreachable clauses must equal what
/// enumerating every claim its rejections allow shows through the interpreter.
/// </summary>
public class FormsBruteForceTests
{
    /// <summary>Policies written to hold forms the analysis does not decide: it must say so (XP2005), not guess.</summary>
    private static readonly string[] BeyondAnalysis = { "beyond-analysis" };

    private static string Folder(string name) => Policies.Directory(Path.Combine("fixtures", "policies", "forms", name));

    private static string[] Names() =>
        Directory.GetDirectories(Policies.Directory(Path.Combine("fixtures", "policies", "forms")))
            .Select(d => Path.GetFileName(d)!)
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToArray();

    public static TheoryData<string> Corpus() => new(Names());

    [Theory]
    [MemberData(nameof(Corpus))]
    public void The_analysis_agrees_with_enumerating_every_claim(string name)
    {
        var loaded = PolicyLoader.Load(new[] { Folder(name) });
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        var policy = loaded.Policy!;
        var findings = PolicyAnalysis.Analyze(policy, Policies.Unhurried).Findings;

        if (BeyondAnalysis.Contains(name, StringComparer.Ordinal))
        {
            Assert.Contains(findings, f => f.Kind == FindingKind.NotAnalysed);
            return;
        }

        Assert.DoesNotContain(findings, f => f.Kind == FindingKind.NotAnalysed);
        var truth = ClaimSpace.Enumerate(policy, ClaimSpace.Bounded(policy));
        Assert.True(truth.ValidClaims > 0, $"{name}: its rejections leave no valid claim");
        ClaimSpace.AssertAgrees(truth, findings, $"the forms policy {name}");
    }

    [Fact]
    public void The_corpus_holds_policies_with_every_verdict()
    {
        // The agreement above could not fail on a corpus without conflicts, gaps or unreachable clauses.
        var findings = Names()
            .Where(name => !BeyondAnalysis.Contains(name, StringComparer.Ordinal))
            .SelectMany(name => PolicyAnalysis.Analyze(PolicyLoader.Load(new[] { Folder(name) }).Policy!, Policies.Unhurried).Findings)
            .Select(f => f.Kind)
            .ToHashSet();

        Assert.Superset(new[] { FindingKind.Conflict, FindingKind.Gap, FindingKind.NeverApplies, FindingKind.AlwaysOverridden }.ToHashSet(), findings);
    }
}
