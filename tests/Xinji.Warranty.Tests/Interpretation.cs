using System;
using System.Collections.Generic;
using Xinji.Policy.Runtime;

namespace Xinji.Warranty.Tests;

/// <summary>
/// The interpretation agreed in the issue, written out a second time, independently of the
/// policy files and of the generator: the reference the many-claims test compares against.
/// It reads only the claim's properties; it calls nothing in Xinji.Warranty.
/// </summary>
internal static class Interpretation
{
    public static Expected Decide(WarrantyClaim claim)
    {
        // Start: earliest of activation and invoice; a delivery later than the invoice stands in for it.
        var invoice = claim.InvoiceDate;
        if (claim.DeliveryDate is { } delivery && invoice is { } invoiced && delivery > invoiced)
        {
            invoice = delivery;
        }

        DateOnly? start = (claim.ActivationDate, invoice) switch
        {
            ({ } a, { } i) => a < i ? a : i,
            ({ } a, null) => a,
            (null, { } i) => i,
            _ => null,
        };
        DateOnly? end = start?.AddMonths(12).AddDays(-1);
        var active = start is { } s && s <= claim.ClaimDate && claim.ClaimDate < s.AddMonths(12);

        var noPapers = !claim.HasWarrantyCard && !claim.HasProofOfPurchase;
        var accessoryException = noPapers && claim.Product == Product.Accessory && claim.AccessoryWarrantyProven;

        // The exclusions and the clause that states each.
        var exclusions = new List<string>();
        if (start is null)
        {
            exclusions.Add("WD-12"); // no period was ever established
        }
        else if (!active)
        {
            exclusions.Add("EX-2"); // the period ran out (or has not begun)
        }

        if (claim.WarrantySticker != StickerState.Intact)
        {
            exclusions.Add("EX-3");
        }

        if (claim.Rooted && !claim.RestorableBySoftwareUpdate)
        {
            exclusions.Add("WD-9");
        }

        if (claim.RepairedElsewhere)
        {
            exclusions.Add("EX-11");
        }

        if (noPapers && !accessoryException)
        {
            exclusions.Add("EX-12");
        }

        if (claim.PurchasedOverseas)
        {
            exclusions.Add("EX-14");
        }

        if (claim.UnofficialCommitment)
        {
            exclusions.Add("EX-10");
        }

        var causeClause = CauseClause(claim.Cause);
        if (causeClause is not null)
        {
            exclusions.Add(causeClause);
        }

        var free = active && claim.Cause == Cause.ManufacturingDefect && exclusions.Count == 0;

        var cited = new List<string>(exclusions) { "WD-11", "EX-15" };
        var remedies = new List<Remedy>();
        var requirements = new List<Requirement>();
        var notes = new List<Note>();

        if (free)
        {
            cited.Add("WP-2");
            cited.Add("WD-4");
            requirements.Add(Requirement.BringOriginalBox);
            requirements.Add(Requirement.PresentInvoice);
            switch (claim.Product)
            {
                case Product.SmartWatch when claim.Part == Part.WatchBody:
                    cited.Add("WD-5");
                    cited.Add("WD-6");
                    remedies.Add(Remedy.Repair);
                    remedies.Add(Remedy.Replacement);
                    break;
                case Product.SmartWatch:
                    cited.Add("WD-5");
                    remedies.Add(Remedy.Replacement);
                    break;
                default:
                    cited.Add("WD-7");
                    remedies.Add(Remedy.Repair);
                    break;
            }

            if (remedies.Contains(Remedy.Repair))
            {
                cited.Add("WD-8");
                notes.Add(Note.ReplacedPartsOwnedByXinji);
            }
        }
        else
        {
            cited.Add("EX-1");
            remedies.Add(Remedy.Repair);
        }

        if (claim.Rooted && claim.RestorableBySoftwareUpdate)
        {
            cited.Add("WD-10");
            requirements.Add(Requirement.CustomerApprovalBeforeFlashing);
        }

        if (claim.PurchasedOverseas)
        {
            requirements.Add(Requirement.PriorAppointment);
        }

        if (accessoryException)
        {
            cited.Add("EX-13");
            notes.Add(Note.AccessoryWarrantyProofAccepted);
        }

        notes.Add(Note.NationalLawsPrevail);
        notes.Add(Note.FinalAnalysisReserved);

        return new Expected(
            free ? Coverage.Free : Coverage.Paid,
            remedies.ToArray(),
            requirements.ToArray(),
            notes.ToArray(),
            PolicyOrder.Sort(cited),
            start,
            end,
            active);
    }

    /// <summary>The exclusion clause a cause other than a manufacturing defect falls under.</summary>
    public static string? CauseClause(Cause cause) => cause switch
    {
        Cause.ManufacturingDefect => null,
        Cause.NaturalWear => "EX-4",
        Cause.NonXinjiAccessory => "EX-5",
        Cause.ExtremeConditions => "EX-6",
        Cause.ActOfGod => "EX-7",
        Cause.AbnormalUse or Cause.AbnormalStorage or Cause.AbnormalOperation => "EX-8",
        Cause.Fall or Cause.Squeeze or Cause.Water => "EX-9",
        _ => throw new ArgumentOutOfRangeException(nameof(cause), cause, "a cause the acceptance tests do not know"),
    };
}
