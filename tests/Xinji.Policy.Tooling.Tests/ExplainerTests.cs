using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Runtime;
using Xinji.Policy.Testing;

namespace Xinji.Policy.Tooling.Tests;

/// <summary>Explanations of decisions of the real policy, read from disk as <c>explain</c> reads it.</summary>
public class ExplainerTests
{
    private static readonly Lazy<LoadedPolicy> RealPolicy = new(() =>
    {
        var loaded = PolicyLoader.Load(new[] { Path.Combine(AppContext.BaseDirectory, "policy") });
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        return loaded;
    });

    private static Explanation Explain(string claimJson) => Explainer.For(RealPolicy.Value).Explain(Encoding.UTF8.GetBytes(claimJson));

    private static string Reads(IEnumerable<ValueRead> reads) =>
        string.Join(", ", reads.Select(r => r.Name + " = " + r.Value + (r.DerivedFrom.Count > 0 ? " <- (" + Reads(r.DerivedFrom) + ")" : string.Empty)));

    private const string WaterDamage = """
        {"product":"smartWatch","claimDate":"2025-02-01","invoiceDate":"2024-11-11","cause":"water","warrantySticker":"missing"}
        """;

    private const string Overseas = """
        {"product":"smartWatch","claimDate":"2025-02-20","invoiceDate":"2024-08-08","cause":"manufacturingDefect","purchasedOverseas":true}
        """;

    private const string Expired = """
        {"product":"iotDevice","claimDate":"2025-06-01","activationDate":"2024-05-31","invoiceDate":"2024-05-30","cause":"manufacturingDefect"}
        """;

    private const string AccessoryWithoutPapers = """
        {"product":"accessory","claimDate":"2025-04-01","activationDate":"2024-12-24","cause":"manufacturingDefect","hasWarrantyCard":false,"hasProofOfPurchase":false,"accessoryWarrantyProven":true}
        """;

    // ---- Why paid, not free? ---------------------------------------------------------------

    [Fact]
    public void A_paid_decision_names_the_exclusions_in_force_and_the_facts_they_read()
    {
        var why = Explain(WaterDamage).Why;

        Assert.Equal(CoverageDecision.Paid, why.Coverage);
        Assert.Equal("Why paid, not free?", why.Question);
        Assert.Equal(new[] { "EX-3", "EX-9" }, why.DecidedBy.Select(r => r.Id));
        Assert.Equal("warrantySticker is not intact", why.DecidedBy[0].Condition);
        Assert.Equal("warrantySticker = missing", Reads(why.DecidedBy[0].Because));
        Assert.Equal("cause in {fall, squeeze, water}", why.DecidedBy[1].Condition);
        Assert.Equal("cause = water", Reads(why.DecidedBy[1].Because));
    }

    [Fact]
    public void A_paid_decision_says_which_free_clause_did_not_apply_and_only_the_false_part_of_its_condition()
    {
        var notFree = Assert.Single(Explain(WaterDamage).Why.OtherWayNot);

        Assert.Equal("WP-2", notFree.Id);
        Assert.False(notFree.Applies);
        Assert.Equal("warrantyActive and cause is manufacturingDefect", notFree.Condition);

        // The warranty is active: only the cause made the conjunction false.
        Assert.Equal("cause = water", Reads(notFree.Because));

        // Had it applied, the missing sticker (EX-3, an exception to WP-2) would have overridden it.
        Assert.Equal("EX-3", Assert.Single(notFree.OverriddenBy).Id);
    }

    [Fact]
    public void A_paid_decision_says_which_exception_overrode_the_free_clause()
    {
        var notFree = Assert.Single(Explain(Overseas).Why.OtherWayNot);

        Assert.Equal("WP-2", notFree.Id);
        Assert.True(notFree.Applies);
        var overrider = Assert.Single(notFree.OverriddenBy);
        Assert.Equal("EX-14", overrider.Id);
        Assert.Equal("purchasedOverseas = true", Reads(overrider.Because));
    }

