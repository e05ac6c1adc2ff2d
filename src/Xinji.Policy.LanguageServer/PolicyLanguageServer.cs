using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.VisualStudio.Threading;
using StreamJsonRpc;
using Xinji.Policy.Dsl.Driver;
using Xinji.Policy.LanguageServer.Protocol;
using Range = Xinji.Policy.LanguageServer.Protocol.Range;

namespace Xinji.Policy.LanguageServer;

/// <summary>
/// The language server: LSP 3.17 over a pair of streams, framed and dispatched by StreamJsonRpc. Requests
/// run one at a time in the order they arrive (so edits apply in order); the analysis runs beside them,
/// debounced, and publishes diagnostics when it is done. No text makes it throw; a request it cannot
/// answer gets an LSP error, and the process survives the client dying.
/// </summary>
public sealed class PolicyLanguageServer
{
    /// <summary>How long the server waits after an edit for the next one before analysing.</summary>
    public static readonly TimeSpan DefaultDebounce = TimeSpan.FromMilliseconds(40);

    private readonly object _gate = new();
    private readonly PolicyWorkspace _workspace = new();
    private readonly PolicyDriver _driver = new();
    private readonly Dictionary<string, CancellationTokenSource> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _published = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<bool> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TextWriter _log;
    private readonly TimeSpan _debounce;
    private JsonRpc? _rpc;
    private bool _initialized;
    private bool _shuttingDown;

    /// <summary>Whether to log each analysis's time to the log (XINJI_LSP_TRACE=1).</summary>
    private readonly bool _trace = Environment.GetEnvironmentVariable("XINJI_LSP_TRACE") == "1";

    private PolicyLanguageServer(TextWriter log, TimeSpan debounce)
    {
        _log = log;
        _debounce = debounce;
    }

    /// <summary>
    /// Serves one client until it sends <c>exit</c> or its stream ends. Returns the exit code the
    /// specification asks for: 0 after <c>shutdown</c>, 1 otherwise.
    /// </summary>
    public static async Task<int> RunAsync(Stream input, Stream output, TextWriter log, TimeSpan? debounce = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        var server = new PolicyLanguageServer(log, debounce ?? DefaultDebounce);
        var formatter = new SystemTextJsonFormatter { JsonSerializerOptions = ProtocolJson.Options };
        using var rpc = new JsonRpc(new HeaderDelimitedMessageHandler(output, input, formatter));
        rpc.AddLocalRpcTarget(server, new JsonRpcTargetOptions { UseSingleObjectParameterDeserialization = true });
        rpc.SynchronizationContext = new NonConcurrentSynchronizationContext(sticky: false);
        server._rpc = rpc;
        rpc.StartListening();
        await Task.WhenAny(rpc.Completion, server._exit.Task).ConfigureAwait(false);
        lock (server._gate)
        {
            foreach (var pending in server._pending.Values)
            {
                pending.Cancel();
            }

            return server._shuttingDown ? 0 : 1;
        }
    }

