using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Xinji.Policy.Tooling.Diff;

namespace Xinji.Policy.Tooling.Tests;

/// <summary><c>examples/history.jsonl</c>, the claims the README's diff replays, and the policy variant it is compared with.</summary>
public class ClaimHistoryTests
{
    private const string HistoryFile = "examples/history.jsonl";

    // The XINJI policy as the variant was made from it; policy/ itself may have moved on since.
    private const string WarrantyContract = "tests/fixtures/policies/warranty-contract";

    private static readonly Lazy<ReplayClaim[]> History = new(() =>
        File.ReadAllText(Repository.Path(HistoryFile)).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select((line, i) => new ReplayClaim(HistoryFile + ":" + (i + 1), Encoding.UTF8.GetBytes(line)))
            .ToArray());

    [Fact]
    public void The_shipped_claim_history_is_what_the_generator_writes()
    {
        var path = Repository.Path(HistoryFile);
        var generated = ClaimHistory.Generate();
        if (Environment.GetEnvironmentVariable("XINJI_ACCEPT_SNAPSHOTS") == "1")
        {
            File.WriteAllText(path, generated);
        }

        const string Regenerate = "regenerate it with XINJI_ACCEPT_SNAPSHOTS=1 dotnet test tests/Xinji.Policy.Tooling.Tests --filter ClaimHistory";
        Assert.True(File.Exists(path), HistoryFile + " is missing; " + Regenerate);
        var shipped = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var expected = generated.Split('\n');
        var firstDifference = Enumerable.Range(0, Math.Min(shipped.Length, expected.Length)).FirstOrDefault(i => shipped[i] != expected[i], -1);
        Assert.True(firstDifference < 0 && shipped.Length == expected.Length,
            $"{HistoryFile} differs from the generator's output (first at line {(firstDifference < 0 ? Math.Min(shipped.Length, expected.Length) + 1 : firstDifference + 1)}); {Regenerate}");
    }

    [Fact]
    public void The_history_has_a_few_thousand_claims_of_every_kind_the_policy_decides_or_rejects()
    {
        var evaluator = new InterpretedEvaluator(PolicyLoader.Load(new[] { Repository.Path(WarrantyContract) }).Policy!);
        var outcomes = History.Value.Select(c => Outcome(evaluator, c.Json)).ToList();

        Assert.Equal(ClaimHistory.Count, outcomes.Count);
        Assert.InRange(outcomes.Count(o => o == "free"), 900, 1500);
        Assert.InRange(outcomes.Count(o => o == "paid"), 1200, 1900);
        Assert.InRange(outcomes.Count(o => o.StartsWith("invalid", StringComparison.Ordinal)), 90, 250);
        Assert.DoesNotContain("defect", outcomes);
        Assert.Equal(
            new[] { "invalid (claimDate)", "invalid (cause)", "invalid (cuase)", "invalid (deliveryDate)", "invalid (part)", "invalid (rooted)" }.OrderBy(x => x, StringComparer.Ordinal),
            outcomes.Where(o => o.StartsWith("invalid", StringComparison.Ordinal)).Distinct().OrderBy(x => x, StringComparer.Ordinal));
    }

    [Fact]
    public void The_policy_variant_differs_from_the_policy_exactly_on_claims_whose_sticker_is_not_intact_by_dropping_EX_3()
    {
        var policy = Evaluator(WarrantyContract);
        var report = DecisionDiff.Compare(
            policy,
            Evaluator("examples/policy-variants/no-sticker-exclusion"),
            History.Value,
            samplesPerGroup: int.MaxValue);

        var changed = report.Groups.SelectMany(g => g.Samples).ToList();
        var decidedWithoutIntactSticker = History.Value.Count(c => Outcome(policy, c.Json) is "free" or "paid" && Sticker(c.Json) != "intact");
        Assert.Equal(decidedWithoutIntactSticker, report.Changed);
        Assert.Equal(report.Changed, changed.Count);
        Assert.All(changed, c => Assert.NotEqual("intact", Sticker(Encoding.UTF8.GetBytes(c.Json))));
        Assert.All(changed, c => Assert.Contains("EX-3", c.Changes.Single(p => p.Part == DecisionPart.Clauses).Dropped));
        Assert.Equal(new[] { ("paid", "paid"), ("paid", "free") }, report.Groups.Select(g => (g.Old, g.New)));
    }

    private static InterpretedEvaluator Evaluator(string path) =>
        new(PolicyLoader.Load(new[] { Repository.Path(path) }).Policy!);

    private static string Outcome(InterpretedEvaluator evaluator, byte[] json)
    {
        try
        {
            return Runtime.DecisionWriter.CoverageCode(evaluator.Evaluate(json).Coverage);
        }
        catch (Runtime.ClaimInputException invalid)
        {
            return "invalid (" + invalid.Field + ")";
        }
        catch (Runtime.PolicyDefectException)
        {
            return "defect";
        }
    }

    private static string Sticker(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("warrantySticker", out var sticker) ? sticker.GetString()! : "intact";
    }
}
