using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xinji.Policy.Dsl.Diagnostics;
using Xinji.Policy.Dsl.Driver;
using Xinji.Policy.Dsl.Syntax;
using Xinji.Policy.Dsl.Tests;
using Xinji.Policy.Testing;
using Xunit.Abstractions;

namespace Xinji.Policy.Generator.Tests;

/// <summary>
/// The mutation fuzzer of the front end (<see cref="FuzzCorpus"/>), taken through the real
/// generator and an in-memory C# compile, as a build takes a policy: on a thread with a 1 MB stack
/// and a hang guard, no input may throw, overflow the stack or hang, and the generated code must
/// compile: with no C# diagnostic at all when the policy has no XP error, and with no C# error (a
/// shell) when it has. A failing input is kept in tests/fixtures/fuzz/ and replayed on every run.
/// </summary>
/// <remarks>
/// CI runs 200 inputs (each a generator run and a parse; each new shape of code a compile); for more:
/// <c>XINJI_GENERATOR_FUZZ_INPUTS=100000 dotnet test tests/Xinji.Policy.Generator.Tests -c Release --filter FullyQualifiedName~GeneratorFuzzTests</c>
/// (<c>XINJI_GENERATOR_FUZZ_SEED</c> picks other inputs, <c>XINJI_GENERATOR_FUZZ_FIRST</c> restarts
/// from an input). See docs/fuzzing.md.
/// </remarks>
public sealed class GeneratorFuzzTests
{
    private const int DefaultInputs = 2_000;

    /// <summary>Not a timing: only a detector for a hang, so generous that no healthy input comes near it on a loaded machine.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private static readonly Lazy<Compilation> Empty = new(() => GeneratorHarness.Compilation());

    /// <summary>As a build with documentation files parses: malformed XML in a doc comment is a warning.</summary>
    private static readonly CSharpParseOptions Diagnose = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    /// <summary>CS1591, a public member without a doc comment: a project's choice (this one turns it off), not a defect of the code.</summary>
    private const string UndocumentedMember = "CS1591";

    private readonly ITestOutputHelper _output;