    [JsonRpcMethod("initialize")]
    public InitializeResult Initialize(InitializeParams parameters)
    {
        _initialized = true;
        if (parameters?.ProcessId is { } processId)
        {
            WatchClient(processId);
        }

        var capabilities = new
        {
            positionEncoding = "utf-16",
            textDocumentSync = new { openClose = true, change = 2, save = new { includeText = false } },
            hoverProvider = true,
            definitionProvider = true,
            referencesProvider = true,
            completionProvider = new { triggerCharacters = new[] { " ", "\"", "{", "," } },
            renameProvider = new { prepareProvider = true },
            documentSymbolProvider = true,
            documentFormattingProvider = true,
            codeActionProvider = new { codeActionKinds = new[] { "quickfix" } },
        };
        var version = typeof(PolicyLanguageServer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";
        return new InitializeResult(capabilities, new ServerInfo("xinji-policy", version.Split('+')[0]));
    }

    [JsonRpcMethod("initialized")]
    public static void Initialized()
    {
    }

    [JsonRpcMethod("shutdown")]
    public object? Shutdown()
    {
        Guard();
        lock (_gate)
        {
            _shuttingDown = true;
            foreach (var pending in _pending.Values)
            {
                pending.Cancel();
            }
        }

        return null;
    }

    [JsonRpcMethod("exit")]
    public void Exit() => _exit.TrySetResult(true);

    [JsonRpcMethod("textDocument/didOpen")]
    public void DidOpen(DidOpenTextDocumentParams parameters)
    {
        string? folder;
        lock (_gate)
        {
            folder = _workspace.Open(parameters.TextDocument.Uri, parameters.TextDocument.Text ?? string.Empty, parameters.TextDocument.Version);
        }

        Schedule(folder, immediately: true);
    }

    [JsonRpcMethod("textDocument/didChange")]
    public void DidChange(DidChangeTextDocumentParams parameters)
    {
        string? folder;
        lock (_gate)
        {
            folder = _workspace.Change(parameters.TextDocument.Uri, parameters.ContentChanges, parameters.TextDocument.Version);
        }

        Schedule(folder, immediately: false);
    }

    [JsonRpcMethod("textDocument/didClose")]
    public void DidClose(DidCloseTextDocumentParams parameters)
    {
        string? folder;
        lock (_gate)
        {
            folder = _workspace.Close(parameters.TextDocument.Uri);
        }

        Schedule(folder, immediately: true);
    }

    [JsonRpcMethod("textDocument/didSave")]
    public void DidSave(DidSaveTextDocumentParams parameters)
    {
        string? folder;
        lock (_gate)
        {
            folder = _workspace.FolderOfUri(parameters.TextDocument.Uri);
            if (folder is not null)
            {
                _workspace.Refresh(folder);
            }
        }

        Schedule(folder, immediately: true);
    }

    [JsonRpcMethod("workspace/didChangeWatchedFiles")]
    public void DidChangeWatchedFiles()
    {
        List<string> folders;
        lock (_gate)
        {
            folders = _workspace.Folders.ToList();
            folders.ForEach(_workspace.Refresh);
        }

        folders.ForEach(f => Schedule(f, immediately: true));
    }

    [JsonRpcMethod("textDocument/hover")]
    public Hover? Hover(TextDocumentPositionParams parameters) =>
        Snapshot(parameters.TextDocument, analyze: false, out var path) is { } snapshot ? Hovers.At(snapshot, path, Checked(parameters.Position)) : null;

    [JsonRpcMethod("textDocument/definition")]
    public Location? Definition(TextDocumentPositionParams parameters) =>
        Snapshot(parameters.TextDocument, analyze: false, out var path) is { } snapshot ? Navigation.Definition(snapshot, path, Checked(parameters.Position), UriOf) : null;

    [JsonRpcMethod("textDocument/references")]
    public IReadOnlyList<Location>? References(ReferenceParams parameters) =>
        Snapshot(parameters.TextDocument, analyze: false, out var path) is { } snapshot
            ? Navigation.References(snapshot, path, Checked(parameters.Position), parameters.Context?.IncludeDeclaration ?? true, UriOf)
            : null;

    [JsonRpcMethod("textDocument/completion")]
    public CompletionList? Completion(TextDocumentPositionParams parameters) =>
        Snapshot(parameters.TextDocument, analyze: false, out var path) is { } snapshot ? Completions.At(snapshot, path, Checked(parameters.Position)) : null;

    [JsonRpcMethod("textDocument/documentSymbol")]
    public IReadOnlyList<DocumentSymbol>? DocumentSymbols(DocumentSymbolParams parameters) =>
        Snapshot(parameters.TextDocument, analyze: false, out var path) is { } snapshot ? Navigation.Outline(snapshot, path) : null;

    [JsonRpcMethod("textDocument/prepareRename")]
    public Range? PrepareRename(TextDocumentPositionParams parameters)
    {
        if (Snapshot(parameters.TextDocument, analyze: false, out var path) is not { } snapshot)
        {
            return null;
        }

        var (range, refusal) = Navigation.PrepareRename(snapshot, path, Checked(parameters.Position));
        return range ?? throw new LocalRpcException(refusal) { ErrorCode = ErrorCodes.RequestFailed };
    }

    [JsonRpcMethod("textDocument/rename")]
    public WorkspaceEdit? Rename(RenameParams parameters)
    {
        if (Snapshot(parameters.TextDocument, analyze: false, out var path) is not { } snapshot)
        {
            return null;
        }

        var (edit, refusal) = Navigation.Rename(snapshot, path, Checked(parameters.Position), parameters.NewName, UriOf);
        return edit ?? throw new LocalRpcException(refusal) { ErrorCode = ErrorCodes.RequestFailed };
    }

    [JsonRpcMethod("textDocument/codeAction")]
    public IReadOnlyList<CodeAction>? CodeAction(CodeActionParams parameters)
    {
        if (parameters?.Range is null)
        {
            throw new LocalRpcException("A code action request needs a range.") { ErrorCode = ErrorCodes.InvalidParams };
        }

        return Snapshot(parameters.TextDocument, analyze: true, out var path) is { } snapshot
            ? CodeActions.For(snapshot, path, new Range(Checked(parameters.Range.Start), Checked(parameters.Range.End)), UriOf)
            : null;
    }

    [JsonRpcMethod("textDocument/formatting")]
    public IReadOnlyList<TextEdit>? Formatting(DocumentFormattingParams parameters) =>
        Snapshot(parameters.TextDocument, analyze: false, out var path) is { } snapshot ? Formatter.Edits(snapshot, path) : null;

    private string UriOf(string path)
    {
        lock (_gate)
        {
            return _workspace.UriOf(path);
        }
    }

    private void Guard()
    {
        if (!_initialized)
        {
            throw new LocalRpcException("The server is not initialized: send 'initialize' first.") { ErrorCode = ErrorCodes.ServerNotInitialized };
        }
    }

    private static Position Checked(Position? position) =>
        position ?? throw new LocalRpcException("The request needs a position.") { ErrorCode = ErrorCodes.InvalidParams };

    /// <summary>The current policy of the document's folder, or null when the server does not know the document.</summary>
    private PolicySnapshot? Snapshot(TextDocumentIdentifier? document, bool analyze, out string path)
    {
        Guard();
        if (_shuttingDown)
        {
            throw new LocalRpcException("The server is shutting down.") { ErrorCode = ErrorCodes.InvalidRequest };
        }

        if (document?.Uri is null)
        {
            throw new LocalRpcException("The request needs a textDocument with a uri.") { ErrorCode = ErrorCodes.InvalidParams };
        }

        path = PolicyWorkspace.PathOf(document.Uri) ?? string.Empty;
        DriverInput input;
        lock (_gate)
        {
            if (_workspace.FolderOfUri(document.Uri) is not { } folder)
            {
                return null;
            }

            input = _workspace.Input(folder, analyze);
        }

        var snapshot = PolicySnapshot.Compile(_driver, input);
        return snapshot.Text(path) is null ? null : snapshot;
    }

    /// <summary>Analyses the folder once edits pause, cancelling an analysis that a newer edit made stale, then publishes.</summary>
    private void Schedule(string? folder, bool immediately)
    {
        if (folder is null)
        {
            return;
        }

        CancellationTokenSource cancellation;
        lock (_gate)
        {
            if (_pending.TryGetValue(folder, out var stale))
            {
                stale.Cancel();
            }

            _pending[folder] = cancellation = new CancellationTokenSource();
        }

        var token = cancellation.Token;
        _ = Task.Run(async () =>
        {
            try
            {
                if (!immediately)
                {
                    await Task.Delay(_debounce, token).ConfigureAwait(false);
                }

                DriverInput input;
                lock (_gate)
                {
                    input = _workspace.Input(folder, analyze: true);
                }

                var watch = Stopwatch.StartNew();
                var snapshot = PolicySnapshot.Compile(_driver, input, token);
                var compiled = watch.Elapsed;
                await PublishAsync(snapshot, token).ConfigureAwait(false);
                if (_trace)
                {
                    await _log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"xinji-policy lsp: {folder}: compiled in {compiled.TotalMilliseconds:0} ms, published in {(watch.Elapsed - compiled).TotalMilliseconds:0} ms")).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                // A newer edit, or shutdown: that analysis publishes instead.
            }
            catch (Exception problem) when (problem is not OutOfMemoryException)
            {
                // The client went away mid-publish, or a bug: logged, and the server goes on.
                await _log.WriteLineAsync("xinji-policy lsp: " + problem.GetType().Name + ": " + problem.Message).ConfigureAwait(false);
            }
        }, CancellationToken.None);
    }

