using System;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Xinji.Policy.Generator.Tests;

/// <summary>
/// Full-text expected output kept next to the tests. A mismatch writes <c>*.received.cs</c>
/// beside the snapshot and fails; set XINJI_ACCEPT_SNAPSHOTS=1 (never in CI) to accept it.
/// </summary>
internal static class Snapshot
{
    /// <summary>The generator's version as the generated code states it; snapshots hold a placeholder, so a release changes none of them.</summary>
    public static string GeneratorVersion { get; } = ReadGeneratorVersion();

    private const string VersionPlaceholder = "{generator version}";

    public static void Match(string name, string actual, [CallerFilePath] string testFile = "")
    {
        actual = actual.Replace(
            "GeneratedCode(\"Xinji.Policy.Generator\", \"" + GeneratorVersion + "\")",
            "GeneratedCode(\"Xinji.Policy.Generator\", \"" + VersionPlaceholder + "\")",
            StringComparison.Ordinal);
        var directory = Path.Combine(Path.GetDirectoryName(testFile)!, "Snapshots");
        var verified = Path.Combine(directory, name + ".verified.cs");
        var received = Path.Combine(directory, name + ".received.cs");
        var accept = Environment.GetEnvironmentVariable("XINJI_ACCEPT_SNAPSHOTS") == "1"
                     && Environment.GetEnvironmentVariable("CI") != "true";

        if (accept)
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }

        if (!File.Exists(verified))
        {
            File.WriteAllText(received, actual);
            Assert.Fail($"No snapshot {verified}; the output was written to {received}.");
        }

        var expected = File.ReadAllText(verified).Replace("\r\n", "\n");
        if (expected != actual)
        {
            File.WriteAllText(received, actual);
        }
        else
        {
            File.Delete(received);
        }

        Assert.Equal(expected, actual);
    }

    private static string ReadGeneratorVersion()
    {
        var version = typeof(PolicyGenerator).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version.Substring(0, plus);
    }
}
