using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xinji.Policy.Generator;
using Xinji.Policy.Runtime;
using Xinji.Policy.Tooling.Compilation;

namespace Xinji.Policy.Differential.Tests;

/// <summary>
/// A policy compiled in memory by the real generator and loaded into a collectible load context;
/// disposing it unloads the assembly.
/// </summary>
internal sealed class CompiledPolicy : IDisposable
{
    private readonly AssemblyLoadContext _context;

    public CompiledPolicy(AssemblyLoadContext context, IPolicyEvaluator evaluator)
    {
        _context = context;
        Evaluator = evaluator;
    }

    public IPolicyEvaluator Evaluator { get; }

    public void Dispose() => _context.Unload();
}

/// <summary>
/// Runs <see cref="PolicyGenerator"/> over policy files as additional texts, compiles what it emits
/// against Xinji.Policy.Runtime and the running framework, and loads the generated evaluator.
/// </summary>
internal static class InMemoryPolicyCompiler
{
    private const string RootNamespace = "Forms.Generated";

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return trusted
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(IPolicyEvaluator).Assembly.Location))
            .ToImmutableArray();
    });

    /// <summary>Compiles the files; throws with every generator and C# diagnostic when anything is reported.</summary>
    public static CompiledPolicy Compile(string name, IEnumerable<(string Path, string Text)> files)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create(
            "Forms." + name.Replace('-', '_'),
            Array.Empty<SyntaxTree>(),
            References.Value,
            // Checked arithmetic, as a project with CheckForOverflowUnderflow builds: the generated code
            // must compute as the interpreter does whatever the project says.
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, checkOverflow: true)
                // The runtime library targets .NET 8; this compiles against the running .NET.
                .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress }));

        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new PolicyGenerator().AsSourceGenerator() },
            files.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)),
            parseOptions,
            new BuildPropertyOptions(new Dictionary<string, string> { ["RootNamespace"] = RootNamespace }));
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);

        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        var problems = generatorDiagnostics.Concat(emitted.Diagnostics)
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => d.ToString())
            .ToList();
        if (!emitted.Success || problems.Count > 0)
        {
            throw new InvalidOperationException($"The forms policy {name} does not compile cleanly:\n" + string.Join("\n", problems));
        }

        var context = new AssemblyLoadContext("forms-" + name, isCollectible: true);
        image.Position = 0;
        var assembly = context.LoadFromStream(image);
        var policyType = assembly.GetTypes().Single(t => typeof(IPolicyEvaluator).IsAssignableFrom(t));
        var instance = policyType.GetField("Instance", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as IPolicyEvaluator
            ?? throw new InvalidOperationException($"{policyType} has no public static Instance");
        return new CompiledPolicy(context, instance);
    }
}
