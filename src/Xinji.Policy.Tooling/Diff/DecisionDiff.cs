using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Xinji.Policy.Runtime;

namespace Xinji.Policy.Tooling.Diff;

/// <summary>
/// Replays claims through two versions of a policy and reports the decisions that changed,
/// grouped by old and new outcome, with what changed and a few sample claims per group.
/// Claims either version rejects are part of the report, never a reason to stop.
/// </summary>
public static class DecisionDiff
{
    public static DiffReport Compare(IPolicyEvaluator oldPolicy, IPolicyEvaluator newPolicy, IEnumerable<ReplayClaim> claims, int samplesPerGroup = 3)
    {
        if (samplesPerGroup < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(samplesPerGroup), "The number of samples cannot be negative.");
        }

        var total = 0;
        var unchanged = 0;
        var defects = 0;
        var invalid = new Dictionary<string, int>(StringComparer.Ordinal);
        var groups = new Dictionary<(string Old, string New), GroupBuilder>();
        var order = new List<(string Old, string New)>();
        foreach (var claim in claims)
        {
            total++;
            var before = Replay(oldPolicy, claim.Json);
            var after = Replay(newPolicy, claim.Json);
            if (before.Kind == ReplayKind.Invalid && after.Kind == ReplayKind.Invalid && before.Field == after.Field)
            {
                invalid[before.Field!] = invalid.TryGetValue(before.Field!, out var count) ? count + 1 : 1;
                continue;
            }

            if (before.Kind == ReplayKind.Defect && after.Kind == ReplayKind.Defect)
            {
                defects++;
                continue;
            }

            var changes = before.Kind == ReplayKind.Decided && after.Kind == ReplayKind.Decided
                ? Differences(before.Decision!, after.Decision!)
                : new List<PartChange>();
            if (before.Label == after.Label && changes.Count == 0)
            {
                unchanged++;
                continue;
            }

            var key = (before.Label, after.Label);
            if (!groups.TryGetValue(key, out var group))
            {
                group = new GroupBuilder();
                groups[key] = group;
                order.Add(key);
            }

            group.Count++;
            foreach (var change in changes)
            {
                group.Parts[change.Part] = group.Parts.TryGetValue(change.Part, out var count) ? count + 1 : 1;
            }

            if (group.Samples.Count < samplesPerGroup)
            {
                group.Samples.Add(new ChangedClaim(claim.Origin, Encoding.UTF8.GetString(claim.Json).Trim(), before, after, changes));
            }
        }

        var report = order
            .Select((key, index) => (Index: index, Group: new ChangeGroup(key.Old, key.New, groups[key].Count, groups[key].Parts, groups[key].Samples)))
            .OrderByDescending(x => x.Group.Count)
            .ThenBy(x => x.Index)
            .Select(x => x.Group)
            .ToList();
        var invalidByField = invalid
            .OrderByDescending(x => x.Value)
            .ThenBy(x => x.Key, StringComparer.Ordinal)
            .Select(x => new FieldCount(x.Key, x.Value))
            .ToList();
        return new DiffReport(total, unchanged, report, invalidByField, defects);
    }

    private sealed class GroupBuilder
    {
        public int Count { get; set; }

        public SortedDictionary<DecisionPart, int> Parts { get; } = new();

        public List<ChangedClaim> Samples { get; } = new();
    }

    private static ReplayOutcome Replay(IPolicyEvaluator policy, byte[] json)
    {
        try
        {
            return ReplayOutcome.Decided(policy.Evaluate(json));
        }
        catch (ClaimInputException invalid)
        {
            return ReplayOutcome.Invalid(invalid.Field, invalid.Problem);
        }
        catch (PolicyDefectException defect)
        {
            return ReplayOutcome.Defect(defect.Message);
        }
    }

    /// <summary>The parts two decisions differ in; lists are compared as sets, since order carries no meaning.</summary>
    public static List<PartChange> Differences(IPolicyDecision before, IPolicyDecision after)
    {
        var changes = new List<PartChange>();
        if (before.Coverage != after.Coverage)
        {
            changes.Add(new PartChange(DecisionPart.Coverage, DecisionWriter.CoverageCode(before.Coverage), DecisionWriter.CoverageCode(after.Coverage), Array.Empty<string>(), Array.Empty<string>()));
        }

        CompareList(changes, DecisionPart.Remedies, Codes(before.RemedyOutcomes), Codes(after.RemedyOutcomes));
        CompareList(changes, DecisionPart.Clauses, before.Clauses.Select(c => c.Id).ToList(), after.Clauses.Select(c => c.Id).ToList());
        CompareList(changes, DecisionPart.Requirements, Codes(before.RequirementOutcomes), Codes(after.RequirementOutcomes));
        CompareList(changes, DecisionPart.Notes, Codes(before.NoteOutcomes), Codes(after.NoteOutcomes));
        if (before.Warranty != after.Warranty)
        {
            changes.Add(new PartChange(DecisionPart.Warranty, Period(before.Warranty), Period(after.Warranty), Array.Empty<string>(), Array.Empty<string>()));
        }

        return changes;
    }

    private static void CompareList(List<PartChange> changes, DecisionPart part, List<string> before, List<string> after)
    {
        var dropped = before.Where(x => !after.Contains(x)).ToList();
        var added = after.Where(x => !before.Contains(x)).ToList();
        if (dropped.Count > 0 || added.Count > 0)
        {
            changes.Add(new PartChange(part, List(before), List(after), dropped, added));
        }
    }

    private static List<string> Codes(IReadOnlyList<Outcome> outcomes) => outcomes.Select(o => o.Code).ToList();

    private static string List(List<string> items) => items.Count == 0 ? "none" : string.Join(", ", items);

    private static string Period(WarrantyPeriod period)
    {
        static string Day(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "unknown";
        return period.Start is null && period.End is null
            ? "not established" + (period.Active ? ", active" : string.Empty)
            : $"{Day(period.Start)} to {Day(period.End)}, {(period.Active ? "active" : "not active")}";
    }
}
