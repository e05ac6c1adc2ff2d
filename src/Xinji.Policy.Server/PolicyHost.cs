using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Xinji.Policy.Dsl.Diagnostics;
using Xinji.Policy.Tooling;

namespace Xinji.Policy.Server;

/// <summary>
/// Holds the live version of the policy and replaces it when its folder changes: only with a version
/// that reads, binds and passes the analysis without an error, in one reference swap. A version that
/// does not is refused, its errors written to the server log in compiler format, and the live one
/// keeps serving.
/// </summary>
internal sealed class PolicyHost : IAsyncDisposable
{
    /// <summary>How long the folder must be quiet before it is read: an editor's save is several events.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(250);

    private readonly ServerOptions _options;
    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _logLock = new();
    private FileSystemWatcher? _watcher;
    private Task _reloads = Task.CompletedTask;
    private volatile ServedPolicy? _live;
    private volatile RefusedPolicy? _refused;

    public PolicyHost(ServerOptions options)
    {
        _options = options;
    }

    public ServedPolicy Live => _live ?? throw new InvalidOperationException("The policy host has not started.");

    public RefusedPolicy? LastRefused => _refused;

    /// <summary>Reads the first version; false, after writing why to the log, when it cannot be served.</summary>
    public bool Start()
    {
        if (!TryLoad(out var served))
        {
            return false;
        }

        PutLive(served!);
        if (_options.WatchDirectory is { } directory)
        {
            _watcher = new FileSystemWatcher(directory) { IncludeSubdirectories = false, NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size };
            _watcher.Changed += OnChange;
            _watcher.Created += OnChange;
            _watcher.Deleted += OnChange;
            _watcher.Renamed += OnChange;
            _watcher.EnableRaisingEvents = true;
            _reloads = Task.Run(ReloadLoop);
        }

        return true;
    }

    /// <summary>Reads the policy again now and serves it if it may be served; what a change to the folder does.</summary>
    public void Reload()
    {
        if (!TryLoad(out var served))
        {
            return;
        }

        if (string.Equals(served!.Identity.Hash, Live.Identity.Hash, StringComparison.Ordinal))
        {
            return;
        }

        PutLive(served);
    }

    public async ValueTask DisposeAsync()
    {
        _watcher?.Dispose();
        await _stopping.CancelAsync().ConfigureAwait(false);
        _changes.Writer.TryComplete();
        try
        {
            await _reloads.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping while the folder was settling.
        }

        _stopping.Dispose();
    }

    private void OnChange(object sender, FileSystemEventArgs e) => _changes.Writer.TryWrite(true);

    private async Task ReloadLoop()
    {
        var token = _stopping.Token;
        while (await _changes.Reader.WaitToReadAsync(token).ConfigureAwait(false))
        {
            // Wait until the folder has been quiet for a while, then read it once.
            do
            {
                _changes.Reader.TryRead(out _);
                await Task.Delay(Settle, token).ConfigureAwait(false);
            }
            while (_changes.Reader.TryRead(out _));

            try
            {
                Reload();
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // A reload never takes the service down: the live version keeps serving.
                WriteLog("xinji-policy serve: the policy was not reloaded: " + exception.GetType().Name + ": " + exception.Message);
            }
        }
    }

    private bool TryLoad(out ServedPolicy? served)
    {
        served = null;
        LoadedPolicy loaded;
        try
        {
            loaded = _options.ReadPolicy();
        }
        catch (PolicyReadException unreadable)
        {
            Refuse(null, Array.Empty<PolicyDiagnostic>(), unreadable.Message);
            return false;
        }

        var errors = loaded.Diagnostics.Where(d => d.Severity == PolicySeverity.Error).ToList();
        if (errors.Count == 0)
        {
            // The analysis too: a version whose clauses conflict or leave gaps is not served either.
            errors = PolicyChecker.Check(loaded).Diagnostics.Select(d => d.Diagnostic).Where(d => d.Severity == PolicySeverity.Error).ToList();
        }

        if (errors.Count > 0 || loaded.Policy is null)
        {
            Refuse(loaded.Identity, errors, null);
            return false;
        }

        served = new ServedPolicy(loaded, _options.Evaluator(loaded, 1), DateTimeOffset.UtcNow);
        return true;
    }

    private void PutLive(ServedPolicy served)
    {
        _live = served;
        WriteLog($"xinji-policy serve: serving {served.Identity} ({_options.PolicyOrigin})");

        // The compiled evaluator of the same policy decides alike, only faster: swap it in when it is ready.
        _ = Task.Run(() =>
        {
            try
            {
                var compiled = _options.Evaluator(served.Loaded, long.MaxValue);
                served.Evaluator = compiled;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                WriteLog("xinji-policy serve: deciding with the reference interpreter: the policy was not compiled: " + exception.Message);
            }
        });
    }

    private void Refuse(Dsl.Driver.PolicyIdentity? identity, IReadOnlyList<PolicyDiagnostic> errors, string? reason)
    {
        _refused = new RefusedPolicy(identity, DateTimeOffset.UtcNow, errors, reason);
        var what = identity is null ? "the policy" : identity.ToString();
        var live = _live is { } current ? "; still serving " + current.Identity : string.Empty;
        lock (_logLock)
        {
            foreach (var error in errors)
            {
                _options.Log.WriteLine(error.ToString());
            }

            _options.Log.WriteLine($"xinji-policy serve: refused {what}: {reason ?? errors.Count + " error(s)"}{live}");
            _options.Log.Flush();
        }
    }

    private void WriteLog(string line)
    {
        lock (_logLock)
        {
            _options.Log.WriteLine(line);
            _options.Log.Flush();
        }
    }
}
