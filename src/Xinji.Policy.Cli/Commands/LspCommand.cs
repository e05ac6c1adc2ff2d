using System;
using System.CommandLine;
using Xinji.Policy.LanguageServer;

namespace Xinji.Policy.Cli.Commands;

/// <summary>
/// <c>lsp</c>: the language server, speaking LSP over stdin and stdout until the client sends
/// <c>exit</c> or goes away. Exit 0 after <c>shutdown</c>, 1 otherwise.
/// </summary>
internal static class LspCommand
{
    public static Command Create(CliContext context)
    {
        var stdio = new Option<bool>("--stdio")
        {
            Description = "Speak over stdin and stdout (the default and only transport; accepted because clients pass it).",
        };
        var command = new Command("lsp", "Run the language server for policy editors (LSP 3.17 over stdio): diagnostics as you type, hover, "
            + "go to definition, references, completion, rename, outline, formatting and quick fixes.")
        {
            stdio,
        };

        // The protocol is bytes with Content-Length headers, so it needs the raw streams, not the
        // context's text readers; log lines go to the context's stderr.
        command.SetAction(_ => PolicyLanguageServer.RunAsync(Console.OpenStandardInput(), Console.OpenStandardOutput(), context.Error).GetAwaiter().GetResult());
        return command;
    }
}
