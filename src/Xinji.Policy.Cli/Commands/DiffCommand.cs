using System.CommandLine;
using System.IO;
using System.Linq;
using Xinji.Policy.Dsl.Analysis;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Tooling;
using Xinji.Policy.Tooling.Diff;

namespace Xinji.Policy.Cli.Commands;

/// <summary>
/// <c>diff [OLD] NEW [--policy OLD] [--claims FILE] [--samples N] [--fail-on-change]</c>: which decisions a policy
/// change changes, found by replaying claims through both versions with the reference interpreter.
/// </summary>
internal static class DiffCommand
{
    public static Command Create(CliContext context)
    {
        var oldPolicy = new Argument<string>("OLD")
        {
            Description = "The old version of the policy: a .policy file or a directory of them. Given alone, it is NEW, and OLD is --policy or the default policy.",
        };
        var newPolicy = new Argument<string?>("NEW")
        {
            Description = "The new version of the policy: a .policy file or a directory of them.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var policy = PolicyOption.Create("The old version, when only NEW is given");
        oldPolicy.Validators.Add(CommandLine.RejectOptionLikeFiles);
        newPolicy.Validators.Add(CommandLine.RejectOptionLikeFiles);
        var claims = new Option<string?>("--claims")
        {
            Description = "Claims to replay: JSON Lines (.jsonl, one claim per line), one JSON claim, or - for stdin. "
                          + "Without it, the versions are compared by analysis over every valid claim, with a claim for each difference.",
            HelpName = "FILE",
        };
        var samples = new Option<int>("--samples")
        {
            Description = "How many sample claims to show for each kind of change.",
            DefaultValueFactory = _ => 3,
            HelpName = "N",
        };
        samples.Validators.Add(result =>
        {
            // Reads the token rather than the value: asking for the value of a token that is not a
            // number throws, and the parser reports that case itself.
            if (result.Tokens.Count == 1 && int.TryParse(result.Tokens[0].Value, out var count) && count < 0)
            {
                result.AddError("--samples cannot be negative.");
            }
        });
        var failOnChange = new Option<bool>("--fail-on-change")
        {
            Description = "Exit 1 when any decision changed (for CI: a change must be looked at). Without it the exit code is 0 whenever the report is produced.",
        };

        var command = new Command("diff", "Compare two versions of a policy on the same claims: how many decisions change, and how.")
        {
            oldPolicy,
            newPolicy,
            policy,
            claims,
            samples,
            failOnChange,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(newPolicy) is not null && result.GetValue(policy) is not null)
            {
                result.AddError("diff takes the old version as OLD or as --policy, not both.");
            }
        });
        command.SetAction(parse => Run(
            parse.GetValue(newPolicy) is null ? parse.GetValue(policy) : parse.GetValue(oldPolicy),
            parse.GetValue(newPolicy) ?? parse.GetValue(oldPolicy)!,
            parse.GetValue(claims),
            parse.GetValue(samples),
            parse.GetValue(failOnChange),
            context));
        return command;
    }

    /// <returns>0 when the report was produced (1 with <paramref name="failOnChange"/> and a change); 2 when a
    /// policy or the claims file cannot be used. A changed decision is what a policy edit is for, so by
    /// itself it is not a failure; claims that either version rejects are reported, not fatal.</returns>
    /// <exception cref="PolicyReadException">A version cannot be read (reported by <see cref="CliApplication"/>).</exception>
    /// <param name="oldPath">The old version; null for the default policy (see <see cref="PolicyOption"/>).</param>
    public static int Run(string? oldPath, string newPath, string? claimsPath, int samples, bool failOnChange, CliContext context)
    {
        var output = context.Out;
        var error = context.Error;
        var oldChosen = PolicyOption.Choose(oldPath, withExamples: false, context);
        var newChosen = PolicyOption.Choose(newPath, withExamples: false, context);
        if (oldChosen?.Loaded.Policy is not { } before || newChosen?.Loaded.Policy is not { } after)
        {
            return ExitCodes.InvalidInput;
        }

        oldPath = oldChosen.Where;

        if (claimsPath is null)
        {
            if (PolicyComparison.ContractDifference(before, after) is { } contract)
            {
                error.WriteLine("xinji-policy: " + contract + "; give --claims FILE to replay claims instead");
                return ExitCodes.InvalidInput;
            }

            WriteHeaders(output, oldChosen, newChosen);
            return WithoutClaims(before, after, oldPath, newPath, failOnChange, output);
        }

        ReplayClaim[] claims;
        try
        {
            claims = ClaimSource.Read(claimsPath, context).Select(c => new ReplayClaim(c.Origin, c.Json)).ToArray();
        }
        catch (InputFileException unreadable)
        {
            error.WriteLine("xinji-policy: cannot read " + unreadable.Message);
            return ExitCodes.InvalidInput;
        }

        var source = claimsPath == "-" ? "<stdin>" : claimsPath;
        if (claims.Length == 0)
        {
            error.WriteLine($"xinji-policy: {source}: no claims to replay");
            return ExitCodes.InvalidInput;
        }

        WriteHeaders(output, oldChosen, newChosen);
        var report = DecisionDiff.Compare(new InterpretedEvaluator(before), new InterpretedEvaluator(after), claims, samples);
        DiffReportWriter.Write(output, report, oldPath, newPath, source);
        return failOnChange && report.Changed > 0 ? ExitCodes.Failure : ExitCodes.Success;
    }

    /// <summary>
    /// Without claims, the analysis compares the versions over every valid claim: per clause,
    /// outcome, coverage, warranty and validity, a claim decided differently, or equivalence.
    /// </summary>
    private static int WithoutClaims(BoundPolicy before, BoundPolicy after, string oldPath, string newPath, bool failOnChange, TextWriter output)
    {
        var equivalent = EquivalenceReport.Write(output, before, after, oldPath, newPath);
        return failOnChange && !equivalent ? ExitCodes.Failure : ExitCodes.Success;
    }

    /// <summary>Which two policies are compared, each by name and hash, as every command's output starts.</summary>
    private static void WriteHeaders(TextWriter output, ChosenPolicy oldChosen, ChosenPolicy newChosen)
    {
        PolicyOption.WriteHeader(output, oldChosen, "Old policy:");
        PolicyOption.WriteHeader(output, newChosen, "New policy:");
        output.WriteLine();
    }
}
