using System.Reflection;

namespace Xinji.Policy.Generator.Emit;

/// <summary>
/// The generator's version, as the generated code's <c>GeneratedCode</c> attribute states it:
/// read from the assembly, so it is the version of the package that ran, not a constant to keep in step.
/// </summary>
internal static class GeneratorVersion
{
    public static string Value { get; } = Read();

    private static string Read()
    {
        var assembly = typeof(GeneratorVersion).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (!string.IsNullOrEmpty(informational))
        {
            // "1.2.3+abcdef" carries the commit; the attribute states the release.
            var plus = informational!.IndexOf('+');
            return plus < 0 ? informational : informational.Substring(0, plus);
        }

        return assembly.GetName().Version?.ToString(3) ?? "0.0.0";
    }
}
