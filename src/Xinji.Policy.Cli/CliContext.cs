using System;
using System.IO;

namespace Xinji.Policy.Cli;

/// <summary>
/// What a command reads and writes besides its arguments. It is passed in, never taken from the
/// process (the console, the current directory), so that commands can run side by side in one
/// process, as the tests run them.
/// </summary>
/// <param name="WorkingDirectory">What relative paths on the command line are relative to.</param>
internal sealed record CliContext(string WorkingDirectory, TextReader In, TextWriter Out, TextWriter Error)
{
    public static CliContext FromConsole() =>
        new(Directory.GetCurrentDirectory(), Console.In, Console.Out, Console.Error) { OutputBytes = Console.OpenStandardOutput() };

    /// <summary>
    /// Stdout as bytes, for output written as UTF-8 in bulk (<c>evaluate --format json</c>); null when only
    /// <see cref="Out"/> is there, as in in-process runs. Text written to <see cref="Out"/> is flushed first.
    /// </summary>
    public Stream? OutputBytes { get; init; }

    /// <summary>A path from the command line, resolved against the working directory.</summary>
    public string FullPath(string path) => Path.GetFullPath(path, WorkingDirectory);
}
