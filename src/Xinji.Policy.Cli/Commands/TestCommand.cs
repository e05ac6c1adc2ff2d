using System.Collections.Generic;
using System.CommandLine;
using Xinji.Policy.Dsl.Driver;
using Xinji.Policy.Tooling;
using Xinji.Policy.Tooling.Examples;

namespace Xinji.Policy.Cli.Commands;

/// <summary><c>test [PATH...] [--policy FILE_OR_DIR] [--fail-on-uncovered]</c>: run the examples written in the policy language.</summary>
internal static class TestCommand
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "A policy directory (its .policy and .examples files), or .policy and .examples files. "
                          + "Examples given alone run against the policy beside them.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var policy = PolicyOption.Create("The policy whose examples run");
        paths.Validators.Add(CommandLine.RejectOptionLikeFiles);
        var failOnUncovered = new Option<bool>("--fail-on-uncovered")
        {
            Description = "Also fail (exit 1) when a clause is cited by no example.",
        };

        var command = new Command("test", "Run the policy's examples through the reference interpreter: pass or fail for each, and the clauses no example exercises.")
        {
            paths,
            policy,
            failOnUncovered,
        };
        command.SetAction(parse => Run(CheckCommand.Paths(parse.GetValue(paths), parse.GetValue(policy)), parse.GetValue(failOnUncovered), context));
        return command;
    }

    /// <returns>0 when every example passes (and, with <paramref name="failOnUncovered"/>, every clause is
    /// exercised); 1 when one fails; 2 when the policy or its examples cannot be used.</returns>
    /// <exception cref="PolicyReadException">The policy cannot be read (reported by <see cref="CliApplication"/>).</exception>
    public static int Run(IReadOnlyList<string> paths, bool failOnUncovered, CliContext context)
    {
        if (PolicyOption.Choose(paths, withExamples: true, context) is not { Loaded.Policy: { } policy } chosen)
        {
            return ExitCodes.InvalidInput;
        }

        if (policy.Examples.Count == 0)
        {
            context.Error.WriteLine($"xinji-policy: no examples in {chosen.Where}: write 'example' declarations in {PolicyDriver.ExamplesExtension} files beside the policy");
            return ExitCodes.InvalidInput;
        }

        var run = ExampleRunner.Run(policy);
        PolicyOption.WriteHeader(context.Out, chosen);
        ExampleReport.Write(context.Out, run);
        return run.AllPassed && (!failOnUncovered || run.Coverage.IsComplete) ? ExitCodes.Success : ExitCodes.Failure;
    }
}
