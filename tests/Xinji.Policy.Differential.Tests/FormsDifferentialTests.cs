using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Tooling;
using Xunit.Abstractions;

namespace Xinji.Policy.Differential.Tests;

/// <summary>
/// Every engine on every language form: each policy of tests/fixtures/policies/forms is compiled
/// in memory by the generator, and its generated evaluator must decide random claims built from
/// the policy's facts exactly as the reference interpreter does, field by field (coverage,
/// remedies, warranty, cited clauses, requirements, notes), and refuse the same claims with the
/// same field and problem, or the same policy defect.
/// </summary>
public class FormsDifferentialTests
{
    /// <summary>How many claims per policy: 3,000 by default.</summary>
    public const string ClaimsVariable = "XINJI_FORMS_CLAIMS";

    /// <summary>Replays a run: the seed a failure prints.</summary>
    public const string SeedVariable = "XINJI_FORMS_SEED";

    private const int DefaultClaims = 3_000;

    private readonly ITestOutputHelper _output;

    public FormsDifferentialTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string> Corpus() => new(FormsCorpus.Names());

    [Theory]
    [MemberData(nameof(Corpus))]
    public void The_generated_evaluator_and_the_interpreter_agree_on_random_claims(string name)
    {
        var policy = FormsCorpus.Load(name);
        var claims = Setting(ClaimsVariable, DefaultClaims);
        var seed = Setting(SeedVariable, StableHash(name));
        var random = new Random(seed);
        var generator = new FactClaimGenerator(policy.Bound);
        var interpreter = new InterpretedEvaluator(policy.Bound);
        var tally = new SortedDictionary<string, int>(StringComparer.Ordinal);

        using var compiled = InMemoryPolicyCompiler.Compile(name, policy.Files);
        for (var i = 0; i < claims; i++)
        {
            var json = generator.Next(random);
            var bytes = Encoding.UTF8.GetBytes(json);
            var generated = DecisionOutcome.Of(() => compiled.Evaluator.Evaluate(bytes));
            var interpreted = DecisionOutcome.Of(() => interpreter.Evaluate(bytes));
            var difference = DecisionOutcome.Difference("generated  ", generated, "interpreter", interpreted);
            if (difference is not null)
            {
                Assert.Fail($"The forms policy {name}: the generated evaluator and the interpreter disagree on claim {i + 1} (seed {seed}, {SeedVariable}={seed} replays it):\n  {json}{difference}");
            }

            var parts = generated.Text.Split(':');
            var kind = parts[0] switch
            {
                "coverage" => generated.IsFree ? "free" : "paid",
                "rejected" => "rejected on " + parts[1].Trim(),
                var other => other,
            };
            tally[kind] = tally.GetValueOrDefault(kind) + 1;
        }

        _output.WriteLine($"{name}: {claims:N0} claims (seed {seed}): " + string.Join(", ", tally.Select(t => $"{t.Value:N0} {t.Key}")));

        // A run that decided almost nothing compared almost nothing.
        var decided = tally.GetValueOrDefault("free") + tally.GetValueOrDefault("paid");
        Assert.True(decided >= claims / 10, $"{name}: only {decided} of {claims} claims were decided ({string.Join(", ", tally.Select(t => $"{t.Value} {t.Key}"))})");
    }

