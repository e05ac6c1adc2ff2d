using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xinji.Policy.Runtime;
using static Xinji.Warranty.Tests.Expected;

namespace Xinji.Warranty.Tests;

/// <summary>
/// At least one claim per clause of the fixture copy of the XINJI policy (tests/fixtures/policies/warranty-contract),
/// each asserting the whole decision as the interpretation in the issue describes it: the generator
/// and runtime tested on a policy of XINJI's size. The shipped policy's decisions are its examples.
/// </summary>
public class ClauseAcceptanceTests
{
    // Invoiced 2024-06-01, claimed 2025-03-10: the warranty runs 2024-06-01 to 2025-05-31 and is active.
    private static readonly DateOnly Invoiced = Day("2024-06-01");
    private static readonly DateOnly Claimed = Day("2025-03-10");
    private static readonly DateOnly LastCoveredDay = Day("2025-05-31");

    private static readonly Note[] RepairNotes = { Note.ReplacedPartsOwnedByXinji, Note.NationalLawsPrevail, Note.FinalAnalysisReserved };

    /// <summary>A claim every reading covers: a manufacturing defect well inside the warranty, every paper present.</summary>
    private static WarrantyClaim InWarranty(Product product = Product.SmartWatch, Cause cause = Cause.ManufacturingDefect) => new()
    {
        Product = product,
        ClaimDate = Claimed,
        InvoiceDate = Invoiced,
        Cause = cause,
    };

    /// <summary>A paid decision on a claim inside the warranty period.</summary>
    private static Expected PaidInWarranty(string[] alsoCited, Requirement[]? requirements = null, Note[]? notes = null) =>
        Paid(Invoiced, LastCoveredDay, true, alsoCited, requirements, notes);

    private static void AssertDecision(Expected expected, WarrantyClaim claim) =>
        DecisionAssert.Matches(expected, WarrantyPolicy.Evaluate(claim));

    // ---- Warranty Policy and Warranty Duration ---------------------------------------------

    [Fact]
    public void WP_2_and_WD_5_a_smart_watch_with_a_manufacturing_defect_in_warranty_is_replaced_free()
    {
        AssertDecision(
            new Expected(
                Coverage.Free,
                new[] { Remedy.Replacement },
                FreeRequirements,
                AlwaysNotes,
                new[] { "WP-2", "WD-4", "WD-5", "WD-11", "EX-15" },
                Invoiced,
                LastCoveredDay,
                true),
            InWarranty());
    }

    [Theory]
    [InlineData(Product.SmartWatch)]
    [InlineData(Product.IotDevice)]
    [InlineData(Product.Accessory)]
    public void WD_4_every_free_decision_requires_the_original_box_and_the_invoice(Product product)
    {
        var decision = WarrantyPolicy.Evaluate(InWarranty(product));

        Assert.Equal(Coverage.Free, decision.Coverage);
        Assert.Equal(new[] { Requirement.BringOriginalBox, Requirement.PresentInvoice }, decision.Requirements);
        Assert.True(decision.Cites("WD-4"));
    }

    [Fact]
    public void WD_4_a_paid_decision_requires_neither_the_box_nor_the_invoice()
    {
        var decision = WarrantyPolicy.Evaluate(InWarranty(cause: Cause.Fall));

        Assert.Equal(Coverage.Paid, decision.Coverage);
        Assert.Empty(decision.Requirements);
        Assert.False(decision.Cites("WD-4"));
    }

    [Fact]
    public void WD_6_a_failed_watch_body_is_repaired_or_replaced_and_the_replaced_parts_belong_to_XINJI()
    {
        AssertDecision(
            new Expected(
                Coverage.Free,
                new[] { Remedy.Repair, Remedy.Replacement },
                FreeRequirements,
                RepairNotes,
                new[] { "WP-2", "WD-4", "WD-5", "WD-6", "WD-8", "WD-11", "EX-15" },
                Day("2024-03-20"),
                Day("2025-03-19"),
                true),
            new WarrantyClaim
            {
                Product = Product.SmartWatch,
                Part = Part.WatchBody,
                ClaimDate = Day("2025-01-15"),
                InvoiceDate = Day("2024-03-20"),
                Cause = Cause.ManufacturingDefect,
            });
    }

