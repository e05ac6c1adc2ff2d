using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using Xinji.Warranty;

namespace Xinji.Policy.Differential.Tests;

/// <summary>A generated claim; FsCheck prints it as the claim contract's JSON, ready for <c>xinji-policy evaluate -</c>.</summary>
public sealed record ClaimCase(WarrantyClaim Claim)
{
    public override string ToString() => Claim.ToJson();
}

/// <summary>
/// Random claims the schema allows: every value of every fact, with the dates where a calendar
/// rule can go wrong over-represented — month ends, February 28 and 29 in leap and non-leap years
/// (1900 and 2100 are not leap years, 2000 is), the last covered day start + 12 months - 1 day and
/// the day after, activation or delivery on the invoice day, delivery after the invoice, missing
/// dates, and the ends of the range a claim may hold (1900-01-01 to 2199-12-31). Claims the policy
/// rejects (a claim date before the invoice date, a watch body that is not a watch's) come too.
/// </summary>
public static class ClaimGenerator
{
    public static readonly DateOnly MinDate = new(1900, 1, 1);
    public static readonly DateOnly MaxDate = new(2199, 12, 31);

    private static readonly int[] InterestingYears = { 1900, 1901, 1999, 2000, 2003, 2004, 2023, 2024, 2099, 2100, 2101, 2196, 2198, 2199 };

    private static readonly Product[] Products = Enum.GetValues<Product>();
    private static readonly Part[] Parts = Enum.GetValues<Part>();
    private static readonly Cause[] Causes = Enum.GetValues<Cause>();
    private static readonly StickerState[] Stickers = Enum.GetValues<StickerState>();

    public static Arbitrary<ClaimCase> Arbitrary { get; } =
        Arb.From(Claims().Select(c => new ClaimCase(c)), c => Shrink(c.Claim).Select(s => new ClaimCase(s)));

    public static Gen<WarrantyClaim> Claims() =>
        from dates in Dates()
        from product in Gen.Elements(Products)
        from part in Gen.Frequency((4, Gen.Constant(Part.WholeDevice)), (1, Gen.Elements(Parts)))
        from cause in Gen.Frequency((1, Gen.Constant(Cause.ManufacturingDefect)), (1, Gen.Elements(Causes)))
        from flags in Flags()
        select new WarrantyClaim
        {
            Product = product,
            Part = part,
            ClaimDate = dates.Claim,
            ActivationDate = dates.Activation,
            InvoiceDate = dates.Invoice,
            DeliveryDate = dates.Delivery,
            Cause = cause,
            WarrantySticker = flags.Sticker,
            Rooted = flags.Bools[0],
            RestorableBySoftwareUpdate = flags.Bools[1],
            RepairedElsewhere = flags.Bools[2],
            PurchasedOverseas = flags.Bools[3],
            UnofficialCommitment = flags.Bools[4],
            AccessoryWarrantyProven = flags.Bools[5],
            HasWarrantyCard = flags.Bools[6],
            HasProofOfPurchase = flags.Bools[7],
        };

    /// <summary>The claim's dates: activation, invoice and delivery around one anchor day, the claim day around the warranty's edges.</summary>
    private static Gen<(DateOnly Claim, DateOnly? Activation, DateOnly? Invoice, DateOnly? Delivery)> Dates() =>
        from anchor in Day()
        from invoice in Gen.Frequency((4, Gen.Constant<DateOnly?>(anchor)), (1, Gen.Constant<DateOnly?>(null)))
        from activation in Gen.Frequency(
            (3, Gen.Constant<DateOnly?>(null)),
            (2, Gen.Constant<DateOnly?>(anchor)),
            (3, Gen.Choose(1, 60).Select(d => (DateOnly?)Moved(anchor, d))),
            (1, Gen.Choose(-30, -1).Select(d => (DateOnly?)Moved(anchor, d))),
            (1, Day().Select(d => (DateOnly?)d)))
        from delivery in Gen.Frequency(
            (4, Gen.Constant<DateOnly?>(null)),
            (2, Gen.Constant<DateOnly?>(anchor)),
            (3, Gen.Choose(1, 45).Select(d => (DateOnly?)Moved(anchor, d))),
            (1, Gen.Choose(-10, -1).Select(d => (DateOnly?)Moved(anchor, d))),
            (1, Day().Select(d => (DateOnly?)d)))
        from claim in ClaimDay(anchor, activation, invoice, delivery)
        select (claim, activation, invoice, delivery);

