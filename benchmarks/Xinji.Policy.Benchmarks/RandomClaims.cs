using System;
using System.Collections.Generic;
using System.Text;
using Xinji.Warranty;

namespace Xinji.Policy.Benchmarks;

/// <summary>
/// Valid random claims under the XINJI policy, from a fixed seed, so every run and every
/// implementation sees the same claims: dates around the warranty's edges, every cause, product,
/// sticker state and flag.
/// </summary>
internal static class RandomClaims
{
    public const int GateCount = 20_000;

    public static WarrantyClaim[] Make(int count, int seed = 20_240_601)
    {
        var random = new Random(seed);
        var claims = new WarrantyClaim[count];
        for (var i = 0; i < count; i++)
        {
            claims[i] = Make(random);
        }

        return claims;
    }

    /// <summary>Each claim as the UTF-8 JSON a client would send.</summary>
    public static byte[][] Json(IReadOnlyList<WarrantyClaim> claims)
    {
        var json = new byte[claims.Count][];
        for (var i = 0; i < json.Length; i++)
        {
            json[i] = Encoding.UTF8.GetBytes(claims[i].ToJson());
        }

        return json;
    }

    private static WarrantyClaim Make(Random random)
    {
        var claimDate = new DateOnly(2022, 1, 1).AddDays(random.Next(0, 3 * 365));

        // Dates before the claim date, some near the 12-month edge, some unknown.
        DateOnly? Before() => random.Next(5) switch
        {
            0 => null,
            1 => claimDate.AddMonths(-12).AddDays(random.Next(-3, 4)),
            _ => claimDate.AddDays(-random.Next(0, 800)),
        };

        var activation = Before();
        var invoice = Before();
        var delivery = Before();
        var product = (Product)random.Next(3);
        var part = product == Product.SmartWatch && random.Next(3) == 0 ? Part.WatchBody : Part.WholeDevice;

        // Most claims are plain defects with everything in order, so free decisions are common.
        var plain = random.Next(2) == 0;
        return new WarrantyClaim
        {
            Product = product,
            Part = part,
            ClaimDate = claimDate,
            ActivationDate = activation,
            InvoiceDate = invoice,
            DeliveryDate = delivery,
            Cause = plain ? Cause.ManufacturingDefect : (Cause)random.Next(11),
            WarrantySticker = plain || random.Next(4) != 0 ? StickerState.Intact : (StickerState)random.Next(4),
            Rooted = !plain && random.Next(4) == 0,
            RestorableBySoftwareUpdate = plain || random.Next(2) == 0,
            RepairedElsewhere = !plain && random.Next(8) == 0,
            PurchasedOverseas = !plain && random.Next(8) == 0,
            UnofficialCommitment = !plain && random.Next(8) == 0,
            AccessoryWarrantyProven = random.Next(2) == 0,
            HasWarrantyCard = plain || random.Next(3) != 0,
            HasProofOfPurchase = plain || random.Next(3) != 0,
        };
    }
}
