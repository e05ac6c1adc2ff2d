using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Xinji.Policy.Package.Tests;

/// <summary>
/// Once for the tests of <see cref="ConsumerTests"/>: packs the repository into a local feed
/// (as the documented <c>dotnet pack</c> does, from the projects the tests were built with), then
/// follows docs/getting-started.md in a fresh folder outside the repository, as a person would:
/// it writes the page's files, runs its commands and compares what they print with the page.
/// The folder is laid out as the page assumes: the clone's packages at ../Xinji.Policy/artifacts/packages.
/// A failure is kept, not thrown, so each test reports it in its own words.
/// </summary>
public sealed class ConsumerFixture : IDisposable
{
    public const string PackCommand = "dotnet pack -c Release -o artifacts/packages";

    private readonly Dictionary<string, string> _environment;

    public ConsumerFixture()
    {
        RepoRoot = FindRepoRoot();
        Root = Path.Combine(Path.GetTempPath(), "xinji-package-tests", Guid.NewGuid().ToString("N")[..12]);
        Feed = Path.Combine(Root, "Xinji.Policy", "artifacts", "packages");
        Tools = Path.Combine(Root, "tools");
        Directory.CreateDirectory(Feed);
        GuideText = File.ReadAllText(Path.Combine(RepoRoot, "docs", "getting-started.md"));
        _environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            // Packages extracted here only, so a package of an earlier run with the same version never stands in for this one.
            ["NUGET_PACKAGES"] = Path.Combine(Root, "nuget-packages"),
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            ["DOTNET_CLI_UI_LANGUAGE"] = "en",
            // No build servers or MSBuild nodes outlive the test.
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
            ["UseSharedCompilation"] = "false",
        };

        var configuration = typeof(ConsumerFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "Configuration").Value!;
        Pack = Processes.Run(Processes.Dotnet, new[] { "pack", Path.Combine(RepoRoot, "Xinji.Policy.sln"), "-c", configuration, "--no-build", "-o", Feed }, RepoRoot, _environment);
        if (Pack.ExitCode != 0)
        {
            Failure = "packing failed:\n" + Pack;
            AppDirectory = Root;
            return;
        }

        AppDirectory = FollowGuide();
    }

    public string RepoRoot { get; }

    /// <summary>The temporary folder everything happens in.</summary>
    public string Root { get; }

    /// <summary>The local feed the packages are packed into.</summary>
    public string Feed { get; }

    /// <summary>Where the tool is installed (the page's <c>--global</c> becomes <c>--tool-path</c> here).</summary>
    public string Tools { get; }

    public string GuideText { get; }

    public ProcessResult Pack { get; }

    /// <summary>The app the guide made, where its last commands ran.</summary>
    public string AppDirectory { get; }

    /// <summary>Every command the guide ran, in order.</summary>
    public List<ProcessResult> Steps { get; } = new();

    /// <summary>Where the guide and what happened part, one entry each; empty when they agree.</summary>
    public List<string> Mismatches { get; } = new();

    /// <summary>Why the guide could not be followed to its end, or null.</summary>
    public string? Failure { get; private set; }

    /// <summary>The page's <c>output=NAME</c> blocks.</summary>
    public Dictionary<string, GuideBlock> NamedOutputs { get; } = new(StringComparer.Ordinal);

    /// <summary>Runs a command in the app as the guide's commands run.</summary>
    public ProcessResult Run(params string[] words) => Run(words, AppDirectory);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open (a build server of another test run): the temp folder is the system's to clean.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private string FollowGuide()
    {
        var directory = Root;
        ProcessResult? last = null;
        foreach (var block in Guide.Blocks(GuideText))
        {
            var place = $"docs/getting-started.md({block.Line})";
            if (block.Value("file") is { } file)
            {
                var path = Path.Combine(directory, file);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, block.Text);
            }
            else if (block.Has("run"))
            {
                foreach (var command in Guide.Commands(block))
                {
                    if (command[0] == "cd" && command.Count == 2)
                    {
                        directory = Path.GetFullPath(Path.Combine(directory, command[1]));
                        continue;
                    }

                    last = Run(command, directory);
                    Steps.Add(last);
                    if (last.ExitCode != 0)
                    {
                        Failure = $"{place}: the command failed:\n{last}";
                        return directory;
                    }
                }
            }
            else if (block.Value("output") is { } name)
            {
                NamedOutputs[name] = block;
            }
            else if (block.Has("output"))
            {
                if (last is null)
                {
                    Mismatches.Add($"{place}: an output block before any command");
                }
                else if (!OutputPattern.Matches(block.Text, last.Output))
                {
                    Mismatches.Add($"{place}: `{last.CommandLine}` printed other than the page shows.\n--- the page\n{block.Text}--- the command\n{last.Output}\n--- its stderr\n{last.Error}");
                }
            }
        }

        return directory;
    }

    private ProcessResult Run(IReadOnlyList<string> words, string directory) => Run(words, directory, Tools);

    /// <summary>
    /// Runs a command line of a page: <c>dotnet</c>, with a global tool install going to
    /// <paramref name="tools"/> instead, or <c>xinji-policy</c>, as installed there.
    /// </summary>
    public ProcessResult Run(IReadOnlyList<string> words, string directory, string tools)
    {
        var arguments = words.Skip(1).ToList();
        switch (words[0])
        {
            case "dotnet":
                // A global tool would change the machine: the same install goes to a folder of the test's own.
                if (arguments.Take(2).SequenceEqual(new[] { "tool", "install" }) && arguments.IndexOf("--global") is var global and >= 0)
                {
                    arguments[global] = "--tool-path";
                    arguments.Insert(global + 1, tools);
                }

                return Processes.Run(Processes.Dotnet, arguments, directory, _environment);
            case "xinji-policy":
                var tool = Path.Combine(tools, RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "xinji-policy.exe" : "xinji-policy");
                return Processes.Run(tool, arguments, directory, _environment);
            default:
                throw new InvalidDataException($"docs/getting-started.md runs '{words[0]}': the package test runs only dotnet and xinji-policy");
        }
    }

    private static string FindRepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Xinji.Policy.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("No Xinji.Policy.sln above " + AppContext.BaseDirectory);
    }
}