    public GeneratorFuzzTests(ITestOutputHelper output) => _output = output;

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    [Fact]
    public void Mutated_policies_through_the_generator_and_a_csharp_compile_never_crash_hang_or_fail_to_compile()
    {
        var inputs = Setting("XINJI_GENERATOR_FUZZ_INPUTS", DefaultInputs);
        var seed = Setting("XINJI_GENERATOR_FUZZ_SEED", 8);
        var first = Setting("XINJI_GENERATOR_FUZZ_FIRST", 0);
        var corpus = FuzzCorpus.Load();
        var documents = Documents();
        var compiles = new Dictionary<string, string?>(StringComparer.Ordinal);
        var progress = Path.Combine(AppContext.BaseDirectory, "generator-fuzz-progress.txt");
        var failures = new List<string>();
        var tally = new Tally();

        for (var index = first; index < first + inputs; index++)
        {
            var input = corpus.Mutate(seed, index);
            File.WriteAllText(progress, $"seed {seed}, input {index}{Environment.NewLine}");
            var failure = Run(input, documents, compiles, tally);
            if (failure is null)
            {
                continue;
            }

            failures.Add($"input {index}: {failure} (kept in {Keep(input, $"generator-seed{seed}-input{index}")})");
            if (tally.Hangs > 2)
            {
                // Each hang leaves a thread working on the shared machine.
                break;
            }
        }

        File.Delete(progress);
        _output.WriteLine(
            $"generator fuzz: seed {seed}, {inputs} inputs from {first}: {tally.Crashes} crashes, {tally.Hangs} hangs, {tally.NotCompiling} non-compiling outputs; "
            + $"{tally.Evaluators} evaluators and {tally.Shells} shells generated, {tally.Nothing} inputs with nothing to generate; {compiles.Count} distinct outputs compiled");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));

        // A fuzzer whose inputs all fail to bind tests only the shell.
        Assert.True(inputs < 100 || tally.Evaluators >= inputs / 50, $"only {tally.Evaluators} of {inputs} inputs generated an evaluator");
    }

    [Fact]
    public void Every_kept_input_goes_through_the_generator_and_compiles()
    {
        var documents = Documents();
        var failures = FuzzCorpus.KeptInputs()
            .Select(k => (k.Name, Failure: Run(k.Files, documents, new Dictionary<string, string?>(StringComparer.Ordinal), new Tally())))
            .Where(k => k.Failure is not null)
            .Select(k => k.Name + ": " + k.Failure)
            .ToList();

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>Each shape of nesting, as deep as a depth counts for it (the unit repeated that many times).</summary>
    public static TheoryData<string> Shapes => new(NestingShapes.Keys);

    private static readonly Dictionary<string, Func<int, (string Define, string Condition)>> NestingShapes = new(StringComparer.Ordinal)
    {
        ["parentheses"] = depth => (Repeat("(", depth) + "n" + Repeat(")", depth) + " < 3", "big"),
        ["not"] = depth => (Repeat("not ", depth) + "c", "big"),
        ["if then else"] = depth => (Repeat("if c then 1 else ", depth) + "2", "big > 1"),
        ["and chain"] = depth => ("c" + Repeat(" and c", depth), "big"),
        ["or chain"] = depth => ("c" + Repeat(" or c", depth), "big"),
        ["sum"] = depth => ("n" + Repeat(" + n", depth) + " < 3", "big"),
        ["month steps"] = depth => ("d" + Repeat(" + 1 month", depth), "d < big"),
        ["earliest calls"] = depth => (Repeat("earliest(d, ", depth) + "d" + Repeat(")", depth), "d < big"),
        ["not and parentheses"] = depth => (Repeat("not (", depth) + "c" + Repeat(")", depth), "big"),
    };

    /// <summary>
    /// The deepest nesting of each shape the language accepts (XP0002 beyond it) compiles with no
    /// C# diagnostic, and one level more gives XP0002 and a compiling shell.
    /// </summary>
    [Theory]
    [MemberData(nameof(Shapes))]
    public void The_deepest_nesting_of_each_shape_compiles_and_one_more_level_is_XP0002(string shape)
    {
        var write = NestingShapes[shape];
        string Policy(int depth) => DeepPolicy(write(depth).Define, write(depth).Condition);

        // The deepest depth with no XP0002, found with the front end alone (fast), then compiled.
        var deepest = Enumerable.Range(1, NestingLimit.MaxDepth + 1).Last(depth => !BindErrors(Policy(depth)).Any(d => d.Id == DiagnosticIds.NestedTooDeeply));
        Assert.True(deepest <= NestingLimit.MaxDepth, $"{shape}: {deepest} levels are accepted, past the limit of {NestingLimit.MaxDepth}");
        Assert.Empty(BindErrors(Policy(deepest)).Select(d => d.ToString()));

        var accepted = Compiled(Policy(deepest));
        Assert.True(accepted.Count == 0, $"{shape} at {deepest} levels: " + string.Join("\n", accepted.Take(5)));

        var refused = Compiled(Policy(deepest + 1));
        Assert.Contains(BindErrors(Policy(deepest + 1)), d => d.Id == DiagnosticIds.NestedTooDeeply);
        Assert.DoesNotContain(refused, d => d.Contains(": error ", StringComparison.Ordinal));
        _output.WriteLine($"nesting: {shape}: {deepest} levels compile; {deepest + 1} is XP0002 with a compiling shell");
    }

    private static string Repeat(string text, int times) => string.Concat(Enumerable.Repeat(text, times));

    private static string DeepPolicy(string define, string condition) => $"""
        policy Deep implements "Deep document"
        fact n: int "n"
        fact c: bool "c"
        fact d: date "d"
        define big = {define} "x"
        warranty from d through d + 12 months active when c
        section "S"
        clause A
          quote "a"
          when {condition}
          then free
        clause B
          quote "b"
          when not ({condition})
          then paid
        """;

    private static List<PolicyDiagnostic> BindErrors(string policy) =>
        new PolicyDriver(capacity: 1).Compile(QuotedSentences.Input(new[] { ("/p/deep.policy", policy) }, analyze: false))
            .Diagnostics.Where(d => d.Severity == PolicySeverity.Error).ToList();

    /// <summary>The C# diagnostics (not hidden) of the policy's generated code, compiled on a 1 MB stack.</summary>
    private static List<string> Compiled(string policy) => OnSmallStack(() =>
    {
        var driver = GeneratorHarness.Driver(GeneratorHarness.PolicyFiles("/p/deep.policy", policy));
        driver.RunGeneratorsAndUpdateCompilation(Empty.Value, out var output, out var generatorDiagnostics);
        return generatorDiagnostics.Concat(output.GetDiagnostics()).Where(d => d.Severity != DiagnosticSeverity.Hidden).Select(d => d.ToString()).ToList();
    });

    /// <summary>The source documents beside the corpus's policies, which their headers quote.</summary>
    private static List<InputFile> Documents() =>
        new[] { Path.Combine(AppContext.BaseDirectory, "policy"), Path.Combine(AppContext.BaseDirectory, "fixtures", "policies") }
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.GetFiles(folder, "*.txt", SearchOption.AllDirectories))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => new InputFile(f, File.ReadAllText(f)))
            .ToList();

    private sealed class Tally
    {
        public int Crashes { get; set; }

        public int Hangs { get; set; }

        public int NotCompiling { get; set; }

        public int Evaluators { get; set; }

        public int Shells { get; set; }

        public int Nothing { get; set; }
    }

    /// <summary>What went wrong with one input, or null; counted in the tally.</summary>
    private static string? Run(IReadOnlyList<(string Path, string Text)> files, IReadOnlyList<InputFile> documents, Dictionary<string, string?> compiles, Tally tally)
    {
        // The generator compiles only .policy files; its policy has XP errors when they do not bind.
        var policies = files.Where(f => PolicyDriver.IsPolicyFile(f.Path)).Select(f => new InputFile(f.Path, f.Text)).ToList();
        try
        {
            var outcome = OnSmallStack(() => Generate(policies, documents, compiles));
            if (outcome.Problem is { } problem)
            {
                if (outcome.Crashed)
                {
                    tally.Crashes++;
                }
                else
                {
                    tally.NotCompiling++;
                }

                return problem;
            }

            if (!outcome.Generated)
            {
                tally.Nothing++;
            }
            else if (outcome.HasErrors)
            {
                tally.Shells++;
            }
            else
            {
                tally.Evaluators++;
            }

            return null;
        }
        catch (TimeoutException)
        {
            tally.Hangs++;
            return "hang";
        }
        catch (Exception e)
        {
            tally.Crashes++;
            return e.GetType().Name + ": " + e.Message + Environment.NewLine + e.StackTrace;
        }
    }

    private sealed record Outcome(bool Generated, bool HasErrors, bool Crashed, string? Problem);

    private static Outcome Generate(List<InputFile> policies, IReadOnlyList<InputFile> documents, Dictionary<string, string?> compiles)
    {
        // The shared driver, as the generator's: each file is parsed once, for both.
        var hasErrors = PolicyDriver.Shared.Compile(new DriverInput(policies, documents)).Diagnostics.Any(d => d.Severity == PolicySeverity.Error);

        var texts = policies.Concat(documents).Select(f => (AdditionalText)new GeneratorHarness.InMemoryAdditionalText(f.Path, f.Text));
        var driver = GeneratorHarness.Driver(texts, parseOptions: Diagnose).RunGeneratorsAndUpdateCompilation(Empty.Value, out var output, out var generatorDiagnostics);
        var result = driver.GetRunResult().Results.Single();
        if (result.Exception is not null)
        {
            return new Outcome(false, hasErrors, true, "the generator threw " + result.Exception);
        }

        // The generator reports only failures of its own (XP9001): any is a crash it caught.
        if (generatorDiagnostics.Concat(result.Diagnostics).FirstOrDefault() is { } failure)
        {
            return new Outcome(false, hasErrors, true, "the generator reported " + failure);
        }

        if (result.GeneratedSources.IsEmpty)
        {
            return new Outcome(false, hasErrors, false, null);
        }

        // Text is escaped in one place (Emit/CSharp.cs), so what a policy's text can break is the
        // syntax: each input's code is parsed, doc comments included. Its meaning to the compiler
        // lies in its tokens without the text of literals and comments: many inputs share those
        // (a shell of the same vocabulary, a quote edited), and each such shape is compiled once.
        var trees = result.GeneratedSources.Select(s => s.SyntaxTree).ToList();
        var syntax = trees.SelectMany(t => t.GetDiagnostics()).Where(d => d.Severity != DiagnosticSeverity.Hidden).ToList();
        if (syntax.Count > 0)
        {
            return new Outcome(true, hasErrors, false, "the generated code does not parse: " + string.Join("; ", syntax.Take(3)));
        }

        var key = Shape(trees);
        if (!compiles.TryGetValue(key, out var problem))
        {
            var diagnostics = output.GetDiagnostics().Where(d => d.Severity != DiagnosticSeverity.Hidden && d.Id != UndocumentedMember).ToList();
            var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            problem = hasErrors
                ? errors.Count == 0 ? null : "the shell of a policy with XP errors does not compile: " + string.Join("; ", errors.Take(3))
                : diagnostics.Count == 0 ? null : "a policy without XP errors gives C# diagnostics: " + string.Join("; ", diagnostics.Take(3));
            compiles[key] = problem;
        }

        return new Outcome(true, hasErrors, false, problem);
    }

    /// <summary>The generated code as the compiler's semantics see it: its tokens, with the text of literals and comments left out.</summary>
    private static string Shape(IEnumerable<SyntaxTree> trees)
    {
        var shape = new StringBuilder();
        foreach (var token in trees.SelectMany(t => t.GetRoot().DescendantTokens()))
        {
            shape.Append(token.Kind() is SyntaxKind.StringLiteralToken or SyntaxKind.Utf8StringLiteralToken or SyntaxKind.CharacterLiteralToken ? "\"\"" : token.Text).Append(' ');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(shape.ToString())));
    }

    /// <summary>Runs the work on a thread with a 1 MB stack; a hang is a <see cref="TimeoutException"/>.</summary>
    private static T OnSmallStack<T>(Func<T> work)
    {
        T result = default!;
        ExceptionDispatchInfo? error = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = work();
                }
                catch (Exception e)
                {
                    error = ExceptionDispatchInfo.Capture(e);
                }
            },
            1024 * 1024)
        {
            IsBackground = true,
        };
        thread.Start();
        if (!thread.Join(HangGuard))
        {
            throw new TimeoutException();
        }

        error?.Throw();
        return result;
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
