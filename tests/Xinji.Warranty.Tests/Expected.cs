using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Xinji.Policy.Runtime;

namespace Xinji.Warranty.Tests;

/// <summary>
/// A whole decision as the interpretation in the issue says it must be. Written out by hand in
/// the tests (or computed by <see cref="Interpretation"/>), never taken from the code under test.
/// </summary>
internal sealed record Expected(
    Coverage Coverage,
    Remedy[] Remedies,
    Requirement[] Requirements,
    Note[] Notes,
    string[] Clauses,
    DateOnly? Start,
    DateOnly? End,
    bool Active)
{
    /// <summary>The notes on every decision: WD-11 (national laws prevail) and EX-15 (final analysis).</summary>
    public static readonly Note[] AlwaysNotes = { Note.NationalLawsPrevail, Note.FinalAnalysisReserved };

    /// <summary>The requirements on every free decision (WD-4).</summary>
    public static readonly Requirement[] FreeRequirements = { Requirement.BringOriginalBox, Requirement.PresentInvoice };

    /// <summary>
    /// A paid decision: remedy repair (EX-1), the notes of every decision, and the clauses that
    /// always apply (WD-11, EX-1, EX-15) merged with <paramref name="alsoCited"/> in the policy's order.
    /// </summary>
    public static Expected Paid(DateOnly? start, DateOnly? end, bool active, string[] alsoCited, Requirement[]? requirements = null, Note[]? notes = null) =>
        new(
            Coverage.Paid,
            new[] { Remedy.Repair },
            requirements ?? Array.Empty<Requirement>(),
            notes ?? AlwaysNotes,
            PolicyOrder.Sort(alsoCited.Concat(new[] { "WD-11", "EX-1", "EX-15" })),
            start,
            end,
            active);

    public static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>The clause ids of policy/*.policy, in the order of the files (the order decisions list them in).</summary>
internal static class PolicyOrder
{
    public static readonly string[] Clauses =
    {
        "WP-2",
        "WD-4", "WD-5", "WD-6", "WD-7", "WD-8", "WD-9", "WD-10", "WD-11", "WD-12",
        "EX-1", "EX-2", "EX-3", "EX-4", "EX-5", "EX-6", "EX-7", "EX-8", "EX-9", "EX-10", "EX-11", "EX-12", "EX-13", "EX-14", "EX-15",
    };

    /// <summary>Statements that decide nothing: never cited.</summary>
    public static readonly string[] Recitals = { "AS-1", "AS-2", "WP-1", "EX-16" };

    public static string[] Sort(IEnumerable<string> ids)
    {
        var list = ids.Distinct().ToList();
        var unknown = list.Where(id => Array.IndexOf(Clauses, id) < 0).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException("Not a clause of the policy: " + string.Join(", ", unknown), nameof(ids));
        }

        return list.OrderBy(id => Array.IndexOf(Clauses, id)).ToArray();
    }
}

internal static class DecisionAssert
{
    /// <summary>Asserts the whole decision at once, so a failure shows every difference.</summary>
    public static void Matches(Expected expected, WarrantyDecision actual)
    {
        Assert.Equal(Describe(expected), Describe(actual));

        foreach (var id in PolicyOrder.Clauses)
        {
            Assert.True(expected.Clauses.Contains(id) == actual.Cites(id), $"Cites(\"{id}\") should be {expected.Clauses.Contains(id)}");
        }

        foreach (var recital in PolicyOrder.Recitals)
        {
            Assert.False(actual.Cites(recital), $"the recital {recital} decides nothing and must never be cited");
        }

        // The typed clause ids: one per clause of the table, each citing as its id does.
        var typed = Enum.GetValues<WarrantyPolicy.Clause>();
        Assert.Equal(WarrantyPolicy.ClauseTable.Length, typed.Length);
        foreach (var clause in typed)
        {
            var id = WarrantyPolicy.ClauseTable[(int)clause].Id;
            Assert.Equal(id.Replace('-', '_'), clause.ToString());
            Assert.True(actual.Cites(id) == actual.Cites(clause), $"Cites({clause}) should be Cites(\"{id}\")");
        }
    }

    public static string Describe(Expected e) =>
        Describe(e.Coverage, e.Remedies, e.Requirements, e.Notes, e.Clauses, new WarrantyPeriod(e.Start, e.End, e.Active));

    public static string Describe(WarrantyDecision d) =>
        Describe(d.Coverage, d.Remedies, d.Requirements, d.Notes, d.Clauses.Select(c => c.Id), d.Warranty);

    private static string Describe(
        Coverage coverage,
        IEnumerable<Remedy> remedies,
        IEnumerable<Requirement> requirements,
        IEnumerable<Note> notes,
        IEnumerable<string> clauses,
        WarrantyPeriod warranty) =>
        $"coverage={coverage}; remedies=[{string.Join(", ", remedies)}]; requirements=[{string.Join(", ", requirements)}]; " +
        $"notes=[{string.Join(", ", notes)}]; clauses=[{string.Join(", ", clauses)}]; " +
        $"warranty={Date(warranty.Start)}..{Date(warranty.End)} active={warranty.Active}";

    private static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "null";
}
