using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace Xinji.Policy.Generator.Tests;

/// <summary>The generated code reads like hand-written C#: it says what each clause is, and names what it uses.</summary>
public class GeneratedCodeTests
{
    private static string PolicySource(string policy)
    {
        var (output, result) = GeneratorHarness.Run(("/policies/repair.policy", policy));
        Assert.Empty(result.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
        return result.Results.Single().GeneratedSources.Single(s => s.HintName == "Repair.Policy.g.cs").SourceText.ToString();
    }

    [Fact]
    public void Each_clause_is_introduced_by_its_condition_as_written_on_one_comment_line()
    {
        // A condition laid out over lines, with a policy comment holding a line separator and a comment end.
        var policy = TestPolicies.Small.Replace(
            "when covered and damage is none",
            "when covered   # inside the period \u2028 */ still a comment\n       and damage is none");

        var source = PolicySource(policy);

        Assert.Contains("            // C-1 (Cover)\n            // when covered # inside the period */ still a comment and damage is none\n            var clause_C_1 =", source);
        Assert.Contains("            // X-1 (Exclusions), exception to C-1\n            // when damage in {water} or tampered\n", source);
        Assert.DoesNotContain("\u2028", source);
    }

    [Fact]
    public void A_clause_without_a_condition_is_introduced_as_always()
    {
        var source = PolicySource(TestPolicies.Small.Replace("when not covered or registered is not known and claimed > bought + 400 days", "always")
            .Replace("then free\n", "then free\n") + "\n");

        Assert.Contains("            // X-2 (Exclusions)\n            // always\n", source);
    }

    [Fact]
    public void Clauses_are_cited_by_named_index_constants_not_bare_numbers()
    {
        var source = PolicySource(TestPolicies.Small);

        Assert.Contains("public const int X_1 = 2;", source);
        Assert.Contains("cited.Add(ClauseIndex.X_1);", source);
        Assert.Contains("if (cited.Contains(ClauseIndex.X_1)) paidIds.Add(\"X-1\");", source);
        Assert.DoesNotMatch(new Regex(@"cited\.(Add|Contains)\(\d"), source);
    }

    [Fact]
    public void The_policy_namespace_and_the_runtime_are_named_through_usings_not_global_qualification()
    {
        var (_, result) = GeneratorHarness.Run(("/policies/repair.policy", TestPolicies.Small));

        Assert.All(result.Results.Single().GeneratedSources, s =>
        {
            var text = s.SourceText.ToString();
            Assert.DoesNotContain("global::Test.Policies", text);
            Assert.DoesNotMatch(new Regex(@"(?<!using )global::"), text);
        });
    }

    [Fact]
    public void Types_the_policy_names_like_a_runtime_or_system_type_are_kept_apart_by_global_qualification()
    {
        // Enums and facts that take the names the generated code uses from other namespaces.
        var policy = TestPolicies.Small
            .Replace("enum Damage = none | water", "enum smallBitSet = none | water")
            .Replace("fact damage: Damage = none", "fact damage: smallBitSet = none")
            .Replace("enum Kind = phone | band", "enum claimJson = phone | band")
            .Replace("fact kind: Kind", "fact kind: claimJson")
            .Replace("fact visits: int = 0", "fact dateOnly: optional date \"A day.\"\nfact encoding: bool = false \"Named like System.Text.Encoding.\"\nfact visits: int = 0");

        var (output, result) = GeneratorHarness.Run(("/policies/repair.policy", policy));

        Assert.Empty(result.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
        var sources = string.Join("\n", result.Results.Single().GeneratedSources.Select(s => s.SourceText.ToString()));
        Assert.Contains("new global::Xinji.Policy.Runtime.SmallBitSet()", sources);
        Assert.Contains("global::Xinji.Policy.Runtime.ClaimJson.ReadStartObject", sources);
        Assert.Contains("global::System.Text.Encoding.UTF8", sources);
    }
}
