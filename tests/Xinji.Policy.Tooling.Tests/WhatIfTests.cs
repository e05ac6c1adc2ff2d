using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Xinji.Policy.Dsl.Binding;

namespace Xinji.Policy.Tooling.Tests;

/// <summary>What-ifs on the bicycle fixture (tests/fixtures/policies/what-ifs), whose facts are partly provable.</summary>
public class WhatIfTests
{
    internal static readonly Lazy<LoadedPolicy> Bicycle = new(() =>
    {
        var loaded = PolicyLoader.Load(new[] { Repository.Path("tests/fixtures/policies/what-ifs") });
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        return loaded;
    });

    private static Explanation Explain(string claimJson) => Explainer.For(Bicycle.Value).Explain(Encoding.UTF8.GetBytes(claimJson));

    private static string[] Texts(string claimJson) => Explain(claimJson).WhatIfs.Select(ExplanationText.WhatIfText).ToArray();

    [Fact]
    public void Only_facts_marked_provable_are_provable()
    {
        var provable = Bicycle.Value.Policy!.Facts.Where(f => f.IsProvable).Select(f => f.Name);

        Assert.Equal(new[] { "claimedOn", "boughtOn", "registeredOn", "hasReceipt", "hasCard", "seal", "shop" }, provable);
    }

    [Fact]
    public void An_enum_fact_changed_to_the_member_that_flips_the_coverage()
    {
        var whatIf = Assert.Single(Explain("""{"fault":"frame","claimedOn":"2025-03-10","boughtOn":"2024-01-15","seal":"broken"}""").WhatIfs);

        Assert.Equal("Would be free if the state of the seal on the gear hub were intact (B-1; no longer B-2)", ExplanationText.WhatIfText(whatIf));
        var change = Assert.Single(whatIf.Changes);
        Assert.Equal(("seal", "broken", "intact"), (change.Name, change.From.ToString(), change.To.ToString()));
        Assert.Equal(CoverageDecision.Free, whatIf.Coverage);
        Assert.Equal(new[] { "newFrame" }, whatIf.Remedies.Select(r => r.Name));
        Assert.Equal(new[] { "showCard" }, whatIf.Requirements.Select(r => r.Name));
        Assert.Equal(new[] { "B-1" }, whatIf.DecidedBy.Select(c => c.Id));
        Assert.Equal(new[] { "B-2" }, whatIf.NoLongerDecidedBy.Select(c => c.Id));
    }

    [Fact]
    public void A_late_claim_names_the_last_covered_day_and_the_first_purchase_day_that_covers_it()
    {
        // Bought 2024-01-15, so covered while claimedOn < 2026-01-15: the last covered day is the 14th.
        var whatIfs = Explain("""{"fault":"gears","claimedOn":"2026-03-10","boughtOn":"2024-01-15"}""").WhatIfs;

        Assert.Equal(
            new[]
            {
                "Would be free if the day the owner brings the bicycle in were 2026-01-14 or earlier (B-1; no longer B-6)",
                "Would be free if the day on the receipt were 2024-03-11 or later (B-1; no longer B-6)",
            },
            whatIfs.Select(ExplanationText.WhatIfText));
        var claimed = whatIfs[0].Changes.Single();
        Assert.Equal(("2026-03-10", "2026-01-14", "2024-01-15", "2026-01-14"), (claimed.From.ToString(), claimed.To.ToString(), claimed.RangeFrom.ToString(), claimed.RangeThrough.ToString()));
        var bought = whatIfs[1].Changes.Single();
        Assert.Equal(("2024-03-11", "2024-03-11", "2026-03-10"), (bought.To.ToString(), bought.RangeFrom.ToString(), bought.RangeThrough.ToString()));
    }

    [Fact]
    public void A_missing_date_is_offered_as_the_days_that_would_cover_the_claim()
    {
        Assert.Equal(
            new[]
            {
                "Would be free if the day on the receipt were between 2023-03-11 and 2025-03-10 (B-1; no longer B-7)",
                "Would be free if the day the bicycle was registered online were between 2023-03-11 and 2025-03-10 (B-1; no longer B-7)",
            },
            Texts("""{"fault":"gears","claimedOn":"2025-03-10"}"""));
    }

    [Fact]
    public void Two_facts_are_changed_only_when_no_single_change_flips_the_coverage()
    {
        var whatIfs = Explain("""{"fault":"gears","claimedOn":"2025-03-10","boughtOn":"2024-01-15","seal":"broken","hasReceipt":false,"hasCard":false}""").WhatIfs;

        Assert.Equal(
            new[]
            {
                "Would be free if the owner shows the receipt and the state of the seal on the gear hub were intact (B-1; no longer B-2, B-3)",
                "Would be free if the owner shows the guarantee card and the state of the seal on the gear hub were intact (B-1; no longer B-2, B-3)",
            },
            whatIfs.Select(ExplanationText.WhatIfText));
        Assert.All(whatIfs, w => Assert.Equal(2, w.Changes.Count));
    }

    [Fact]
    public void A_date_and_an_enum_changed_together_name_the_last_covered_day()
    {
        var texts = Texts("""{"fault":"gears","claimedOn":"2026-03-10","boughtOn":"2024-01-15","shop":"market"}""");

        Assert.Contains("Would be free if the day the owner brings the bicycle in were 2026-01-14 or earlier and the kind of shop the bicycle was bought from were dealer (B-1; no longer B-4, B-6)", texts);
        Assert.Contains("Would be free if the day on the receipt were 2024-03-11 or later and the kind of shop the bicycle was bought from were online (B-1; no longer B-4, B-6)", texts);
        Assert.Equal(4, texts.Length);
    }

