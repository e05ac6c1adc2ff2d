using System;
using System.CommandLine;
using Xinji.Policy.Cli;
using Xinji.Policy.Cli.Commands;

// Exit codes: 0 success, 2 invalid input (a one-line message on stderr), 1 anything else.
// Whatever happens, stderr gets one line per problem and never a stack trace.
var root = new RootCommand("xinji-policy: decide claims under the XINJI after-sales policy, and check, explain, test and compare policies.")
{
    EvaluateCommand.Create(),
    ExplainCommand.Create(),
    CheckCommand.Create(),
    TestCommand.Create(),
    DiffCommand.Create(),
};

try
{
    var parse = root.Parse(args);
    if (parse.Errors.Count > 0)
    {
        foreach (var error in parse.Errors)
        {
            Console.Error.WriteLine("xinji-policy: " + CommandLine.OneLine(error.Message));
        }

        Console.Error.WriteLine("Run 'xinji-policy --help' for usage.");
        return ExitCodes.InvalidInput;
    }

    return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception exception) when (exception is not OutOfMemoryException)
{
    Console.Error.WriteLine("xinji-policy: " + exception.GetType().Name + ": " + CommandLine.OneLine(exception.Message));
    return ExitCodes.Failure;
}
