using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

// A stand-in for the decision log library (src/Xinji.Policy.DecisionLog) until it is on main: the
// same two types in the same namespace, so the server's code does not change when it lands.
namespace Xinji.Policy.DecisionLog;

/// <summary>One decision as the log keeps it: the claim as received and the decision as sent.</summary>
public sealed record DecisionRecord(string Id, DateTimeOffset DecidedAt, string PolicyName, string PolicyHash,
    string ClaimJson, string DecisionJson, string? Client);

/// <summary>Where the service records its decisions before it answers.</summary>
public interface IDecisionLog : IAsyncDisposable
{
    Task AppendAsync(DecisionRecord r, CancellationToken ct);

    Task<DecisionRecord?> FindAsync(string id, CancellationToken ct);

    IAsyncEnumerable<DecisionRecord> ExportAsync(DateTimeOffset since, DateTimeOffset? until, CancellationToken ct);
}
