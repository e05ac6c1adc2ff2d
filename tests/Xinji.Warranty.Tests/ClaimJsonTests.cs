using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Xinji.Policy.Runtime;
using static Xinji.Warranty.Tests.Expected;

namespace Xinji.Warranty.Tests;

/// <summary>
/// Strict binding of claims from JSON: every input error is a <see cref="ClaimInputException"/>
/// whose Field names the field at fault and whose message is one line naming it; and the
/// shapes of the claim and decision JSON.
/// </summary>
public class ClaimJsonTests
{
    /// <summary>The name the runtime gives the claim as a whole when no single field is at fault.</summary>
    private const string WholeClaim = "(claim)";

    private static readonly (string Name, string Value)[] BaseMembers =
    {
        ("product", "\"smartWatch\""),
        ("claimDate", "\"2025-03-10\""),
        ("invoiceDate", "\"2024-06-01\""),
        ("cause", "\"manufacturingDefect\""),
    };

    /// <summary>
    /// A valid claim (a smart watch with a manufacturing defect in warranty) with members replaced,
    /// added (raw JSON values) or, for a null value, left out.
    /// </summary>
    private static string Json(params (string Name, string? Value)[] changes)
    {
        var members = BaseMembers.Select(m => (m.Name, Value: (string?)m.Value)).ToList();
        foreach (var (name, value) in changes)
        {
            var index = members.FindIndex(m => m.Name == name);
            if (index >= 0)
            {
                members[index] = (name, value);
            }
            else
            {
                members.Add((name, value));
            }
        }

        return "{" + string.Join(",", members.Where(m => m.Value is not null).Select(m => $"\"{m.Name}\":{m.Value}")) + "}";
    }

    private static readonly string ValidClaim = Json();

    /// <summary>Reads and decides the claim, expecting an input error about <paramref name="field"/>.</summary>
    private static ClaimInputException Rejected(string json, string field)
    {
        var error = Assert.Throws<ClaimInputException>(() => WarrantyPolicy.Evaluate(WarrantyClaim.FromJson(json)));
        Assert.Equal(field, error.Field);
        AssertOneLineNaming(error, field);
        return error;
    }

