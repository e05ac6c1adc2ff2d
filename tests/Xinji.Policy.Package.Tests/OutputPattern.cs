using System;
using System.Collections.Generic;
using System.Linq;

namespace Xinji.Policy.Package.Tests;

/// <summary>
/// Output as a page shows it: lines to match exactly, where '…' inside a line stands for any text
/// (a hash, a time) and a line of '…' alone for any number of lines.
/// </summary>
internal static class OutputPattern
{
    public const string Ellipsis = "…";

    public static IReadOnlyList<string> Lines(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd()).ToList();
        while (lines.Count > 0 && lines[0].Length == 0)
        {
            lines.RemoveAt(0);
        }

        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    /// <summary>Whether the whole output is what the pattern shows.</summary>
    public static bool Matches(string pattern, string output) => Matches(Lines(pattern), 0, Lines(output), 0);

    /// <summary>Whether one line matches a pattern line, '…' standing for any text.</summary>
    public static bool LineMatches(string pattern, string line)
    {
        var parts = pattern.Split(Ellipsis);
        if (!line.StartsWith(parts[0], StringComparison.Ordinal))
        {
            return false;
        }

        var at = parts[0].Length;
        for (var i = 1; i < parts.Length - 1; i++)
        {
            var found = line.IndexOf(parts[i], at, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            at = found + parts[i].Length;
        }

        return parts.Length == 1 ? line.Length == at : line.Length - at >= parts[^1].Length && line.EndsWith(parts[^1], StringComparison.Ordinal);
    }

    private static bool Matches(IReadOnlyList<string> pattern, int p, IReadOnlyList<string> lines, int l)
    {
        if (p == pattern.Count)
        {
            return l == lines.Count;
        }

        if (pattern[p] == Ellipsis)
        {
            for (var skip = l; skip <= lines.Count; skip++)
            {
                if (Matches(pattern, p + 1, lines, skip))
                {
                    return true;
                }
            }

            return false;
        }

        return l < lines.Count && LineMatches(pattern[p], lines[l]) && Matches(pattern, p + 1, lines, l + 1);
    }
}
