using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Xinji.Policy.Cli.Tests;

/// <summary>
/// Runs the command line inside the test process: the same argument parsing, commands, messages
/// and exit codes as the tool, with stdin, stdout and stderr in memory and the working directory
/// passed in, so tests run side by side. <see cref="CliRunner"/> launches the real tool for the
/// few tests about the process itself (exit codes, stderr, stdin, the README's command).
/// </summary>
public static class InProcess
{
    /// <summary>Runs the command line in <see cref="CliRunner.WorkRoot"/>.</summary>
    public static CliResult Run(params string[] args) => Run(args, workingDirectory: null);

    /// <param name="args">The tool's arguments.</param>
    /// <param name="workingDirectory">The working directory; <see cref="CliRunner.WorkRoot"/> when null.</param>
    /// <param name="stdin">The text on stdin; empty when null.</param>
    public static CliResult Run(IReadOnlyList<string> args, string? workingDirectory, string? stdin = null)
    {
        using var input = new StringReader(stdin ?? string.Empty);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = CliApplication.Run(args.ToArray(), new CliContext(workingDirectory ?? CliRunner.WorkRoot, input, output, error));
        return new CliResult(exitCode, Normalize(output.ToString()), Normalize(error.ToString()));
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", System.StringComparison.Ordinal);
}
