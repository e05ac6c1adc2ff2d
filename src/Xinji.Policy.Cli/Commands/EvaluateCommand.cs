using System.CommandLine;
using Xinji.Policy.Runtime;

namespace Xinji.Policy.Cli.Commands;

/// <summary><c>evaluate FILE... [--format text|json]</c>: decide claims with the compiled XINJI policy.</summary>
internal static class EvaluateCommand
{
    public static Command Create(CliContext context)
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
            var evaluator = PolicyOption.Evaluator(parse.GetValue(policy), context);
            return evaluator is null
                ? ExitCodes.InvalidInput
                : Run(parse.GetValue(files)!, parse.GetValue(format) == "json", evaluator, context);
        });
        return command;
    }

    public static int Run(string[] paths, bool json, IPolicyEvaluator evaluator, CliContext context) =>
        ClaimBatch.Run(paths, json, claim => evaluator.Evaluate(claim.Json), DecisionWriter.ToJson, DecisionWriter.WriteText, context);
}