    private async Task PublishAsync(PolicySnapshot snapshot, CancellationToken token)
    {
        var messages = new List<(string Path, string Shown, PublishDiagnosticsParams Message)>();
        lock (_gate)
        {
            token.ThrowIfCancellationRequested();
            foreach (var (path, diagnostics) in LspDiagnostics.ByFile(snapshot, _workspace.UriOf)
                .OrderBy(p => p.Value.Count == 0) // the files with diagnostics first: they are what the author waits for
                .ThenBy(p => p.Key, StringComparer.Ordinal))
            {
                // Only what changed since the last publish: a keystroke usually changes one file's list, or none.
                var message = new PublishDiagnosticsParams(_workspace.UriOf(path), _workspace.VersionOf(path), diagnostics);
                var shown = JsonSerializer.Serialize(diagnostics, ProtocolJson.Options);
                if (!_published.TryGetValue(path, out var last) || last != shown)
                {
                    messages.Add((path, shown, message));
                }
            }
        }

        foreach (var (path, shown, message) in messages)
        {
            token.ThrowIfCancellationRequested();
            await _rpc!.NotifyWithParameterObjectAsync("textDocument/publishDiagnostics", message).ConfigureAwait(false);
            lock (_gate)
            {
                _published[path] = shown;
            }
        }
    }

    /// <summary>Exits when the client process does, as the specification asks of a server given its process id.</summary>
    private void WatchClient(int processId)
    {
        _ = Task.Run(async () =>
        {
            while (!_exit.Task.IsCompleted)
            {
                try
                {
                    using var process = Process.GetProcessById(processId);
                    if (process.HasExited)
                    {
                        break;
                    }
                }
                catch (ArgumentException)
                {
                    break;
                }
                catch (InvalidOperationException)
                {
                    break;
                }

                await Task.Delay(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            }

            _exit.TrySetResult(false);
        });
    }
}
