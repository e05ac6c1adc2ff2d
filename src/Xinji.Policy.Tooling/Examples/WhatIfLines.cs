using System.Collections.Generic;
using System.Linq;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Text;

namespace Xinji.Policy.Tooling.Examples;

/// <summary>
/// What-ifs as an example states them, one line each: <c>free if hasWarrantyCard is true (WP-2;
/// no longer EX-12)</c>. The what-ifs <c>explain</c> finds and the ones an example expects are both
/// written this way, facts and clauses in the policy's order, so they compare as lines and a
/// failing example shows lines that can be pasted into it.
/// </summary>
public static class WhatIfLines
{
    /// <summary>A what-if as found, in the terms an example states it in.</summary>
    public static ExpectedWhatIf ToExpected(WhatIf whatIf) => new(
        whatIf.Coverage,
        whatIf.Changes.Select(ToExpected).ToEquatableArray(),
        whatIf.DecidedBy.Select(c => c.Id).ToEquatableArray(),
        whatIf.NoLongerDecidedBy.Select(c => c.Id).ToEquatableArray());

    private static ExpectedFactChange ToExpected(FactChange change) =>
        !change.To.IsKnown ? new ExpectedFactChange(change.Name, null, null, null)
        : change.IsRange ? new ExpectedFactChange(change.Name, null, change.RangeFrom.ToString(), change.RangeThrough.ToString())
        : new ExpectedFactChange(change.Name, change.To.ToString(), null, null);

    /// <summary>The line an example writes for a what-if.</summary>
    public static string Line(BoundPolicy policy, ExpectedWhatIf whatIf)
    {
        var facts = policy.Facts.Select(f => f.Name).ToList();
        var clauses = policy.Clauses.Select(c => c.Id).ToList();
        var changes = whatIf.Changes.OrderBy(c => IndexIn(facts, c.Fact)).Select(Condition);
        var decidedBy = InOrder(clauses, whatIf.DecidedBy);
        var noLonger = InOrder(clauses, whatIf.NoLongerDecidedBy);
        var because = decidedBy.Count == 0 && noLonger.Count == 0
            ? string.Empty
            : " (" + string.Join("; ", new[] { string.Join(", ", decidedBy), noLonger.Count == 0 ? string.Empty : "no longer " + string.Join(", ", noLonger) }.Where(p => p.Length > 0)) + ")";
        return ExampleRunner.CoverageName(whatIf.Coverage) + " if " + string.Join(" and ", changes) + because;
    }

    /// <summary><c>seal is intact</c>, <c>boughtOn is not known</c> or <c>claimedOn from 2024-01-15 through 2026-01-14</c>.</summary>
    private static string Condition(ExpectedFactChange change) =>
        change.Value is { } value ? change.Fact + " is " + value
        : change.RunFrom is null ? change.Fact + " is not known"
        : change.Fact + " from " + change.RunFrom + " through " + change.RunThrough;

    private static List<string> InOrder(List<string> declared, IEnumerable<string> ids) =>
        ids.OrderBy(id => IndexIn(declared, id)).ThenBy(id => id, System.StringComparer.Ordinal).ToList();

    private static int IndexIn(List<string> declared, string name)
    {
        var index = declared.IndexOf(name);
        return index < 0 ? int.MaxValue : index;
    }
}
