using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using Xinji.Policy.Dsl.Analysis;
using Xinji.Policy.Dsl.Diagnostics;
using Xinji.Policy.Tooling;

namespace Xinji.Policy.Cli.Commands;

/// <summary>
/// <c>check [PATH...] [--witness]</c>: the build's policy diagnostics without a C# build, in the
/// compiler's format. Exit 0 without errors, 1 with errors, 2 when the policy cannot be read.
/// </summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Policy files or directories (default: policy/).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        paths.Validators.Add(CommandLine.RejectOptionLikeFiles);
        var witness = new Option<bool>("--witness")
        {
            Description = "After each finding a claim shows, print that claim in full as JSON (it can be pasted as an example).",
        };

        var command = new Command("check", "Check a policy: syntax, names and types, conflicts, gaps, unreachable and redundant clauses.")
        {
            paths,
            witness,
        };
        command.SetAction(parse => Run(parse.GetValue(paths) is { Length: > 0 } given ? given : new[] { "policy" }, parse.GetValue(witness), Console.Out, Console.Error));
        return command;
    }

    public static int Run(string[] paths, bool witness, TextWriter output, TextWriter error)
    {
        LoadedPolicy loaded;
        try
        {
            loaded = PolicyLoader.Load(paths);
        }
        catch (FileNotFoundException missing)
        {
            error.WriteLine($"xinji-policy: cannot read {missing.FileName}: {missing.Message}");
            return ExitCodes.InvalidInput;
        }

        var report = PolicyChecker.Check(loaded);

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
        output.WriteLine($"{string.Join(" ", paths)}: {Plural(errors, "error")}, {Plural(warnings, "warning")}, {Plural(infos, "info")} ({clauses})");
        return errors > 0 ? ExitCodes.Failure : ExitCodes.Success;
    }

    private static string Plural(int count, string word) => count + " " + word + (count == 1 ? string.Empty : "s");
}
