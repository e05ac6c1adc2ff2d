using System;
using Xinji.Policy.Runtime;
using static Xinji.Warranty.Tests.Expected;

namespace Xinji.Warranty.Tests;

/// <summary>
/// The warranty period: start = earliest of activation and invoice (a later delivery stands in
/// for the invoice); active from the start up to, not including, start.AddMonths(12); the last
/// covered day is the day before that.
/// </summary>
public class WarrantyPeriodTests
{
    private static WarrantyClaim Claim(string claimDate, string? activation = null, string? invoice = null, string? delivery = null) => new()
    {
        Product = Product.IotDevice,
        ClaimDate = Day(claimDate),
        ActivationDate = activation is null ? null : Day(activation),
        InvoiceDate = invoice is null ? null : Day(invoice),
        DeliveryDate = delivery is null ? null : Day(delivery),
        Cause = Cause.ManufacturingDefect,
    };

    /// <summary>A free IoT repair: what an active warranty with a manufacturing defect gives.</summary>
    private static Expected Free(DateOnly start, DateOnly end) => new(
        Coverage.Free,
        new[] { Remedy.Repair },
        FreeRequirements,
        new[] { Note.ReplacedPartsOwnedByXinji, Note.NationalLawsPrevail, Note.FinalAnalysisReserved },
        new[] { "WP-2", "WD-4", "WD-7", "WD-8", "WD-11", "EX-15" },
        start,
        end,
        true);

    /// <summary>A paid repair because the warranty is not active (EX-2).</summary>
    private static Expected Expired(DateOnly start, DateOnly end) => Paid(start, end, false, new[] { "EX-2" });

    /// <summary>A paid repair because no warranty period was established (WD-12): no start, no end, not EX-2.</summary>
    private static Expected NotEstablished() => Paid(null, null, false, new[] { "WD-12" });

    private static void AssertDecision(Expected expected, WarrantyClaim claim) =>
        DecisionAssert.Matches(expected, WarrantyPolicy.Evaluate(claim));

    // The last covered day, worked out by hand, is checked against DateOnly.AddMonths(12) - 1 day.
    [Theory]
    [InlineData("2024-01-01", "2024-12-31")]
    [InlineData("2024-01-31", "2025-01-30")]
    [InlineData("2024-02-29", "2025-02-27")]
    [InlineData("2023-02-28", "2024-02-27")]
    [InlineData("2023-03-01", "2024-02-29")]
    [InlineData("2024-03-31", "2025-03-30")]
    [InlineData("2024-04-30", "2025-04-29")]
    [InlineData("2024-08-31", "2025-08-30")]
    [InlineData("2023-12-31", "2024-12-30")]
    public void A_claim_on_the_last_covered_day_is_free_and_the_day_after_is_paid_because_the_warranty_expired(string start, string lastCoveredDay)
    {
        var first = Day(start);
        var last = Day(lastCoveredDay);
        Assert.Equal(first.AddMonths(12).AddDays(-1), last);
        var dayAfter = last.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        AssertDecision(Free(first, last), Claim(lastCoveredDay, invoice: start));
        AssertDecision(Expired(first, last), Claim(dayAfter, invoice: start));
        AssertDecision(Free(first, last), Claim(lastCoveredDay, activation: start));
        AssertDecision(Expired(first, last), Claim(dayAfter, activation: start));
    }

    [Fact]
    public void A_warranty_starting_on_a_leap_day_ends_on_the_27th_of_February_of_the_next_year()
    {
        // DateOnly(2024, 2, 29).AddMonths(12) is 2025-02-28, so the last covered day is 2025-02-27.
        AssertDecision(Free(Day("2024-02-29"), Day("2025-02-27")), Claim("2025-02-27", invoice: "2024-02-29"));
        AssertDecision(Expired(Day("2024-02-29"), Day("2025-02-27")), Claim("2025-02-28", invoice: "2024-02-29"));
    }

    [Fact]
    public void A_claim_on_the_first_day_of_the_warranty_is_free()
    {
        AssertDecision(Free(Day("2024-06-01"), Day("2025-05-31")), Claim("2024-06-01", invoice: "2024-06-01"));
    }

    [Fact]
    public void The_warranty_starts_at_the_activation_date_when_it_is_earlier_than_the_invoice_date()
    {
        // From the invoice date, 2025-06-03 would be covered; from the earlier activation it is not.
        AssertDecision(Expired(Day("2024-06-01"), Day("2025-05-31")), Claim("2025-06-03", activation: "2024-06-01", invoice: "2024-06-05"));
        AssertDecision(Free(Day("2024-06-01"), Day("2025-05-31")), Claim("2025-05-31", activation: "2024-06-01", invoice: "2024-06-05"));
    }

