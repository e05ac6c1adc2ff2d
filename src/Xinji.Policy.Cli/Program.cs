using System;
using System.CommandLine;
using System.IO;
using Xinji.Policy.Cli;
using Xinji.Policy.Cli.Commands;

// Exit codes: 0 success, 2 invalid input (a one-line message on stderr), 1 anything else.
var root = new RootCommand("xinji-policy: evaluate claims against the XINJI after-sales policy.")
{
    EvaluateCommand.Create(),
    CheckCommand.Create(),
    TestCommand.Create(),
    DiffCommand.Create(),
    ExplainCommand.Create(),
};

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

try
{
    return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception exception) when (exception is not OutOfMemoryException)
{
    Console.Error.WriteLine("xinji-policy: " + exception.GetType().Name + ": " + exception.Message);
    return ExitCodes.Failure;
}
