using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Xunit.Abstractions;

namespace Xinji.Policy.Dsl.Tests;

/// <summary>
/// A mutation fuzzer over the shipped policy and the fixtures. Each input goes through parse,
/// bind and analyse on a thread with a small stack and a hang guard; an exception, a hang or a
/// diagnostic placed outside its file fails the test, and the input is written to
/// tests/fixtures/fuzz/ so it can be committed as a regression fixture (every input there is
/// replayed first, by <see cref="Every_kept_input_passes_through_the_front_end"/>).
/// </summary>
/// <remarks>
/// The inputs follow from fixed seeds, so a run is repeatable. CI runs a few thousand; for more:
/// <c>XINJI_FUZZ_INPUTS=1000000 dotnet test tests/Xinji.Policy.Dsl.Tests --filter FullyQualifiedName~FuzzTests</c>
/// (<c>XINJI_FUZZ_SEED</c> picks other inputs). A stack overflow cannot be caught: it ends the
/// test process, and fuzz-progress.txt in the test's output folder then names the input it was
/// on, which <c>XINJI_FUZZ_FIRST</c> restarts from. See docs/fuzzing.md.
/// </remarks>
public sealed class FuzzTests
{
    private const int DefaultInputs = 2_000;

    private readonly ITestOutputHelper _output;

    public FuzzTests(ITestOutputHelper output) => _output = output;

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    [Fact]
    public void Mutated_policies_never_crash_hang_or_misplace_a_diagnostic()
    {
        var inputs = Setting("XINJI_FUZZ_INPUTS", DefaultInputs);
        var seed = Setting("XINJI_FUZZ_SEED", 8);
        var first = Setting("XINJI_FUZZ_FIRST", 0);
        var corpus = Corpus.Load();
        var progress = Path.Combine(AppContext.BaseDirectory, "fuzz-progress.txt");
        var failures = new List<string>();
        var hangs = 0;
        var crashes = 0;

        for (var index = first; index < first + inputs; index++)
        {
            var input = corpus.Mutate(seed, index);
            File.WriteAllText(progress, $"seed {seed}, input {index}{Environment.NewLine}");
            var failure = Run(input);
            if (failure is null)
            {
                continue;
            }

            if (failure.StartsWith("hang", StringComparison.Ordinal))
            {
                hangs++;
            }
            else
            {
                crashes++;
            }

            failures.Add($"input {index}: {failure} (kept in {Keep(input, $"seed{seed}-input{index}")})");
            if (hangs > 2)
            {
                // Each hang leaves a thread spinning on the shared machine.
                break;
            }
        }

        File.Delete(progress);
        _output.WriteLine($"fuzz: seed {seed}, {inputs} inputs from {first}: {crashes} crashes, {hangs} hangs");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void Every_kept_input_passes_through_the_front_end()
    {
        var kept = Corpus.KeptInputs();
        var failures = kept.Select(k => (k.Name, Failure: Run(k.Files))).Where(k => k.Failure is not null).Select(k => k.Name + ": " + k.Failure).ToList();

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>What went wrong with one input, or null.</summary>
    private static string? Run(IReadOnlyList<(string Path, string Text)> files)
    {
        try
        {
            var diagnostics = FrontEnd.OnSmallStack(() => FrontEnd.Check(files));
            foreach (var diagnostic in diagnostics)
            {
                var text = files.FirstOrDefault(f => f.Path == diagnostic.FilePath).Text;
                if (text is null || diagnostic.Span.Start < 0 || diagnostic.Span.Length < 0 || diagnostic.Span.End > text.Length || diagnostic.Span.Line < 1 || diagnostic.Span.Column < 1)
                {
                    return "a diagnostic outside its file: " + diagnostic;
                }
            }

            return null;
        }
        catch (TimeoutException)
        {
            return "hang";
        }
        catch (Exception e)
        {
            return e.GetType().Name + ": " + e.Message + Environment.NewLine + e.StackTrace;
        }
    }

    /// <summary>Writes a failing input where it can be committed; returns the folder.</summary>
    private static string Keep(IReadOnlyList<(string Path, string Text)> files, string name)
    {
        var folder = Path.Combine(Corpus.KeptFolder(), name);
        Directory.CreateDirectory(folder);
        foreach (var (path, text) in files)
        {
            File.WriteAllText(Path.Combine(folder, Path.GetFileName(path)), text);
        }

        return folder;
    }

    /// <summary>The texts mutations start from, and the mutations.</summary>
    internal sealed class Corpus
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

        private Corpus(List<IReadOnlyList<(string Path, string Text)>> seeds) => _seeds = seeds;

        public static Corpus Load()
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

            return new Corpus(seeds);
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
}
