using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Text;

namespace Xinji.Policy.Tooling.Examples;

/// <summary>
/// The report of <c>xinji-policy test</c>: one line per example, expected against actual for a
/// failure, a summary, and the clauses no example exercises. Locations are in the compiler's
/// <c>file(line,col)</c> form so editors can jump to them.
/// </summary>
public static class ExampleReport
{
    private const string Indent = "      ";

    public static void Write(TextWriter output, ExampleRun run)
    {
        output.WriteLine($"Testing policy {run.Policy.Name} with {Plural(run.Results.Count, "example")}");
        output.WriteLine();
        foreach (var result in run.Results)
        {
            output.WriteLine((result.Passed ? "PASS  " : "FAIL  ") + result.Example.Name);
            if (!result.Passed)
            {
                WriteFailure(output, result);
            }
        }

        output.WriteLine();
        output.WriteLine($"{Plural(run.Results.Count, "example")}: {run.Passed} passed, {run.Failed} failed");
        WriteCoverage(output, run.Coverage);
    }

    private static void WriteFailure(TextWriter output, ExampleResult result)
    {
        output.WriteLine(Indent + At(result.Example.Location.FilePath, result.Example.Location.Span));
        var width = result.Mismatches.Max(m => m.Part.Length) + 2;
        foreach (var mismatch in result.Mismatches)
        {
            // What-ifs hold commas, so they are listed a line each, the key on the first.
            var oneItemPerLine = mismatch.OneItemPerLine;
            IEnumerable<string> Lines(string joined) => oneItemPerLine ? joined.Split('\n') : new[] { joined };
            IEnumerable<string> Listed(IReadOnlyList<string> items) => oneItemPerLine ? items : new[] { string.Join(", ", items) };
            var rows = new List<(string Key, string Value)>();
            AddRows(rows, "expected", Lines(mismatch.Expected));
            AddRows(rows, "actual", Lines(mismatch.Actual));
            if (mismatch.Missing.Count > 0)
            {
                AddRows(rows, "missing", Listed(mismatch.Missing));
            }

            if (mismatch.Extra.Count > 0)
            {
                AddRows(rows, "extra", Listed(mismatch.Extra));
            }

            // Point at the field the claim was rejected for, where the example writes it.
            if (mismatch.Part == "outcome" && result.Outcome is RejectedOutcome rejected)
            {
                rows.Add((string.Empty, At(result.Example.Location.FilePath, FieldSpan(result.Example, rejected.Field))));
            }

            for (var i = 0; i < rows.Count; i++)
            {
                var part = i == 0 ? mismatch.Part : string.Empty;
                output.WriteLine((Indent + part.PadRight(width) + rows[i].Key.PadRight(10) + rows[i].Value).TrimEnd());
            }
        }
    }

    private static void AddRows(List<(string Key, string Value)> rows, string key, IEnumerable<string> values)
    {
        var first = true;
        foreach (var value in values)
        {
            rows.Add((first ? key : string.Empty, value));
            first = false;
        }
    }

    /// <summary>
    /// Where the claim writes a field. A field written twice is rejected at its second
    /// occurrence; a field not written at all (a missing one) is shown at the claim.
    /// </summary>
    public static SourceSpan FieldSpan(BoundExample example, string field)
    {
        var occurrences = example.ClaimFields.Where(f => f.Name == field).ToList();
        return occurrences.Count switch
        {
            0 => example.ClaimSpan,
            1 => occurrences[0].Span,
            _ => occurrences[1].Span,
        };
    }

    private static void WriteCoverage(TextWriter output, ClauseCoverage coverage)
    {
        var summary = $"Clause coverage: {coverage.Exercised.Count} of {Plural(coverage.Total, "clause")} ({coverage.Percent}%) cited by an example";
        if (coverage.IsComplete)
        {
            output.WriteLine(summary);
            return;
        }

        output.WriteLine(summary + "; not cited by any example:");
        var width = coverage.NotExercised.Max(c => c.Id.Length) + 2;
        foreach (var clause in coverage.NotExercised)
        {
            output.WriteLine("  " + clause.Id.PadRight(width) + At(clause.Location.FilePath, clause.Location.Span));
        }
    }

    private static string At(string file, SourceSpan span) => $"{file}({span.Line},{span.Column})";

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
