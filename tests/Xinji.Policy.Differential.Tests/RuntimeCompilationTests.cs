using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Xinji.Policy.Tooling;
using Xinji.Policy.Tooling.Compilation;

namespace Xinji.Policy.Differential.Tests;

/// <summary>
/// Policies read at run time are compiled in memory (<see cref="PolicyCompiler"/>) when enough claims
/// pay for it, else interpreted: the choice must never change a decision. Each shipped version (the
/// policy, the variant the diff examples compare it with, the kettle fixture) is decided by both engines,
/// field by field, on the shipped claim history and on random claims built from its facts.
/// </summary>
public class RuntimeCompilationTests
{
    private const int RandomClaims = 20_000;

    private static readonly Lazy<string> RepoRoot = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Xinji.Policy.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("No Xinji.Policy.sln above " + AppContext.BaseDirectory);
    });

    public static TheoryData<string> ShippedVersions() => new()
    {
        "policy",
        "examples/policy-variants/no-sticker-exclusion",
        "tests/fixtures/policies/kettle",
    };

    private static LoadedPolicy Load(string version)
    {
        var loaded = PolicySources.Load(new[] { version }, workingDirectory: RepoRoot.Value);
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        return loaded;
    }

    [Theory]
    [MemberData(nameof(ShippedVersions))]
    public void The_compiled_and_the_interpreted_engine_decide_alike_on_the_history_and_random_claims(string version)
    {
        var loaded = Load(version);
        var compiled = PolicyEvaluatorFactory.For(loaded, PolicyEngine.Compiled);
        var interpreted = PolicyEvaluatorFactory.For(loaded, PolicyEngine.Interpreter);
        Assert.IsNotType<InterpretedEvaluator>(compiled);
        Assert.IsType<InterpretedEvaluator>(interpreted);

        var random = new Random(20_251_201);
        var generator = new FactClaimGenerator(loaded.Policy!);
        var claims = File.ReadLines(Path.Combine(RepoRoot.Value, "examples", "history.jsonl"))
            .Concat(Enumerable.Range(0, RandomClaims).Select(_ => generator.Next(random)));
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        var count = 0;
        foreach (var claim in claims)
        {
            var bytes = Encoding.UTF8.GetBytes(claim);
            var fast = DecisionOutcome.Of(() => compiled.Evaluate(bytes));
            var reference = DecisionOutcome.Of(() => interpreted.Evaluate(bytes));
            var difference = DecisionOutcome.Difference("compiled   ", fast, "interpreter", reference);
            if (difference is not null)
            {
                Assert.Fail($"{version}: the engines disagree on claim {count + 1}:\n  {claim}{difference}");
            }

            kinds.Add(fast.IsRejected ? "rejected" : fast.IsFree ? "free" : "other");
            count++;
        }

        // The claims reach both sides of the policy: decisions both ways and rejections.
        Assert.Equal(new[] { "free", "other", "rejected" }, kinds.OrderBy(k => k, StringComparer.Ordinal));
    }

    [Fact]
    public void A_policy_is_compiled_once_per_content()
    {
        var loaded = Load("tests/fixtures/policies/kettle");
        var edited = loaded.Sources.ToDictionary(s => s.Key, s => s.Value + "\n", StringComparer.Ordinal);

        var first = PolicyCompiler.TryCompile(loaded.Sources, loaded.Documents);
        var again = PolicyCompiler.TryCompile(loaded.Sources, loaded.Documents);
        var other = PolicyCompiler.TryCompile(edited, loaded.Documents);

        Assert.NotNull(first);
        Assert.Same(first, again);
        Assert.NotNull(other);
        Assert.NotEqual(first!.ContentHash, other!.ContentHash);
    }

    [Fact]
    public void Few_claims_are_interpreted_and_enough_claims_are_compiled()
    {
        var loaded = Load("tests/fixtures/policies/kettle");

        Assert.IsType<InterpretedEvaluator>(PolicyEvaluatorFactory.For(loaded, expectedClaims: 1));
        Assert.IsType<InterpretedEvaluator>(PolicyEvaluatorFactory.For(loaded, PolicyEvaluatorFactory.CompileThreshold - 1));
        Assert.IsNotType<InterpretedEvaluator>(PolicyEvaluatorFactory.For(loaded, PolicyEvaluatorFactory.CompileThreshold));
    }

    [Fact]
    public void Text_that_does_not_compile_is_left_to_the_interpreter()
    {
        var broken = new Dictionary<string, string>(StringComparer.Ordinal) { ["broken.policy"] = "policy \"Broken\"\nclause X-1 when nothing" };

        Assert.Null(PolicyCompiler.TryCompile(broken));
        Assert.Null(PolicyCompiler.TryCompile(new Dictionary<string, string>(StringComparer.Ordinal) { ["notes.txt"] = "no policy here" }));
    }
}