    [Fact]
    public void An_expired_warranty_is_explained_down_to_the_dates_it_was_derived_from()
    {
        var why = Explain(Expired).Why;

        var decided = Assert.Single(why.DecidedBy);
        Assert.Equal("EX-2", decided.Id);

        // EX-2 holds as a whole (a start is known, and the period is not active), so both halves are reasons;
        // active is false because of its second half only: claimDate < warrantyStart + 12 months.
        const string Start = "warrantyStart = 2024-05-30 <- (activationDate = 2024-05-31, "
                             + "invoiceOrDeliveryDate = 2024-05-30 <- (deliveryDate = unknown, invoiceDate = 2024-05-30))";
        Assert.Equal(Start + ", warrantyActive = false <- (claimDate = 2025-06-01, " + Start + ")", Reads(decided.Because));
        Assert.Equal("warrantyActive = false <- (claimDate = 2025-06-01, " + Start + ")", Reads(Assert.Single(why.OtherWayNot).Because));
    }

    [Fact]
    public void A_free_decision_names_the_free_clause_and_why_no_exclusion_is_in_force()
    {
        var why = Explain(AccessoryWithoutPapers).Why;

        Assert.Equal("Why free?", why.Question);
        Assert.Equal("WP-2", Assert.Single(why.DecidedBy).Id);
        Assert.Contains("cause = manufacturingDefect", Reads(why.DecidedBy[0].Because), StringComparison.Ordinal);

        // Every clause that decides paid is accounted for: EX-12 applied but EX-13 overrides it.
        Assert.Equal(
            new[] { "WD-9", "WD-12", "EX-2", "EX-3", "EX-4", "EX-5", "EX-6", "EX-7", "EX-8", "EX-9", "EX-10", "EX-11", "EX-12", "EX-14" },
            why.OtherWayNot.Select(r => r.Id));
        Assert.Null(why.NotEstablished);
        var papers = why.OtherWayNot.Single(r => r.Id == "EX-12");
        Assert.True(papers.Applies);
        Assert.Equal("EX-13", Assert.Single(papers.OverriddenBy).Id);
        Assert.Equal("hasWarrantyCard = false, hasProofOfPurchase = false, product = accessory, accessoryWarrantyProven = true", Reads(papers.OverriddenBy[0].Because));
        Assert.All(why.OtherWayNot.Where(r => r.Id != "EX-12"), r => Assert.False(r.Applies));
    }

    [Fact]
    public void A_claim_without_dates_is_paid_because_no_warranty_period_was_established_not_because_it_expired()
    {
        // No activation, invoice or delivery date: no warranty start, so no period to have exceeded.
        var why = Explain("""{"product":"smartWatch","claimDate":"2025-02-01","cause":"manufacturingDefect"}""").Why;

        var notEstablished = Assert.IsType<WarrantyNotEstablished>(why.NotEstablished);
        Assert.Equal("warrantyStart", notEstablished.Start);
        Assert.Equal(new[] { "activationDate", "invoiceDate", "deliveryDate" }, notEstablished.UnknownFacts);
        var decided = Assert.Single(why.DecidedBy);
        Assert.Equal("WD-12", decided.Id);
        Assert.Equal("warrantyStart is not known", decided.Condition);
        Assert.Equal(
            "The warranty period of the device is applicable from the activation date or Invoice date whichever is earlier.",
            Assert.Single(decided.Clause.Quotes));
        Assert.DoesNotContain(why.DecidedBy, r => r.Id == "EX-2");
    }

    [Fact]
    public void A_known_fact_that_does_not_start_the_warranty_is_left_out_of_the_unknown_ones()
    {
        var why = Explain("""{"product":"iotDevice","claimDate":"2025-02-01","deliveryDate":"2024-06-20","cause":"manufacturingDefect"}""").Why;

        Assert.Equal(new[] { "activationDate", "invoiceDate" }, Assert.IsType<WarrantyNotEstablished>(why.NotEstablished).UnknownFacts);
        Assert.Equal("WD-12", Assert.Single(why.DecidedBy).Id);
    }

    [Fact]
    public void An_established_period_that_ran_out_is_a_clause_reason_not_a_missing_period()
    {
        var why = Explain(Expired).Why;

        Assert.Null(why.NotEstablished);
        Assert.Equal("EX-2", Assert.Single(why.DecidedBy).Id);
    }

    // ---- Clauses, conditions, values -----------------------------------------------------------

