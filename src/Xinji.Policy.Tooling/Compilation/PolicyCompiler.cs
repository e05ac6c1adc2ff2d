using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xinji.Policy.Dsl.Driver;
using Xinji.Policy.Generator;
using Xinji.Policy.Runtime;

namespace Xinji.Policy.Tooling.Compilation;

/// <summary>
/// Compiles a policy read at run time into the same evaluator the build makes: the policy's files
/// go through <see cref="PolicyGenerator"/> and Roslyn in memory, and the assembly is loaded into a
/// collectible <see cref="AssemblyLoadContext"/>. Results are cached by a SHA-256 of the files'
/// paths and texts, so a policy is compiled once per content and process; the cache is bounded,
/// and a policy that leaves it is unloaded once nothing uses its evaluator.
/// </summary>
public static class PolicyCompiler
{
    /// <summary>How many compiled policies are kept; a service holds a handful of versions at once.</summary>
    private const int CacheCapacity = 16;

    private const string RootNamespace = "Xinji.Policy.Compiled";

    private static readonly object Gate = new();
    private static readonly LinkedList<KeyValuePair<string, Lazy<RuntimeCompiledPolicy?>>> Recent = new();

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(FrameworkReferences, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// The compiled evaluator for these policy files (the <c>.policy</c> ones of <paramref name="sources"/>,
    /// by path) and the documents their headers name, or null when they do not bind or do not compile
    /// cleanly; it never throws for the policy's sake.
    /// </summary>
    public static RuntimeCompiledPolicy? TryCompile(IReadOnlyDictionary<string, string> sources, IReadOnlyList<InputFile>? documents = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var policyFiles = sources
            .Where(s => PolicyDriver.IsPolicyFile(s.Key))
            .OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => new InputFile(s.Key, s.Value))
            .ToList();
        var documentFiles = (documents ?? Array.Empty<InputFile>()).OrderBy(d => d.Path, StringComparer.Ordinal).ToList();

        // The generator binds through the same driver: what does not bind here would come out as a shell that decides nothing.
        if (policyFiles.Count == 0 || PolicyDriver.Shared.Compile(new DriverInput(policyFiles, documentFiles)).Policy is null)
        {
            return null;
        }

        var files = policyFiles.Concat(documentFiles).Select(f => (f.Path, f.Text)).ToList();
        var key = ContentHash(files);
        Lazy<RuntimeCompiledPolicy?> entry;
        lock (Gate)
        {
            entry = Find(key) ?? Add(key, new Lazy<RuntimeCompiledPolicy?>(() => Compile(key, files), LazyThreadSafetyMode.ExecutionAndPublication));
        }

        return entry.Value;
    }

