using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Xinji.Warranty;

namespace Xinji.Policy.Differential.Tests;

/// <summary>
/// The claims the differential test runs on: all of them allowed by the schema, and the date edge
/// cases frequent enough that 100,000 claims hit each thousands of times.
/// </summary>
public class ClaimGeneratorTests
{
    private const int Samples = 20_000;

    private static readonly Lazy<WarrantyClaim[]> Sample = new(() =>
        Gen.Sample(ClaimGenerator.Claims(), Samples, new Rnd(20250610UL), 50));

    private static double Share(Func<WarrantyClaim, bool> predicate) => (double)Sample.Value.Count(predicate) / Sample.Value.Length;

    private static IEnumerable<DateOnly> Dates(WarrantyClaim c) =>
        new[] { c.ClaimDate, c.ActivationDate, c.InvoiceDate, c.DeliveryDate }.OfType<DateOnly>();

    /// <summary>The warranty start as the issue reads the document (the acceptance tests' reading), to aim at its edges.</summary>
    private static DateOnly? Start(WarrantyClaim c)
    {
        var invoice = c.DeliveryDate > c.InvoiceDate ? c.DeliveryDate : c.InvoiceDate;
        return c.ActivationDate is { } a && (invoice is null || a < invoice) ? a : invoice;
    }

    [Fact]
    public void Every_claim_is_one_the_schema_allows_and_survives_its_json()
    {
        Assert.Equal(Samples, Sample.Value.Length);
        foreach (var claim in Sample.Value)
        {
            Assert.All(Dates(claim), d => Assert.InRange(d, ClaimGenerator.MinDate, ClaimGenerator.MaxDate));
            Assert.True(Enum.IsDefined(claim.Product) && Enum.IsDefined(claim.Part) && Enum.IsDefined(claim.Cause) && Enum.IsDefined(claim.WarrantySticker));
            var json = Encoding.UTF8.GetBytes(claim.ToJson());
            Assert.Equal(claim, WarrantyClaim.FromJson(json));
            // Every fact of the policy is read back: stated, defaulted or unknown.
            Assert.Equal(ReferencePolicy.Interpreter.Interpreter.Policy.Facts.Count, ReferencePolicy.Interpreter.ReadClaim(json).Count);
        }
    }

    [Fact]
    public void Every_value_of_every_fact_occurs()
    {
        var claims = Sample.Value;

        Assert.Equal(Enum.GetValues<Product>(), claims.Select(c => c.Product).Distinct().Order());
        Assert.Equal(Enum.GetValues<Part>(), claims.Select(c => c.Part).Distinct().Order());
        Assert.Equal(Enum.GetValues<Cause>(), claims.Select(c => c.Cause).Distinct().Order());
        Assert.Equal(Enum.GetValues<StickerState>(), claims.Select(c => c.WarrantySticker).Distinct().Order());
        foreach (var flag in new Func<WarrantyClaim, bool>[]
                 {
                     c => c.Rooted, c => c.RestorableBySoftwareUpdate, c => c.RepairedElsewhere, c => c.PurchasedOverseas,
                     c => c.UnofficialCommitment, c => c.AccessoryWarrantyProven, c => c.HasWarrantyCard, c => c.HasProofOfPurchase,
                 })
        {
            Assert.InRange(Share(flag), 0.05, 0.95);
        }
    }

