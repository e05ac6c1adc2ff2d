using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Xinji.Policy.Dsl.Analysis;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Evaluation;
using Xinji.Policy.Dsl.Syntax;
using Xinji.Policy.Dsl.Text;
using Xinji.Policy.Generator.Emit;
using Xinji.Policy.Testing;
using Xinji.Policy.Tooling;

namespace Xinji.Policy.Generator.Tests;

/// <summary>
/// Every form of bound expression, found by reflection, against every pass that must give each form
/// its meaning (the interpreter, the analysis encoder, the C# writer, the explainer), and against the
/// one walk that the look-inside analyses share. A form added to the bound model and forgotten in a
/// pass fails here, by name; so does a form without a sample below.
/// </summary>
public class ExpressionFormTests
{
    private const string Path = "forms.policy";

    private const string Policy = """
        policy Forms implements "Forms"
        enum Color = red | green "A color."
        fact flag: bool "A flag."
        fact maybe: optional bool "A flag that may be unknown."
        fact count: int "A count."
        fact bought: date "The purchase day."
        fact registered: optional date "The registration day, if any."
        fact color: Color "A color."
        define soon = bought + 3 days "Three days after the purchase."
        warranty from bought through soon active when flag
        section "S"
        clause A-1
          quote "Everything is free."
          always
          then free
        """;

    private static readonly BoundPolicy Bound = Bind();

    /// <summary>A claim that gives every required fact and leaves the optional ones unknown.</summary>
    private static readonly IReadOnlyDictionary<string, PolicyValue> Claim = new Dictionary<string, PolicyValue>(StringComparer.Ordinal)
    {
        ["flag"] = PolicyValue.Bool(true),
        ["count"] = PolicyValue.Int(3),
        ["bought"] = PolicyValue.Date(2025, 1, 31),
        ["color"] = PolicyValue.Enum("green"),
    };

    private static SourceSpan At => default;

    /// <summary>A well-typed expression of each form over the policy above, its sub-expressions all distinct objects.</summary>
    private static readonly IReadOnlyDictionary<Type, Func<BoundExpression>> Samples = new Dictionary<Type, Func<BoundExpression>>
    {
        [typeof(BoolLiteral)] = () => new BoolLiteral(true, At),
        [typeof(IntLiteral)] = () => new IntLiteral(7, At),
        [typeof(DateValueLiteral)] = () => new DateValueLiteral(2025, 2, 28, At),
        [typeof(EnumLiteral)] = () => new EnumLiteral("Color", "green", At),
        [typeof(FactReference)] = () => Fact("count"),
        [typeof(DefinitionReference)] = () => new DefinitionReference("soon", PolicyType.Date, At),
        [typeof(CoverageReference)] = () => new CoverageReference(At),
        [typeof(NotOperation)] = () => new NotOperation(Fact("flag"), At),
        [typeof(LogicalOperation)] = () => new LogicalOperation(LogicalOperator.Or, Fact("flag"), new NotOperation(Fact("flag"), At), At),
        [typeof(Comparison)] = () => new Comparison(ComparisonOperator.Less, Fact("count"), new IntLiteral(10, At), At),
        [typeof(Equality)] = () => new Equality(Fact("color"), new EnumLiteral("Color", "green", At), At),
        [typeof(Presence)] = () => new Presence(Fact("registered"), false, At),
        [typeof(Membership)] = () => new Membership(Fact("color"), "Color", new[] { "red", "green" }.ToEquatableArray(), At),
        [typeof(DateShift)] = () => new DateShift(Fact("bought"), 1, DurationUnit.Months, PolicyType.Date, At),
        [typeof(Arithmetic)] = () => new Arithmetic(ArithmeticOperator.Add, Fact("count"), new IntLiteral(1, At), PolicyType.Int, At),
        [typeof(Extremum)] = () => new Extremum(ExtremumKind.Earliest, new BoundExpression[] { Fact("registered"), Fact("bought") }.ToEquatableArray(), PolicyType.Date, At),
        [typeof(Conditional)] = () => new Conditional(Fact("flag"), Fact("count"), new IntLiteral(0, At), PolicyType.Int, At),
    };

    /// <summary>Every concrete type of bound expression, by name.</summary>
    public static TheoryData<string> Forms()
    {
        var forms = new TheoryData<string>();
        foreach (var form in FormTypes())
        {
            forms.Add(form.Name);
        }

        return forms;
    }

