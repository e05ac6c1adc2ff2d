using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Xinji.Policy.Dsl.Driver;

namespace Xinji.Policy.Cli;

/// <summary>
/// The XINJI policy's files as they were when the tool was built (embedded from <c>policy/</c>, the
/// files <c>Xinji.Warranty</c> compiles), so every command has a policy to work with outside a clone.
/// </summary>
internal static class BuiltInPolicy
{
    /// <summary>Where its files seem to be: diagnostics and explanations name them <c>(built-in)/FILE</c>.</summary>
    public const string Location = "(built-in)";

    private const string ResourcePrefix = "policy/";

    private static readonly Lazy<IReadOnlyList<InputFile>> Files = new(Read);

    /// <summary>The policy's <c>.policy</c> and <c>.examples</c> files, and the documents they quote.</summary>
    public static DriverInput Input(bool withExamples)
    {
        var files = Files.Value;
        return new DriverInput(
            files.Where(f => PolicyDriver.IsPolicyFile(f.Path) || (withExamples && PolicyDriver.IsExamplesFile(f.Path))),
            files.Where(f => !PolicyDriver.IsPolicyFile(f.Path) && !PolicyDriver.IsExamplesFile(f.Path)));
    }

    private static List<InputFile> Read()
    {
        var assembly = typeof(BuiltInPolicy).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .OrderBy(name => name, StringComparer.Ordinal)
            .Select(name => new InputFile(string.Concat(Location + "/", name.AsSpan(ResourcePrefix.Length)), ReadText(assembly, name)))
            .ToList();
    }

    private static string ReadText(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
