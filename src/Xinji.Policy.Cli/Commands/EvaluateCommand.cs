using System;
using System.CommandLine;
using System.IO;
using Xinji.Policy.Runtime;
using Xinji.Warranty;

namespace Xinji.Policy.Cli.Commands;

/// <summary><c>evaluate FILE... [--format text|json]</c>: decide claims with the compiled XINJI policy.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE")
        {
            Description = "Claim files (JSON; .jsonl for one claim per line), or - for stdin.",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = new Option<string>("--format")
        {
            Description = "text: a short verdict for people; json: one decision per line in the decision contract.",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json");
        var policy = new Option<string?>("--policy")
        {
            Description = "Decide with the policy in this .policy file or directory, through the reference interpreter, instead of the compiled XINJI policy.",
        };
        files.Validators.Add(CommandLine.RejectOptionLikeFiles);

        var command = new Command("evaluate", "Decide claims: coverage, remedies, warranty period, cited clauses, requirements and notes.")
        {
            files,
            format,
            policy,
        };
        command.SetAction(parse =>
        {
            var evaluator = PolicyOption.Evaluator(parse.GetValue(policy), Console.Error);
            return evaluator is null
                ? ExitCodes.InvalidInput
                : Run(parse.GetValue(files)!, parse.GetValue(format) == "json", evaluator, Console.In, Console.Out, Console.Error);
        });
        return command;
    }

    public static int Run(string[] paths, bool json, IPolicyEvaluator evaluator, TextReader stdin, TextWriter output, TextWriter error)
    {
        var exit = ExitCodes.Success;
        var first = true;
        foreach (var path in paths)
        {
            try
            {
                foreach (var claim in ClaimSource.Read(path, stdin))
                {
                    try
                    {
                        var decision = evaluator.Evaluate(claim.Json);
                        if (json)
                        {
                            output.WriteLine(DecisionWriter.ToJson(decision));
                        }
                        else
                        {
                            if (!first)
                            {
                                output.WriteLine();
                            }

                            output.WriteLine("Claim:        " + claim.Origin);
                            DecisionWriter.WriteText(output, decision);
                        }

                        first = false;
                    }
                    catch (ClaimInputException invalid)
                    {
                        error.WriteLine($"{claim.Origin}: invalid claim: {invalid.Message}");
                        exit = ExitCodes.InvalidInput;
                    }
                    catch (PolicyDefectException defect)
                    {
                        error.WriteLine($"{claim.Origin}: policy defect: {defect.Message}");
                        exit = Math.Max(exit, ExitCodes.Failure) == ExitCodes.InvalidInput ? ExitCodes.InvalidInput : ExitCodes.Failure;
                    }
                }
            }
            catch (InputFileException missing)
            {
                error.WriteLine("xinji-policy: cannot read " + missing.Message);
                exit = ExitCodes.InvalidInput;
            }
        }

        return exit;
    }
}
