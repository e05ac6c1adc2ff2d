using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace Xinji.Policy.Dsl.Tests;

/// <summary>
/// The texts mutations start from (the shipped policy and the fixtures), and the mutations. Linked
/// into the generator's tests too, which send the same inputs through the generator and a C# compile.
/// </summary>
internal sealed class FuzzCorpus
{
    private static readonly string[] Tokens =
    {
        "policy", "enum", "fact", "define", "remedy", "requirement", "note", "warranty", "reject", "section", "clause", "recital", "example",
        "and", "or", "not", "is", "in", "known", "true", "false", "if", "then", "else", "always", "when", "day", "days", "month", "months",
        "year", "years", "quote", "exception", "to", "because", "free", "paid", "require", "claim", "expect", "cites", "remedies", "at least",
        "earliest(", "latest(", "(", ")", "{", "}", "[", "]", ",", "|", "=", ":", "<", "<=", ">", ">=", "+", "-", "\"", "#", "\n", "optional",
        "2024-02-29", "9999-12-31", "0000-00-00", "0", "1200", "36500", "999999999", "1000000000", "99999999999999999999", "-1",
        "coverage", "Coverage", "\"\\", "\\\"", "{\"a\": ", "through", "active", "from", "source", "implements",
    };

    private static readonly string[] Characters =
    {
        "\0", "\u1A84", "\u0661", "\uFF11", "\u00A0", "\u2028", "\uFEFF", "\uD800", "\uDC00", "\U0001F600", "\t", "\r", "\r\n", "\u0007", "\u001B", "\u007F", "\u0085", "é", "ß", "İ",
    };

    private readonly List<IReadOnlyList<(string Path, string Text)>> _seeds;

    private FuzzCorpus(List<IReadOnlyList<(string Path, string Text)>> seeds) => _seeds = seeds;

    public static FuzzCorpus Load()
    {
        var seeds = new List<IReadOnlyList<(string Path, string Text)>>();
        var policy = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "policy"))
            .Where(f => f.EndsWith(".policy", StringComparison.Ordinal) || f.EndsWith(".examples", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => (f, File.ReadAllText(f)))
            .ToList();
        Assert.NotEmpty(policy);
        seeds.Add(policy);
        seeds.AddRange(policy.Select(file => new[] { file }));
        foreach (var fixture in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "fixtures", "policies"), "*.policy", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
        {
            seeds.Add(new[] { (fixture, File.ReadAllText(fixture)) });
        }

        return new FuzzCorpus(seeds);
    }

    /// <summary>The inputs kept in tests/fixtures/fuzz/, one folder each.</summary>
    public static IReadOnlyList<(string Name, IReadOnlyList<(string Path, string Text)> Files)> KeptInputs()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "fixtures", "fuzz");
        if (!Directory.Exists(folder))
        {
            return Array.Empty<(string, IReadOnlyList<(string, string)>)>();
        }

        return Directory.GetDirectories(folder).OrderBy(d => d, StringComparer.Ordinal)
            .Select(d => (Path.GetFileName(d), (IReadOnlyList<(string, string)>)Directory.GetFiles(d).OrderBy(f => f, StringComparer.Ordinal).Select(f => (f, File.ReadAllText(f))).ToList()))
            .ToList();
    }

    /// <summary>tests/fixtures/fuzz/ in the source tree when the tests run from it, else beside the tests.</summary>
    public static string KeptFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Xinji.Policy.sln")))
            {
                return Path.Combine(directory.FullName, "tests", "fixtures", "fuzz");
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "fuzz-failures");
    }

    /// <summary>Input number <paramref name="index"/>: a seed with one file changed by one to three mutations.</summary>
    public IReadOnlyList<(string Path, string Text)> Mutate(int seed, int index)
    {
        var random = new Random(unchecked((seed * 1_000_003) + index));
        // The whole policy binds and is analysed, which takes longest: one input in sixteen.
        var files = (random.Next(16) == 0 ? _seeds[0] : _seeds[1 + random.Next(_seeds.Count - 1)]).ToList();
        var target = random.Next(files.Count);
        var text = files[target].Text;
        var mutations = 1 + random.Next(3);
        for (var i = 0; i < mutations; i++)
        {
            text = MutateOnce(text, random);
        }

        files[target] = (files[target].Path, text);
        return files;
    }

    private static string MutateOnce(string text, Random random)
    {
        var at = random.Next(text.Length + 1);
        var length = Math.Min(text.Length - at, 1 + random.Next(random.Next(2) == 0 ? 8 : 200));
        switch (random.Next(12))
        {
            case 0:
                return text.Remove(at, length);
            case 1:
                return text.Insert(at, text.Substring(at, length));
            case 2:
                return SwapLines(text, random);
            case 3:
                return text.Insert(at, Nesting(random));
            case 4:
                return text.Insert(at, Characters[random.Next(Characters.Length)]);
            case 5:
                return text.Insert(at, ((char)random.Next(0x10000)).ToString());
            case 6:
                return text.Insert(at, random.Next(2) == 0 ? new string('9', 1 + random.Next(30)) : new string('1', 1 + random.Next(12)) + " " + Tokens[random.Next(Tokens.Length)]);
            case 7:
                return text.Insert(at, "\"" + new string('x', random.Next(2) == 0 ? 1000 : 100_000) + "\"");
            case 8:
                return ReplaceWord(text, at, random);
            case 9:
                return text.Insert(at, " " + Tokens[random.Next(Tokens.Length)] + " ");
            case 10:
                return text.Insert(LineStart(text, at), Tokens[random.Next(13)] + " ");
            default:
                return text.Remove(at, length).Insert(random.Next(text.Length - length + 1), text.Substring(at, length));
        }
    }

    private static string Nesting(Random random)
    {
        var unit = new[] { "(", "not ", "if c then 1 else ", "n and ", "n + ", "d + 1 month + ", "[", "{\"a\": ", "earliest(d, " }[random.Next(9)];

        // Up to 100,000 brackets, and a few thousand of the longer units (a megabyte only takes longer).
        var depth = new[] { 10, 60, 127, 128, 129, 300, 3_000, unit.Length == 1 ? 100_000 : 3_000 }[random.Next(8)];
        var open = new StringBuilder(unit.Length * depth);
        for (var i = 0; i < depth; i++)
        {
            open.Append(unit);
        }

        return random.Next(2) == 0 ? open.ToString() : open + "n" + new string(unit == "[" ? ']' : unit == "{\"a\": " ? '}' : ')', unit is "(" or "[" or "{\"a\": " or "earliest(d, " ? depth : 0);
    }

    private static string SwapLines(string text, Random random)
    {
        var lines = text.Split('\n');
        var a = random.Next(lines.Length);
        var b = random.Next(lines.Length);
        (lines[a], lines[b]) = (lines[b], lines[a]);
        return string.Join("\n", lines);
    }

    private static string ReplaceWord(string text, int at, Random random)
    {
        var start = at;
        while (start < text.Length && !char.IsLetterOrDigit(text[start]))
        {
            start++;
        }

        var end = start;
        while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_'))
        {
            end++;
        }

        return text.Substring(0, start) + Tokens[random.Next(Tokens.Length)] + text.Substring(end);
    }

    private static int LineStart(string text, int at)
    {
        var newline = at == 0 ? -1 : text.LastIndexOf('\n', at - 1);
        return newline + 1;
    }
}
