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
        files.Validators.Add(CommandLine.RejectOptionLikeFiles);

        var command = new Command("evaluate", "Decide claims: coverage, remedies, warranty period, cited clauses, requirements and notes.")
        {
            files,
            format,
            policy,
        };
        command.SetAction(parse =>
        {
            var chosen = PolicyOption.Choose(parse.GetValue(policy), withExamples: false, context);
            return chosen is null ? ExitCodes.InvalidInput : Run(parse.GetValue(files)!, parse.GetValue(format) == "json", chosen, context);
        });
        return command;
    }

    /// <summary>Decides the claims with the chosen policy; the text output starts with the policy's name and hash, each JSON line carries them.</summary>
    public static int Run(string[] paths, bool json, ChosenPolicy chosen, CliContext context)
    {
        var evaluator = PolicyOption.Evaluator(chosen);
        if (!json)
        {
            PolicyOption.WriteHeader(context.Out, chosen, deciding: true);
            context.Out.WriteLine();
        }

        return ClaimBatch.Run(
            paths,
            json,
            claim => evaluator.Evaluate(claim.Json),
            decision => PolicyOption.WithPolicy(DecisionWriter.ToJson(decision), chosen.Identity),
            DecisionWriter.WriteText,
            context);
    }
}