    [Theory]
    [InlineData("claim on the last covered day, start + 12 months - 1 day", 0.05)]
    [InlineData("claim on the day after the last covered day", 0.05)]
    [InlineData("claim on the warranty's first day", 0.03)]
    [InlineData("activation on the invoice day", 0.10)]
    [InlineData("delivery after the invoice", 0.10)]
    [InlineData("no activation date", 0.15)]
    [InlineData("no invoice date", 0.10)]
    [InlineData("no delivery date", 0.20)]
    [InlineData("no date to start the warranty", 0.02)]
    [InlineData("a month's last day", 0.10)]
    [InlineData("February 29", 0.01)]
    [InlineData("February 28 of a non-leap year", 0.01)]
    [InlineData("a date in 1900 or 2100, century years that are not leap years", 0.01)]
    [InlineData("the first or last date a claim can hold", 0.002)]
    [InlineData("a claim date before the invoice date", 0.05)]
    public void Date_edge_cases_are_over_represented(string edge, double atLeast)
    {
        Func<WarrantyClaim, bool> predicate = edge switch
        {
            "claim on the last covered day, start + 12 months - 1 day" => c => Start(c) is { } s && c.ClaimDate == s.AddMonths(12).AddDays(-1),
            "claim on the day after the last covered day" => c => Start(c) is { } s && c.ClaimDate == s.AddMonths(12),
            "claim on the warranty's first day" => c => Start(c) == c.ClaimDate,
            "activation on the invoice day" => c => c.ActivationDate is not null && c.ActivationDate == c.InvoiceDate,
            "delivery after the invoice" => c => c.DeliveryDate > c.InvoiceDate,
            "no activation date" => c => c.ActivationDate is null,
            "no invoice date" => c => c.InvoiceDate is null,
            "no delivery date" => c => c.DeliveryDate is null,
            "no date to start the warranty" => c => c.ActivationDate is null && c.InvoiceDate is null,
            "a month's last day" => c => Dates(c).Any(d => d.Day == DateTime.DaysInMonth(d.Year, d.Month)),
            "February 29" => c => Dates(c).Any(d => d is { Month: 2, Day: 29 }),
            "February 28 of a non-leap year" => c => Dates(c).Any(d => d is { Month: 2, Day: 28 } && !DateTime.IsLeapYear(d.Year)),
            "a date in 1900 or 2100, century years that are not leap years" => c => Dates(c).Any(d => d.Year is 1900 or 2100),
            "the first or last date a claim can hold" => c => Dates(c).Any(d => d == ClaimGenerator.MinDate || d == ClaimGenerator.MaxDate),
            "a claim date before the invoice date" => c => c.ClaimDate < c.InvoiceDate,
            _ => throw new ArgumentOutOfRangeException(nameof(edge)),
        };

        Assert.True(Share(predicate) >= atLeast, $"{edge}: {Share(predicate):P2} of the claims, expected at least {atLeast:P1}");
    }

    [Fact]
    public void Most_claims_are_decided_and_some_are_free()
    {
        var outcomes = Sample.Value.Select(c => DecisionOutcome.Of(() => WarrantyPolicy.Evaluate(c))).ToList();

        Assert.InRange(outcomes.Count(o => !o.IsRejected) / (double)Samples, 0.5, 0.95);
        Assert.InRange(outcomes.Count(o => o.IsFree) / (double)Samples, 0.05, 0.5);
    }

    [Fact]
    public void Moving_a_day_stays_in_the_range_a_claim_may_hold()
    {
        Assert.Equal(ClaimGenerator.MaxDate, ClaimGenerator.Moved(new DateOnly(2199, 6, 30), months: 12));
        Assert.Equal(ClaimGenerator.MaxDate, ClaimGenerator.Moved(new DateOnly(2199, 12, 30), days: 5));
        Assert.Equal(ClaimGenerator.MinDate, ClaimGenerator.Moved(new DateOnly(1900, 1, 10), days: -30));
        Assert.Equal(ClaimGenerator.MinDate, ClaimGenerator.Moved(new DateOnly(1900, 1, 31), months: -2));
        Assert.Equal(new DateOnly(2025, 2, 28), ClaimGenerator.Moved(new DateOnly(2024, 2, 29), months: 12));
        Assert.Equal(new DateOnly(2024, 2, 27), ClaimGenerator.Moved(new DateOnly(2023, 2, 28), months: 12, days: -1));
    }

    [Fact]
    public void Shrinking_gives_simpler_claims_the_schema_allows_and_ends()
    {
        foreach (var claim in Sample.Value.Take(2_000))
        {
            // Follow the first candidate each time, as FsCheck does while the property still fails.
            var current = claim;
            for (var step = 0; ; step++)
            {
                Assert.True(step < 40, "Shrinking does not end: " + current.ToJson());
                var next = ClaimGenerator.Shrink(current).FirstOrDefault();
                if (next is null)
                {
                    break;
                }

                Assert.NotEqual(current, next);
                Assert.All(Dates(next), d => Assert.InRange(d, ClaimGenerator.MinDate, ClaimGenerator.MaxDate));
                Assert.Equal(next, WarrantyClaim.FromJson(next.ToJson()));
                current = next;
            }

            // Fully shrunk: no optional date, every fact at its default, dates near 2000.
            Assert.Equal(new WarrantyClaim { Product = Product.SmartWatch, ClaimDate = current.ClaimDate, Cause = Cause.ManufacturingDefect }, current);
            Assert.InRange(current.ClaimDate.Year, 1997, 2003);
        }
    }
}
