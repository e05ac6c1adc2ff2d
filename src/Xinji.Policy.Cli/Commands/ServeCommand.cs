using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using Xinji.Policy.DecisionLog;
using Xinji.Policy.Server;

namespace Xinji.Policy.Cli.Commands;

/// <summary>
/// <c>serve [--policy FILE_OR_DIR] [--urls URL] [--decision-log STORE] [--api-key-file FILE]</c>: the
/// decision service over HTTP (README, "Decision service"), until stopped. Exit 2 when it refuses to start.
/// </summary>
internal static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var policy = PolicyOption.Create("The policy served (its folder is watched, and a version without errors replaces it)");
        var urls = new Option<string>("--urls")
        {
            Description = "Where to listen, as URLs separated by ';'. Default: " + ServerOptions.DefaultUrl
                          + ". Another address than loopback needs --api-key-file.",
            HelpName = "URL",
            DefaultValueFactory = _ => ServerOptions.DefaultUrl,
        };
        var decisionLog = new Option<string>("--decision-log")
        {
            Description = "Where decisions are recorded before they are answered: sqlite:PATH, postgres://USER@HOST:PORT/DATABASE, "
                          + "a connection string Host=…;Database=…;Username=…, or memory (lost on exit). Default: " + DecisionLogLocation.Default + ".",
            HelpName = "STORE",
            DefaultValueFactory = _ => DecisionLogLocation.Default,
        };
        var keyFile = new Option<string?>("--api-key-file")
        {
            Description = "Keys callers present as 'Authorization: Bearer KEY': one a line, optionally after a client name and a space.",
            HelpName = "FILE",
        };
        var maxClaim = new Option<long>("--max-claim-bytes")
        {
            Description = "The largest body of a single claim, in bytes (413 above it).",
            HelpName = "N",
            DefaultValueFactory = _ => ServerOptions.DefaultMaxClaimBytes,
        };
        var maxBatch = new Option<long>("--max-batch-bytes")
        {
            Description = "The largest body of a JSON Lines batch, in bytes (413 above it).",
            HelpName = "N",
            DefaultValueFactory = _ => ServerOptions.DefaultMaxBatchBytes,
        };

        var command = new Command("serve", "Serve decisions over HTTP: POST /v1/decisions, /v1/explanations; GET /v1/policy, its claim schema, logged decisions, /healthz.")
        {
            policy,
            urls,
            decisionLog,
            keyFile,
            maxClaim,
            maxBatch,
        };
        command.SetAction(parse => Run(
            parse.GetValue(policy),
            parse.GetValue(urls)!,
            parse.GetValue(decisionLog)!,
            parse.GetValue(keyFile),
            parse.GetValue(maxClaim),
            parse.GetValue(maxBatch),
            context));
        return command;
    }

    private static int Run(string? policyPath, string urls, string decisionLog, string? keyFile, long maxClaimBytes, long maxBatchBytes, CliContext context)
    {
        if (maxClaimBytes < 1 || maxBatchBytes < 1)
        {
            context.Error.WriteLine("xinji-policy: --max-claim-bytes and --max-batch-bytes must be at least 1");
            return ExitCodes.InvalidInput;
        }

        IReadOnlyList<ApiKey> keys = Array.Empty<ApiKey>();
        if (keyFile is not null)
        {
            try
            {
                keys = ApiKey.ReadFile(context.FullPath(keyFile), keyFile);
            }
            catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException or FormatException)
            {
                context.Error.WriteLine("xinji-policy: --api-key-file: " + (unreadable is FormatException ? unreadable.Message : keyFile + ": " + unreadable.Message));
                return ExitCodes.InvalidInput;
            }
        }

        var listenOn = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // The policy is read as every command reads it, and read again from the same place on each change.
        var paths = policyPath is null ? Array.Empty<string>() : new[] { policyPath };
        var first = PolicyOption.Read(paths, withExamples: false, context);
        var watch = first.Where == "built in" ? null : WatchedDirectory(context.FullPath(policyPath ?? PolicyOption.DefaultDirectory));
        IDecisionLog log;
        DecisionLogLocation location;
        try
        {
            location = DecisionLogLocation.Parse(decisionLog, context.WorkingDirectory);
            log = DecisionLogFactory.OpenAsync(location).GetAwaiter().GetResult();
        }
        catch (DecisionLogException unusable)
        {
            context.Error.WriteLine("xinji-policy: --decision-log: " + unusable.Message);
            return ExitCodes.InvalidInput;
        }

        var options = new ServerOptions
        {
            Urls = listenOn,
            ReadPolicy = () => PolicyOption.Read(paths, withExamples: false, context).Loaded,
            Evaluator = (loaded, claims) => PolicyOption.Evaluator(new ChosenPolicy(loaded, first.Where), claims),
            WatchDirectory = watch,
            PolicyOrigin = first.Where,
            ApiKeys = keys,
            DecisionLog = log,
            DecisionLogName = location.Display,
            MaxClaimBytes = maxClaimBytes,
            MaxBatchBytes = maxBatchBytes,
            Out = context.Out,
            Log = context.Error,
        };
        try
        {
            return DecisionServer.RunAsync(options).GetAwaiter().GetResult();
        }
        finally
        {
            log.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>The folder to watch for a policy path: the folder itself, or the one a policy file is in.</summary>
    private static string WatchedDirectory(string fullPath) => Directory.Exists(fullPath) ? fullPath : Path.GetDirectoryName(fullPath)!;
}
