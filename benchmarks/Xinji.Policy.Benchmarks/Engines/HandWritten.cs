using System;
using Xinji.Policy.Runtime;
using Xinji.Warranty;

namespace Xinji.Policy.Benchmarks;

/// <summary>What the XINJI policy decides, as a developer would write it by hand: one value of masks and dates.</summary>
internal readonly record struct HandDecision(Coverage Coverage, DateOnly? Start, DateOnly? End, bool Active, ulong Clauses, uint Remedies, uint Requirements, uint Notes)
{
    public Fingerprint Fingerprint => new(Coverage, Start, End, Active, Clauses, Remedies, Requirements, Notes);
}

/// <summary>
/// The XINJI policy as plain if/else over the claim: the baseline the generated evaluator is held
/// to. Bits follow the generated clause table and outcome enums, so the gate compares masks.
/// </summary>
internal static class HandWritten
{
    public static readonly string[] RemedyCodes = { "repair", "replacement" };
    public static readonly string[] RequirementCodes = { "bringOriginalBox", "presentInvoice", "customerApprovalBeforeFlashing", "priorAppointment" };
    public static readonly string[] NoteCodes = { "replacedPartsOwnedByXinji", "accessoryWarrantyProofAccepted", "nationalLawsPrevail", "finalAnalysisReserved" };

    // Clause bits, in the order of the policy's files.
    private const int WP2 = 0, WD4 = 1, WD5 = 2, WD6 = 3, WD7 = 4, WD8 = 5, WD9 = 6, WD10 = 7, WD11 = 8, WD12 = 9;
    private const int EX1 = 10, EX2 = 11, EX3 = 12, EX4 = 13, EX5 = 14, EX6 = 15, EX7 = 16, EX8 = 17, EX9 = 18, EX10 = 19, EX11 = 20, EX12 = 21, EX13 = 22, EX14 = 23, EX15 = 24;
    private const uint Repair = 1, Replacement = 2;
    private const uint BringOriginalBox = 1, PresentInvoice = 2, CustomerApproval = 4, PriorAppointment = 8;
    private const uint ReplacedParts = 1, AccessoryProof = 2, NationalLaws = 4, FinalAnalysis = 8;

    private static readonly DateOnly MinDate = new(1900, 1, 1);
    private static readonly DateOnly MaxDate = new(2199, 12, 31);

    public static HandDecision Evaluate(WarrantyClaim c)
    {
        ArgumentNullException.ThrowIfNull(c);
        Check(c.ClaimDate);
        Check(c.ActivationDate);
        Check(c.InvoiceDate);
        Check(c.DeliveryDate);
        if (c.ClaimDate < c.InvoiceDate || c.ClaimDate < c.ActivationDate)
        {
            throw new ClaimInputException("claimDate", "The claim date is before the invoice or activation date.");
        }

        if (c.DeliveryDate > c.ClaimDate)
        {
            throw new ClaimInputException("deliveryDate", "The delivery date is after the claim date.");
        }

        if (c.Part == Part.WatchBody && c.Product != Product.SmartWatch)
        {
            throw new ClaimInputException("part", "Only a smart watch has a separate watch body.");
        }

        var invoiceOrDelivery = c.DeliveryDate > c.InvoiceDate ? c.DeliveryDate : c.InvoiceDate;
        DateOnly? start = c.ActivationDate is { } a
            ? (invoiceOrDelivery is { } i && i < a ? i : a)
            : invoiceOrDelivery;
        DateOnly? end = null;
        var active = false;
        if (start is { } s)
        {
            var next = s.AddMonths(12);
            end = next.AddDays(-1);
            active = s <= c.ClaimDate && c.ClaimDate < next;
        }

        var clauses = (1UL << WD11) | (1UL << EX15);
        var remedies = 0U;
        var requirements = 0U;
        var notes = NationalLaws | FinalAnalysis;
        var noCardNorProof = !c.HasWarrantyCard && !c.HasProofOfPurchase;
        var paid = false;

        void Paid(int clause)
        {
            clauses |= 1UL << clause;
            paid = true;
        }

        if (c.Rooted && !c.RestorableBySoftwareUpdate)
        {
            Paid(WD9);
        }

        if (c.WarrantySticker != StickerState.Intact)
        {
            Paid(EX3);
        }

        if (c.UnofficialCommitment)
        {
            Paid(EX10);
        }

        if (c.RepairedElsewhere)
        {
            Paid(EX11);
        }
        var accessoryProof = noCardNorProof && c.Product == Product.Accessory && c.AccessoryWarrantyProven;
        if (accessoryProof)
        {
            clauses |= 1UL << EX13;
            notes |= AccessoryProof;
        }

        if (noCardNorProof && !accessoryProof)
        {
            Paid(EX12);
        }

        if (c.PurchasedOverseas)
        {
            Paid(EX14);
            requirements |= PriorAppointment;
        }

        var free = !paid && active && c.Cause == Cause.ManufacturingDefect;
        if (free)
        {
            clauses |= 1UL << WP2;
        }

        if (c.Rooted && c.RestorableBySoftwareUpdate)
        {
            clauses |= 1UL << WD10;
            requirements |= CustomerApproval;
        }

        if (start is null)
        {
            Paid(WD12);
        }
        else if (!active)
        {
            Paid(EX2);
        }
        switch (c.Cause)
        {
            case Cause.NaturalWear: Paid(EX4); break;
            case Cause.NonXinjiAccessory: Paid(EX5); break;
            case Cause.ExtremeConditions: Paid(EX6); break;
            case Cause.ActOfGod: Paid(EX7); break;
            case Cause.AbnormalUse or Cause.AbnormalStorage or Cause.AbnormalOperation: Paid(EX8); break;
            case Cause.Fall or Cause.Squeeze or Cause.Water: Paid(EX9); break;
        }

        if (free == paid)
        {
            throw free ? PolicyDefectException.Conflict(Array.Empty<string>(), Array.Empty<string>()) : PolicyDefectException.Gap();
        }

        if (free)
        {
            clauses |= 1UL << WD4;
            requirements |= BringOriginalBox | PresentInvoice;
            var other = c.Product is Product.IotDevice or Product.Accessory;
            if (c.Product == Product.SmartWatch)
            {
                clauses |= 1UL << WD5;
                remedies |= Replacement;
                if (c.Part == Part.WatchBody)
                {
                    clauses |= 1UL << WD6;
                    remedies |= Repair | Replacement;
                }
            }

            if (other)
            {
                clauses |= 1UL << WD7;
                remedies |= Repair;
            }

            if (other || c.Part == Part.WatchBody)
            {
                clauses |= 1UL << WD8;
                notes |= ReplacedParts;
            }
        }
        else
        {
            clauses |= 1UL << EX1;
            remedies |= Repair;
        }

        return new HandDecision(free ? Coverage.Free : Coverage.Paid, start, end, active, clauses, remedies, requirements, notes);
    }

    private static void Check(DateOnly? date)
    {
        if (date is { } d && (d < MinDate || d > MaxDate))
        {
            throw new ClaimInputException("date", "outside the dates a claim can hold");
        }
    }
}
