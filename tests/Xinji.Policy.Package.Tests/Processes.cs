using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;

namespace Xinji.Policy.Package.Tests;

/// <summary>What a finished command printed.</summary>
public sealed record ProcessResult(string CommandLine, string WorkingDirectory, int ExitCode, string Output, string Error)
{
    public override string ToString() =>
        $"$ {CommandLine}    (in {WorkingDirectory}, exit code {ExitCode})\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

/// <summary>Runs the SDK and the installed tool as a person at a terminal would, in an environment of the test's own.</summary>
internal static class Processes
{
    /// <summary>Longer than any step takes on a busy 2-core machine; a step that outlives it is killed and fails.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    /// <summary>The dotnet that runs the tests (the SDK's host), else the one on PATH.</summary>
    public static string Dotnet { get; } =
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    public static ProcessResult Run(string fileName, IReadOnlyList<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host's own MSBuild settings would point a child build at this repository's SDK
        // resolution; a consumer's terminal has none of them.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        // The analysis's 5 s default budget is wall-clock time, which a loaded CI machine can use up
        // before the analysis does; the guide's output must not change with the load. An environment
        // variable is an MSBuild property, so the guide's commands stay as written.
        start.Environment["XinjiPolicyAnalysisBudget"] = "120";

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var commandLine = string.Join(' ', new[] { Path.GetFileName(fileName) }.Concat(arguments));
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start " + fileName);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new ProcessResult(commandLine, workingDirectory, -1, output.Result, error.Result + $"\n(killed after {Timeout.TotalMinutes} minutes)");
        }

        process.WaitForExit();
        return new ProcessResult(commandLine, workingDirectory, process.ExitCode, output.Result, error.Result);
    }
}
