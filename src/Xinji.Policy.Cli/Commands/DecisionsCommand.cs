using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Xinji.Policy.DecisionLog;

namespace Xinji.Policy.Cli.Commands;

/// <summary>
/// <c>decisions show ID</c> and <c>decisions export --since DATE [--until DATE]</c>: the decisions a
/// service recorded, read from its log (<c>--decision-log</c>, default <see cref="DecisionLogLocation.Default"/>)
/// and written as JSON Lines, one <see cref="DecisionRecordJson"/> object a line. Exit 0 on success,
/// 1 when <c>show</c> finds no such decision, 2 when the log or a date cannot be used.
/// </summary>
internal static class DecisionsCommand
{
    private const string DateHelp = "YYYY-MM-DD (midnight UTC) or an ISO 8601 time such as 2026-12-01T09:30:00Z (UTC when no offset is given)";

    public static Command Create(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "The decision's id, as the service answered it (decisionId)." };
        var show = new Command("show", "Print one logged decision as a line of JSON.") { id, LogOption() };
        show.SetAction(parse => Show(parse.GetValue(id)!, Location(parse), context));

        var since = DateOption("--since", "The first instant exported: " + DateHelp + ".");
        since.Required = true;
        var until = DateOption("--until", "Export the decisions made before this instant (default: all since): " + DateHelp + ".");
        var export = new Command("export", "Print the logged decisions made from --since up to --until, oldest first, as JSON Lines.") { since, until, LogOption() };
        export.SetAction(parse => Export(parse.GetValue(since), parse.GetValue(until), Location(parse), context));

        return new Command("decisions", "Read the decisions a service recorded: show one by id, or export a period as JSON Lines.")
        {
            show,
            export,
        };
    }

    private static Option<string> LogOption() => new("--decision-log")
    {
        Description = "The log to read: sqlite:PATH, postgres://USER@HOST:PORT/DATABASE or Host=…;Database=…;Username=….",
        HelpName = "STORE",
        DefaultValueFactory = _ => DecisionLogLocation.Default,
    };

    private static string Location(ParseResult parse) => parse.GetValue<string>("--decision-log")!;

    private static Option<DateTimeOffset?> DateOption(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "DATE",
        CustomParser = result => ParseDate(result, name),
    };

    private static DateTimeOffset? ParseDate(ArgumentResult result, string name)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        if (text.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }

        result.AddError($"{name}: '{text}' is not a date: use {DateHelp}.");
        return null;
    }

    private static int Show(string id, string location, CliContext context) => WithLog(location, context, async log =>
    {
        var record = await log.FindAsync(id, CancellationToken.None).ConfigureAwait(false);
        if (record is null)
        {
            context.Error.WriteLine($"xinji-policy: no decision with id '{id}' in the decision log");
            return ExitCodes.Failure;
        }

        WriteLine(context, record);
        return ExitCodes.Success;
    });

    private static int Export(DateTimeOffset? since, DateTimeOffset? until, string location, CliContext context)
    {
        if (until is { } end && end <= since!.Value)
        {
            context.Error.WriteLine($"xinji-policy: --until ({end:o}) must be after --since ({since:o})");
            return ExitCodes.InvalidInput;
        }

        return WithLog(location, context, async log =>
        {
            await foreach (var record in log.ExportAsync(since!.Value, until, CancellationToken.None).ConfigureAwait(false))
            {
                WriteLine(context, record);
            }

            return ExitCodes.Success;
        });
    }

    private static void WriteLine(CliContext context, DecisionRecord record)
    {
        // JSON Lines: a bare \n after each object, whatever the platform's line break.
        context.Out.Write(DecisionRecordJson.ToJsonLine(record));
        context.Out.Write('\n');
    }

    /// <summary>Opens the log (an existing one: reading never creates a store), runs the work, closes it.</summary>
    private static int WithLog(string location, CliContext context, Func<IDecisionLog, Task<int>> work)
    {
        try
        {
            var parsed = DecisionLogLocation.Parse(location, context.WorkingDirectory);
            if (parsed.Store == DecisionLogStore.Memory)
            {
                context.Error.WriteLine("xinji-policy: --decision-log: a memory log lives inside the 'xinji-policy serve' that holds it; name the store a service writes to");
                return ExitCodes.InvalidInput;
            }

            if (parsed.Store == DecisionLogStore.Sqlite && !File.Exists(parsed.Target))
            {
                context.Error.WriteLine($"xinji-policy: --decision-log: there is no decision log at {parsed.Display}");
                return ExitCodes.InvalidInput;
            }

            return Run(parsed, work).GetAwaiter().GetResult();
        }
        catch (DecisionLogException unusable)
        {
            context.Error.WriteLine("xinji-policy: --decision-log: " + CommandLine.OneLine(unusable.Message));
            return ExitCodes.InvalidInput;
        }
    }

    private static async Task<int> Run(DecisionLogLocation location, Func<IDecisionLog, Task<int>> work)
    {
        await using var log = await DecisionLogFactory.OpenAsync(location).ConfigureAwait(false);
        return await work(log).ConfigureAwait(false);
    }
}
