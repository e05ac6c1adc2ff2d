using System;
using System.Collections.Generic;
using Xinji.Policy.Runtime;
using Xinji.Warranty;

namespace Xinji.Policy.Benchmarks;

/// <summary>
/// Every field of a decision in one comparable value: coverage, the period, and the cited clauses,
/// remedies, requirements and notes as bit masks in the generated tables' order.
/// </summary>
internal readonly record struct Fingerprint(
    Coverage Coverage, DateOnly? Start, DateOnly? End, bool Active, ulong Clauses, uint Remedies, uint Requirements, uint Notes)
{
    private static readonly Dictionary<string, int> ClauseIndexes = Indexes(Array.ConvertAll(WarrantyPolicy.ClauseTable, c => c.Id));

    public static Fingerprint Of(WarrantyDecision decision)
    {
        var clauses = 0UL;
        foreach (var clause in WarrantyPolicy.ClauseTable)
        {
            if (decision.Cites(clause.Id))
            {
                clauses |= 1UL << ClauseIndexes[clause.Id];
            }
        }

        return new Fingerprint(
            decision.Coverage, decision.Warranty.Start, decision.Warranty.End, decision.Warranty.Active, clauses,
            Mask(Enum.GetValues<Remedy>(), decision.Has), Mask(Enum.GetValues<Requirement>(), decision.Has), Mask(Enum.GetValues<Note>(), decision.Has));
    }

    /// <summary>Any engine's decision, through the contract every decision implements (codes and clause ids).</summary>
    public static Fingerprint Of(IPolicyDecision decision)
    {
        var clauses = 0UL;
        foreach (var clause in decision.Clauses)
        {
            clauses |= 1UL << ClauseIndexes[clause.Id];
        }

        return new Fingerprint(
            decision.Coverage, decision.Warranty.Start, decision.Warranty.End, decision.Warranty.Active, clauses,
            Codes(decision.RemedyOutcomes, HandWritten.RemedyCodes),
            Codes(decision.RequirementOutcomes, HandWritten.RequirementCodes),
            Codes(decision.NoteOutcomes, HandWritten.NoteCodes));
    }

    private static uint Mask<T>(T[] values, Func<T, bool> has)
        where T : struct, Enum
    {
        var mask = 0U;
        foreach (var value in values)
        {
            if (has(value))
            {
                mask |= 1U << Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return mask;
    }

    private static uint Codes(IReadOnlyList<Outcome> outcomes, string[] table)
    {
        var mask = 0U;
        foreach (var outcome in outcomes)
        {
            mask |= 1U << Array.IndexOf(table, outcome.Code);
        }

        return mask;
    }

    private static Dictionary<string, int> Indexes(string[] ids)
    {
        var indexes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < ids.Length; i++)
        {
            indexes[ids[i]] = i;
        }

        return indexes;
    }
}