    [Fact]
    public void WD_7_and_WD_8_an_IoT_device_in_warranty_is_repaired_free_and_the_replaced_parts_belong_to_XINJI()
    {
        AssertDecision(
            new Expected(
                Coverage.Free,
                new[] { Remedy.Repair },
                FreeRequirements,
                RepairNotes,
                new[] { "WP-2", "WD-4", "WD-7", "WD-8", "WD-11", "EX-15" },
                Invoiced,
                LastCoveredDay,
                true),
            InWarranty(Product.IotDevice));
    }

    [Fact]
    public void WD_7_and_WD_8_an_accessory_in_warranty_is_repaired_free_and_the_replaced_parts_belong_to_XINJI()
    {
        AssertDecision(
            new Expected(
                Coverage.Free,
                new[] { Remedy.Repair },
                FreeRequirements,
                RepairNotes,
                new[] { "WP-2", "WD-4", "WD-7", "WD-8", "WD-11", "EX-15" },
                Invoiced,
                LastCoveredDay,
                true),
            InWarranty(Product.Accessory));
    }

    [Fact]
    public void WD_8_a_whole_smart_watch_replaced_free_gets_no_note_about_replaced_parts()
    {
        var decision = WarrantyPolicy.Evaluate(InWarranty(Product.SmartWatch));

        Assert.DoesNotContain(Note.ReplacedPartsOwnedByXinji, decision.Notes);
        Assert.False(decision.Cites("WD-8"));
    }

    [Fact]
    public void WD_9_a_rooted_device_a_software_update_cannot_restore_is_paid()
    {
        AssertDecision(
            PaidInWarranty(new[] { "WD-9" }),
            InWarranty() with { Rooted = true, RestorableBySoftwareUpdate = false });
    }

    [Fact]
    public void WD_10_a_rooted_device_a_software_update_restores_stays_covered_with_the_customers_approval_before_flashing()
    {
        AssertDecision(
            new Expected(
                Coverage.Free,
                new[] { Remedy.Replacement },
                new[] { Requirement.BringOriginalBox, Requirement.PresentInvoice, Requirement.CustomerApprovalBeforeFlashing },
                AlwaysNotes,
                new[] { "WP-2", "WD-4", "WD-5", "WD-10", "WD-11", "EX-15" },
                Invoiced,
                LastCoveredDay,
                true),
            InWarranty() with { Rooted = true, RestorableBySoftwareUpdate = true });
    }

    [Fact]
    public void WD_10_a_rooted_restorable_device_damaged_by_water_is_paid_and_still_needs_approval_before_flashing()
    {
        AssertDecision(
            PaidInWarranty(new[] { "WD-10", "EX-9" }, new[] { Requirement.CustomerApprovalBeforeFlashing }),
            InWarranty(cause: Cause.Water) with { Rooted = true });
    }

    [Fact]
    public void WD_9_and_WD_10_a_restorable_flag_on_a_device_that_is_not_rooted_changes_nothing()
    {
        var expected = new Expected(
            Coverage.Free,
            new[] { Remedy.Replacement },
            FreeRequirements,
            AlwaysNotes,
            new[] { "WP-2", "WD-4", "WD-5", "WD-11", "EX-15" },
            Invoiced,
            LastCoveredDay,
            true);

        AssertDecision(expected, InWarranty() with { Rooted = false, RestorableBySoftwareUpdate = false });
        AssertDecision(expected, InWarranty() with { Rooted = false, RestorableBySoftwareUpdate = true });
    }

    [Theory]
    [InlineData(Cause.ManufacturingDefect)]
    [InlineData(Cause.Water)]
    public void WD_11_and_EX_15_every_decision_notes_that_national_laws_prevail_and_that_XINJI_reserves_the_final_analysis(Cause cause)
    {
        var decision = WarrantyPolicy.Evaluate(InWarranty(cause: cause));

        Assert.True(decision.Cites("WD-11"));
        Assert.True(decision.Cites("EX-15"));
        Assert.Contains(Note.NationalLawsPrevail, decision.Notes);
        Assert.Contains(Note.FinalAnalysisReserved, decision.Notes);
    }

    // ---- Warranty Exclusions ---------------------------------------------------------------