    /// <summary>A day somewhere in the range, with calendar edges over-represented.</summary>
    public static Gen<DateOnly> Day() => Gen.Frequency(
        (3, Gen.Choose(0, MaxDate.DayNumber - MinDate.DayNumber).Select(d => MinDate.AddDays(d))),
        (2, from year in Year() from month in Gen.Choose(1, 12) select new DateOnly(year, month, DateTime.DaysInMonth(year, month))),
        (2, from year in Year() from day in Gen.Elements(28, 29, 30) select LeapDay(year, day)),
        (1, from year in Year() from month in Gen.Choose(1, 12) select new DateOnly(year, month, 1)),
        (1, Gen.Elements(MinDate, MinDate.AddDays(1), MaxDate, MaxDate.AddDays(-1), MaxDate.AddMonths(-12), MaxDate.AddMonths(-12).AddDays(1), new DateOnly(2198, 12, 31))));

    private static Gen<int> Year() => Gen.Frequency((1, Gen.Elements(InterestingYears)), (1, Gen.Choose(MinDate.Year, MaxDate.Year)));

    /// <summary>February 28, February 29 where the year has one (else March 1), or March 1 for 30.</summary>
    private static DateOnly LeapDay(int year, int day) => day switch
    {
        28 => new DateOnly(year, 2, 28),
        29 when DateTime.IsLeapYear(year) => new DateOnly(year, 2, 29),
        _ => new DateOnly(year, 3, 1),
    };

    /// <summary>The claim day: near the last covered day of a warranty starting on one of the claim's
    /// days (most often the start the policy's reading gives), the start itself, or anywhere.</summary>
    private static Gen<DateOnly> ClaimDay(DateOnly anchor, DateOnly? activation, DateOnly? invoice, DateOnly? delivery)
    {
        var invoiceOrDelivery = delivery > invoice ? delivery : invoice;
        var start = activation is { } a && (invoiceOrDelivery is null || a < invoiceOrDelivery) ? a : invoiceOrDelivery;
        var bases = new[] { start, activation, invoice, delivery }.OfType<DateOnly>().Append(anchor).ToArray();
        var @base = start is { } s
            ? Gen.Frequency((3, Gen.Constant(s)), (1, Gen.Elements(bases)))
            : Gen.Elements(bases);
        return Gen.Frequency(
            (8, from b in @base from offset in Offset() select offset(b)),
            (1, Day()));
    }

    /// <summary>A move from a day: to the warranty's last day and around it, to the same day and around it, or a little further.</summary>
    private static Gen<Func<DateOnly, DateOnly>> Offset() => Gen.Frequency(
        (4, Gen.Elements<Func<DateOnly, DateOnly>>(
            d => Moved(d, months: 12, days: -1),
            d => Moved(d, months: 12),
            d => Moved(d, months: 12, days: 1),
            d => Moved(d, months: 12, days: -2))),
        (2, Gen.Elements<Func<DateOnly, DateOnly>>(d => d, d => Moved(d, 1), d => Moved(d, -1))),
        (2, Gen.Choose(0, 400).Select<int, Func<DateOnly, DateOnly>>(n => d => Moved(d, n))),
        (1, Gen.Choose(-2, 14).Select<int, Func<DateOnly, DateOnly>>(n => d => Moved(d, months: n))),
        (1, Gen.Choose(-400, -1).Select<int, Func<DateOnly, DateOnly>>(n => d => Moved(d, n))));

    /// <summary>Moves a day by days or calendar months (AddMonths: the 31st becomes the month's last day), staying in the range.</summary>
    public static DateOnly Moved(DateOnly day, int days = 0, int months = 0)
    {
        var target = day;
        if (months != 0)
        {
            // Past either end of the range the move clamps, rather than leave the dates a claim may hold.
            var year = (day.Year * 12 + day.Month - 1 + months) / 12;
            target = year < MinDate.Year ? MinDate : year > MaxDate.Year ? MaxDate : day.AddMonths(months);
        }

        var number = (long)target.DayNumber + days;
        return number < MinDate.DayNumber ? MinDate : number > MaxDate.DayNumber ? MaxDate : DateOnly.FromDayNumber((int)number);
    }

