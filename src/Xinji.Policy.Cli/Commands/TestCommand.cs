using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using Xinji.Policy.Tooling;
using Xinji.Policy.Tooling.Examples;

namespace Xinji.Policy.Cli.Commands;

/// <summary><c>test [PATH...] [--fail-on-uncovered]</c>: run the examples written in the policy language.</summary>
internal static class TestCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "A policy directory (its .policy and .examples files), or .policy and .examples files. "
                          + "Examples given alone run against the policy beside them.",
            Arity = ArgumentArity.ZeroOrMore,
            DefaultValueFactory = _ => new[] { "policy" },
        };
        paths.Validators.Add(CommandLine.RejectOptionLikeFiles);
        var failOnUncovered = new Option<bool>("--fail-on-uncovered")
        {
            Description = "Also fail (exit 1) when a clause is cited by no example.",
        };

        var command = new Command("test", "Run the policy's examples through the reference interpreter: pass or fail for each, and the clauses no example exercises.")
        {
            paths,
            failOnUncovered,
        };
        command.SetAction(parse => Run(parse.GetValue(paths)!, parse.GetValue(failOnUncovered), Console.Out, Console.Error));
        return command;
    }

    /// <returns>0 when every example passes (and, with <paramref name="failOnUncovered"/>, every clause is
    /// exercised); 1 when one fails; 2 when the policy or its examples cannot be used.</returns>
    public static int Run(IReadOnlyList<string> paths, bool failOnUncovered, TextWriter output, TextWriter error)
    {
        LoadedPolicy loaded;
        try
        {
            loaded = ExampleLoader.Load(paths);
        }
        catch (FileNotFoundException missing)
        {
            error.WriteLine($"xinji-policy: cannot read {missing.FileName}: {missing.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
        {
            error.WriteLine("xinji-policy: cannot read the policy: " + unreadable.Message);
            return ExitCodes.InvalidInput;
        }

        foreach (var diagnostic in loaded.Diagnostics)
        {
            error.WriteLine(diagnostic.ToString());
        }

        if (loaded.Policy is not { } policy)
        {
            return ExitCodes.InvalidInput;
        }

        if (policy.Examples.Count == 0)
        {
            error.WriteLine($"xinji-policy: no examples in {string.Join(", ", paths)}: write 'example' declarations in {ExampleLoader.Extension} files beside the policy");
            return ExitCodes.InvalidInput;
        }

        var run = ExampleRunner.Run(policy);
        ExampleReport.Write(output, run);
        return run.AllPassed && (!failOnUncovered || run.Coverage.IsComplete) ? ExitCodes.Success : ExitCodes.Failure;
    }
}
