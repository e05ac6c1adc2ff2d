using System;
using System.Collections.Generic;
using System.Text;

namespace Xinji.Policy.Analysis.Tests;

/// <summary>Random clauses over given atoms, for the brute-force tests: exceptions, nested conditions, each effect.</summary>
internal static class RandomClauses
{
    /// <summary>Two to five clauses C0, C1, …, each perhaps an exception to an earlier one, appended to <paramref name="text"/>.</summary>
    public static string AppendTo(StringBuilder text, Random random, IReadOnlyList<string> atoms)
    {
        var count = random.Next(2, 6);
        for (var i = 0; i < count; i++)
        {
            text.Append("clause C").Append(i).Append("\n  quote \"q\"\n");
            if (i > 0 && random.NextDouble() < 0.35)
            {
                text.Append("  exception to C").Append(random.Next(0, i)).Append('\n');
            }

            text.Append("  when ").Append(Condition(random, atoms, 2)).Append('\n');
            var roll = random.NextDouble();
            text.Append(roll < 0.4 ? "  then free\n" : roll < 0.8 ? "  then paid\n" : "  then note told\n");
        }

        return text.ToString();
    }

    private static string Condition(Random random, IReadOnlyList<string> atoms, int depth)
    {
        if (depth == 0 || random.NextDouble() < 0.35)
        {
            return atoms[random.Next(atoms.Count)];
        }

        return random.Next(3) switch
        {
            0 => "(" + Condition(random, atoms, depth - 1) + " and " + Condition(random, atoms, depth - 1) + ")",
            1 => "(" + Condition(random, atoms, depth - 1) + " or " + Condition(random, atoms, depth - 1) + ")",
            _ => "not (" + Condition(random, atoms, depth - 1) + ")",
        };
    }
}
