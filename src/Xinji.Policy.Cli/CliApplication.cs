using System;
using System.CommandLine;
using System.CommandLine.Help;
using Xinji.Policy.Cli.Commands;
using Xinji.Policy.Tooling;

namespace Xinji.Policy.Cli;

/// <summary>
/// The whole command line: parses the arguments, runs the command and turns every failure into
/// an exit code. Exit codes: 0 success, 2 invalid input (a one-line message on stderr), 1 anything
/// else. Whatever happens, stderr gets one line per problem and never a stack trace.
/// </summary>
internal static class CliApplication
{
    public static int Run(string[] args, CliContext context)
    {
        // Not a RootCommand: that takes its name from the process, which for in-process runs is the test host.
        var root = new Command("xinji-policy", "xinji-policy: decide claims under the XINJI after-sales policy, and check, explain, test and compare policies.")
        {
            new HelpOption(),
            new VersionOption(),
            EvaluateCommand.Create(context),
            ExplainCommand.Create(context),
            CheckCommand.Create(context),
            TestCommand.Create(context),
            DiffCommand.Create(context),
            FmtCommand.Create(context),
            LspCommand.Create(context),
            ServeCommand.Create(context),
            DecisionsCommand.Create(context),
        };

        try
        {
            var parse = root.Parse(args);
            if (parse.Errors.Count > 0)
            {
                foreach (var error in parse.Errors)
                {
                    context.Error.WriteLine("xinji-policy: " + CommandLine.OneLine(error.Message));
                }

                context.Error.WriteLine("Run 'xinji-policy --help' for usage.");
                return ExitCodes.InvalidInput;
            }

            return parse.Invoke(new InvocationConfiguration
            {
                EnableDefaultExceptionHandler = false,
                Output = context.Out,
                Error = context.Error,
            });
        }
        catch (PolicyReadException unreadable)
        {
            // Every command reads policies through PolicySources: a missing path, an unreadable file
            // and a directory without policy files are reported here, the same way for all of them.
            context.Error.WriteLine("xinji-policy: " + unreadable.Message);
            return ExitCodes.InvalidInput;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            context.Error.WriteLine("xinji-policy: " + exception.GetType().Name + ": " + CommandLine.OneLine(exception.Message));
            return ExitCodes.Failure;
        }
    }
}
