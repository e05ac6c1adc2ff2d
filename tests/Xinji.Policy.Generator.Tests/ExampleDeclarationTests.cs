using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Xinji.Policy.Generator.Diagnostics;
using Xinji.Policy.Testing;

namespace Xinji.Policy.Generator.Tests;

/// <summary>
/// Examples (tests in the policy language) may sit in a compiled .policy file: the analyzer
/// checks them like any declaration, and code generation ignores them.
/// </summary>
public class ExampleDeclarationTests
{
    private const string Examples = """

        example "A phone brought back three times is swapped"
          claim {"kind": "phone", "bought": "2025-01-10", "claimed": "2025-03-01", "visits": 3}
          expect free
            remedies fix, swap
            cites C-1, C-2
            requirements receipt
        example "A claim before the purchase is rejected"
          claim {"kind": "band", "bought": "2025-01-10", "claimed": "2025-01-01"}
          expect invalid claimed
        """;

    private static readonly int PolicyLines = TestPolicies.Small.Count(c => c == '\n') + 1;

    [Fact]
    public void A_policy_with_examples_generates_exactly_the_code_it_generates_without_them()
    {
        var (_, without) = GeneratorHarness.Run(("/policies/repair.policy", TestPolicies.Small));
        var (output, with) = GeneratorHarness.Run(("/policies/repair.policy", TestPolicies.Small + Examples));

        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var expected = without.Results.Single().GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString()));
        var actual = with.Results.Single().GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString()));
        Assert.Equal(expected, actual);
        Assert.Equal(4, actual.Count());
    }

    [Fact]
    public void Adding_an_example_renders_nothing_new_because_the_emit_model_is_equal()
    {
        var files = GeneratorHarness.PolicyFiles("/p/repair.policy", TestPolicies.Small);
        var compilation = GeneratorHarness.Compilation("class Program { }");
        var driver = GeneratorHarness.RunChecked(GeneratorHarness.Driver(files), compilation);
        Assert.NotEmpty(driver.GetRunResult().GeneratedTrees);

        // Examples quote nothing, so the document of the quoted sentences stays as it is.
        var withExamples = QuotedSentences.Attach("/p/repair.policy", TestPolicies.Small + Examples).Text;
        driver = driver.ReplaceAdditionalText(files[0], new GeneratorHarness.InMemoryAdditionalText("/p/repair.policy", withExamples));
        driver = driver.RunGenerators(compilation);

        var reasons = driver.GetRunResult().Results.Single().TrackedSteps[TrackingNames.EmitModel].SelectMany(s => s.Outputs).Select(o => o.Reason);
        Assert.Equal(new[] { IncrementalStepRunReason.Unchanged }, reasons);
    }

    [Fact]
    public async Task The_analyzer_reports_an_unknown_clause_an_example_cites_on_the_clause_id()
    {
        var test = new CSharpAnalyzerTest<PolicyAnalyzer, DefaultVerifier>
        {
            ReferenceAssemblies = ReferenceAssemblies.Net.Net80,
            TestCode = "class Program { }",
        };
        var (text, document) = QuotedSentences.Attach("/p/test.policy", TestPolicies.Small + Examples.Replace("cites C-1, C-2", "cites C-1, C-3"));
        test.TestState.AdditionalFiles.Add(("/p/test.policy", text));
        test.TestState.AdditionalFiles.Add((document!.Value.Path, document.Value.Text));
        test.ExpectedDiagnostics.Add(
            new DiagnosticResult("XP0101", DiagnosticSeverity.Error)
                .WithSpan("/p/test.policy", PolicyLines + 5, 16, PolicyLines + 5, 19)
                .WithMessage("Unknown clause 'C-3'; the clauses are C-1, C-2, X-1, X-2"));

        await test.RunAsync();
    }
}
