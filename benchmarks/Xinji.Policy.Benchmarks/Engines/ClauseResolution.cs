using System;
using Xinji.Policy.Runtime;
using Xinji.Warranty;

namespace Xinji.Policy.Benchmarks;

/// <summary>
/// What the rule engines leave to their host: which clauses override which, what each decides and
/// adds. The engines say which conditions hold; this turns that into the decision, in the bits of
/// the generated tables.
/// </summary>
internal static class ClauseResolution
{
    // (clause bit, decides: 'f'ree, 'p'aid or none, remedies, requirements, notes, bits of the clauses it is an exception to)
    private static readonly (char Decides, uint Remedies, uint Requirements, uint Notes, ulong ExceptionTo)[] Clauses =
    {
        ('f', 0, 0, 0, 0),          // WP-2
        (' ', 0, 1 | 2, 0, 0),      // WD-4
        (' ', 2, 0, 0, 0),          // WD-5
        (' ', 1 | 2, 0, 0, 0),      // WD-6
        (' ', 1, 0, 0, 0),          // WD-7
        (' ', 0, 0, 1, 0),          // WD-8
        ('p', 0, 0, 0, 1UL << 0),   // WD-9
        (' ', 0, 4, 0, 0),          // WD-10
        (' ', 0, 0, 4, 0),          // WD-11
        ('p', 0, 0, 0, 0),          // WD-12
        (' ', 1, 0, 0, 0),          // EX-1
        ('p', 0, 0, 0, 0),          // EX-2
        ('p', 0, 0, 0, 1UL << 0),   // EX-3
        ('p', 0, 0, 0, 0),          // EX-4
        ('p', 0, 0, 0, 0),          // EX-5
        ('p', 0, 0, 0, 0),          // EX-6
        ('p', 0, 0, 0, 0),          // EX-7
        ('p', 0, 0, 0, 0),          // EX-8
        ('p', 0, 0, 0, 0),          // EX-9
        ('p', 0, 0, 0, 1UL << 0),   // EX-10
        ('p', 0, 0, 0, 1UL << 0),   // EX-11
        ('p', 0, 0, 0, 1UL << 0),   // EX-12
        (' ', 0, 0, 2, 1UL << 21),  // EX-13
        ('p', 0, 8, 0, 1UL << 0),   // EX-14
        (' ', 0, 0, 8, 0),          // EX-15
    };

    /// <summary>The clauses that read the coverage: they are decided after it.</summary>
    public const ulong ReadingCoverage = (1UL << 1) | (1UL << 2) | (1UL << 3) | (1UL << 4) | (1UL << 5) | (1UL << 10);

    /// <summary>The deciding clauses in force, from those whose conditions hold: an exception in force overrides the clauses it names.</summary>
    public static ulong InForce(ulong applies)
    {
        // Only an exception in force overrides (EX-13 lifts EX-12, which then no longer overrides
        // WP-2): settle from the deepest exception up, as often as the chains are long.
        var inForce = applies;
        for (var round = 0; round < Clauses.Length; round++)
        {
            var overridden = 0UL;
            for (var i = 0; i < Clauses.Length; i++)
            {
                if ((inForce & (1UL << i)) != 0)
                {
                    overridden |= Clauses[i].ExceptionTo;
                }
            }

            var next = applies & ~overridden;
            if (next == inForce)
            {
                break;
            }

            inForce = next;
        }

        return inForce;
    }

    public static Coverage Coverage(ulong inForce)
    {
        bool free = false, paid = false;
        for (var i = 0; i < Clauses.Length; i++)
        {
            if ((inForce & (1UL << i)) != 0)
            {
                free |= Clauses[i].Decides == 'f';
                paid |= Clauses[i].Decides == 'p';
            }
        }

        if (free == paid)
        {
            throw free ? PolicyDefectException.Conflict(Array.Empty<string>(), Array.Empty<string>()) : PolicyDefectException.Gap();
        }

        return free ? Runtime.Coverage.Free : Runtime.Coverage.Paid;
    }

    public static Fingerprint Decision(WarrantyClaim claim, Coverage coverage, ulong inForce)
    {
        uint remedies = 0, requirements = 0, notes = 0;
        for (var i = 0; i < Clauses.Length; i++)
        {
            if ((inForce & (1UL << i)) != 0)
            {
                remedies |= Clauses[i].Remedies;
                requirements |= Clauses[i].Requirements;
                notes |= Clauses[i].Notes;
            }
        }

        var (start, end, active) = Period(claim);
        return new Fingerprint(coverage, start, end, active, inForce, remedies, requirements, notes);
    }

    /// <summary>The warranty period, which the engines decide conditions with but do not hand back.</summary>
    public static (DateOnly? Start, DateOnly? End, bool Active) Period(WarrantyClaim c)
    {
        var invoiceOrDelivery = c.DeliveryDate > c.InvoiceDate ? c.DeliveryDate : c.InvoiceDate;
        DateOnly? start = c.ActivationDate is { } a ? (invoiceOrDelivery is { } i && i < a ? i : a) : invoiceOrDelivery;
        if (start is not { } s)
        {
            return (null, null, false);
        }

        var next = s.AddMonths(12);
        return (s, next.AddDays(-1), s <= c.ClaimDate && c.ClaimDate < next);
    }
}
