using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace Xinji.Policy.Package.Tests;

/// <summary>
/// A fenced block of a Markdown page. Its info string is a language and then words that say what
/// the package test does with it: <c>file=PATH</c> (write the block to PATH), <c>run</c> (run each
/// line as a command), <c>output</c> (what the last command prints), <c>output=NAME</c> (what a
/// named case prints). A block with none of them is for the reader only.
/// </summary>
public sealed record GuideBlock(int Line, string Language, IReadOnlyDictionary<string, string?> Words, string Text)
{
    public bool Has(string word) => Words.ContainsKey(word);

    public string? Value(string word) => Words.TryGetValue(word, out var value) ? value : null;
}

internal static class Guide
{
    public static IReadOnlyList<GuideBlock> Blocks(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var blocks = new List<GuideBlock>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            var info = lines[i][3..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var end = i + 1;
            while (end < lines.Length && !lines[end].StartsWith("```", StringComparison.Ordinal))
            {
                end++;
            }

            if (end == lines.Length)
            {
                throw new InvalidDataException($"line {i + 1}: the fenced block is not closed");
            }

            var words = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var word in info.Skip(1))
            {
                var equals = word.IndexOf('=', StringComparison.Ordinal);
                words[equals < 0 ? word : word[..equals]] = equals < 0 ? null : word[(equals + 1)..];
            }

            var text = new StringBuilder();
            foreach (var line in lines[(i + 1)..end])
            {
                text.Append(line).Append('\n');
            }

            blocks.Add(new GuideBlock(i + 1, info.FirstOrDefault() ?? string.Empty, words, text.ToString()));
            i = end;
        }

        return blocks;
    }

    /// <summary>The commands of a <c>run</c> block: one a line, blank lines and <c># comments</c> left out.</summary>
    public static IEnumerable<IReadOnlyList<string>> Commands(GuideBlock block) =>
        block.Text.Split('\n').Select(Words).Where(words => words.Count > 0);

    /// <summary>A command line split as a shell splits a simple one: on spaces, double quotes grouping, '#' starting a comment.</summary>
    public static IReadOnlyList<string> Words(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
                inWord = true;
            }
            else if (!quoted && c == '#' && !inWord)
            {
                break;
            }
            else if (!quoted && char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (quoted)
        {
            throw new InvalidDataException("unclosed quote in: " + line);
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }
}
