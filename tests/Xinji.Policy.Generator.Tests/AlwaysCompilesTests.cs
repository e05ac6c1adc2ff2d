using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using Microsoft.CodeAnalysis;
using Xinji.Policy.Dsl.Evaluation;
using Xinji.Policy.Dsl.Syntax;
using Xinji.Policy.Testing;

namespace Xinji.Policy.Generator.Tests;

/// <summary>Every policy without XP errors generates C# that compiles with no diagnostic at all, warnings included.</summary>
public class AlwaysCompilesTests
{
    private const string Header = """
        policy Edge implements "Edge cases"
        fact n: int = 0 "A number."
        warranty from 2024-01-01 through 2024-12-31 active when true
        section "S"

        """;

    /// <summary>Binds the policy (no XP error allowed), generates it, compiles it and returns the generated files.</summary>
    private static (Compilation Output, IReadOnlyList<string> Sources) CompileClean(string policy)
    {
        var bound = QuotedSentences.Bind("/p/edge.policy", policy);
        Assert.Empty(bound.Diagnostics.Select(d => d.ToString()));

        var (output, result) = GeneratorHarness.Run(("/p/edge.policy", policy));

        Assert.Empty(result.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity != DiagnosticSeverity.Hidden).Select(d => d.ToString()));
        return (output, result.Results.Single().GeneratedSources.Select(s => s.SourceText.ToString()).ToList());
    }

    [Fact]
    public void A_policy_with_no_facts_reads_claims_without_a_lone_else()
    {
        CompileClean("""
            policy Bare implements "Bare"
            warranty from 2024-01-01 through 2024-12-31 active when true
            section "S"
            clause A-1
              quote "Everything is free."
              always
              then free
            """);
    }

    [Fact]
    public void A_constant_sum_past_32_bits_compiles_and_wraps_as_the_interpreter_computes_it()
    {
        var policy = Header + """
            clause A-1
              quote "Big."
              when 999999999 + 999999999 + 999999999 > n
              then free
            clause A-2
              quote "Small."
              when not (999999999 + 999999999 + 999999999 > n)
              then paid
            """;

        var (output, _) = CompileClean(policy);

        var interpreted = new PolicyInterpreter(QuotedSentences.Bind("/p/edge.policy", policy).Policy!)
            .Evaluate(new Dictionary<string, PolicyValue> { ["n"] = PolicyValue.Int(0) });
        Assert.Equal(interpreted.Coverage.ToString().ToLowerInvariant(), Coverage(output, """{"n":0}"""));
    }

    [Fact]
    public void A_constant_definition_nothing_reads_is_not_an_unused_local()
    {
        CompileClean(Header + """
            define unused = 3 "Never read."
            define flag = true "Never read either."
            define readByFlagOnly = n + 1 "Read only by a definition nothing reads."
            define chained = readByFlagOnly > 2 "Nothing reads this."
            clause A-1
              quote "Everything is free."
              always
              then free
            """);
    }

    [Fact]
    public void Constant_rejections_leave_no_code_unreachable()
    {
        CompileClean(Header.Replace("section \"S\"", """
            reject n when true "Every claim is refused."
            reject n when false "No claim is refused."
            reject n when n > 5 "Too big."
            section "S"
            """) + """
            clause A-1
              quote "Everything is free."
              always
              then free
            """);
    }

    [Fact]
    public void An_if_nested_as_deep_as_the_language_allows_compiles()
    {
        // Past NestingLimit.MaxDepth the parser refuses the expression (XP0002); up to it, C# must compile it.
        var depth = NestingLimit.MaxDepth / 2;
        var value = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            value.Append(CultureInfo.InvariantCulture, $"if n > {i} then ");
        }

        value.Append("1000");
        for (var i = 0; i < depth; i++)
        {
            value.Append(CultureInfo.InvariantCulture, $" else {i}");
        }

        CompileClean(Header + "define deep = " + value + " \"Deep.\"\n" + """
            clause A-1
              quote "Deep."
              when deep > 3
              then free
            clause A-2
              quote "Shallow."
              when deep <= 3
              then paid
            """);
    }

    [Theory]
    [InlineData("and")]
    [InlineData("or")]
    [InlineData("+")]
    public void A_long_chain_is_written_flat_and_compiles(string op)
    {
        var terms = Enumerable.Range(0, NestingLimit.MaxDepth / 4).Select(i => op == "+" ? "n" : $"n > {i}");
        var chain = string.Join($" {op} ", terms);
        var condition = op == "+" ? chain + " > 5" : chain;

        var (_, sources) = CompileClean(Header + $$"""
            clause A-1
              quote "Long."
              when {{condition}}
              then free
            clause A-2
              quote "Not long."
              when not ({{condition}})
              then paid
            """);

        Assert.DoesNotContain("((((", sources.Single(s => s.Contains("class EdgePolicy", System.StringComparison.Ordinal)), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Long_texts_render_whole_past_scribans_output_limit()
    {
        // Scriban cuts output at 1 MiB by default, with "...": two quotes of 100,000 line separators,
        // each written as a six-character escape, pass that.
        var text = new string('\u2028', 100_000);
        var policy = new StringBuilder(Header);
        for (var i = 0; i < 2; i++)
        {
            policy.Append(CultureInfo.InvariantCulture, $"clause K-{i}\n  quote \"Clause {i} {text}.\"\n  when n >= {i} and n <= {i}\n  then {(i % 2 == 0 ? "free" : "paid")}\n");
        }

        policy.Append("clause K-rest\n  quote \"The rest.\"\n  when n < 0 or n > 1\n  then paid\n");

        var (_, sources) = CompileClean(policy.ToString());

        var source = sources.Single(s => s.Contains("class EdgePolicy", System.StringComparison.Ordinal));
        Assert.True(source.Length > 1_200_000, "The policy file should be past Scriban's default 1 MiB output limit; it is " + source.Length);
        Assert.Contains("public const int K_1 = 1;", source);
        Assert.EndsWith("    }\n}\n", source, System.StringComparison.Ordinal);
    }

    [Fact]
    public void An_enum_of_1100_members_renders_past_scribans_default_loop_limit()
    {
        var members = string.Join(" | ", Enumerable.Range(0, 1100).Select(i => "m" + i.ToString(CultureInfo.InvariantCulture)));
        var (_, sources) = CompileClean(Header.Replace("fact n: int = 0 \"A number.\"", "enum Big = " + members + " \"Many.\"\nfact n: int = 0 \"A number.\"\nfact big: Big = m0 \"One of many.\"") + """
            clause A-1
              quote "Everything is free."
              always
              then free
            """);

        Assert.Contains("M1099,", sources.Single(s => s.Contains("public enum Big", System.StringComparison.Ordinal)));
    }

    private static string Coverage(Compilation output, string claimJson)
    {
        using var stream = new MemoryStream();
        var emit = output.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        stream.Position = 0;
        var assembly = new AssemblyLoadContext("edge", isCollectible: true).LoadFromStream(stream);
        var evaluator = (Xinji.Policy.Runtime.IPolicyEvaluator)assembly.GetType("Test.Policies.EdgePolicy")!
            .GetField("Instance", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        var decision = evaluator.Evaluate(Encoding.UTF8.GetBytes(claimJson));
        return decision.Coverage.ToString().ToLowerInvariant();
    }
}
