using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Xinji.Policy.Tooling.Diff;

/// <summary>The report of <c>xinji-policy diff</c>, for people: counts first, then each group with sample claims.</summary>
public static class DiffReportWriter
{
    public static void Write(TextWriter output, DiffReport report, string oldPolicy, string newPolicy, string claims)
    {
        output.WriteLine($"Replayed {Claims(report.Claims)} from {claims}");
        output.WriteLine($"  old policy: {oldPolicy}");
        output.WriteLine($"  new policy: {newPolicy}");
        output.WriteLine();
        output.WriteLine($"Changed:    {report.Changed} ({Percent(report.Changed, report.Claims)})");
        output.WriteLine($"Unchanged:  {report.Unchanged} ({Percent(report.Unchanged, report.Claims)})");
        output.WriteLine($"Invalid:    {report.Invalid} ({Percent(report.Invalid, report.Claims)}), rejected by both versions for the same field");
        if (report.DefectsInBoth > 0)
        {
            output.WriteLine($"Defects:    {report.DefectsInBoth} ({Percent(report.DefectsInBoth, report.Claims)}), decided by neither version");
        }

        foreach (var group in report.Groups)
        {
            output.WriteLine();
            WriteGroup(output, group);
        }

        if (report.InvalidInBoth.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Invalid in both versions, by field:");
            var width = report.InvalidInBoth.Max(f => f.Field.Length) + 2;
            foreach (var field in report.InvalidInBoth)
            {
                output.WriteLine("  " + field.Field.PadRight(width) + field.Count.ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    private static void WriteGroup(TextWriter output, ChangeGroup group)
    {
        var title = group.SameOutcome ? $"{group.Old} → {group.New}, other parts changed" : $"{group.Old} → {group.New}";
        output.WriteLine($"{title}: {Claims(group.Count)}");
        if (group.PartCounts.Count > 0)
        {
            output.WriteLine("  changed: " + string.Join(", ", group.PartCounts.Select(p => Name(p.Key) + " " + p.Value.ToString(CultureInfo.InvariantCulture))));
        }

        foreach (var sample in group.Samples)
        {
            output.WriteLine("  " + sample.Origin);
            output.WriteLine("    " + sample.Json);
            var rows = sample.Changes.Select(c => (Name(c.Part), Change(c))).ToList();
            if (sample.Old.Kind != ReplayKind.Decided || sample.New.Kind != ReplayKind.Decided)
            {
                rows.Add(("outcome", Outcome(sample.Old) + " → " + Outcome(sample.New)));
            }

            var width = rows.Count == 0 ? 0 : rows.Max(r => r.Item1.Length) + 2;
            foreach (var (name, change) in rows)
            {
                output.WriteLine("    " + name.PadRight(width) + change);
            }
        }
    }

    private static string Change(PartChange change)
    {
        if (change.Part is DecisionPart.Coverage or DecisionPart.Warranty)
        {
            return change.Old + " → " + change.New;
        }

        var parts = new List<string>();
        if (change.Dropped.Count > 0)
        {
            parts.Add("dropped " + string.Join(", ", change.Dropped));
        }

        if (change.Added.Count > 0)
        {
            parts.Add("added " + string.Join(", ", change.Added));
        }

        return string.Join("; ", parts);
    }

    private static string Outcome(ReplayOutcome outcome) =>
        outcome.Kind == ReplayKind.Decided ? outcome.Label : outcome.Label + ": " + outcome.Problem;

    private static string Name(DecisionPart part) => part switch
    {
        DecisionPart.Coverage => "coverage",
        DecisionPart.Remedies => "remedies",
        DecisionPart.Clauses => "cited clauses",
        DecisionPart.Requirements => "requirements",
        DecisionPart.Notes => "notes",
        _ => "warranty",
    };

    private static string Claims(int count) => count == 1 ? "1 claim" : count.ToString(CultureInfo.InvariantCulture) + " claims";

    private static string Percent(int part, int whole) =>
        (whole == 0 ? 0 : part * 100.0 / whole).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