    [Fact]
    public void Every_form_has_a_sample()
    {
        var missing = FormTypes().Where(t => !Samples.ContainsKey(t)).Select(t => t.Name).ToList();

        Assert.True(missing.Count == 0, "Add a sample of each new form to ExpressionFormTests.Samples: " + string.Join(", ", missing));
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Children_are_every_sub_expression_the_form_holds_in_order(string form)
    {
        var sample = Sample(form);

        // The record's own properties that hold expressions, in the order of its constructor.
        var order = sample.GetType().GetConstructors().Single().GetParameters().Select(p => p.Name).ToList();
        var held = sample.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => typeof(BoundExpression).IsAssignableFrom(p.PropertyType) || typeof(IEnumerable<BoundExpression>).IsAssignableFrom(p.PropertyType))
            .OrderBy(p => order.IndexOf(p.Name))
            .SelectMany(p => p.GetValue(sample) switch
            {
                BoundExpression one => new[] { one },
                IEnumerable<BoundExpression> many => many,
                _ => Array.Empty<BoundExpression>(),
            })
            .ToList();

        var children = sample.Children();
        Assert.Equal(held.Count, children.Count);
        Assert.All(held.Zip(children), pair => Assert.Same(pair.First, pair.Second));
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void A_form_that_holds_names_reports_them(string form)
    {
        var sample = Sample(form);

        // Names are held as strings: a fact's or definition's name, an enum and its members.
        var holdsNames = sample.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Any(p => p.PropertyType == typeof(string) || typeof(IEnumerable<string>).IsAssignableFrom(p.PropertyType));
        var own = AllNames(sample).Except(sample.Children().SelectMany(AllNames));

        Assert.Equal(holdsNames || sample is CoverageReference, own.Any());
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void The_interpreter_evaluates_every_form(string form)
    {
        var sample = Sample(form);

        var value = new PolicyInterpreter(Bound).Value(sample, Claim, CoverageDecision.Free);

        Assert.True(value.IsKnown, form + " is unknown on a claim that gives every fact it reads");
        Assert.Equal(Kind(sample.Type.Kind), value.Kind);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void The_encoder_encodes_every_form_of_its_type_and_refuses_the_others_as_unsupported(string form)
    {
        var sample = Sample(form);
        var encoder = new PolicyEncoder(Bound);
        var encodings = new (TypeKind[] Kinds, Action Encode)[]
        {
            (new[] { TypeKind.Bool }, () => encoder.Condition(sample)),
            (new[] { TypeKind.Enum }, () => encoder.EnumValues(sample)),
            (new[] { TypeKind.Int, TypeKind.Date }, () => encoder.Terms(sample)),
        };

        foreach (var (kinds, encode) in encodings)
        {
            var error = Record.Exception(encode);
            if (kinds.Contains(sample.Type.Kind) && !sample.Type.IsOptional)
            {
                Assert.Null(error);
            }
            else if (error is not null)
            {
                Assert.IsType<UnsupportedExpressionException>(error);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void The_csharp_writer_writes_every_form(string form)
    {
        var vocabulary = new PolicyVocabulary(Bound.Name, Bound.Document, Bound.Enums, Bound.Facts, Bound.Remedies, Bound.Requirements, Bound.Notes);
        var writer = new CSharpExpressionWriter(new GeneratedNames(vocabulary, "Forms"), new Dictionary<string, string>(StringComparer.Ordinal) { ["soon"] = "soon" });

        var code = writer.Write(Sample(form));

        Assert.False(string.IsNullOrWhiteSpace(code));
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void The_explainer_explains_every_form(string form)
    {
        var sample = Sample(form);
        var explainer = new Explainer(Bound, new Dictionary<string, string>(StringComparer.Ordinal) { [Path] = Policy });

        var reads = explainer.Because(sample, Claim);

        // Exactly what the form reads decides it here: every part of these samples is decisive.
        var names = sample.Names();
        var expected = names.Facts.Concat(names.Definitions).Concat(names.ReadsCoverage ? new[] { BuiltIns.CoverageName } : Array.Empty<string>());
        Assert.Equal(expected.OrderBy(n => n, StringComparer.Ordinal), reads.Select(r => r.Name).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void The_analysis_writes_every_form_back_as_text(string form)
    {
        var text = Xinji.Policy.Dsl.Analysis.ExpressionText.Of(Sample(form));

        Assert.DoesNotContain("…", text, StringComparison.Ordinal);
        Assert.NotEmpty(text);
    }

    [Fact]
    public void The_walk_visits_parents_before_children_in_written_order()
    {
        var count = Fact("count");
        var one = new IntLiteral(1, At);
        var sum = new Arithmetic(ArithmeticOperator.Add, count, one, PolicyType.Int, At);
        var ten = new IntLiteral(10, At);
        var comparison = new Comparison(ComparisonOperator.Less, sum, ten, At);
        var flag = Fact("flag");
        var both = new LogicalOperation(LogicalOperator.And, comparison, flag, At);

        Assert.Equal(new BoundExpression[] { both, comparison, sum, count, one, ten, flag }, both.DescendantsAndSelf(), ReferenceEqualityComparer.Instance);
    }

    [Fact]
    public void The_walk_does_not_recurse_on_depth()
    {
        // Deep enough to overflow any recursive walk on a test thread's stack.
        BoundExpression deep = Fact("flag");
        for (var i = 0; i < 100_000; i++)
        {
            deep = new NotOperation(deep, At);
        }

        Assert.Equal(100_001, deep.DescendantsAndSelf().Count());
        Assert.False(deep.ReadsCoverage());
        Assert.Equal(new[] { "flag" }, deep.Names().Facts);
    }

    [Fact]
    public void Reading_coverage_is_seen_anywhere_inside_an_expression_but_not_through_a_definition()
    {
        var inside = new LogicalOperation(
            LogicalOperator.And,
            Fact("flag"),
            new Conditional(Fact("flag"), new Equality(new CoverageReference(At), new EnumLiteral(BuiltIns.CoverageEnum, BuiltIns.Free, At), At), new BoolLiteral(false, At), PolicyType.Bool, At),
            At);

        Assert.True(inside.ReadsCoverage());
        Assert.False(new Comparison(ComparisonOperator.Less, new DefinitionReference("soon", PolicyType.Date, At), Fact("bought"), At).ReadsCoverage());
    }

    [Fact]
    public void Names_are_each_fact_definition_and_enum_member_once_in_written_order()
    {
        var expression = new LogicalOperation(
            LogicalOperator.Or,
            new Membership(Fact("color"), "Color", new[] { "green", "red" }.ToEquatableArray(), At),
            new LogicalOperation(
                LogicalOperator.And,
                new Equality(Fact("color"), new EnumLiteral("Color", "red", At), At),
                new Comparison(ComparisonOperator.Less, Fact("bought"), new DefinitionReference("soon", PolicyType.Date, At), At),
                At),
            At);

        var names = expression.Names();

        Assert.Equal(new[] { "color", "bought" }, names.Facts);
        Assert.Equal(new[] { "soon" }, names.Definitions);
        Assert.Equal(new[] { new EnumMemberName("Color", "green"), new EnumMemberName("Color", "red") }, names.EnumMembers);
        Assert.False(names.ReadsCoverage);
    }

    [Fact]
    public void Binding_marks_the_clauses_that_read_coverage()
    {
        var policy = Bind("""
            policy Notes implements "Notes"
            enum Color = red | green "A color."
            fact flag: bool "A flag."
            fact color: Color "A color."
            warranty from 2025-01-01 through 2025-12-31 active when flag
            note greenNote "Green."
            section "S"
            clause A-1
              quote "Everything is free."
              always
              then free
            clause A-2
              quote "Free claims of a green product get a note."
              when color is green and (coverage is free or flag)
              then note greenNote
            """);

        Assert.Equal(new[] { false, true }, policy.Clauses.Select(c => c.ReadsCoverage));
    }

    private static IEnumerable<string> AllNames(BoundExpression expression)
    {
        var names = expression.Names();
        return names.Facts.Select(f => "fact " + f)
            .Concat(names.Definitions.Select(d => "definition " + d))
            .Concat(names.EnumMembers.Select(m => "member " + m.EnumName + "." + m.Member))
            .Concat(names.ReadsCoverage ? new[] { "coverage" } : Array.Empty<string>());
    }

    private static IEnumerable<Type> FormTypes() =>
        typeof(BoundExpression).Assembly.GetTypes()
            .Where(t => typeof(BoundExpression).IsAssignableFrom(t) && !t.IsAbstract)
            .OrderBy(t => t.Name, StringComparer.Ordinal);

    private static BoundExpression Sample(string form)
    {
        var type = FormTypes().Single(t => t.Name == form);
        Assert.True(Samples.TryGetValue(type, out var sample), "No sample of " + form + " in ExpressionFormTests.Samples");
        return sample!();
    }

    private static FactReference Fact(string name) => new(name, Bound.Facts.Single(f => f.Name == name).Type, At);

    private static ValueKind Kind(TypeKind kind) => kind switch
    {
        TypeKind.Bool => ValueKind.Bool,
        TypeKind.Int => ValueKind.Int,
        TypeKind.Date => ValueKind.Date,
        _ => ValueKind.Enum,
    };

    private static BoundPolicy Bind(string text = Policy)
    {
        var binding = QuotedSentences.Bind(Path, text);
        Assert.False(binding.HasErrors, string.Join(Environment.NewLine, binding.Diagnostics));
        return binding.Policy!;
    }
}