    [Fact]
    public void A_fact_not_marked_provable_is_never_changed()
    {
        // Racing voids the guarantee, and only 'raced' (not provable) could undo it.
        var explanation = Explain("""{"fault":"gears","claimedOn":"2025-03-10","boughtOn":"2024-01-15","raced":true}""");

        Assert.True(explanation.WhatIfsSought);
        Assert.Empty(explanation.WhatIfs);
        var text = new StringWriter();
        ExplanationText.Write(text, explanation);
        Assert.Contains("What would change the decision:\n  No change to one or two provable facts makes it free.\n", text.ToString().ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_free_claim_is_told_what_would_make_it_paid()
    {
        var texts = Texts("""{"fault":"gears","claimedOn":"2025-03-10","boughtOn":"2024-01-15"}""");

        Assert.Equal(
            new[]
            {
                "Would be paid if the day the owner brings the bicycle in were 2026-01-15 or later (B-6; no longer B-1)",
                "Would be paid if the day on the receipt were not known (B-7; no longer B-1)",
                "Would be paid if the day on the receipt were 2023-03-10 or earlier (B-6; no longer B-1)",
                "Would be paid if the day the bicycle was registered online were 2023-03-10 or earlier (B-6; no longer B-1)",
                "Would be paid if the state of the seal on the gear hub were broken (B-2; no longer B-1)",
                "Would be paid if the state of the seal on the gear hub were missing (B-2; no longer B-1)",
                "Would be paid if the kind of shop the bicycle was bought from were market (B-4; no longer B-1)",
            },
            texts);
    }

    [Fact]
    public void The_text_shows_each_what_if_with_the_facts_changed_and_the_remedies()
    {
        var text = new StringWriter();
        ExplanationText.Write(text, Explain("""{"fault":"gears","claimedOn":"2026-03-10","boughtOn":"2024-01-15"}"""));

        Assert.Contains(
            """
            What would change the decision:
              Would be free if the day the owner brings the bicycle in were 2026-01-14 or earlier (B-1; no longer B-6)
                claimedOn: 2026-03-10 -> 2026-01-14 (free from 2024-01-15 through 2026-01-14); remedies repair
              Would be free if the day on the receipt were 2024-03-11 or later (B-1; no longer B-6)
                boughtOn: 2024-01-15 -> 2024-03-11 (free from 2024-03-11 through 2026-03-10); remedies repair

            """.ReplaceLineEndings("\n"),
            text.ToString().ReplaceLineEndings("\n"),
            StringComparison.Ordinal);
    }

    [Fact]
    public void The_json_lists_each_what_if_with_its_changes_coverage_remedies_and_clauses()
    {
        var json = ExplanationJson.ToJson(Explain("""{"fault":"frame","claimedOn":"2025-03-10","boughtOn":"2024-01-15","seal":"broken","hasReceipt":false,"hasCard":false}"""));
        using var document = JsonDocument.Parse(json);
        var whatIfs = document.RootElement.GetProperty("whatIfs");

        Assert.Equal(2, whatIfs.GetArrayLength());
        Assert.Equal(
            """{"text":"Would be free if the owner shows the receipt and the state of the seal on the gear hub were intact (B-1; no longer B-2, B-3)","coverage":"free","changes":[{"fact":"hasReceipt","description":"The owner shows the receipt.","text":"the owner shows the receipt","from":false,"to":true,"range":null},{"fact":"seal","description":"The state of the seal on the gear hub.","text":"the state of the seal on the gear hub were intact","from":"broken","to":"intact","range":null}],"remedies":["newFrame"],"requirements":["showCard"],"decidedBy":["B-1"],"noLongerDecidedBy":["B-2","B-3"]}""",
            whatIfs[0].GetRawText());
    }

    [Fact]
    public void A_date_change_in_json_has_its_range()
    {
        using var document = JsonDocument.Parse(ExplanationJson.ToJson(Explain("""{"fault":"gears","claimedOn":"2026-03-10","boughtOn":"2024-01-15"}""")));
        var change = document.RootElement.GetProperty("whatIfs")[0].GetProperty("changes")[0];

        Assert.Equal("""{"fact":"claimedOn","description":"The day the owner brings the bicycle in.","text":"the day the owner brings the bicycle in were 2026-01-14 or earlier","from":"2026-03-10","to":"2026-01-14","range":{"from":"2024-01-15","through":"2026-01-14"}}""", change.GetRawText());
    }

    [Fact]
    public void A_policy_without_provable_facts_has_no_what_if_section()
    {
        var policy = PolicyLoader.Load(new[] { Repository.Path("tests/fixtures/policies/kettle") });
        var explanation = Explainer.For(policy).Explain(Encoding.UTF8.GetBytes("""{"fault":"element","claimedOn":"2025-03-10"}"""));
        var text = new StringWriter();
        ExplanationText.Write(text, explanation);

        Assert.False(explanation.WhatIfsSought);
        Assert.DoesNotContain("What would change", text.ToString(), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(ExplanationJson.ToJson(explanation));
        Assert.Equal(0, json.RootElement.GetProperty("whatIfs").GetArrayLength());
    }
}
