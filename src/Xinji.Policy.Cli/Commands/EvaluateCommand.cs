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
        var jobs = new Option<int>("--jobs")
        {
            Description = "With --format json, decide this many blocks of JSON Lines claims at once; output keeps the input's order.",
            DefaultValueFactory = _ => 1,
            HelpName = "N",
        };
        jobs.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && int.TryParse(result.Tokens[0].Value, out var count) && count < 1)
            {
                result.AddError("--jobs must be at least 1.");
            }
        });
        files.Validators.Add(CommandLine.RejectOptionLikeFiles);

        var command = new Command("evaluate", "Decide claims: coverage, remedies, warranty period, cited clauses, requirements and notes.")
        {
            files,
            format,
            policy,
            jobs,
        };
        command.SetAction(parse =>
        {
            var paths = parse.GetValue(files)!;
            var evaluator = PolicyOption.Evaluator(parse.GetValue(policy), context, ClaimSource.EstimateCount(paths, context));
            return evaluator is null
                ? ExitCodes.InvalidInput
                : Run(paths, parse.GetValue(format) == "json", evaluator, parse.GetValue(jobs), context);
        });
        return command;
    }

    public static int Run(string[] paths, bool json, IPolicyEvaluator evaluator, int jobs, CliContext context) =>
        json
            ? ClaimBatch.RunJson(paths, evaluator, jobs, context)
            : ClaimBatch.Run(paths, json, claim => evaluator.Evaluate(claim.Json), DecisionWriter.ToJson, DecisionWriter.WriteText, context);
}