    /// <summary>The sticker and the yes/no facts: all at their defaults for a third of the claims, else each away from it now and then.</summary>
    private static Gen<(StickerState Sticker, bool[] Bools)> Flags()
    {
        bool[] defaults = { false, true, false, false, false, false, true, true };
        return from noise in Gen.Elements(0, 10, 40)
               from sticker in Gen.Choose(0, 99).SelectMany(x => x < noise ? Gen.Elements(Stickers) : Gen.Constant(StickerState.Intact))
               from draws in Gen.ArrayOf(Gen.Choose(0, 99), defaults.Length)
               select (sticker, draws.Select((x, i) => x < noise ? !defaults[i] : defaults[i]).ToArray());
    }

    /// <summary>
    /// Simpler claims, each still one the schema allows: missing dates, fewer distinct dates, facts
    /// back at their defaults, the first value of each enum, and the dates moved together near 2000.
    /// FsCheck keeps the first that still fails and shrinks again, down to a minimal claim.
    /// </summary>
    public static IEnumerable<WarrantyClaim> Shrink(WarrantyClaim claim)
    {
        if (claim.ActivationDate is not null)
        {
            yield return claim with { ActivationDate = null };
        }

        if (claim.DeliveryDate is not null)
        {
            yield return claim with { DeliveryDate = null };
        }

        if (claim.InvoiceDate is not null)
        {
            yield return claim with { InvoiceDate = null };
        }

        if (claim.ActivationDate is { } activation && claim.InvoiceDate is { } invoice && activation != invoice)
        {
            yield return claim with { ActivationDate = invoice };
        }

        if (claim.DeliveryDate is { } delivery && claim.InvoiceDate is { } invoiced && delivery != invoiced)
        {
            yield return claim with { DeliveryDate = invoiced };
        }

        if (claim.Cause != Cause.ManufacturingDefect)
        {
            yield return claim with { Cause = Cause.ManufacturingDefect };
        }

        if (claim.Product != Product.SmartWatch)
        {
            yield return claim with { Product = Product.SmartWatch };
        }

        if (claim.Part != Part.WholeDevice)
        {
            yield return claim with { Part = Part.WholeDevice };
        }

        if (claim.WarrantySticker != StickerState.Intact)
        {
            yield return claim with { WarrantySticker = StickerState.Intact };
        }

        var defaults = new WarrantyClaim { Product = claim.Product, ClaimDate = claim.ClaimDate, Cause = claim.Cause };
        foreach (var simpler in new[]
                 {
                     claim with { Rooted = defaults.Rooted },
                     claim with { RestorableBySoftwareUpdate = defaults.RestorableBySoftwareUpdate },
                     claim with { RepairedElsewhere = defaults.RepairedElsewhere },
                     claim with { PurchasedOverseas = defaults.PurchasedOverseas },
                     claim with { UnofficialCommitment = defaults.UnofficialCommitment },
                     claim with { AccessoryWarrantyProven = defaults.AccessoryWarrantyProven },
                     claim with { HasWarrantyCard = defaults.HasWarrantyCard },
                     claim with { HasProofOfPurchase = defaults.HasProofOfPurchase },
                 })
        {
            if (simpler != claim)
            {
                yield return simpler;
            }
        }

        // Whole leap cycles keep February 29 where it is (the range crosses no century in between when it lands near 2000).
        var earliest = new[] { claim.ActivationDate, claim.InvoiceDate, claim.DeliveryDate, claim.ClaimDate }.OfType<DateOnly>().Min();
        var years = (2000 - earliest.Year) / 4 * 4;
        if (years != 0 && Shifted(claim, years) is { } nearer)
        {
            yield return nearer;
        }
    }

    private static WarrantyClaim? Shifted(WarrantyClaim claim, int years)
    {
        DateOnly? Move(DateOnly? day) => day?.AddYears(years);
        var latest = new[] { claim.ActivationDate, claim.InvoiceDate, claim.DeliveryDate, claim.ClaimDate }.OfType<DateOnly>().Max();
        if (latest.Year + years > MaxDate.Year)
        {
            return null;
        }

        return claim with
        {
            ClaimDate = claim.ClaimDate.AddYears(years),
            ActivationDate = Move(claim.ActivationDate),
            InvoiceDate = Move(claim.InvoiceDate),
            DeliveryDate = Move(claim.DeliveryDate),
        };
    }
}