    [Fact]
    public void Every_clause_is_explained_and_its_condition_value_is_whether_it_applied()
    {
        var explanation = Explain(Overseas);
        var interpreted = new InterpretedEvaluator(RealPolicy.Value.Policy!).Decide(new InterpretedEvaluator(RealPolicy.Value.Policy!).ReadClaim(Encoding.UTF8.GetBytes(Overseas)));

        Assert.Equal(interpreted.Decision.Outcomes.Select(o => o.Clause.Id), explanation.Clauses.Select(c => c.Id));
        foreach (var (clause, outcome) in explanation.Clauses.Zip(interpreted.Decision.Outcomes))
        {
            Assert.Equal(outcome.Applies, clause.Condition.Value.AsBool);
            Assert.Equal(outcome.Applies, clause.Applies);
            Assert.Equal(outcome.InForce, clause.InForce);
            Assert.Equal(outcome.OverriddenBy, clause.OverriddenBy);
        }

        var wp2 = explanation.Clauses.Single(c => c.Id == "WP-2");
        Assert.True(wp2.Applies);
        Assert.False(wp2.InForce);
        Assert.Equal(new[] { "EX-14" }, wp2.OverriddenBy);
    }

    [Fact]
    public void A_condition_tree_holds_every_sub_expression_with_its_source_text_and_value()
    {
        var wd6 = Explain(WaterDamage).Clauses.Single(c => c.Id == "WD-6").Condition;

        // An 'and' chain is one node with its operands as parts; literals are left out.
        Assert.Equal("coverage is free and product is smartWatch and part is watchBody", wd6.Text);
        Assert.False(wd6.Value.AsBool);
        Assert.Equal(
            new[] { "coverage is free = false", "product is smartWatch = true", "part is watchBody = false" },
            wd6.Parts.Select(p => p.Text + " = " + p.Value));
        Assert.Equal(new[] { "coverage = paid" }, wd6.Parts[0].Parts.Select(p => p.Text + " = " + p.Value));
        Assert.Equal(new[] { "part = wholeDevice" }, wd6.Parts[2].Parts.Select(p => p.Text + " = " + p.Value));
        Assert.Equal("policy/03-warranty-duration.policy", wd6.Location.FilePath.Replace('\\', '/')[^"policy/03-warranty-duration.policy".Length..]);
    }

    [Fact]
    public void Parenthesized_operands_keep_their_parentheses_and_negated_forms_read_as_written()
    {
        var clauses = Explain(WaterDamage).Clauses;

        var wd8 = clauses.Single(c => c.Id == "WD-8").Condition;
        Assert.Equal("coverage is free and (product in {iotDevice, accessory} or part is watchBody)", wd8.Text);
        Assert.Equal("(product in {iotDevice, accessory} or part is watchBody)", wd8.Parts[1].Text);

        // "warrantySticker is not intact" is one part whose value is the negation's, not two.
        var ex3 = clauses.Single(c => c.Id == "EX-3").Condition;
        Assert.Equal("warrantySticker is not intact", ex3.Text);
        Assert.True(ex3.Value.AsBool);
        Assert.Equal("warrantySticker = missing", Assert.Single(ex3.Parts).Text + " = " + ex3.Parts[0].Value);

        var wd11 = clauses.Single(c => c.Id == "WD-11").Condition;
        Assert.Equal("always", wd11.Text);
        Assert.Empty(wd11.Parts);
    }

    [Fact]
    public void The_derived_values_used_are_listed_in_evaluation_order_with_their_values_and_trees()
    {
        var definitions = Explain(Expired).Definitions;

        Assert.Equal(
            new[] { "invoiceOrDeliveryDate = 2024-05-30", "warrantyStart = 2024-05-30", "warrantyActive = false", "warrantyEnd = 2025-05-29" },
            definitions.Select(d => d.Name + " = " + d.Value));
        var active = definitions.Single(d => d.Name == "warrantyActive").Expression;
        Assert.Equal("warrantyStart <= claimDate and claimDate < warrantyStart + 12 months", active.Text);
        Assert.Equal("warrantyStart + 12 months = 2025-05-30", active.Parts[1].Parts[1].Text + " = " + active.Parts[1].Parts[1].Value);
    }

    [Fact]
    public void Facts_say_whether_the_claim_gave_them_or_a_default_or_nothing_applies()
    {
        var facts = Explain(Overseas).Facts.ToDictionary(f => f.Name);

        Assert.Equal(FactSource.Given, facts["purchasedOverseas"].Source);
        Assert.True(facts["purchasedOverseas"].Value.AsBool);
        Assert.Equal(FactSource.Default, facts["part"].Source);
        Assert.Equal("wholeDevice", facts["part"].Value.ToString());
        Assert.Equal(FactSource.NotGiven, facts["activationDate"].Source);
        Assert.False(facts["activationDate"].Value.IsKnown);
        Assert.Equal(RealPolicy.Value.Policy!.Facts.Select(f => f.Name), facts.Keys);
    }

