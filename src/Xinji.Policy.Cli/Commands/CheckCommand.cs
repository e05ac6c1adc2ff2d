using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.Linq;
using Xinji.Policy.Dsl.Analysis;
using Xinji.Policy.Dsl.Diagnostics;
using Xinji.Policy.Tooling;

namespace Xinji.Policy.Cli.Commands;

/// <summary>
/// <c>check [PATH...] [--policy FILE_OR_DIR] [--witness]</c>: the build's policy diagnostics without a C# build, in the
/// compiler's format. Exit 0 without errors, 1 with errors, 2 when the policy cannot be read.
/// </summary>
internal static class CheckCommand
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Policy files or directories (as --policy; several make one policy).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        paths.Validators.Add(CommandLine.RejectOptionLikeFiles);
        var policy = PolicyOption.Create("The policy to check");
        var witness = new Option<bool>("--witness")
        {
            Description = "After each finding a claim shows, print that claim in full as JSON (it can be pasted as an example).",
        };

        var budget = new Option<string>("--analysis-budget")
        {
            Description = "How long the analysis may take, in seconds (default 5); past it, what was found is printed and warning XP2005 says what was not decided.",
            HelpName = "SECONDS",
        };
        budget.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && !AnalysisOptions.TryParseBudget(result.Tokens[0].Value, out _))
            {
                result.AddError($"--analysis-budget takes a number of seconds greater than 0 and at most a day (86400), such as 5 or 0.5; '{result.Tokens[0].Value}' is not one.");
            }
        });

        var command = new Command(
            "check",
            "Check a policy: syntax, names and types, conflicts, gaps, unreachable and redundant clauses. "
            + "Each diagnostic id XPnnnn has a help page, XPnnnn.md in " + DiagnosticCatalog.HelpLinkBase)
        {
            paths,
            policy,
            witness,
            budget,
        };
        command.SetAction(parse =>
        {
            var analysis = AnalysisOptions.TryParseBudget(parse.GetValue(budget), out var seconds) ? new AnalysisOptions { Budget = seconds } : AnalysisOptions.Default;
            return Run(Paths(parse.GetValue(paths), parse.GetValue(policy)), parse.GetValue(witness), context, analysis);
        });
        return command;
    }

    /// <exception cref="PolicyReadException">The policy cannot be read (reported by <see cref="CliApplication"/>).</exception>
    public static int Run(IReadOnlyList<string> paths, bool witness, CliContext context, AnalysisOptions? analysis = null)
    {
        var output = context.Out;
        var chosen = PolicyOption.Read(paths, withExamples: false, context);
        PolicyOption.WriteHeader(output, chosen);
        var report = PolicyChecker.Check(chosen.Loaded, analysis ?? AnalysisOptions.Default);

        foreach (var item in report.Diagnostics)
        {
            output.WriteLine(item.Diagnostic.ToString());
            if (witness && item.Finding?.Witness is { } claim && report.Policy is not null)
            {
                output.WriteLine("  witness: " + Witnesses.ToJson(report.Policy, claim, full: true));
            }

            // The other places the finding involves, in the compiler's format so an editor can jump there.
            foreach (var related in item.Diagnostic.RelatedLines())
            {
                output.WriteLine(related);
            }
        }

        var errors = report.Count(PolicySeverity.Error);
        var warnings = report.Count(PolicySeverity.Warning);
        var infos = report.Count(PolicySeverity.Info);
        var clauses = report.Policy is null
            ? "not analysed: fix the errors above first"
            : $"{Plural(report.Policy.Clauses.Count, "clause")} analysed in {report.AnalysisTime.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms";
        output.WriteLine($"{chosen.Where}: {Plural(errors, "error")}, {Plural(warnings, "warning")}, {Plural(infos, "info")} ({clauses})");
        return errors > 0 ? ExitCodes.Failure : ExitCodes.Success;
    }

    /// <summary>The paths given, and the one <c>--policy</c> names; none for the default policy.</summary>
    internal static IReadOnlyList<string> Paths(string[]? given, string? policy) =>
        (given ?? Array.Empty<string>()).Concat(policy is null ? Array.Empty<string>() : new[] { policy }).ToList();

    private static string Plural(int count, string word) => count + " " + word + (count == 1 ? string.Empty : "s");
}
