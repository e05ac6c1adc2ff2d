using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xinji.Policy.Testing;

namespace Xinji.Policy.Cli.Tests;

/// <summary>What one run of the tool (a process, or <see cref="InProcess"/>) did: its exit code and everything it wrote.</summary>
public sealed record CliResult(int ExitCode, string StdOut, string StdErr)
{
    /// <summary>Stdout split into lines, without the empty string after the final newline.</summary>
    public IReadOnlyList<string> StdOutLines => CliRunner.Lines(StdOut);

    /// <summary>Stderr split into lines, without the empty string after the final newline.</summary>
    public IReadOnlyList<string> StdErrLines => CliRunner.Lines(StdErr);

    /// <summary>
    /// Stdout after the lines that name the policy (<c>Policy:</c>, or diff's <c>Old policy:</c> and
    /// <c>New policy:</c>) and the blank line after them, which PolicyOptionTests checks: what the command says.
    /// </summary>
    public string Body
    {
        get
        {
            var body = StdOut;
            while (body.StartsWith("Policy:", StringComparison.Ordinal) || body.StartsWith("Old policy:", StringComparison.Ordinal) || body.StartsWith("New policy:", StringComparison.Ordinal))
            {
                var end = body.IndexOf('\n', StringComparison.Ordinal);
                body = end < 0 ? string.Empty : body[(end + 1)..];
                if (body.StartsWith('\n'))
                {
                    body = body[1..];
                }
            }

            return body;
        }
    }

    /// <summary><see cref="Body"/> split into lines.</summary>
    public IReadOnlyList<string> BodyLines => CliRunner.Lines(Body);

    /// <summary>A description for assertion messages.</summary>
    public override string ToString() =>
        $"exit code {ExitCode}{Environment.NewLine}--- stdout ---{Environment.NewLine}{StdOut}--- stderr ---{Environment.NewLine}{StdErr}--- end ---";
}

/// <summary>
/// Runs <c>dotnet xinji-policy.dll args...</c> as a real process from the test output folder, with
/// redirected stdin, stdout and stderr, and kills it (failing the test) when it outlives its timeout.
/// Only the few tests about the process itself use it; the rest run in-process (<see cref="InProcess"/>).
/// </summary>
public static class CliRunner
{
    /// <summary>
    /// How long one run may take before it is killed and the test fails: only a hang should reach
    /// it, and a loaded 2-core machine has taken over 30 s for the 3,000-claim diff replay.
    /// </summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private static readonly Lazy<string> LazyRepoRoot = new(FindRepoRoot);

    /// <summary>The folder holding Xinji.Policy.sln, found by walking up from the test output folder.</summary>
    public static string RepoRoot => LazyRepoRoot.Value;

    /// <summary>
    /// Where the commands run: a folder in the test output with the fixture copy of the XINJI policy
    /// as <c>policy/</c> and a copy of <c>examples/</c>, so outputs name the same paths as from the
    /// repository root while an edit of the shipped policy changes none of them.
    /// </summary>
    public static string WorkRoot => Path.Combine(AppContext.BaseDirectory, "cli-root");

    /// <summary>The tool, copied next to the tests by the project reference.</summary>
    public static string ToolPath => Path.Combine(AppContext.BaseDirectory, "xinji-policy.dll");

    /// <summary>Runs the tool with the repository root as working directory.</summary>
    public static CliResult Run(params string[] args) => Run(args, workingDirectory: null);