    [Fact]
    public void The_decision_is_the_one_evaluate_prints()
    {
        var explanation = Explain(AccessoryWithoutPapers);
        var evaluated = new InterpretedEvaluator(RealPolicy.Value.Policy!).Evaluate(Encoding.UTF8.GetBytes(AccessoryWithoutPapers));

        Assert.Equal(DecisionWriter.ToJson(evaluated), DecisionWriter.ToJson(explanation.Decision));
    }

    // ---- Errors and sources ---------------------------------------------------------------------

    [Fact]
    public void A_rejected_claim_is_an_input_error_naming_the_field()
    {
        var invalid = Assert.Throws<Runtime.ClaimInputException>(() =>
            Explain("""{"product":"smartWatch","claimDate":"2024-01-01","invoiceDate":"2024-02-01","cause":"water"}"""));

        Assert.Equal("claimDate", invalid.Field);
    }

    [Fact]
    public void A_policy_that_decides_nothing_is_a_policy_defect()
    {
        var policy = Bind("""
            policy Gap implements "Gap"
            fact broken: bool "Broken."
            warranty from 2024-01-01 through 2024-12-31 active when true
            section "S"
            clause G-1
              quote "Broken things are free."
              when broken
              then free
            """);

        var defect = Assert.Throws<Runtime.PolicyDefectException>(() =>
            new Explainer(policy, new Dictionary<string, string>()).Explain(Encoding.UTF8.GetBytes("""{"broken":false}""")));
        Assert.Contains("No clause", defect.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_source_text_an_expression_is_named_by_its_place_in_the_file()
    {
        var policy = Bind("""
            policy Small implements "Small"
            fact broken: bool "Broken."
            warranty from 2024-01-01 through 2024-12-31 active when true
            section "S"
            clause S-1
              quote "Broken things are free."
              when broken
              then free
            clause S-2
              quote "Whole things are paid."
              when not broken
              then paid
            """);

        var explanation = new Explainer(policy, new Dictionary<string, string>()).Explain(Encoding.UTF8.GetBytes("""{"broken":true}"""));

        Assert.Equal("small.policy(7,8)", explanation.Clauses[0].Condition.Text);
        Assert.Equal("S-1", Assert.Single(explanation.Why.DecidedBy).Id);
    }

    private static BoundPolicy Bind(string text)
    {
        var loaded = QuotedSentences.Bind("small.policy", text);
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        return loaded.Policy!;
    }

    [Fact]
    public void Without_a_warranty_card_or_a_proof_of_purchase_either_one_makes_the_claim_free()
    {
        var explanation = Explain("""
            {"product":"smartWatch","claimDate":"2025-03-10","invoiceDate":"2024-06-01","cause":"manufacturingDefect","hasWarrantyCard":false,"hasProofOfPurchase":false}
            """);

        Assert.Equal(
            new[]
            {
                "Would be free if the customer has the warranty card (WP-2; no longer EX-12)",
                "Would be free if the customer has a valid proof of purchase (WP-2; no longer EX-12)",
            },
            explanation.WhatIfs.Select(ExplanationText.WhatIfText));
        Assert.All(explanation.WhatIfs, w => Assert.Equal(new[] { "replacement" }, w.Remedies.Select(r => r.Name)));
    }

    [Fact]
    public void Water_damage_with_a_missing_sticker_has_no_what_if_because_neither_is_the_customers_to_change()
    {
        var explanation = Explain(WaterDamage);

        Assert.True(explanation.WhatIfsSought);
        Assert.Empty(explanation.WhatIfs);
    }

    [Fact]
    public void An_expired_claim_names_the_last_day_it_would_have_been_covered()
    {
        // The warranty starts on the invoice date, 2024-05-30, and covers claims before 2025-05-30.
        var explanation = Explain(Expired);

        Assert.Equal(
            "Would be free if the day the customer makes the claim at the service centre were 2025-05-29 or earlier (WP-2; no longer EX-2)",
            ExplanationText.WhatIfText(explanation.WhatIfs[0]));
        Assert.Equal("2025-05-29", explanation.WhatIfs[0].Changes.Single().RangeThrough.ToString());
    }
}
