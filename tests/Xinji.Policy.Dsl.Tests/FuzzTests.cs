using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
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
        var corpus = FuzzCorpus.Load();
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
        var kept = FuzzCorpus.KeptInputs();
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
        var folder = Path.Combine(FuzzCorpus.KeptFolder(), name);
        Directory.CreateDirectory(folder);
        foreach (var (path, text) in files)
        {
            File.WriteAllText(Path.Combine(folder, Path.GetFileName(path)), text);
        }

        return folder;
    }
}
