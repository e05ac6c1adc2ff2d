using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Evaluation;

namespace Xinji.Policy.Tooling.Tests;

/// <summary>
/// Random claims of the bicycle fixture: every reported what-if, applied, gives the coverage it
/// states, every day of a date's range does and the days just outside it do not, and the search
/// misses no single change that enumerating every value (every day of a decade for a date) finds,
/// so a change of two facts is reported only when no change of one flips the coverage.
/// </summary>
public class WhatIfPropertyTests
{
    // Claims' dates fall in 2022 to 2026; every day that can matter to them lies within this window.
    private static readonly int WindowStart = PolicyValue.Date(2019, 1, 1).AsDayNumber;
    private static readonly int WindowEnd = PolicyValue.Date(2029, 12, 31).AsDayNumber;

    private static readonly Lazy<(BoundPolicy Policy, PolicyInterpreter Interpreter, WhatIfFinder Finder)> Engines = new(() =>
    {
        var policy = WhatIfTests.Bicycle.Value.Policy!;
        var interpreter = new PolicyInterpreter(policy);
        return (policy, interpreter, new WhatIfFinder(interpreter));
    });

    [Fact]
    public void Every_what_if_gives_its_coverage_and_no_smaller_change_is_missed()
    {
        var property = Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed => Holds(seed));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(40).WithQuietOnSuccess(true), property);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(11)]
    [InlineData(2024)]
    public void Every_what_if_gives_its_coverage_and_no_smaller_change_is_missed_on_fixed_seeds(int seed) => Assert.True(Holds(seed));

    [Fact]
    public void Every_what_if_for_a_claim_of_the_shipped_examples_gives_its_coverage()
    {
        var loaded = PolicyLoader.Load(new[] { Repository.Path("policy") });
        var explainer = Explainer.For(loaded);
        var interpreter = new PolicyInterpreter(loaded.Policy!);
        var checkedWhatIfs = 0;
        foreach (var example in Examples.ExampleLoader.Load(new[] { Repository.Path("policy") }).Policy!.Examples)
        {
            Explanation explanation;
            try
            {
                explanation = explainer.Explain(System.Text.Encoding.UTF8.GetBytes(example.ClaimJson));
            }
            catch (Runtime.ClaimInputException)
            {
                continue;
            }

            var claim = explanation.Facts.ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal);
            foreach (var whatIf in explanation.WhatIfs)
            {
                var decision = interpreter.Evaluate(With(claim, whatIf.Changes.Select(c => (c.Name, c.To)).ToArray()));
                Assert.True(decision.Coverage == whatIf.Coverage && whatIf.Coverage != explanation.Why.Coverage, example.Name + ": " + ExplanationText.WhatIfText(whatIf));
                Assert.All(whatIf.Changes, c => Assert.True(c.Fact.IsProvable, c.Name));
                checkedWhatIfs++;
            }
        }

        Assert.True(checkedWhatIfs > 30, "what-ifs checked: " + checkedWhatIfs);
    }

    private static bool Holds(int seed)
    {
        var (policy, interpreter, finder) = Engines.Value;
        var claim = RandomValidClaim(new Random(seed), interpreter);
        var decided = interpreter.Evaluate(claim).Coverage;
        var whatIfs = finder.Find(claim);
        var context = "seed " + seed + ": " + string.Join(", ", claim.Select(f => f.Key + "=" + f.Value));

        foreach (var whatIf in whatIfs)
        {
            var changed = With(claim, whatIf.Changes.Select(c => (c.Name, c.To)).ToArray());
            var decision = interpreter.Evaluate(changed);
            Assert.True(decision.Coverage == whatIf.Coverage && whatIf.Coverage != decided, context + ": " + ExplanationText.WhatIfText(whatIf));
            Assert.Equal(whatIf.DecidedBy.Select(c => c.Id), decision.Clauses.Where(c => c.Decides == decision.Coverage).Select(c => c.Id));

            foreach (var change in whatIf.Changes.Where(c => c.IsRange))
            {
                var others = whatIf.Changes.Where(c => c != change).Select(c => (c.Name, c.To)).ToArray();
                bool Gives(int day) => Coverage(interpreter, With(With(claim, others), (change.Name, PolicyValue.Date(day)))) == whatIf.Coverage;

                var first = change.RangeFrom.AsDayNumber;
                var last = change.RangeThrough.AsDayNumber;
                Assert.True(first <= change.To.AsDayNumber && change.To.AsDayNumber <= last, context);
                for (var day = Math.Max(first, WindowStart); day <= Math.Min(last, WindowEnd); day++)
                {
                    Assert.True(Gives(day), context + ": " + change.Name + " on " + PolicyValue.Date(day) + " inside " + ExplanationText.WhatIfText(whatIf));
                }

                Assert.False(first > WindowStart && Gives(first - 1), context + ": the day before the range of " + change.Name);
                Assert.False(last < WindowEnd && Gives(last + 1), context + ": the day after the range of " + change.Name);
            }
        }

        // Every single change, by enumeration: a fact whose change flips the coverage has a what-if of its own.
        foreach (var fact in policy.Facts.Where(f => f.IsProvable))
        {
            var flips = Values(policy, fact).Any(v => v != claim[fact.Name] && Coverage(interpreter, With(claim, (fact.Name, v))) is { } c && c != decided);
            var reported = whatIfs.Any(w => w.Changes.Count == 1 && w.Changes[0].Name == fact.Name);
            Assert.True(flips == reported, context + ": a change of " + fact.Name + (flips ? " flips the coverage but is not reported" : " is reported but none flips"));
        }

        if (whatIfs.Any(w => w.Changes.Count == 2))
        {
            Assert.DoesNotContain(whatIfs, w => w.Changes.Count == 1);
        }

        return true;
    }

    /// <summary>Every value a fact can take in the window: both bools, every member, every day, and unknown when optional.</summary>
    private static IEnumerable<PolicyValue> Values(BoundPolicy policy, FactSymbol fact)
    {
        var values = fact.Type.Kind switch
        {
            TypeKind.Bool => new[] { PolicyValue.Bool(false), PolicyValue.Bool(true) },
            TypeKind.Date => Enumerable.Range(WindowStart, WindowEnd - WindowStart + 1).Select(PolicyValue.Date),
            _ => policy.Enums.Single(e => e.Name == fact.Type.EnumName).Members.Select(PolicyValue.Enum),
        };
        return fact.Type.IsOptional ? values.Append(PolicyValue.Unknown) : values;
    }

    private static CoverageDecision? Coverage(PolicyInterpreter interpreter, IReadOnlyDictionary<string, PolicyValue> claim)
    {
        try
        {
            return interpreter.Evaluate(claim).Coverage;
        }
        catch (ClaimInputException)
        {
            return null;
        }
    }

    private static Dictionary<string, PolicyValue> RandomValidClaim(Random random, PolicyInterpreter interpreter)
    {
        while (true)
        {
            PolicyValue Day(int fromYear, int toYear) =>
                PolicyValue.Date(PolicyValue.Date(fromYear, 1, 1).AsDayNumber + random.Next((toYear - fromYear + 1) * 365));
            PolicyValue Maybe(PolicyValue value) => random.Next(3) == 0 ? PolicyValue.Unknown : value;
            PolicyValue Pick(params string[] members) => PolicyValue.Enum(members[random.Next(members.Length)]);
            PolicyValue Flag(int percentTrue) => PolicyValue.Bool(random.Next(100) < percentTrue);

            var claim = new Dictionary<string, PolicyValue>(StringComparer.Ordinal)
            {
                ["fault"] = Pick("frame", "gears", "wear"),
                ["claimedOn"] = Day(2024, 2026),
                ["boughtOn"] = Maybe(Day(2022, 2025)),
                ["registeredOn"] = Maybe(Day(2022, 2025)),
                ["hasReceipt"] = Flag(70),
                ["hasCard"] = Flag(60),
                ["seal"] = Pick("intact", "intact", "broken", "missing"),
                ["shop"] = Pick("dealer", "online", "market"),
                ["raced"] = Flag(15),
            };
            if (Coverage(interpreter, claim) is not null)
            {
                return claim;
            }
        }
    }

    private static Dictionary<string, PolicyValue> With(IReadOnlyDictionary<string, PolicyValue> claim, params (string Name, PolicyValue Value)[] changes)
    {
        var changed = new Dictionary<string, PolicyValue>(claim, StringComparer.Ordinal);
        foreach (var (name, value) in changes)
        {
            changed[name] = value;
        }

        return changed;
    }
}