    /// <summary>The cache key: the files' paths and texts (documents too), length-prefixed so no two lists hash alike.</summary>
    public static string ContentHash(IReadOnlyList<(string Path, string Text)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (path, text) in files)
        {
            foreach (var part in new[] { path, text })
            {
                var bytes = Encoding.UTF8.GetBytes(part);
                hash.AppendData(BitConverter.GetBytes(bytes.Length));
                hash.AppendData(bytes);
            }
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static Lazy<RuntimeCompiledPolicy?>? Find(string key)
    {
        for (var node = Recent.First; node is not null; node = node.Next)
        {
            if (string.Equals(node.Value.Key, key, StringComparison.Ordinal))
            {
                Recent.Remove(node);
                Recent.AddFirst(node);
                return node.Value.Value;
            }
        }

        return null;
    }

    private static Lazy<RuntimeCompiledPolicy?> Add(string key, Lazy<RuntimeCompiledPolicy?> entry)
    {
        Recent.AddFirst(new KeyValuePair<string, Lazy<RuntimeCompiledPolicy?>>(key, entry));
        if (Recent.Count > CacheCapacity)
        {
            var oldest = Recent.Last!.Value.Value;
            Recent.RemoveLast();
            if (oldest.IsValueCreated)
            {
                oldest.Value?.Unload();
            }
        }

        return entry;
    }

    private static RuntimeCompiledPolicy? Compile(string key, IReadOnlyList<(string Path, string Text)> files)
    {
        try
        {
            var compilation = CSharpCompilation.Create(
                "Xinji.Policy.Compiled_" + key[..16],
                Array.Empty<SyntaxTree>(),
                References.Value,
                new CSharpCompilationOptions(
                    OutputKind.DynamicallyLinkedLibrary,
                    optimizationLevel: OptimizationLevel.Release,
                    nullableContextOptions: NullableContextOptions.Enable)
                    // The runtime library targets an older .NET than the one running; the compiler's
                    // note that it unifies the versions is not a problem.
                    .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>(StringComparer.Ordinal)
                    {
                        ["CS1701"] = ReportDiagnostic.Suppress,
                        ["CS1702"] = ReportDiagnostic.Suppress,
                    }));

            GeneratorDriver driver = CSharpGeneratorDriver.Create(
                new[] { new PolicyGenerator().AsSourceGenerator() },
                files.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)),
                new CSharpParseOptions(LanguageVersion.Latest),
                new BuildPropertyOptions(new Dictionary<string, string> { ["RootNamespace"] = RootNamespace }));
            driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
            if (generatorDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                return null;
            }

            using var image = new MemoryStream();
            if (!output.Emit(image).Success)
            {
                return null;
            }

            var context = new AssemblyLoadContext("xinji-policy-" + key[..16], isCollectible: true);
            image.Position = 0;
            var assembly = context.LoadFromStream(image);
            var evaluator = assembly.GetTypes()
                .Where(t => typeof(IPolicyEvaluator).IsAssignableFrom(t))
                .Select(t => t.GetField("Instance", BindingFlags.Public | BindingFlags.Static)?.GetValue(null))
                .OfType<IPolicyEvaluator>()
                .FirstOrDefault();
            if (evaluator is null)
            {
                // The generator emitted a shell (a policy with errors): nothing here decides claims.
                context.Unload();
                return null;
            }

            return new RuntimeCompiledPolicy(key, evaluator, context);
        }
#pragma warning disable CA1031 // A policy that does not compile for any reason is decided by the interpreter instead.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    /// <summary>
    /// The running framework's own assemblies and the runtime library: what generated code compiles against.
    /// Only the assemblies it can mention, so each compilation reads a few files rather than the whole framework.
    /// </summary>
    private static ImmutableArray<MetadataReference> FrameworkReferences()
    {
        var wanted = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "System.Private.CoreLib.dll",
            "System.Runtime.dll",
            "System.Collections.dll",
            "System.Memory.dll",
            "System.Text.Json.dll",
            "System.Text.Encodings.Web.dll",
            "System.Linq.dll",
            "System.Runtime.InteropServices.dll",
            "netstandard.dll",
        };
        var trusted = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty).Split(Path.PathSeparator);
        return trusted
            .Where(p => wanted.Contains(Path.GetFileName(p)))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(IPolicyEvaluator).Assembly.Location))
            .ToImmutableArray();
    }
}

/// <summary>A policy compiled in memory: its evaluator, and the load context that holds its code.</summary>
public sealed class RuntimeCompiledPolicy
{
    private readonly AssemblyLoadContext _context;

    internal RuntimeCompiledPolicy(string contentHash, IPolicyEvaluator evaluator, AssemblyLoadContext context)
    {
        ContentHash = contentHash;
        Evaluator = evaluator;
        _context = context;
    }

    /// <summary>The SHA-256 of the policy files it was compiled from.</summary>
    public string ContentHash { get; }

    public IPolicyEvaluator Evaluator { get; }

    /// <summary>Lets the runtime unload the code once nothing refers to the evaluator.</summary>
    internal void Unload() => _context.Unload();
}
