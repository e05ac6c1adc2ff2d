using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Xinji.Policy.DecisionLog;

/// <summary>
/// A durable record of decisions. <see cref="AppendAsync"/> returns only once the record is
/// committed to stable storage (fsynced), so a decision answered after it returned survives a
/// crash of the process or of the machine. Open one with <c>DecisionLogFactory.OpenAsync</c>.
/// </summary>
public interface IDecisionLog : IAsyncDisposable
{
    /// <summary>Records a decision durably.</summary>
    /// <exception cref="DecisionLogException">The id is already in the log, or the store failed.</exception>
    Task AppendAsync(DecisionRecord r, CancellationToken ct);

    /// <summary>
    /// Records several decisions durably in one commit, all or none: what a batch of claims needs,
    /// at the cost of one commit rather than one per decision. Every store of this library does
    /// so; this default, for other implementations, appends them concurrently and is not atomic.
    /// </summary>
    /// <exception cref="DecisionLogException">An id is already in the log (then none is recorded), or the store failed.</exception>
    Task AppendAllAsync(IReadOnlyList<DecisionRecord> records, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(records);
        var appends = new Task[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            appends[i] = AppendAsync(records[i], ct);
        }

        return Task.WhenAll(appends);
    }

    /// <summary>The decision with this id, or null when there is none.</summary>
    Task<DecisionRecord?> FindAsync(string id, CancellationToken ct);

    /// <summary>
    /// The decisions made at or after <paramref name="since"/> and before <paramref name="until"/>
    /// (no end when null), oldest first, those made at the same instant by id.
    /// </summary>
    IAsyncEnumerable<DecisionRecord> ExportAsync(DateTimeOffset since, DateTimeOffset? until, CancellationToken ct);
}