    [Fact]
    public void EX_1_and_EX_2_a_claim_after_the_warranty_expired_is_a_paid_repair()
    {
        AssertDecision(
            Paid(Day("2023-06-01"), Day("2024-05-31"), false, new[] { "EX-2" }),
            new WarrantyClaim
            {
                Product = Product.Accessory,
                ClaimDate = Day("2025-03-10"),
                InvoiceDate = Day("2023-06-01"),
                Cause = Cause.ManufacturingDefect,
            });
    }

    [Theory]
    [InlineData(StickerState.Missing)]
    [InlineData(StickerState.Misplaced)]
    [InlineData(StickerState.Altered)]
    public void EX_3_a_missing_misplaced_or_altered_warranty_sticker_is_paid(StickerState sticker)
    {
        AssertDecision(PaidInWarranty(new[] { "EX-3" }), InWarranty() with { WarrantySticker = sticker });
    }

    [Fact]
    public void EX_4_natural_wear_and_tear_is_paid()
    {
        AssertDecision(PaidInWarranty(new[] { "EX-4" }), InWarranty(cause: Cause.NaturalWear));
    }

    [Fact]
    public void EX_5_use_of_non_XINJI_accessories_is_paid()
    {
        AssertDecision(PaidInWarranty(new[] { "EX-5" }), InWarranty(cause: Cause.NonXinjiAccessory));
    }

    [Fact]
    public void EX_6_usage_under_extreme_conditions_is_paid()
    {
        AssertDecision(PaidInWarranty(new[] { "EX-6" }), InWarranty(cause: Cause.ExtremeConditions));
    }

    [Fact]
    public void EX_7_an_act_of_God_is_paid()
    {
        AssertDecision(PaidInWarranty(new[] { "EX-7" }), InWarranty(cause: Cause.ActOfGod));
    }

    [Theory]
    [InlineData(Cause.AbnormalUse)]
    [InlineData(Cause.AbnormalStorage)]
    [InlineData(Cause.AbnormalOperation)]
    public void EX_8_abnormal_use_storage_or_operation_is_paid(Cause cause)
    {
        AssertDecision(PaidInWarranty(new[] { "EX-8" }), InWarranty(cause: cause));
    }

    [Theory]
    [InlineData(Cause.Fall)]
    [InlineData(Cause.Squeeze)]
    [InlineData(Cause.Water)]
    public void EX_9_falling_squeezing_or_water_damage_is_paid(Cause cause)
    {
        AssertDecision(PaidInWarranty(new[] { "EX-9" }), InWarranty(cause: cause));
    }

    [Fact]
    public void EX_10_a_non_XINJI_official_warranty_commitment_is_paid()
    {
        AssertDecision(PaidInWarranty(new[] { "EX-10" }), InWarranty() with { UnofficialCommitment = true });
    }

    [Fact]
    public void EX_11_a_device_repaired_by_a_non_designated_organisation_is_paid()
    {
        AssertDecision(PaidInWarranty(new[] { "EX-11" }), InWarranty() with { RepairedElsewhere = true });
    }

