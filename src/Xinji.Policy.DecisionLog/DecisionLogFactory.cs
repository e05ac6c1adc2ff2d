using System;
using System.Threading;
using System.Threading.Tasks;

namespace Xinji.Policy.DecisionLog;

/// <summary>The one way to open a decision log: from its location (<see cref="DecisionLogLocation"/>).</summary>
public static class DecisionLogFactory
{
    /// <summary>
    /// Opens the log at <paramref name="location"/>, creating its store's schema on first use and
    /// migrating an older one.
    /// </summary>
    /// <param name="location"><c>sqlite:PATH</c>, <c>postgres://…</c>, <c>Host=…;…</c> or <c>memory</c> (<see cref="DecisionLogLocation"/>).</param>
    /// <param name="baseDirectory">What a relative SQLite path is relative to; the current directory when null.</param>
    /// <exception cref="DecisionLogException">The location is not one, or the store cannot be opened.</exception>
    public static Task<IDecisionLog> OpenAsync(string location, string? baseDirectory = null, CancellationToken cancellationToken = default) =>
        OpenAsync(DecisionLogLocation.Parse(location, baseDirectory ?? Environment.CurrentDirectory), cancellationToken);

    /// <inheritdoc cref="OpenAsync(string, string?, CancellationToken)"/>
    public static async Task<IDecisionLog> OpenAsync(DecisionLogLocation location, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.Store switch
        {
            DecisionLogStore.Sqlite => await SqliteDecisionLog.OpenAsync(location, cancellationToken).ConfigureAwait(false),
            DecisionLogStore.Postgres => await PostgresDecisionLog.OpenAsync(location, cancellationToken).ConfigureAwait(false),
            DecisionLogStore.Memory => new MemoryDecisionLog(),
            _ => throw new ArgumentOutOfRangeException(nameof(location), location.Store, "Unknown decision log store."),
        };
    }
}
