using System.CommandLine;
using System.IO;
using Xinji.Policy.Tooling;

namespace Xinji.Policy.Cli.Commands;

/// <summary>
/// <c>explain CLAIM [--policy FILE_OR_DIR] [--format text|json]</c>: why a claim is decided as it is,
/// clause by clause, with the value of every part of every condition.
/// </summary>
internal static class ExplainCommand
{
    /// <summary>Explanations quote the policy's source, which the compiled policy does not carry:
    /// without --policy the command reads this directory below the working directory.</summary>
    public const string DefaultPolicyDirectory = "policy";

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
        var policy = new Option<string?>("--policy")
        {
            HelpName = "FILE_OR_DIR",
            Description = "The policy's .policy file or directory, whose text the explanation quotes. Default: ./" + DefaultPolicyDirectory + " if it exists.",
        };

        var command = new Command("explain", "Explain a decision: why paid, not free (or why free), each clause and the value of every part of its condition, and the derived values it used.")
        {
            claim,
            format,
            policy,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(policy) ?? DefaultPolicy(context);
            var loaded = path is null ? null : PolicyOption.Load(new[] { path }, withExamples: false, context);
            return loaded is null
                ? ExitCodes.InvalidInput
                : Run(parse.GetValue(claim)!, parse.GetValue(format) == "json", Explainer.For(loaded), context);
        });
        return command;
    }

    private static string? DefaultPolicy(CliContext context)
    {
        if (Directory.Exists(context.FullPath(DefaultPolicyDirectory)))
        {
            return DefaultPolicyDirectory;
        }

        context.Error.WriteLine($"xinji-policy: explain needs the policy's source and there is no {DefaultPolicyDirectory}/ directory in {context.WorkingDirectory}: pass --policy FILE_OR_DIR");
        return null;
    }

    public static int Run(string path, bool json, Explainer explainer, CliContext context) =>
        ClaimBatch.Run(new[] { path }, json, claim => explainer.Explain(claim.Json), ExplanationJson.ToJson, ExplanationText.Write, context);
}
