using System.CommandLine;
using Xinji.Policy.Tooling;

namespace Xinji.Policy.Cli.Commands;

/// <summary>
/// <c>explain CLAIM [--policy FILE_OR_DIR] [--format text|json]</c>: why a claim is decided as it is,
/// clause by clause, with the value of every part of every condition.
/// </summary>
internal static class ExplainCommand
{
    public static Command Create(CliContext context)
    {
        var claim = new Argument<string>("CLAIM")
        {
            Description = "The claim file (JSON; .jsonl for one claim per line), or - for stdin.",
        };
        claim.Validators.Add(CommandLine.RejectOptionLikeFiles);
        var format = new Option<string>("--format")
        {
            Description = "text: an explanation for people; json: one explanation per line, for tools.",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json");
        var policy = PolicyOption.Create("The policy whose decision is explained, and whose text the explanation quotes");

        var command = new Command("explain", "Explain a decision: why paid, not free (or why free), each clause and the value of every part of its condition, and the derived values it used.")
        {
            claim,
            format,
            policy,
        };
        command.SetAction(parse =>
        {
            var chosen = PolicyOption.Choose(parse.GetValue(policy), withExamples: false, context);
            return chosen is null ? ExitCodes.InvalidInput : Run(parse.GetValue(claim)!, parse.GetValue(format) == "json", chosen, context);
        });
        return command;
    }

    public static int Run(string path, bool json, ChosenPolicy chosen, CliContext context)
    {
        var explainer = Explainer.For(chosen.Loaded);
        if (!json)
        {
            PolicyOption.WriteHeader(context.Out, chosen);
            context.Out.WriteLine();
        }

        return ClaimBatch.Run(
            new[] { path },
            json,
            claim => explainer.Explain(claim.Json),
            explanation => PolicyOption.WithPolicy(ExplanationJson.ToJson(explanation), chosen.Identity),
            ExplanationText.Write,
            context);
    }
}