    /// <summary>Runs the tool and waits for it; a run that outlives <paramref name="timeout"/> is killed and fails the test.</summary>
    /// <param name="args">The tool's arguments, passed as they are (no shell quoting).</param>
    /// <param name="workingDirectory">The working directory; the repository root when null.</param>
    /// <param name="stdin">Text written to the tool's stdin (UTF-8, no BOM); stdin is closed after it, or at once when null.</param>
    /// <param name="timeout">The time limit; <see cref="DefaultTimeout"/> when null.</param>
    public static CliResult Run(IReadOnlyList<string> args, string? workingDirectory, string? stdin = null, TimeSpan? timeout = null)
    {
        var tool = ToolPath;
        if (!File.Exists(tool) || !File.Exists(Path.ChangeExtension(tool, ".runtimeconfig.json")))
        {
            Assert.Fail($"The tool is not in the test output folder: expected {tool} and its runtimeconfig.json next to the tests.");
        }

        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory ?? WorkRoot,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardInputEncoding = Utf8NoBom,
            StandardOutputEncoding = Utf8NoBom,
            StandardErrorEncoding = Utf8NoBom,
        };
        start.ArgumentList.Add(tool);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        var limit = timeout ?? DefaultTimeout;
        using var process = new Process { StartInfo = start };
        process.Start();

        // Read both streams while the process runs, so that neither pipe can fill up and block it.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();

        try
        {
            if (stdin is not null)
            {
                process.StandardInput.Write(stdin);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The tool exited (or closed stdin) before reading all of it; its exit code and output tell the rest.
        }

        if (!process.WaitForExit(limit))
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited between the wait and the kill.
            }

            process.WaitForExit();
            var partialOut = Finished(stdout);
            var partialErr = Finished(stderr);
            Assert.Fail(
                $"xinji-policy {string.Join(' ', args)} timed out after {limit.TotalSeconds:0.#} s and was killed."
                + $"{Environment.NewLine}--- stdout so far ---{Environment.NewLine}{partialOut}"
                + $"--- stderr so far ---{Environment.NewLine}{partialErr}--- end ---");
        }

        // WaitForExit(timeout) does not wait for the redirected streams to reach end of file; this does.
        process.WaitForExit();
        return new CliResult(process.ExitCode, Normalize(Finished(stdout)), Normalize(Finished(stderr)));
    }

    /// <summary>Splits output into lines, without the empty string after the final newline.</summary>
    public static IReadOnlyList<string> Lines(string text)
    {
        if (text.Length == 0)
        {
            return Array.Empty<string>();
        }

        var lines = text.Split('\n');
        return text.EndsWith('\n') ? lines[..^1] : lines;
    }

    /// <summary>Fails when stderr holds a stack trace or an exception type dump: errors are one-line messages for people.</summary>
    public static void AssertNoStackTrace(CliResult result)
    {
        foreach (var line in result.StdErrLines)
        {
            Assert.False(line.Contains("   at ", StringComparison.Ordinal), "Stack trace line on stderr: " + line + Environment.NewLine + result);
            Assert.False(Regex.IsMatch(line, @"\b[A-Z]\w*Exception\b:"), "Exception type dump on stderr: " + line + Environment.NewLine + result);
            Assert.False(line.Contains("--- End of", StringComparison.Ordinal), "Stack trace marker on stderr: " + line + Environment.NewLine + result);
        }
    }

    private static string Finished(Task<string> read)
    {
        // After the process has exited its pipes close, so this ends promptly; the bound guards against grandchildren holding them.
        return read.Wait(TimeSpan.FromSeconds(10)) ? read.Result : "(output still open)";
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>The dotnet host that runs the tests (set by the dotnet CLI), else "dotnet" from PATH.</summary>
    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(host) && File.Exists(host) ? host : "dotnet";
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Xinji.Policy.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Xinji.Policy.sln was not found in any folder above " + AppContext.BaseDirectory);
    }
}

/// <summary>A fresh temp directory for one test's claim files, deleted with everything in it on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("xinji-cli-tests-").FullName;
    }

    public string Path { get; }

    /// <summary>Writes a file (UTF-8, no BOM) in the directory and returns its full path.</summary>
    public string Write(string name, string content)
    {
        var path = System.IO.Path.Combine(Path, name);
        File.WriteAllText(path, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }

    /// <summary>Writes a policy file and, when it names no source, the document of the sentences it quotes (<see cref="QuotedSentences"/>).</summary>
    public string WritePolicy(string name, string content)
    {
        var path = System.IO.Path.Combine(Path, name);
        QuotedSentences.Write(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail the test that used it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
