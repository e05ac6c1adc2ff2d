using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Xinji.Policy.DecisionLog;

/// <summary>A log held in the process: lost when it stops, for trying the service out and for tests.</summary>
public sealed class InMemoryDecisionLog : IDecisionLog
{
    private readonly ConcurrentDictionary<string, DecisionRecord> _records = new(StringComparer.Ordinal);

    public Task AppendAsync(DecisionRecord r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        _records[r.Id] = r;
        return Task.CompletedTask;
    }

    public Task<DecisionRecord?> FindAsync(string id, CancellationToken ct) =>
        Task.FromResult(_records.TryGetValue(id, out var found) ? found : null);

    public async IAsyncEnumerable<DecisionRecord> ExportAsync(DateTimeOffset since, DateTimeOffset? until, [EnumeratorCancellation] CancellationToken ct)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        foreach (var record in _records.Values.Where(r => r.DecidedAt >= since && (until is null || r.DecidedAt < until)).OrderBy(r => r.DecidedAt).ThenBy(r => r.Id, StringComparer.Ordinal))
        {
            ct.ThrowIfCancellationRequested();
            yield return record;
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