    [Fact]
    public void The_warranty_starts_at_the_invoice_date_when_it_is_earlier_than_the_activation_date()
    {
        // From the activation date, 2025-06-03 would be covered; from the earlier invoice it is not.
        AssertDecision(Expired(Day("2024-06-01"), Day("2025-05-31")), Claim("2025-06-03", activation: "2024-06-05", invoice: "2024-06-01"));
        AssertDecision(Free(Day("2024-06-01"), Day("2025-05-31")), Claim("2025-05-31", activation: "2024-06-05", invoice: "2024-06-01"));
    }

    [Fact]
    public void An_IoT_device_activated_a_day_after_the_invoice_is_out_of_warranty_twelve_months_after_the_invoice()
    {
        AssertDecision(Expired(Day("2024-05-30"), Day("2025-05-29")), Claim("2025-06-01", activation: "2024-05-31", invoice: "2024-05-30"));
    }

    [Fact]
    public void A_delivery_later_than_the_invoice_stands_in_for_the_invoice_date()
    {
        // From the invoice date the warranty would have ended on 2025-05-31.
        AssertDecision(Free(Day("2024-06-20"), Day("2025-06-19")), Claim("2025-06-19", invoice: "2024-06-01", delivery: "2024-06-20"));
        AssertDecision(Expired(Day("2024-06-20"), Day("2025-06-19")), Claim("2025-06-20", invoice: "2024-06-01", delivery: "2024-06-20"));
    }

    [Fact]
    public void A_delayed_delivery_does_not_start_the_warranty_after_an_earlier_activation()
    {
        // The delivery replaces the invoice date, then the earliest of activation and that date wins:
        // the warranty runs from 2024-06-10, neither from the invoice (06-01) nor from the delivery (06-20).
        AssertDecision(Free(Day("2024-06-10"), Day("2025-06-09")), Claim("2025-06-05", activation: "2024-06-10", invoice: "2024-06-01", delivery: "2024-06-20"));
        AssertDecision(Expired(Day("2024-06-10"), Day("2025-06-09")), Claim("2025-06-15", activation: "2024-06-10", invoice: "2024-06-01", delivery: "2024-06-20"));
    }

    [Fact]
    public void A_delayed_delivery_starts_the_warranty_when_the_activation_is_later_still()
    {
        AssertDecision(Free(Day("2024-06-20"), Day("2025-06-19")), Claim("2025-06-15", activation: "2024-06-25", invoice: "2024-06-01", delivery: "2024-06-20"));
    }

    [Fact]
    public void A_delivery_earlier_than_the_invoice_is_ignored()
    {
        // From the delivery date the warranty would have ended on 2025-05-31.
        AssertDecision(Free(Day("2024-06-10"), Day("2025-06-09")), Claim("2025-06-05", invoice: "2024-06-10", delivery: "2024-06-01"));
    }

    [Fact]
    public void A_delivery_on_the_invoice_date_changes_nothing()
    {
        AssertDecision(Free(Day("2024-06-10"), Day("2025-06-09")), Claim("2025-06-09", invoice: "2024-06-10", delivery: "2024-06-10"));
    }

    [Fact]
    public void A_delivery_date_without_an_invoice_date_does_not_replace_the_activation_date()
    {
        AssertDecision(Free(Day("2024-06-10"), Day("2025-06-09")), Claim("2025-06-09", activation: "2024-06-10", delivery: "2024-06-01"));
    }

    [Fact]
    public void Without_activation_or_invoice_date_the_warranty_is_not_established_and_has_no_start_or_end()
    {
        AssertDecision(NotEstablished(), Claim("2025-03-10"));
    }

    [Fact]
    public void A_delivery_date_alone_establishes_no_warranty_period()
    {
        AssertDecision(NotEstablished(), Claim("2025-03-10", delivery: "2025-01-10"));
    }

    [Fact]
    public void With_only_an_activation_date_the_warranty_runs_from_the_activation()
    {
        AssertDecision(Free(Day("2024-06-01"), Day("2025-05-31")), Claim("2025-05-31", activation: "2024-06-01"));
    }

    [Fact]
    public void An_expired_warranty_is_paid_even_for_a_smart_watch_with_every_paper()
    {
        var decision = WarrantyPolicy.Evaluate(new WarrantyClaim
        {
            Product = Product.SmartWatch,
            ClaimDate = Day("2025-06-01"),
            InvoiceDate = Day("2024-06-01"),
            Cause = Cause.ManufacturingDefect,
        });

        DecisionAssert.Matches(Expired(Day("2024-06-01"), Day("2025-05-31")), decision);
    }
}