    private static void AssertOneLineNaming(ClaimInputException error, string field)
    {
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.True(
            error.Message.IndexOfAny(new[] { '\r', '\n', '\u0085', '\u2028', '\u2029' }) < 0,
            "the message must be one line: " + JsonSerializer.Serialize(error.Message));
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    // ---- Unknown fields ----------------------------------------------------------------------

    [Fact]
    public void An_unknown_field_is_an_input_error_that_names_it_and_suggests_the_field_it_misspells()
    {
        var error = Rejected(Json(("warantySticker", "\"intact\"")), "warantySticker");

        Assert.Contains("warrantySticker", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hasProofOfPurchse")]
    [InlineData("claimdate")]
    [InlineData("Product")]
    [InlineData("colour")]
    public void Field_names_are_matched_exactly(string name)
    {
        Rejected(Json((name, "\"x\"")), name);
    }

    // ---- Wrong JSON types --------------------------------------------------------------------

    [Theory]
    [InlineData("rooted", "\"true\"")]
    [InlineData("hasWarrantyCard", "1")]
    [InlineData("purchasedOverseas", "\"false\"")]
    [InlineData("claimDate", "20240201")]
    [InlineData("invoiceDate", "20240201")]
    [InlineData("activationDate", "{}")]
    [InlineData("deliveryDate", "[\"2024-06-01\"]")]
    [InlineData("cause", "true")]
    [InlineData("product", "0")]
    [InlineData("warrantySticker", "false")]
    [InlineData("part", "[]")]
    public void A_value_of_the_wrong_JSON_type_is_an_input_error_that_names_the_field(string field, string value)
    {
        Rejected(Json((field, value)), field);
    }

    // ---- Enum values and dates -----------------------------------------------------------------

    [Theory]
    [InlineData("product", "\"smartwatch\"")]
    [InlineData("product", "\"phone\"")]
    [InlineData("part", "\"strap\"")]
    [InlineData("cause", "\"dropped\"")]
    [InlineData("cause", "\"Water\"")]
    [InlineData("warrantySticker", "\"torn\"")]
    [InlineData("warrantySticker", "\"\"")]
    public void An_unknown_enum_value_is_an_input_error_that_names_the_field(string field, string value)
    {
        Rejected(Json((field, value)), field);
    }

    [Theory]
    [InlineData("claimDate", "2024-13-01")]
    [InlineData("claimDate", "2024-2-01")]
    [InlineData("claimDate", "20240201")]
    [InlineData("claimDate", "2025-02-29")]
    [InlineData("claimDate", "2025-03-10T00:00:00")]
    [InlineData("claimDate", "10/03/2025")]
    [InlineData("claimDate", "")]
    [InlineData("invoiceDate", "2024-13-01")]
    [InlineData("activationDate", "2024-2-01")]
    [InlineData("deliveryDate", "20240201")]
    public void A_malformed_date_is_an_input_error_that_names_the_field(string field, string value)
    {
        Rejected(Json((field, "\"" + value + "\"")), field);
    }

    // ---- Missing, duplicate and null fields --------------------------------------------------------

    [Theory]
    [InlineData("product")]
    [InlineData("claimDate")]
    [InlineData("cause")]
    public void A_missing_required_fact_is_an_input_error_that_names_it(string field)
    {
        Rejected(Json((field, null)), field);
    }

    [Theory]
    [InlineData("{\"product\":\"smartWatch\",\"product\":\"iotDevice\",\"claimDate\":\"2025-03-10\",\"invoiceDate\":\"2024-06-01\",\"cause\":\"manufacturingDefect\"}", "product")]
    [InlineData("{\"product\":\"smartWatch\",\"claimDate\":\"2025-03-10\",\"invoiceDate\":\"2024-06-01\",\"cause\":\"manufacturingDefect\",\"cause\":\"manufacturingDefect\"}", "cause")]
    [InlineData("{\"product\":\"smartWatch\",\"claimDate\":\"2025-03-10\",\"deliveryDate\":null,\"deliveryDate\":null,\"cause\":\"water\"}", "deliveryDate")]
    [InlineData("{\"product\":\"smartWatch\",\"claimDate\":\"2025-03-10\",\"cause\":\"water\",\"rooted\":true,\"rooted\":false}", "rooted")]
    public void A_field_given_twice_is_an_input_error_that_names_it(string json, string field)
    {
        Rejected(json, field);
    }

    [Theory]
    [InlineData("product")]
    [InlineData("claimDate")]
    [InlineData("cause")]
    [InlineData("part")]
    [InlineData("warrantySticker")]
    [InlineData("rooted")]
    [InlineData("restorableBySoftwareUpdate")]
    [InlineData("repairedElsewhere")]
    [InlineData("purchasedOverseas")]
    [InlineData("unofficialCommitment")]
    [InlineData("accessoryWarrantyProven")]
    [InlineData("hasWarrantyCard")]
    [InlineData("hasProofOfPurchase")]
    public void Null_for_a_field_that_is_not_optional_is_an_input_error_that_names_it(string field)
    {
        Rejected(Json((field, "null")), field);
    }

    [Fact]
    public void Null_is_accepted_for_the_optional_dates()
    {
        var claim = WarrantyClaim.FromJson(Json(("activationDate", "null"), ("invoiceDate", "null"), ("deliveryDate", "null")));

        Assert.Null(claim.ActivationDate);
        Assert.Null(claim.InvoiceDate);
        Assert.Null(claim.DeliveryDate);
        DecisionAssert.Matches(Paid(null, null, false, new[] { "WD-12" }), WarrantyPolicy.Evaluate(claim));
    }

    [Fact]
    public void Omitted_facts_take_the_documented_defaults()
    {
        var claim = WarrantyClaim.FromJson("""{"product":"iotDevice","claimDate":"2025-03-10","cause":"fall"}""");

        Assert.Equal(Product.IotDevice, claim.Product);
        Assert.Equal(Day("2025-03-10"), claim.ClaimDate);
        Assert.Equal(Cause.Fall, claim.Cause);
        Assert.Null(claim.ActivationDate);
        Assert.Null(claim.InvoiceDate);
        Assert.Null(claim.DeliveryDate);
        Assert.Equal(Part.WholeDevice, claim.Part);
        Assert.Equal(StickerState.Intact, claim.WarrantySticker);
        Assert.False(claim.Rooted);
        Assert.True(claim.RestorableBySoftwareUpdate);
        Assert.False(claim.RepairedElsewhere);
        Assert.False(claim.PurchasedOverseas);
        Assert.False(claim.UnofficialCommitment);
        Assert.False(claim.AccessoryWarrantyProven);
        Assert.True(claim.HasWarrantyCard);
        Assert.True(claim.HasProofOfPurchase);
    }

    [Fact]
    public void A_claim_built_in_code_has_the_same_defaults_as_a_claim_read_from_JSON()
    {
        var claim = new WarrantyClaim { Product = Product.IotDevice, ClaimDate = Day("2025-03-10"), Cause = Cause.Fall };

        Assert.Equal(Part.WholeDevice, claim.Part);
        Assert.Equal(StickerState.Intact, claim.WarrantySticker);
        Assert.False(claim.Rooted);
        Assert.True(claim.RestorableBySoftwareUpdate);
        Assert.False(claim.RepairedElsewhere);
        Assert.False(claim.PurchasedOverseas);
        Assert.False(claim.UnofficialCommitment);
        Assert.False(claim.AccessoryWarrantyProven);
        Assert.True(claim.HasWarrantyCard);
        Assert.True(claim.HasProofOfPurchase);
        Assert.Equal(claim, WarrantyClaim.FromJson("""{"product":"iotDevice","claimDate":"2025-03-10","cause":"fall"}"""));
    }

    [Fact]
    public void Every_field_can_be_given_and_is_read_as_given()
    {
        var claim = WarrantyClaim.FromJson("""
            {
              "product": "smartWatch",
              "part": "watchBody",
              "claimDate": "2025-03-10",
              "activationDate": "2024-06-03",
              "invoiceDate": "2024-06-01",
              "deliveryDate": "2024-06-02",
              "cause": "squeeze",
              "warrantySticker": "altered",
              "rooted": true,
              "restorableBySoftwareUpdate": false,
              "repairedElsewhere": true,
              "purchasedOverseas": true,
              "unofficialCommitment": true,
              "accessoryWarrantyProven": true,
              "hasWarrantyCard": false,
              "hasProofOfPurchase": false
            }
            """);

        Assert.Equal(Product.SmartWatch, claim.Product);
        Assert.Equal(Part.WatchBody, claim.Part);
        Assert.Equal(Day("2025-03-10"), claim.ClaimDate);
        Assert.Equal(Day("2024-06-03"), claim.ActivationDate);
        Assert.Equal(Day("2024-06-01"), claim.InvoiceDate);
        Assert.Equal(Day("2024-06-02"), claim.DeliveryDate);
        Assert.Equal(Cause.Squeeze, claim.Cause);
        Assert.Equal(StickerState.Altered, claim.WarrantySticker);
        Assert.True(claim.Rooted);
        Assert.False(claim.RestorableBySoftwareUpdate);
        Assert.True(claim.RepairedElsewhere);
        Assert.True(claim.PurchasedOverseas);
        Assert.True(claim.UnofficialCommitment);
        Assert.True(claim.AccessoryWarrantyProven);
        Assert.False(claim.HasWarrantyCard);
        Assert.False(claim.HasProofOfPurchase);
    }

    // ---- Not a claim at all ------------------------------------------------------------------------

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("hello")]
    [InlineData("<claim product=\"smartWatch\"/>")]
    [InlineData("{")]
    [InlineData("{product: \"smartWatch\"}")]
    [InlineData("{\"product\":\"smartWatch\",}")]
    [InlineData("{\"product\":\"smartWatch\" \"cause\":\"water\"}")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("42")]
    [InlineData("\"claim\"")]
    public void Input_that_is_not_a_JSON_object_is_an_input_error_about_the_whole_claim(string input)
    {
        Rejected(input, WholeClaim);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData(" x")]
    [InlineData("\n{\"product\":\"iotDevice\",\"claimDate\":\"2025-03-10\",\"cause\":\"fall\"}")]
    [InlineData("]")]
    public void Content_after_the_claim_object_is_an_input_error_about_the_whole_claim(string trailing)
    {
        Rejected(ValidClaim + trailing, WholeClaim);
    }

    [Fact]
    public void Whitespace_around_the_claim_object_is_allowed()
    {
        var claim = WarrantyClaim.FromJson(" \r\n\t" + ValidClaim + "\n\n ");

        Assert.Equal(WarrantyClaim.FromJson(ValidClaim), claim);
    }

    // ---- Claims that cannot be true --------------------------------------------------------------

    [Fact]
    public void A_claim_date_before_the_invoice_date_is_an_input_error_about_the_claim_date()
    {
        Rejected(Json(("claimDate", "\"2024-05-31\"")), "claimDate");
    }

    [Fact]
    public void A_claim_date_before_the_activation_date_is_an_input_error_about_the_claim_date()
    {
        Rejected(Json(("invoiceDate", null), ("activationDate", "\"2025-03-11\"")), "claimDate");
    }

    [Fact]
    public void A_delivery_date_after_the_claim_date_is_an_input_error_about_the_delivery_date()
    {
        Rejected(Json(("deliveryDate", "\"2025-03-11\"")), "deliveryDate");
    }

    [Theory]
    [InlineData("iotDevice")]
    [InlineData("accessory")]
    public void A_watch_body_on_a_product_that_is_not_a_smart_watch_is_an_input_error_about_the_part(string product)
    {
        Rejected(Json(("product", "\"" + product + "\""), ("part", "\"watchBody\"")), "part");
    }

    [Fact]
    public void A_claim_on_the_invoice_activation_and_delivery_day_itself_is_valid()
    {
        var claim = WarrantyClaim.FromJson(Json(("claimDate", "\"2024-06-01\""), ("activationDate", "\"2024-06-01\""), ("deliveryDate", "\"2024-06-01\"")));

        Assert.Equal(Coverage.Free, WarrantyPolicy.Evaluate(claim).Coverage);
    }

    [Theory]
    [InlineData("2024-06-01", null, null, "claimDate")]
    [InlineData(null, "2024-06-01", null, "claimDate")]
    [InlineData(null, null, "2024-06-01", "deliveryDate")]
    public void Impossible_dates_in_a_claim_built_in_code_are_input_errors_too(string? invoice, string? activation, string? delivery, string field)
    {
        var claim = new WarrantyClaim
        {
            Product = Product.SmartWatch,
            ClaimDate = Day("2024-05-31"),
            InvoiceDate = invoice is null ? null : Day(invoice),
            ActivationDate = activation is null ? null : Day(activation),
            DeliveryDate = delivery is null ? null : Day(delivery),
            Cause = Cause.ManufacturingDefect,
        };

        var error = Assert.Throws<ClaimInputException>(() => WarrantyPolicy.Evaluate(claim));
        Assert.Equal(field, error.Field);
        AssertOneLineNaming(error, field);
    }

    [Fact]
    public void A_watch_body_on_an_IoT_device_built_in_code_is_an_input_error_about_the_part()
    {
        var claim = new WarrantyClaim
        {
            Product = Product.IotDevice,
            Part = Part.WatchBody,
            ClaimDate = Day("2025-03-10"),
            InvoiceDate = Day("2024-06-01"),
            Cause = Cause.ManufacturingDefect,
        };

        var error = Assert.Throws<ClaimInputException>(() => WarrantyPolicy.Evaluate(claim));
        Assert.Equal("part", error.Field);
    }

    [Fact]
    public void The_evaluator_for_tools_reports_input_errors_the_same_way()
    {
        IPolicyEvaluator evaluator = WarrantyPolicy.Instance;

        var typo = Assert.Throws<ClaimInputException>(() => evaluator.Evaluate(Encoding.UTF8.GetBytes(Json(("warantySticker", "\"intact\"")))));
        var early = Assert.Throws<ClaimInputException>(() => evaluator.Evaluate(Encoding.UTF8.GetBytes(Json(("claimDate", "\"2024-05-31\"")))));

        Assert.Equal("warantySticker", typo.Field);
        Assert.Equal("claimDate", early.Field);
    }

    // ---- Messages stay on one line whatever the input holds ----------------------------------------

    [Theory]
    [InlineData("cause", "\"water\\ndamage\"")]
    [InlineData("claimDate", "\"2025-03-10\\n\"")]
    [InlineData("rooted", "\"yes\\nplease\"")]
    [InlineData("warrantySticker", "\"torn\\r\\noff\"")]
    public void The_message_stays_on_one_line_when_the_offending_value_contains_a_line_break(string field, string value)
    {
        Rejected(Json((field, value)), field);
    }

    [Fact]
    public void The_message_stays_on_one_line_when_an_unknown_field_name_contains_a_line_break()
    {
        var error = Assert.Throws<ClaimInputException>(() => WarrantyClaim.FromJson(Json(("waranty\\nSticker", "\"intact\""))));

        Assert.Equal("waranty\nSticker", error.Field);
        Assert.True(error.Message.IndexOfAny(new[] { '\r', '\n' }) < 0, "the message must be one line: " + JsonSerializer.Serialize(error.Message));
    }

    [Fact]
    public void A_date_outside_the_supported_range_is_an_input_error_naming_the_field()
    {
        IPolicyEvaluator evaluator = WarrantyPolicy.Instance;
        var json = Encoding.UTF8.GetBytes(Json(("claimDate", "\"9999-07-01\""), ("invoiceDate", "\"9999-06-01\"")));

        var error = Assert.Throws<ClaimInputException>(() => evaluator.Evaluate(json));

        Assert.Equal("claimDate", error.Field);
        Assert.Equal(
            "claimDate: 9999-07-01 is outside the dates a claim can hold, 1900-01-01 to 2199-12-31\n"
            + "invoiceDate: 9999-06-01 is outside the dates a claim can hold, 1900-01-01 to 2199-12-31",
            error.Message);
    }

    [Fact]
    public void A_claim_built_in_code_with_a_date_outside_the_range_is_refused_by_evaluate_not_a_crash()
    {
        var claim = new WarrantyClaim
        {
            Product = Product.SmartWatch,
            ClaimDate = new DateOnly(9999, 7, 1),
            InvoiceDate = new DateOnly(9999, 6, 1),
            Cause = Cause.ManufacturingDefect,
        };

        var error = Assert.Throws<ClaimInputException>(() => WarrantyPolicy.Evaluate(claim));

        Assert.Equal("claimDate", error.Field);
    }

    // ---- The shipped examples --------------------------------------------------------------------

    [Fact]
    public void Every_shipped_example_claim_is_decided_as_the_interpretation_says_or_rejected_for_its_typo()
    {
        var directory = Path.Combine(ClauseAcceptanceTests.RepositoryRoot(), "examples", "claims");
        var claims = new List<(string Origin, string Json)>();
        foreach (var file in Directory.GetFiles(directory).OrderBy(f => f, StringComparer.Ordinal))
        {
            if (file.EndsWith(".jsonl", StringComparison.Ordinal))
            {
                claims.AddRange(File.ReadAllLines(file).Where(l => l.Trim().Length > 0).Select((l, i) => (Path.GetFileName(file) + ":" + (i + 1), l)));
            }
            else
            {
                claims.Add((Path.GetFileName(file), File.ReadAllText(file)));
            }
        }

        Assert.True(claims.Count >= 10, $"only {claims.Count} example claims");
        foreach (var (origin, json) in claims)
        {
            if (origin == "typo-in-field.json")
            {
                Rejected(json, "warantySticker");
                continue;
            }

            var claim = WarrantyClaim.FromJson(json);
            Assert.True(
                DecisionAssert.Describe(Interpretation.Decide(claim)) == DecisionAssert.Describe(WarrantyPolicy.Evaluate(claim)),
                origin + ": " + DecisionAssert.Describe(WarrantyPolicy.Evaluate(claim)));
        }
    }

    // ---- Round trips and the decision contract ----------------------------------------------------

    public static TheoryData<string> ClaimsToRoundTrip() => new()
    {
        """{"product":"smartWatch","claimDate":"2025-03-10","invoiceDate":"2024-06-01","cause":"manufacturingDefect"}""",
        """{"product":"iotDevice","claimDate":"2025-03-10","cause":"abnormalStorage"}""",
        """{"product":"smartWatch","part":"watchBody","claimDate":"2025-03-10","activationDate":"2024-02-29","invoiceDate":"2024-03-01","deliveryDate":"2024-03-05","cause":"water","warrantySticker":"misplaced","rooted":true,"restorableBySoftwareUpdate":false,"repairedElsewhere":true,"purchasedOverseas":true,"unofficialCommitment":true,"accessoryWarrantyProven":true,"hasWarrantyCard":false,"hasProofOfPurchase":false}""",
        """{"product":"accessory","claimDate":"2025-04-01","activationDate":"2024-12-24","cause":"nonXinjiAccessory","hasWarrantyCard":false,"hasProofOfPurchase":false,"accessoryWarrantyProven":true}""",
    };

    [Theory]
    [MemberData(nameof(ClaimsToRoundTrip))]
    public void A_claim_written_to_JSON_reads_back_equal(string json)
    {
        var claim = WarrantyClaim.FromJson(json);

        var again = WarrantyClaim.FromJson(claim.ToJson());

        Assert.Equal(claim, again);
        Assert.Equal(claim.ToJson(), again.ToJson());
    }

    [Fact]
    public void A_claim_built_in_code_reads_back_equal_from_its_JSON_and_from_UTF8_bytes()
    {
        var claim = new WarrantyClaim
        {
            Product = Product.Accessory,
            ClaimDate = Day("2024-12-31"),
            ActivationDate = Day("2024-01-31"),
            DeliveryDate = Day("2024-02-01"),
            Cause = Cause.ExtremeConditions,
            HasProofOfPurchase = false,
            RestorableBySoftwareUpdate = false,
        };

        Assert.Equal(claim, WarrantyClaim.FromJson(claim.ToJson()));
        Assert.Equal(claim, WarrantyClaim.FromJson(Encoding.UTF8.GetBytes(claim.ToJson()).AsSpan()));
    }

    [Fact]
    public void A_claim_written_to_JSON_names_every_field_in_the_contract()
    {
        using var document = JsonDocument.Parse(WarrantyClaim.FromJson(ValidClaim).ToJson());

        Assert.Equal(
            new[]
            {
                "product", "part", "claimDate", "activationDate", "invoiceDate", "deliveryDate", "cause", "warrantySticker", "rooted",
                "restorableBySoftwareUpdate", "repairedElsewhere", "purchasedOverseas", "unofficialCommitment", "accessoryWarrantyProven",
                "hasWarrantyCard", "hasProofOfPurchase",
            },
            document.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2025-03-10", document.RootElement.GetProperty("claimDate").GetString());
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("activationDate").ValueKind);
    }

    [Fact]
    public void The_decision_JSON_has_the_contract_shape_for_a_free_replacement()
    {
        var decision = WarrantyPolicy.Evaluate(WarrantyClaim.FromJson(ValidClaim));

        AssertDecisionJson(
            decision.ToJson(),
            "free",
            new[] { "replacement" },
            "2024-06-01",
            "2025-05-31",
            true,
            new[] { "WP-2", "WD-4", "WD-5", "WD-11", "EX-15" },
            new[] { "bringOriginalBox", "presentInvoice" },
            new[] { "nationalLawsPrevail", "finalAnalysisReserved" });
    }

    [Fact]
    public void The_decision_JSON_has_the_contract_shape_for_a_watch_body_repair_on_a_rooted_watch()
    {
        var decision = WarrantyPolicy.Evaluate(WarrantyClaim.FromJson(Json(("part", "\"watchBody\""), ("rooted", "true"))));

        AssertDecisionJson(
            decision.ToJson(),
            "free",
            new[] { "repair", "replacement" },
            "2024-06-01",
            "2025-05-31",
            true,
            new[] { "WP-2", "WD-4", "WD-5", "WD-6", "WD-8", "WD-10", "WD-11", "EX-15" },
            new[] { "bringOriginalBox", "presentInvoice", "customerApprovalBeforeFlashing" },
            new[] { "replacedPartsOwnedByXinji", "nationalLawsPrevail", "finalAnalysisReserved" });
    }

    [Fact]
    public void The_decision_JSON_has_the_contract_shape_for_a_paid_repair_without_a_warranty_period()
    {
        var decision = WarrantyPolicy.Evaluate(WarrantyClaim.FromJson(Json(("invoiceDate", null), ("purchasedOverseas", "true"))));

        AssertDecisionJson(
            decision.ToJson(),
            "paid",
            new[] { "repair" },
            null,
            null,
            false,
            new[] { "WD-11", "WD-12", "EX-1", "EX-14", "EX-15" },
            new[] { "priorAppointment" },
            new[] { "nationalLawsPrevail", "finalAnalysisReserved" });
    }

    [Fact]
    public void The_decision_JSON_has_the_contract_shape_for_an_accessory_proven_in_warranty()
    {
        var decision = WarrantyPolicy.Evaluate(WarrantyClaim.FromJson(
            """{"product":"accessory","claimDate":"2025-04-01","activationDate":"2024-12-24","cause":"manufacturingDefect","hasWarrantyCard":false,"hasProofOfPurchase":false,"accessoryWarrantyProven":true}"""));

        AssertDecisionJson(
            decision.ToJson(),
            "free",
            new[] { "repair" },
            "2024-12-24",
            "2025-12-23",
            true,
            new[] { "WP-2", "WD-4", "WD-7", "WD-8", "WD-11", "EX-13", "EX-15" },
            new[] { "bringOriginalBox", "presentInvoice" },
            new[] { "replacedPartsOwnedByXinji", "accessoryWarrantyProofAccepted", "nationalLawsPrevail", "finalAnalysisReserved" });
    }

    [Fact]
    public void The_decision_JSON_quotes_each_cited_clause_with_its_section_and_the_documents_text()
    {
        var decision = WarrantyPolicy.Evaluate(WarrantyClaim.FromJson(Json(("cause", "\"water\""), ("warrantySticker", "\"missing\""))));
        using var document = JsonDocument.Parse(decision.ToJson());

        var sticker = document.RootElement.GetProperty("clauses").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "EX-3");
        var water = document.RootElement.GetProperty("clauses").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "EX-9");

        Assert.Equal("Warranty Exclusions", sticker.GetProperty("section").GetString());
        Assert.Equal("Warranty sticker is missing/misplaced or altered.", sticker.GetProperty("text").GetString());
        Assert.Equal("Warranty Exclusions", water.GetProperty("section").GetString());
        Assert.Equal("The device is damaged due to improper use such as falling, squeezing, water damage, etc.,", water.GetProperty("text").GetString());
    }

