using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Xinji.Policy.Tooling.Tests;

/// <summary>
/// Writes <c>examples/history.jsonl</c>: claims shaped like a service centre's history, for
/// <c>xinji-policy diff</c>. Mostly smart watches and manufacturing defects, claimed up to 18
/// months after purchase and before 2025-10-01 (so most fall inside the warranty), with every exclusion
/// and every input error the policy knows at a realistic rate. Deterministic: a fixed seed and
/// a generator of its own, since <see cref="Random"/>'s sequence for a seed is not a contract.
/// Regenerate with <c>XINJI_ACCEPT_SNAPSHOTS=1 dotnet test tests/Xinji.Policy.Tooling.Tests --filter ClaimHistory</c>.
/// </summary>
internal static class ClaimHistory
{
    public const ulong Seed = 20250310;

    public const int Count = 3000;

    private static readonly DateTime FirstInvoice = new(2023, 1, 1);

    /// <summary>The day the history was taken: no claim is dated later.</summary>
    private static readonly DateTime LastClaim = new(2025, 9, 30);

    public static string Generate()
    {
        var random = new SplitMix64(Seed);
        var text = new StringBuilder();
        for (var i = 0; i < Count; i++)
        {
            text.Append(Claim(random)).Append('\n');
        }

        return text.ToString();
    }

    private static string Claim(SplitMix64 random)
    {
        var fields = new List<(string Name, string Json)>();
        var product = random.Pick(("smartWatch", 60), ("iotDevice", 25), ("accessory", 15));
        var invoice = FirstInvoice.AddDays(random.Next(900));
        DateTime? activation = random.Chance(0.55) ? invoice.AddDays(random.Chance(0.07) ? -1 - random.Next(30) : random.Next(15)) : null;
        DateTime? delivery = random.Chance(0.15) ? invoice.AddDays(1 + random.Next(20)) : null;
        var hasInvoice = !random.Chance(0.06);
        var start = hasInvoice && (activation is null || invoice < activation) ? invoice : activation ?? invoice;
        var claimDate = start.AddDays(1 + random.Next(Math.Max(1, Math.Min(540, (LastClaim - start).Days))));

        // At most one deliberate input error per claim, each as the policy or the claim reader rejects it.
        var error = random.Pick(("none", 945), ("claimBeforeInvoice", 20), ("deliveryAfterClaim", 10), ("watchBodyElsewhere", 8),
            ("misspeltCause", 5), ("unknownCause", 4), ("noClaimDate", 3), ("notADate", 3), ("wrongType", 2));
        if (error == "claimBeforeInvoice")
        {
            hasInvoice = true;
            claimDate = invoice.AddDays(-1 - random.Next(60));
            activation = null;
        }
        else if (error == "deliveryAfterClaim")
        {
            delivery = claimDate.AddDays(1 + random.Next(10));
        }

        fields.Add(("product", Quote(product)));
        var watchBody = product == "smartWatch" ? random.Chance(0.25) : error == "watchBodyElsewhere";
        if (watchBody)
        {
            fields.Add(("part", Quote("watchBody")));
        }

        if (error == "notADate")
        {
            fields.Add(("claimDate", Quote(claimDate.Year.ToString(CultureInfo.InvariantCulture) + "-02-30")));
        }
        else if (error != "noClaimDate")
        {
            fields.Add(("claimDate", Date(claimDate)));
        }

        if (activation is { } a)
        {
            fields.Add(("activationDate", Date(a)));
        }

        if (hasInvoice)
        {
            fields.Add(("invoiceDate", Date(invoice)));
        }
        else if (random.Chance(0.5))
        {
            fields.Add(("invoiceDate", "null"));
        }

        if (delivery is { } d)
        {
            fields.Add(("deliveryDate", Date(d)));
        }

        var cause = random.Pick(("manufacturingDefect", 56), ("fall", 9), ("water", 7), ("squeeze", 3), ("naturalWear", 6), ("abnormalUse", 4),
            ("abnormalStorage", 1), ("abnormalOperation", 2), ("extremeConditions", 2), ("actOfGod", 1), ("nonXinjiAccessory", 3));
        fields.Add((error == "misspeltCause" ? "cuase" : "cause", Quote(error == "unknownCause" ? "dropped" : cause)));

        var sticker = random.Pick(("intact", 86), ("missing", 6), ("misplaced", 4), ("altered", 4));
        if (sticker != "intact" || random.Chance(0.1))
        {
            fields.Add(("warrantySticker", Quote(sticker)));
        }

        if (random.Chance(0.05))
        {
            fields.Add(("rooted", error == "wrongType" ? Quote("yes") : "true"));
            fields.Add(("restorableBySoftwareUpdate", random.Chance(0.6) ? "true" : "false"));
        }
        else if (error == "wrongType")
        {
            fields.Add(("rooted", Quote("no")));
        }

        Flag(fields, random, "repairedElsewhere", 0.03);
        Flag(fields, random, "purchasedOverseas", 0.03);
        Flag(fields, random, "unofficialCommitment", 0.02);
        var noCard = random.Chance(0.08);
        var noProof = random.Chance(product == "accessory" ? 0.3 : 0.07);
        if (product == "accessory" && noCard && noProof)
        {
            fields.Add(("accessoryWarrantyProven", random.Chance(0.5) ? "true" : "false"));
        }

        if (noCard)
        {
            fields.Add(("hasWarrantyCard", "false"));
        }

        if (noProof)
        {
            fields.Add(("hasProofOfPurchase", "false"));
        }

        return "{" + string.Join(",", fields.Select(f => Quote(f.Name) + ":" + f.Json)) + "}";
    }

    /// <summary>A true flag at the given rate; a false one is left to its default, as most claims would.</summary>
    private static void Flag(List<(string Name, string Json)> fields, SplitMix64 random, string name, double chance)
    {
        if (random.Chance(chance))
        {
            fields.Add((name, "true"));
        }
    }

    private static string Quote(string text) => "\"" + text + "\"";

    private static string Date(DateTime date) => Quote(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>SplitMix64 (Steele, Lea and Flood): small, fast, and the same sequence everywhere.</summary>
    private sealed class SplitMix64
    {
        private ulong _state;

        public SplitMix64(ulong seed) => _state = seed;

        private ulong NextUInt64()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>0 to <paramref name="bound"/> - 1; the modulo bias is far below anything this history shows.</summary>
        public int Next(int bound) => (int)(NextUInt64() % (ulong)bound);

        public bool Chance(double probability) => (NextUInt64() >> 11) * (1.0 / (1UL << 53)) < probability;

        public string Pick(params (string Value, int Weight)[] choices)
        {
            var roll = Next(choices.Sum(c => c.Weight));
            foreach (var (value, weight) in choices)
            {
                if (roll < weight)
                {
                    return value;
                }

                roll -= weight;
            }

            throw new InvalidOperationException("unreachable: the roll is below the total weight");
        }
    }
}
