using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Xinji.Policy.Runtime;

namespace Xinji.Policy.Generator.Tests;

/// <summary>
/// The generated <c>Evaluate(claim, trace)</c>: what it reports, that it decides exactly as
/// <c>Evaluate(claim)</c>, and the in-force rule of both when an overridden clause's condition is a disjunction.
/// </summary>
public class TracedEvaluatorTests
{
    private const string CodesPolicy = """
        policy Codes implements "Codes"
        enum Damage = none | waterDamage "The damage."
        fact damage: Damage = none "The damage found."
        fact seen: optional Damage "The damage seen before, if any."
        fact registered: optional date "The registration day, if any."
        define lastSeen = seen "The damage seen before."
        define worst = if registered is known then damage else waterDamage "The worst damage to assume."
        define renewal = registered + 1 month "A month after registration."
        warranty from 2024-01-01 through 2024-12-31 active when true
        section "S"
        clause A-1
          quote "Everything is free."
          always
          then free
        """;

    [Fact]
    public void The_trace_reports_every_definition_then_every_clause_in_evaluation_order()
    {
        var policy = Compile(TestPolicies.Small, "Repair");
        var trace = new RecordingTrace();

        // Bought and claimed the same day, tampered: X-1 applies and overrides C-1, which applies too.
        policy.Evaluate("""{"kind":"phone","bought":"2024-01-31","claimed":"2024-01-31","tampered":true}""", trace);

        Assert.Equal(new[] { "start = 2024-01-31", "covered = true" }, trace.Values);
        Assert.Equal(
            new[] { "X-1 applies, in force", "C-1 applies, overridden", "X-2 does not apply", "C-2 does not apply" },
            trace.Clauses);
    }

    [Fact]
    public void Traced_and_untraced_evaluation_decide_alike_and_a_null_trace_is_untraced()
    {
        var policy = Compile(TestPolicies.Small, "Repair");
        string[] claims =
        {
            """{"kind":"phone","bought":"2024-01-31","claimed":"2024-07-30","visits":3}""",
            """{"kind":"band","bought":"2024-01-31","claimed":"2024-07-31","damage":"water"}""",
            """{"kind":"phone","bought":"2023-01-01","claimed":"2024-03-01"}""",
        };

        foreach (var claim in claims)
        {
            var untraced = policy.Evaluate(claim, trace: null, untracedOverload: true);
            Assert.Equal(untraced, policy.Evaluate(claim, new RecordingTrace()));
            Assert.Equal(untraced, policy.Evaluate(claim, trace: null));
        }
    }

    [Fact]
    public void A_rejected_claim_is_reported_as_invalid_before_anything_is_traced()
    {
        var policy = Compile(TestPolicies.Small, "Repair");
        var trace = new RecordingTrace();

        var invalid = Assert.IsType<ClaimInputException>(
            Record.Exception(() => policy.Evaluate("""{"kind":"phone","bought":"2024-02-01","claimed":"2024-01-31"}""", trace)));

        Assert.Equal("claimed", invalid.Field);
        Assert.Empty(trace.Values);
        Assert.Empty(trace.Clauses);
    }

    [Fact]
    public void Enum_values_are_reported_by_their_contract_code_and_missing_values_as_unknown()
    {
        var policy = Compile(CodesPolicy, "Codes");

        var known = new RecordingTrace();
        policy.Evaluate("""{"damage":"waterDamage","seen":"none","registered":"2024-01-31"}""", known);
        var missing = new RecordingTrace();
        policy.Evaluate("""{"damage":"none"}""", missing);

        Assert.Equal(new[] { "lastSeen = none", "worst = waterDamage", "renewal = 2024-02-29" }, known.Values);
        Assert.Equal(new[] { "lastSeen = unknown", "worst = waterDamage", "renewal = unknown" }, missing.Values);
        Assert.Equal(TracedValueKind.Enum, known.Typed["worst"].Kind);
        Assert.Equal(new DateOnly(2024, 2, 29), known.Typed["renewal"].AsDate);
        Assert.False(missing.Typed["renewal"].IsKnown);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_exception_overrides_the_whole_of_a_disjunctive_condition(bool traced)
    {
        // C-1 reads "damage is none or kind is phone". Written naively as
        // "a || b && !clause_X_1", the exception would override only the second half.
        var source = TestPolicies.Small.Replace("when covered and damage is none", "when damage is none or kind is phone");
        var policy = Compile(source, "Repair");
        var claim = """{"kind":"phone","bought":"2024-01-31","claimed":"2024-01-31","tampered":true}""";

        var decision = traced ? policy.Evaluate(claim, new RecordingTrace()) : policy.Evaluate(claim, trace: null, untracedOverload: true);

        Assert.StartsWith("""{"coverage":"paid",""", decision);
        Assert.DoesNotContain("\"C-1\"", decision);
        Assert.Contains("\"X-1\"", decision);
    }

    private static GeneratedPolicy Compile(string policy, string name)
    {
        var (output, result) = GeneratorHarness.Run(("/p/" + name.ToLowerInvariant() + ".policy", policy));
        Assert.Empty(result.Diagnostics);
        using var stream = new MemoryStream();
        var emit = output.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        stream.Position = 0;
        var assembly = new AssemblyLoadContext("traced-" + name, isCollectible: true).LoadFromStream(stream);
        return new GeneratedPolicy(assembly, "Test.Policies." + name);
    }

    /// <summary>A generated policy called through reflection; decisions come back as contract JSON.</summary>
    private sealed class GeneratedPolicy
    {
        private readonly Type _policy;
        private readonly Type _claim;

        public GeneratedPolicy(Assembly assembly, string prefix)
        {
            _policy = assembly.GetType(prefix + "Policy")!;
            _claim = assembly.GetType(prefix + "Claim")!;
        }

        public string Evaluate(string claimJson, IDecisionTrace? trace, bool untracedOverload = false)
        {
            var claim = _claim.GetMethod("FromJson", new[] { typeof(string) })!.Invoke(null, new object[] { claimJson });
            try
            {
                var decision = untracedOverload
                    ? _policy.GetMethod("Evaluate", new[] { _claim })!.Invoke(null, new[] { claim })
                    : _policy.GetMethod("Evaluate", new[] { _claim, typeof(IDecisionTrace) })!.Invoke(null, new[] { claim, trace });
                return DecisionWriter.ToJson((IPolicyDecision)decision!);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                throw e.InnerException;
            }
        }
    }

    private sealed class RecordingTrace : IDecisionTrace
    {
        public List<string> Values { get; } = new();

        public Dictionary<string, TracedValue> Typed { get; } = new();

        public List<string> Clauses { get; } = new();

        public void ValueComputed(string name, TracedValue value)
        {
            Values.Add(name + " = " + value);
            Typed[name] = value;
        }

        public void ClauseEvaluated(string clauseId, bool applies, bool inForce) =>
            Clauses.Add(clauseId + (!applies ? " does not apply" : inForce ? " applies, in force" : " applies, overridden"));
    }
}
