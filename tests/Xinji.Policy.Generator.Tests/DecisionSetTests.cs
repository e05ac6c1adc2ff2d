using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Xinji.Policy.Runtime;

namespace Xinji.Policy.Generator.Tests;

/// <summary>
/// The sets a generated decision holds its clauses and outcomes in: one word while a policy has at
/// most 64 of a kind, a growable set beyond. Either way both engines decide and write alike.
/// </summary>
public class DecisionSetTests
{
    [Theory]
    [InlineData(64, "SmallBitSet", "SmallBitSet")]
    [InlineData(65, "BitSet", "SmallBitSet")]
    [InlineData(130, "BitSet", "BitSet")]
    public void A_policy_holds_its_clauses_and_notes_in_the_smallest_set_that_fits_and_decides_as_the_interpreter(int clauses, string clauseSet, string noteSet)
    {
        var policy = ManyClauses(clauses);

        var (_, result) = GeneratorHarness.Run(("/p/many.policy", policy));
        var decision = result.Results.Single().GeneratedSources.Single(s => s.HintName.EndsWith(".Decision.g.cs", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("private readonly " + clauseSet + " _clauses;", decision, StringComparison.Ordinal);
        Assert.Contains("private readonly " + noteSet + " _notes;", decision, StringComparison.Ordinal);
        Assert.Contains("private readonly SmallBitSet _remedies;", decision, StringComparison.Ordinal);

        var generated = FixtureEngines.Evaluator("generated", policy);
        var interpreted = FixtureEngines.Evaluator("interpreted", policy);
        foreach (var visits in new[] { 0, 1, 62, 63, 64, 65, clauses - 2, clauses - 1, clauses + 5 })
        {
            var claim = Encoding.UTF8.GetBytes("{\"claimed\":\"2025-01-10\",\"visits\":" + visits.ToString(CultureInfo.InvariantCulture) + "}");
            var fromGenerated = generated.Evaluate(claim);
            var fromInterpreter = interpreted.Evaluate(claim);
            Assert.Equal(Render(fromInterpreter), Render(fromGenerated));
            var expected = visits < clauses - 1 ? "P" + visits.ToString(CultureInfo.InvariantCulture) : "F";
            Assert.Contains(expected, fromGenerated.Clauses.Select(c => c.Id));
        }
    }

    [Fact]
    public void A_small_set_holds_indexes_0_to_63_and_converts_to_a_bit_set_of_the_same_members()
    {
        var set = new SmallBitSet();
        set.Add(0);
        set.Add(5);
        set.Add(63);
        set.Add(5);

        Assert.Equal(3, set.Count);
        Assert.True(set.Contains(63));
        Assert.False(set.Contains(4));
        Assert.False(set.Contains(64));
        Assert.False(set.Contains(-1));
        Assert.Equal(new[] { "m0", "m5", "m63" }, set.Select(Enumerable.Range(0, 64).Select(i => "m" + i.ToString(CultureInfo.InvariantCulture)).ToArray()));
        BitSet wide = set;
        Assert.Equal(3, wide.Count);
        Assert.True(wide.Contains(0) && wide.Contains(5) && wide.Contains(63) && !wide.Contains(64));
        Assert.Equal(wide, set.ToBitSet());
        Assert.Throws<ArgumentOutOfRangeException>(() => new SmallBitSet().Add(64));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SmallBitSet().Add(-1));
    }

    /// <summary>One paid clause per visit count below <paramref name="clauses"/> - 1, each with a note of its own (so one note fewer than clauses), and one free clause for the rest.</summary>
    private static string ManyClauses(int clauses)
    {
        var text = new StringBuilder("""
            policy Many implements "Many document"
            fact claimed: date "The claim day."
            fact bought: optional date "The purchase day."
            fact visits: int = 0 "Earlier visits."
            warranty from bought through bought + 12 months - 1 day active when bought <= claimed and claimed < bought + 12 months
            reject visits when visits < 0 "Visits cannot be negative."
            remedy fix "Repair."
            section "Rules"

            """);
        for (var i = 0; i < clauses - 1; i++)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"note n{i} \"Note {i}.\"");
        }

        for (var i = 0; i < clauses - 1; i++)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"clause P{i}\n  quote \"Rule {i}.\"\n  when visits is {i}\n  then paid\n       remedy fix\n       note n{i}\n");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"clause F\n  quote \"The rest.\"\n  when visits >= {clauses - 1}\n  then free\n");
        return text.ToString();
    }

    private static string Render(IPolicyDecision decision)
    {
        var text = new StringWriter { NewLine = "\n" };
        DecisionWriter.WriteText(text, decision);
        return text + DecisionWriter.ToJson(decision);
    }
}
