using System.CommandLine;
using Xinji.Policy.Runtime;

namespace Xinji.Policy.Cli.Commands;

/// <summary><c>evaluate FILE... [--policy FILE_OR_DIR] [--format text|json]</c>: decide claims (see <see cref="PolicyOption"/> for which policy).</summary>
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
        var policy = PolicyOption.Create("The policy that decides");
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
            var chosen = PolicyOption.Choose(parse.GetValue(policy), withExamples: false, context);
            return chosen is null ? ExitCodes.InvalidInput : Run(parse.GetValue(files)!, parse.GetValue(format) == "json", chosen, context, parse.GetValue(jobs));
        });
        return command;
    }

    /// <summary>Decides the claims with the chosen policy; the text output starts with the policy's name and hash, each JSON line carries them.</summary>
    /// <param name="jobs">How many blocks of a JSON Lines file are decided at once with JSON output.</param>
    public static int Run(string[] paths, bool json, ChosenPolicy chosen, CliContext context, int jobs = 1)
    {
        var expectedClaims = ClaimSource.EstimateCount(paths, context);
        var evaluator = PolicyOption.Evaluator(chosen, expectedClaims);
        if (json)
        {
            return ClaimBatch.RunJson(paths, PolicyOption.JsonDecider(evaluator), PolicyOption.PolicyPrefix(chosen.Identity), jobs, context);
        }

        PolicyOption.WriteHeader(context.Out, chosen, deciding: true, expectedClaims: expectedClaims);
        context.Out.WriteLine();

        return ClaimBatch.Run(
            paths,
            json,
            claim => evaluator.Evaluate(claim.Json),
            decision => PolicyOption.WithPolicy(DecisionWriter.ToJson(decision), chosen.Identity),
            DecisionWriter.WriteText,
            context);
    }
}
