using System.IO;
using System.Linq;
using Xinji.Policy.Dsl.Analysis;
using Xinji.Policy.Dsl.Binding;

namespace Xinji.Policy.Tooling;

/// <summary>
/// <c>diff OLD NEW</c> without a claims file: the analysis's comparison of two versions over every
/// valid claim, written for people. Each difference comes with a claim (JSON) that shows it.
/// </summary>
public static class EquivalenceReport
{
    /// <summary>Writes the report; returns whether the versions decide every valid claim alike.</summary>
    public static bool Write(TextWriter output, BoundPolicy oldPolicy, BoundPolicy newPolicy, string oldName, string newName)
    {
        var result = PolicyComparison.Compare(oldPolicy, newPolicy);
        if (result.Equivalent)
        {
            output.WriteLine($"{oldName} and {newName} are equivalent: they decide every valid claim the same way.");
            WriteAssumptions(output, result, oldName, newName);
            return true;
        }

        if (result.Differences.Count > 0)
        {
            output.WriteLine($"{oldName} and {newName} decide some claims differently ({Plural(result.Differences.Count, "difference")}, each with a claim that shows it):");
            foreach (var group in result.Differences.GroupBy(d => d.Aspect.Split(' ')[0]))
            {
                output.WriteLine();
                output.WriteLine(Title(group.Key) + ":");
                foreach (var difference in group)
                {
                    output.WriteLine("  " + difference.Aspect);
                    output.WriteLine("    claim: " + difference.ClaimJson);
                    output.WriteLine("    old:   " + difference.Old);
                    output.WriteLine("    new:   " + difference.New);
                }
            }
        }

        foreach (var aspect in result.NotCompared)
        {
            output.WriteLine("not compared: " + aspect);
        }

        WriteAssumptions(output, result, oldName, newName);
        return false;
    }

    /// <summary>How the facts that only one version states were compared; the claims above range over both versions' facts.</summary>
    private static void WriteAssumptions(TextWriter output, ComparisonResult result, string oldName, string newName)
    {
        if (result.Assumptions.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine($"The versions state different facts; claims range over the facts of both ({oldName} reads only its own, and so does {newName}):");
        foreach (var assumption in result.Assumptions)
        {
            output.WriteLine("  " + assumption);
        }
    }

    private static string Title(string kind) => kind switch
    {
        "clause" => "Clauses cited differently",
        "remedy" => "Remedies",
        "requirement" => "Requirements",
        "note" => "Notes",
        "coverage" => "Coverage",
        "warranty" => "Warranty period",
        "validity" => "Claims one version rejects",
        _ => "Claims one version cannot decide",
    };

    private static string Plural(int count, string word) => count + " " + word + (count == 1 ? string.Empty : "s");
}
