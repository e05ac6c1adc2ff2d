using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xinji.Policy.Testing;

namespace Xinji.Policy.Generator.Tests;

/// <summary>Runs the generator in memory over C# sources and policy files, against this runtime's assemblies.</summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return trusted
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(Xinji.Policy.Runtime.Coverage).Assembly.Location))
            .ToImmutableArray();
    });

    public static CSharpCompilation Compilation(params string[] sources) =>
        CSharpCompilation.Create(
            "Generated",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(LanguageVersion.Latest), path: $"Source{i}.cs")),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                // The runtime library is built against .NET 8; these tests compile against the running .NET.
                .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress }));

    public static GeneratorDriver Driver(IEnumerable<AdditionalText> additionalFiles, string? rootNamespace = "Test.Policies", CSharpParseOptions? parseOptions = null) =>
        Driver(additionalFiles, rootNamespace is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["RootNamespace"] = rootNamespace }, parseOptions);

    /// <summary>A driver whose build sets these MSBuild properties (as <c>build_property.NAME</c>).</summary>
    public static GeneratorDriver Driver(IEnumerable<AdditionalText> additionalFiles, IReadOnlyDictionary<string, string> buildProperties, CSharpParseOptions? parseOptions = null) =>
        CSharpGeneratorDriver.Create(
            new[] { new PolicyGenerator().AsSourceGenerator() },
            additionalFiles,
            parseOptions ?? new CSharpParseOptions(LanguageVersion.Latest),
            new TestOptionsProvider(buildProperties.ToImmutableDictionary(p => "build_property." + p.Key, p => p.Value)),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static (Compilation Output, GeneratorDriverRunResult Result) Run(params (string Path, string Text)[] files) =>
        Run(Compilation(), files);

    /// <summary>A policy file as an additional text, followed by the document of the sentences it quotes when it names no source.</summary>
    public static AdditionalText[] PolicyFiles(string path, string text)
    {
        var (attached, document) = QuotedSentences.Attach(path, text);
        var policy = new InMemoryAdditionalText(path, attached);
        return document is { } d ? new AdditionalText[] { policy, new InMemoryAdditionalText(d.Path, d.Text) } : new AdditionalText[] { policy };
    }

    /// <summary>Runs the generator over the files, and the document of the sentences their policy quotes (<see cref="QuotedSentences"/>).</summary>
    public static (Compilation Output, GeneratorDriverRunResult Result) Run(Compilation compilation, params (string Path, string Text)[] files)
    {
        var (policies, document) = QuotedSentences.Attach(files.Where(f => f.Path.EndsWith(".policy", StringComparison.Ordinal)).ToDictionary(f => f.Path, f => f.Text, StringComparer.Ordinal));
        var inputs = files.Select(f => policies.TryGetValue(f.Path, out var text) ? (f.Path, Text: text) : f).ToList();
        if (document is { } d)
        {
            inputs.Add((d.Path, d.Text));
        }

        var driver = RunChecked(Driver(inputs.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text))), compilation, out var output);
        return (output, driver.GetRunResult());
    }

    /// <summary>
    /// Runs the generator, with the checks every generator test gets: no step's output holds a
    /// symbol, syntax node, compilation, location or semantic model (each would keep a whole
    /// compilation alive in the IDE, and never compares equal between runs); and a second run
    /// over the same input finds every step cached, and produces the same sources.
    /// </summary>
    public static GeneratorDriver RunChecked(GeneratorDriver driver, Compilation compilation, out Compilation output)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out output, out _);
        var first = driver.GetRunResult();
        foreach (var result in first.Results)
        {
            // The pipeline's own steps; the source output step is the driver's (sources and diagnostics, with locations).
            foreach (var (step, runs) in result.TrackedSteps.Where(s => s.Key is not ("SourceOutput" or "ImplementationSourceOutput")))
            {
                foreach (var stepOutput in runs.SelectMany(r => r.Outputs))
                {
                    PipelineValues.AssertHoldsNoCompilerObjects(stepOutput.Value, step);
                }
            }
        }

        var again = driver.RunGenerators(compilation);
        var second = again.GetRunResult();
        foreach (var result in second.Results)
        {
            foreach (var (step, runs) in result.TrackedSteps.Concat(result.TrackedOutputSteps))
            {
                Assert.All(runs.SelectMany(r => r.Outputs), o => Assert.True(
                    o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    $"The step {step} ran again ({o.Reason}) on a second run over the same input."));
            }
        }

        Assert.Equal(
            first.Results.SelectMany(r => r.GeneratedSources).Select(s => (s.HintName, s.SourceText.ToString())),
            second.Results.SelectMany(r => r.GeneratedSources).Select(s => (s.HintName, s.SourceText.ToString())));
        return again;
    }

    /// <summary>Runs the generator with RunChecked's checks, when only the driver is needed.</summary>
    public static GeneratorDriver RunChecked(GeneratorDriver driver, Compilation compilation) => RunChecked(driver, compilation, out _);

    internal sealed class InMemoryAdditionalText : AdditionalText
    {
        private readonly SourceText _text;

        public InMemoryAdditionalText(string path, string text)
        {
            Path = path;
            _text = SourceText.From(text);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class TestOptionsProvider : AnalyzerConfigOptionsProvider
    {
        private readonly AnalyzerConfigOptions _global;

        public TestOptionsProvider(ImmutableDictionary<string, string> globalOptions) =>
            _global = new Options(globalOptions);

        public override AnalyzerConfigOptions GlobalOptions => _global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

        private sealed class Options : AnalyzerConfigOptions
        {
            public static readonly Options Empty = new(ImmutableDictionary<string, string>.Empty);

            private readonly ImmutableDictionary<string, string> _values;

            public Options(ImmutableDictionary<string, string> values) => _values = values;

            public override bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value!);
        }
    }
}
