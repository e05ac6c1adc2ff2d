using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Xinji.Policy.DecisionLog;

/// <summary>
/// The log held in the process (<c>memory</c>): lost when it stops, for trying the service out and
/// for measuring what the durable stores cost. Same contract as they, durability aside.
/// </summary>
internal sealed class MemoryDecisionLog : IDecisionLog
{
    private readonly Dictionary<string, DecisionRecord> _records = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public Task AppendAsync(DecisionRecord r, CancellationToken ct)
    {
        DecisionLogSchema.Validate(r);
        lock (_lock)
        {
            if (!_records.TryAdd(r.Id, r))
            {
                throw DecisionLogSchema.DuplicateId("memory", r.Id, null);
            }
        }

        return Task.CompletedTask;
    }

    public Task AppendAllAsync(IReadOnlyList<DecisionRecord> records, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var record in records)
        {
            DecisionLogSchema.Validate(record);
        }

        lock (_lock)
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var record in records)
            {
                if (_records.ContainsKey(record.Id) || !ids.Add(record.Id))
                {
                    throw DecisionLogSchema.DuplicateId("memory", records, null);
                }
            }

            foreach (var record in records)
            {
                _records.Add(record.Id, record);
            }
        }

        return Task.CompletedTask;
    }

    public Task<DecisionRecord?> FindAsync(string id, CancellationToken ct)
    {
        lock (_lock)
        {
            return Task.FromResult(_records.GetValueOrDefault(id));
        }
    }

    public async IAsyncEnumerable<DecisionRecord> ExportAsync(DateTimeOffset since, DateTimeOffset? until, [EnumeratorCancellation] CancellationToken ct)
    {
        List<DecisionRecord> selected;
        lock (_lock)
        {
            selected = _records.Values
                .Where(r => r.DecidedAt.UtcTicks >= since.UtcTicks && (until is null || r.DecidedAt.UtcTicks < until.Value.UtcTicks))
                .OrderBy(r => r.DecidedAt.UtcTicks)
                .ThenBy(r => r.Id, StringComparer.Ordinal)
                .ToList();
        }

        foreach (var record in selected)
        {
            ct.ThrowIfCancellationRequested();
            yield return record;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
