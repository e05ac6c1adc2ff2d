using System.Globalization;
using System.Text;

namespace Xinji.Policy.Tooling;

/// <summary>
/// A large policy shaped like a real one, for measuring the analysis: for each region and
/// product line, a free rule within a warranty period, a paid rule after it, and three
/// exclusions that are exceptions to the free rule. Five clauses per pair (so the count is
/// rounded up to a multiple of five); no findings.
/// </summary>
public static class SyntheticPolicy
{
    public static string Generate(int clauses)
    {
        // Every region and line pair gets its five clauses, so the grid must be filled exactly.
        var pairs = (clauses + 4) / 5;
        var regions = 1;
        for (var r = 1; r * r <= pairs; r++)
        {
            if (pairs % r == 0)
            {
                regions = r;
            }
        }

        var products = pairs / regions;
        var text = new StringBuilder();
        text.AppendLine("policy Synthetic implements \"Synthetic service standard\"");
        text.Append("enum Region = ").AppendLine(string.Join(" | ", Names("r", regions))).AppendLine("  \"Where the product was sold.\"");
        text.Append("enum Line = ").AppendLine(string.Join(" | ", Names("p", products))).AppendLine("  \"The product line.\"");
        text.AppendLine("fact region: Region \"Where the product was sold.\"");
        text.AppendLine("fact line: Line \"The product line.\"");
        text.AppendLine("fact claimed: date \"The claim day.\"");
        text.AppendLine("fact bought: optional date \"The purchase day.\"");
        text.AppendLine("fact dropped: bool = false \"The product was dropped.\"");
        text.AppendLine("fact opened: bool = false \"The product was opened.\"");
        text.AppendLine("fact visits: int = 0 \"Earlier repairs.\"");
        text.AppendLine("reject claimed when claimed < bought \"The claim predates the purchase.\"");
        text.AppendLine("reject visits when visits < 0 \"Visits cannot be negative.\"");
        text.AppendLine("warranty from bought through bought + 24 months - 1 day active when claimed < bought + 24 months");
        text.AppendLine("note checked \"Checked by a technician.\"");
        text.AppendLine("section \"Rules\"");

        for (var pair = 0; pair < pairs; pair++)
        {
            var region = "r" + (pair % regions).ToString(CultureInfo.InvariantCulture);
            var line = "p" + (pair / regions).ToString(CultureInfo.InvariantCulture);
            var months = 6 + (pair % 4) * 6;
            var scope = $"region is {region} and line is {line}";
            var id = $"{region}-{line}";
            var rules = new[]
            {
                ($"F-{id}", null, $"{scope} and bought is known and claimed < bought + {months} months", "free"),
                ($"P-{id}", null, $"{scope} and not (bought is known and claimed < bought + {months} months)", "paid"),
                ($"D-{id}", $"F-{id}", $"{scope} and dropped", "paid"),
                ($"O-{id}", $"F-{id}", $"{scope} and opened and claimed > bought + 30 days", "paid"),
                ($"V-{id}", $"F-{id}", $"{scope} and visits > {2 + pair % 3}", "paid\n       note checked"),
            };
            foreach (var (clause, exceptionTo, condition, effect) in rules)
            {
                text.Append("clause ").AppendLine(clause);
                text.AppendLine("  quote \"A synthetic rule.\"");
                if (exceptionTo is not null)
                {
                    text.Append("  exception to ").AppendLine(exceptionTo);
                }

                text.Append("  when ").AppendLine(condition);
                text.Append("  then ").AppendLine(effect);
            }
        }

        return text.ToString();
    }

    private static string[] Names(string prefix, int count)
    {
        var names = new string[count];
        for (var i = 0; i < count; i++)
        {
            names[i] = prefix + i.ToString(CultureInfo.InvariantCulture);
        }

        return names;
    }
}