    [Fact]
    public void The_corpus_holds_every_expression_form_and_every_type()
    {
        var policies = FormsCorpus.Names().Select(n => FormsCorpus.Load(n).Bound).ToList();
        var expressions = policies.SelectMany(PolicyExpressions.All).ToList();

        var forms = typeof(BoundExpression).Assembly.GetTypes()
            .Where(t => typeof(BoundExpression).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => t.Name)
            .OrderBy(n => n, StringComparer.Ordinal);
        Assert.Equal(forms, expressions.Select(e => e.GetType().Name).Distinct().OrderBy(n => n, StringComparer.Ordinal));

        // Each type as a required, a defaulted and an optional fact.
        var kinds = Enum.GetValues<TypeKind>();
        var facts = policies.SelectMany(p => p.Facts).ToList();
        foreach (var kind in kinds)
        {
            Assert.Contains(facts, f => f.Type.Kind == kind && f.IsRequired);
            Assert.Contains(facts, f => f.Type.Kind == kind && f.Default is not null);
            Assert.Contains(facts, f => f.Type.Kind == kind && f.Type.IsOptional);
        }

        // 'if', equality, comparison and arithmetic over each type they take, required and optional.
        foreach (var kind in kinds)
        {
            Assert.Contains(expressions, e => e is Conditional c && c.Type.Kind == kind && !c.Type.IsOptional);
            Assert.Contains(expressions, e => e is Conditional c && c.Type.Kind == kind && c.Type.IsOptional);
            Assert.Contains(expressions, e => e is Equality q && q.Left.Type.Kind == kind && q.Left.Type.IsOptional);
            Assert.Contains(expressions, e => e is Equality q && q.Left.Type.Kind == kind && !q.Left.Type.IsOptional && !q.Right.Type.IsOptional);
        }

        foreach (var op in Enum.GetValues<ComparisonOperator>())
        {
            Assert.Contains(expressions, e => e is Comparison c && c.Operator == op && c.Left.Type.Kind == TypeKind.Int);
            Assert.Contains(expressions, e => e is Comparison c && c.Operator == op && c.Left.Type.Kind == TypeKind.Date);
        }

        foreach (var op in Enum.GetValues<ArithmeticOperator>())
        {
            Assert.Contains(expressions, e => e is Arithmetic a && a.Operator == op && a.Type.IsOptional);
            Assert.Contains(expressions, e => e is Arithmetic a && a.Operator == op && a.Left is FactReference && a.Right is FactReference);
        }

        // The binder turns years into months, so no bound tree holds a step in years.
        foreach (var unit in Enum.GetValues<Dsl.Syntax.DurationUnit>().Where(u => u != Dsl.Syntax.DurationUnit.Years))
        {
            Assert.Contains(expressions, e => e is DateShift s && s.Unit == unit && s.Amount > 0);
            Assert.Contains(expressions, e => e is DateShift s && s.Unit == unit && s.Amount < 0);
            Assert.Contains(expressions, e => e is DateShift s && s.Unit == unit && s.Type.IsOptional);
        }

        foreach (var kind in Enum.GetValues<ExtremumKind>())
        {
            Assert.Contains(expressions, e => e is Extremum x && x.Kind == kind && x.Type.IsOptional);
            Assert.Contains(expressions, e => e is Extremum x && x.Kind == kind && x.Arguments.Count > 2);
        }

        Assert.Contains(expressions, e => e is Presence { Present: true });
        Assert.Contains(expressions, e => e is Presence { Present: false });
        Assert.Contains(expressions, e => e is Membership m && m.Operand.Type.IsOptional);
        Assert.Contains(expressions, e => e is NotOperation { Operand: Membership });
        Assert.Contains(expressions, e => e is LogicalOperation { Operator: LogicalOperator.Or });

        // Clause features: exceptions (chains, several targets), coverage-reading clauses, rejections, several files and quotes.
        var clauses = policies.SelectMany(p => p.Clauses).ToList();
        Assert.Contains(clauses, c => c.ExceptionTo.Count > 1);
        Assert.Contains(clauses, c => c.ReadsCoverage && c.ExceptionTo.Count > 0);
        Assert.Contains(clauses, c => c.Quotes.Count > 1);
        Assert.Contains(policies, p => p.Clauses.Select(c => c.Location.FilePath).Distinct().Count() > 1);
        Assert.Contains(policies, p => p.Rejections.Count > 0 && p.Rejections.Select(r => r.Field).Distinct().Count() < p.Rejections.Count);
    }

    private static int Setting(string variable, int fallback)
    {
        var text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.AllowThousands | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"{variable} must be a whole number, not \"{text}\"");
    }

    /// <summary>A seed that is the same on every run and machine (string.GetHashCode is not).</summary>
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return (int)(hash & 0x7FFFFFFF);
    }
}