    private static void AssertDecisionJson(
        string json,
        string coverage,
        string[] remedies,
        string? start,
        string? end,
        bool active,
        string[] clauses,
        string[] requirements,
        string[] notes)
    {
        Assert.DoesNotContain("\n", json, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;

        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        Assert.Equal(new[] { "coverage", "remedies", "warranty", "clauses", "requirements", "notes" }, root.EnumerateObject().Select(p => p.Name));

        Assert.Equal(JsonValueKind.String, root.GetProperty("coverage").ValueKind);
        Assert.Equal(coverage, root.GetProperty("coverage").GetString());

        Assert.Equal(remedies, Strings(root.GetProperty("remedies")));

        var warranty = root.GetProperty("warranty");
        Assert.Equal(JsonValueKind.Object, warranty.ValueKind);
        Assert.Equal(new[] { "start", "end", "active" }, warranty.EnumerateObject().Select(p => p.Name));
        AssertDate(start, warranty.GetProperty("start"));
        AssertDate(end, warranty.GetProperty("end"));
        Assert.Equal(active ? JsonValueKind.True : JsonValueKind.False, warranty.GetProperty("active").ValueKind);

        var clauseArray = root.GetProperty("clauses");
        Assert.Equal(JsonValueKind.Array, clauseArray.ValueKind);
        foreach (var clause in clauseArray.EnumerateArray())
        {
            Assert.Equal(JsonValueKind.Object, clause.ValueKind);
            Assert.Equal(new[] { "id", "section", "text" }, clause.EnumerateObject().Select(p => p.Name));
            Assert.All(clause.EnumerateObject(), p => Assert.Equal(JsonValueKind.String, p.Value.ValueKind));
            Assert.False(string.IsNullOrWhiteSpace(clause.GetProperty("text").GetString()));
        }

        Assert.Equal(clauses, clauseArray.EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.Equal(requirements, Strings(root.GetProperty("requirements")));
        Assert.Equal(notes, Strings(root.GetProperty("notes")));
    }

    private static IEnumerable<string?> Strings(JsonElement array)
    {
        Assert.Equal(JsonValueKind.Array, array.ValueKind);
        Assert.All(array.EnumerateArray(), e => Assert.Equal(JsonValueKind.String, e.ValueKind));
        return array.EnumerateArray().Select(e => e.GetString()).ToList();
    }

    private static void AssertDate(string? expected, JsonElement actual)
    {
        if (expected is null)
        {
            Assert.Equal(JsonValueKind.Null, actual.ValueKind);
        }
        else
        {
            Assert.Equal(JsonValueKind.String, actual.ValueKind);
            Assert.Equal(expected, actual.GetString());
        }
    }
}
