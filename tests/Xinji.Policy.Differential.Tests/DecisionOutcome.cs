using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Xinji.Policy.Runtime;

namespace Xinji.Policy.Differential.Tests;

/// <summary>
/// What an evaluator made of a claim, in a form two evaluators can be compared in: every field of
/// the decision (coverage, remedies, warranty start, end and active, cited clauses with their ids,
/// sections and texts, requirements, notes, each outcome's code and description), or the input
/// error's field and problem, or the policy defect's clauses, or a crash.
/// </summary>
public sealed record DecisionOutcome(string Text)
{
    public static DecisionOutcome Of(Func<IPolicyDecision> evaluate)
    {
        try
        {
            return new DecisionOutcome(Describe(evaluate()));
        }
        catch (ClaimInputException invalid)
        {
            // Every error, in order: the engines must find the same errors of a claim, not just the first.
            return new DecisionOutcome("rejected: " + string.Join(" | ", invalid.Errors.Select(e => e.Field + ": " + e.Problem)));
        }
        catch (PolicyDefectException defect)
        {
            return new DecisionOutcome("policy defect: " + string.Join(", ", defect.ClauseIds) + ": " + defect.Message);
        }
        catch (Exception crash)
        {
            // Never equal to anything: an evaluator that throws anything else is wrong whatever the other does.
            return new DecisionOutcome("crash: " + crash.GetType().Name + ": " + crash.Message + " #" + Guid.NewGuid());
        }
    }

    public bool IsRejected => Text.StartsWith("rejected: ", StringComparison.Ordinal);

    public bool IsFree => Text.StartsWith("coverage: free", StringComparison.Ordinal);

    /// <summary>The lines where two outcomes differ, for the failure message; null when they agree.</summary>
    public static string? Difference(string leftName, DecisionOutcome left, string rightName, DecisionOutcome right)
    {
        if (left.Text == right.Text)
        {
            return null;
        }

        // Line by key ("coverage", "clauses", "clause WP-2", "rejected"…), so one extra clause shows as one line, not a shifted list.
        var leftLines = Lines(left.Text);
        var rightLines = Lines(right.Text);
        var message = new StringBuilder();
        foreach (var key in leftLines.Keys.Concat(rightLines.Keys).Distinct(StringComparer.Ordinal))
        {
            var l = leftLines.TryGetValue(key, out var a) ? key + ": " + a : "(no " + key + ")";
            var r = rightLines.TryGetValue(key, out var b) ? key + ": " + b : "(no " + key + ")";
            if (l != r)
            {
                message.Append("\n  ").Append(leftName).Append(": ").Append(l)
                    .Append("\n  ").Append(rightName).Append(": ").Append(r);
            }
        }

        return message.ToString();
    }

    private static Dictionary<string, string> Lines(string text)
    {
        var lines = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            if (colon < 0)
            {
                lines[line] = string.Empty;
            }
            else
            {
                lines[line[..colon]] = line[(colon + 2)..];
            }
        }

        return lines;
    }

    private static string Describe(IPolicyDecision decision)
    {
        var lines = new List<string>
        {
            "coverage: " + DecisionWriter.CoverageCode(decision.Coverage),
            "remedies: " + Outcomes(decision.RemedyOutcomes),
            "warranty: " + Day(decision.Warranty.Start) + " to " + Day(decision.Warranty.End) + (decision.Warranty.Active ? ", active" : ", not active"),
        };
        lines.Add("clauses: " + string.Join(", ", decision.Clauses.Select(c => c.Id)));
        lines.AddRange(decision.Clauses.Select(c => "clause " + c.Id + ": " + c.Section + " | " + c.Text));
        lines.Add("requirements: " + Outcomes(decision.RequirementOutcomes));
        lines.Add("notes: " + Outcomes(decision.NoteOutcomes));
        return string.Join("\n", lines);
    }

    private static string Outcomes(IEnumerable<Outcome> outcomes) => string.Join("; ", outcomes.Select(o => o.Code + " (" + o.Description + ")"));

    private static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "none";
}