    [Fact]
    public void EX_12_neither_a_warranty_card_nor_a_proof_of_purchase_is_paid()
    {
        AssertDecision(
            PaidInWarranty(new[] { "EX-12" }),
            InWarranty() with { HasWarrantyCard = false, HasProofOfPurchase = false });
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void EX_12_either_the_warranty_card_or_the_proof_of_purchase_is_enough(bool hasWarrantyCard, bool hasProofOfPurchase)
    {
        AssertDecision(
            new Expected(
                Coverage.Free,
                new[] { Remedy.Replacement },
                FreeRequirements,
                AlwaysNotes,
                new[] { "WP-2", "WD-4", "WD-5", "WD-11", "EX-15" },
                Invoiced,
                LastCoveredDay,
                true),
            InWarranty() with { HasWarrantyCard = hasWarrantyCard, HasProofOfPurchase = hasProofOfPurchase });
    }

    [Fact]
    public void EX_13_an_accessory_proven_within_warranty_is_covered_without_warranty_card_or_proof_of_purchase()
    {
        AssertDecision(
            new Expected(
                Coverage.Free,
                new[] { Remedy.Repair },
                FreeRequirements,
                new[] { Note.ReplacedPartsOwnedByXinji, Note.AccessoryWarrantyProofAccepted, Note.NationalLawsPrevail, Note.FinalAnalysisReserved },
                new[] { "WP-2", "WD-4", "WD-7", "WD-8", "WD-11", "EX-13", "EX-15" },
                Day("2024-12-24"),
                Day("2025-12-23"),
                true),
            new WarrantyClaim
            {
                Product = Product.Accessory,
                ClaimDate = Day("2025-04-01"),
                ActivationDate = Day("2024-12-24"),
                Cause = Cause.ManufacturingDefect,
                HasWarrantyCard = false,
                HasProofOfPurchase = false,
                AccessoryWarrantyProven = true,
            });
    }

    [Theory]
    [InlineData(Product.SmartWatch)]
    [InlineData(Product.IotDevice)]
    public void EX_13_the_accessory_exception_does_not_lift_EX_12_for_a_product_that_is_not_an_accessory(Product product)
    {
        AssertDecision(
            PaidInWarranty(new[] { "EX-12" }),
            InWarranty(product) with { HasWarrantyCard = false, HasProofOfPurchase = false, AccessoryWarrantyProven = true });
    }

    [Fact]
    public void EX_13_the_accessory_exception_does_not_lift_EX_12_when_the_accessory_warranty_is_not_proven()
    {
        AssertDecision(
            PaidInWarranty(new[] { "EX-12" }),
            InWarranty(Product.Accessory) with { HasWarrantyCard = false, HasProofOfPurchase = false, AccessoryWarrantyProven = false });
    }

    [Fact]
    public void EX_13_the_accessory_exception_does_not_lift_the_other_exclusions()
    {
        AssertDecision(
            PaidInWarranty(
                new[] { "EX-9", "EX-13" },
                notes: new[] { Note.AccessoryWarrantyProofAccepted, Note.NationalLawsPrevail, Note.FinalAnalysisReserved }),
            InWarranty(Product.Accessory, Cause.Water) with { HasWarrantyCard = false, HasProofOfPurchase = false, AccessoryWarrantyProven = true });
    }

    [Fact]
    public void EX_13_a_proof_the_accessory_is_in_warranty_is_not_needed_when_the_papers_are_there()
    {
        AssertDecision(
            new Expected(
                Coverage.Free,
                new[] { Remedy.Repair },
                FreeRequirements,
                RepairNotes,
                new[] { "WP-2", "WD-4", "WD-7", "WD-8", "WD-11", "EX-15" },
                Invoiced,
                LastCoveredDay,
                true),
            InWarranty(Product.Accessory) with { AccessoryWarrantyProven = true });
    }

    [Fact]
    public void EX_14_a_product_purchased_overseas_is_a_paid_repair_by_prior_appointment()
    {
        AssertDecision(
            PaidInWarranty(new[] { "EX-14" }, new[] { Requirement.PriorAppointment }),
            InWarranty() with { PurchasedOverseas = true });
    }

    [Fact]
    public void EX_14_and_WD_10_a_rooted_restorable_watch_bought_overseas_is_paid_with_approval_and_appointment()
    {
        AssertDecision(
            Paid(
                Day("2024-08-08"),
                Day("2025-08-07"),
                true,
                new[] { "WD-10", "EX-14" },
                new[] { Requirement.CustomerApprovalBeforeFlashing, Requirement.PriorAppointment }),
            new WarrantyClaim
            {
                Product = Product.SmartWatch,
                ClaimDate = Day("2025-02-20"),
                InvoiceDate = Day("2024-08-08"),
                Cause = Cause.ManufacturingDefect,
                PurchasedOverseas = true,
                Rooted = true,
                RestorableBySoftwareUpdate = true,
            });
    }

    [Fact]
    public void EX_3_and_EX_9_water_damage_with_a_missing_sticker_cites_both_exclusions()
    {
        AssertDecision(
            Paid(Day("2024-11-11"), Day("2025-11-10"), true, new[] { "EX-3", "EX-9" }),
            new WarrantyClaim
            {
                Product = Product.SmartWatch,
                ClaimDate = Day("2025-02-01"),
                InvoiceDate = Day("2024-11-11"),
                Cause = Cause.Water,
                WarrantySticker = StickerState.Missing,
            });
    }

    [Fact]
    public void Every_exclusion_that_applies_is_cited_together()
    {
        AssertDecision(
            Paid(
                Day("2023-01-01"),
                Day("2023-12-31"),
                false,
                new[] { "WD-9", "EX-2", "EX-3", "EX-7", "EX-10", "EX-11", "EX-12", "EX-14" },
                new[] { Requirement.PriorAppointment }),
            new WarrantyClaim
            {
                Product = Product.IotDevice,
                ClaimDate = Day("2025-01-01"),
                InvoiceDate = Day("2023-01-01"),
                Cause = Cause.ActOfGod,
                WarrantySticker = StickerState.Altered,
                Rooted = true,
                RestorableBySoftwareUpdate = false,
                RepairedElsewhere = true,
                PurchasedOverseas = true,
                UnofficialCommitment = true,
                HasWarrantyCard = false,
                HasProofOfPurchase = false,
            });
    }

    [Theory]
    [InlineData(Cause.NaturalWear, "EX-4")]
    [InlineData(Cause.NonXinjiAccessory, "EX-5")]
    [InlineData(Cause.ExtremeConditions, "EX-6")]
    [InlineData(Cause.ActOfGod, "EX-7")]
    [InlineData(Cause.AbnormalUse, "EX-8")]
    [InlineData(Cause.AbnormalStorage, "EX-8")]
    [InlineData(Cause.AbnormalOperation, "EX-8")]
    [InlineData(Cause.Fall, "EX-9")]
    [InlineData(Cause.Squeeze, "EX-9")]
    [InlineData(Cause.Water, "EX-9")]
    public void Every_cause_other_than_a_manufacturing_defect_is_paid_even_after_the_warranty_expired_and_cites_its_exclusion(Cause cause, string clause)
    {
        AssertDecision(
            Paid(Day("2023-06-01"), Day("2024-05-31"), false, new[] { "EX-2", clause }),
            InWarranty(Product.IotDevice, cause) with { InvoiceDate = Day("2023-06-01") });
    }

    [Fact]
    public void Every_cause_of_the_claim_vocabulary_is_either_a_manufacturing_defect_or_one_of_the_documents_exclusions()
    {
        var causes = Enum.GetValues<Cause>();

        Assert.Equal(11, causes.Length);
        Assert.All(causes.Where(c => c != Cause.ManufacturingDefect), c => Assert.NotNull(Interpretation.CauseClause(c)));
    }

    // ---- Recitals, clause metadata, the policy files --------------------------------------------

    [Fact]
    public void Recitals_decide_nothing_and_are_never_cited_by_any_claim()
    {
        foreach (var claim in ManyClaims())
        {
            var decision = WarrantyPolicy.Evaluate(claim);
            var ids = decision.Clauses.Select(c => c.Id).ToList();
            foreach (var recital in PolicyOrder.Recitals)
            {
                Assert.DoesNotContain(recital, ids);
                Assert.False(decision.Cites(recital), $"{recital} cited for {claim}");
            }
        }
    }

    [Fact]
    public void Every_cited_clause_carries_its_documents_section_and_a_sentence_quoted_from_the_document()
    {
        var document = Normalize(File.ReadAllText(Path.Combine(PolicyDirectory(), "after-sales-service-standard.txt")));
        var sections = new Dictionary<string, string>
        {
            ["WP"] = "Warranty Policy",
            ["WD"] = "Warranty Duration",
            ["EX"] = "Warranty Exclusions",
        };
        var seen = new HashSet<string>();

        foreach (var claim in ManyClaims())
        {
            foreach (var clause in WarrantyPolicy.Evaluate(claim).Clauses)
            {
                if (seen.Add(clause.Id))
                {
                    Assert.Equal(sections[clause.Id.Split('-')[0]], clause.Section);
                    Assert.False(string.IsNullOrWhiteSpace(clause.Text), clause.Id);
                    Assert.Contains(Normalize(clause.Text), document, StringComparison.Ordinal);
                }
            }
        }

        // The many claims reach every clause of the policy.
        Assert.Equal(PolicyOrder.Clauses.OrderBy(id => id, StringComparer.Ordinal), seen.OrderBy(id => id, StringComparer.Ordinal));
    }

    [Fact]
    public void The_sticker_exclusion_is_cited_with_the_documents_own_words()
    {
        var decision = WarrantyPolicy.Evaluate(InWarranty() with { WarrantySticker = StickerState.Misplaced });
        var clause = Assert.Single(decision.Clauses, c => c.Id == "EX-3");

        Assert.Equal("Warranty Exclusions", clause.Section);
        Assert.Equal("Warranty sticker is missing/misplaced or altered.", clause.Text);
    }

    [Fact]
    public void The_policy_files_declare_exactly_the_clauses_and_recitals_these_tests_cover()
    {
        var clauses = new List<string>();
        var recitals = new List<string>();
        foreach (var file in Directory.GetFiles(PolicyDirectory(), "*.policy").OrderBy(f => f, StringComparer.Ordinal))
        {
            foreach (Match match in Regex.Matches(File.ReadAllText(file), @"^(clause|recital)[ \t]+(\S+)", RegexOptions.Multiline))
            {
                (match.Groups[1].Value == "clause" ? clauses : recitals).Add(match.Groups[2].Value);
            }
        }

        Assert.Equal(PolicyOrder.Clauses, clauses);
        Assert.Equal(PolicyOrder.Recitals, recitals);
    }

    [Fact]
    public void Every_combination_of_facts_is_decided_as_the_interpretation_says()
    {
        var mismatches = new List<string>();
        var count = 0;
        foreach (var claim in ManyClaims())
        {
            count++;
            var expected = DecisionAssert.Describe(Interpretation.Decide(claim));
            var actual = DecisionAssert.Describe(WarrantyPolicy.Evaluate(claim));
            if (expected != actual && mismatches.Count < 10)
            {
                mismatches.Add($"{claim}{Environment.NewLine}  expected {expected}{Environment.NewLine}  actual   {actual}");
            }
        }

        Assert.True(count > 10_000, $"only {count} claims");
        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
    }

    /// <summary>
    /// Claims over every product, part, cause and exclusion fact, with an active, an expired and
    /// an unknown warranty period.
    /// </summary>
    internal static IEnumerable<WarrantyClaim> ManyClaims()
    {
        var periods = new (DateOnly? Activation, DateOnly? Invoice)[]
        {
            (null, Invoiced),
            (Day("2023-02-01"), Day("2023-01-15")),
            (null, null),
        };
        var papers = new (bool Card, bool Proof, bool Proven)[]
        {
            (true, true, false),
            (false, true, false),
            (false, false, false),
            (false, false, true),
        };
        var rooting = new (bool Rooted, bool Restorable)[] { (false, true), (true, true), (true, false) };

        foreach (var product in Enum.GetValues<Product>())
        {
            foreach (var part in product == Product.SmartWatch ? new[] { Part.WholeDevice, Part.WatchBody } : new[] { Part.WholeDevice })
            {
                foreach (var cause in Enum.GetValues<Cause>())
                {
                    foreach (var (activation, invoice) in periods)
                    {
                        foreach (var sticker in new[] { StickerState.Intact, StickerState.Missing })
                        {
                            foreach (var (rooted, restorable) in rooting)
                            {
                                foreach (var (card, proof, proven) in papers)
                                {
                                    foreach (var flags in Enumerable.Range(0, 8))
                                    {
                                        yield return new WarrantyClaim
                                        {
                                            Product = product,
                                            Part = part,
                                            ClaimDate = Claimed,
                                            ActivationDate = activation,
                                            InvoiceDate = invoice,
                                            Cause = cause,
                                            WarrantySticker = sticker,
                                            Rooted = rooted,
                                            RestorableBySoftwareUpdate = restorable,
                                            RepairedElsewhere = (flags & 1) != 0,
                                            PurchasedOverseas = (flags & 2) != 0,
                                            UnofficialCommitment = (flags & 4) != 0,
                                            HasWarrantyCard = card,
                                            HasProofOfPurchase = proof,
                                            AccessoryWarrantyProven = proven,
                                        };
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static string Normalize(string text) => Regex.Replace(text, @"\s+", " ").Trim();

    /// <summary>The fixture copy of the XINJI policy these tests compile (not the shipped policy/, whose decisions its examples test).</summary>
    internal static string PolicyDirectory() => Path.Combine(RepositoryRoot(), "tests", "fixtures", "policies", "warranty-contract");

    /// <summary>The repository's root, found from the test's output directory.</summary>
    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Xinji.Policy.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("No Xinji.Policy.sln above " + AppContext.BaseDirectory);
    }
}
