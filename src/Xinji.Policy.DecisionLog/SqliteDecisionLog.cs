using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace Xinji.Policy.DecisionLog;

/// <summary>
/// The log in one SQLite file, in WAL mode with <c>synchronous=FULL</c>: a commit is on disk (the
/// WAL fsynced) before <see cref="AppendAsync"/> returns. One writer thread owns the write
/// connection and commits the appends waiting at that moment together (group commit), so
/// concurrent requests share one fsync instead of queueing for one each. Reads use pooled
/// connections of their own, which WAL lets run beside the writer.
/// </summary>
internal sealed class SqliteDecisionLog : IDecisionLog
{
    /// <summary>How many waiting records one transaction takes at most (an <see cref="AppendAllAsync"/> larger than this is one transaction of its own).</summary>
    private const int MaxGroup = 1024;

    private const int SqliteConstraint = 19;

    private readonly string _display;
    private readonly string _readConnectionString;
    private readonly SqliteConnection _writer;
    private readonly SqliteCommand _insert;
    private readonly BlockingCollection<PendingAppend> _pending = new();
    private readonly Thread _writerThread;
    private readonly TaskCompletionSource _writerStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _disposed;

    private SqliteDecisionLog(string display, string readConnectionString, SqliteConnection writer)
    {
        _display = display;
        _readConnectionString = readConnectionString;
        _writer = writer;
        _insert = writer.CreateCommand();
        _insert.CommandText = "INSERT INTO xinji_decisions (id, decided_at, decided_at_utc_ticks, policy_name, policy_hash, claim_json, decision_json, client) "
                              + "VALUES ($id, $decided_at, $ticks, $policy_name, $policy_hash, $claim_json, $decision_json, $client)";
        foreach (var name in new[] { "$id", "$decided_at", "$ticks", "$policy_name", "$policy_hash", "$claim_json", "$decision_json", "$client" })
        {
            _insert.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        _insert.Prepare();
        _writerThread = new Thread(WriteLoop) { IsBackground = true, Name = "Xinji decision log writer" };
        _writerThread.Start();
    }

    public static Task<IDecisionLog> OpenAsync(DecisionLogLocation location, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var path = location.Target;
        var folder = Path.GetDirectoryName(path);
        if (folder is { Length: > 0 } && !Directory.Exists(folder))
        {
            throw new DecisionLogException($"The decision log {location.Display} cannot be created: the folder '{folder}' does not exist.");
        }

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        };
        var writer = new SqliteConnection(builder.ConnectionString);
        try
        {
            writer.Open();
            var journal = Scalar(writer, "PRAGMA journal_mode=WAL;");
            if (!string.Equals(journal as string, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new DecisionLogException($"The decision log {location.Display} cannot use a write-ahead log (journal mode is '{journal}').");
            }

            Execute(writer, "PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;");
            Migrate(writer, location.Display);
            return Task.FromResult<IDecisionLog>(new SqliteDecisionLog(location.Display, builder.ConnectionString, writer));
        }
        catch (SqliteException failure)
        {
            writer.Dispose();
            throw new DecisionLogException($"The decision log {location.Display} cannot be opened: {failure.Message}", failure);
        }
        catch
        {
            writer.Dispose();
            throw;
        }
    }

    public Task AppendAsync(DecisionRecord r, CancellationToken ct)
    {
        DecisionLogSchema.Validate(r);
        return Enqueue([r], ct);
    }

    public Task AppendAllAsync(IReadOnlyList<DecisionRecord> records, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var record in records)
        {
            DecisionLogSchema.Validate(record);
        }

        return records.Count == 0 ? Task.CompletedTask : Enqueue(records, ct);
    }

    public async Task<DecisionRecord?> FindAsync(string id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var connection = await OpenReaderAsync(ct).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {DecisionLogSchema.Columns} FROM xinji_decisions WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await reader.ReadAsync(ct).ConfigureAwait(false) ? DecisionLogSchema.Read(reader) : null;
    }

    public async IAsyncEnumerable<DecisionRecord> ExportAsync(DateTimeOffset since, DateTimeOffset? until, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var connection = await OpenReaderAsync(ct).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {DecisionLogSchema.Columns} FROM xinji_decisions "
                              + "WHERE decided_at_utc_ticks >= $since AND ($until IS NULL OR decided_at_utc_ticks < $until) "
                              + "ORDER BY decided_at_utc_ticks, id";
        command.Parameters.AddWithValue("$since", since.UtcTicks);
        command.Parameters.AddWithValue("$until", until is { } end ? end.UtcTicks : DBNull.Value);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            yield return DecisionLogSchema.Read(reader);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // The appends already queued are committed before the log closes.
        _pending.CompleteAdding();
        await _writerStopped.Task.ConfigureAwait(false);
        _insert.Dispose();
        _writer.Dispose();
        _pending.Dispose();
        SqliteConnection.ClearPool(new SqliteConnection(_readConnectionString));
    }

    private Task Enqueue(IReadOnlyList<DecisionRecord> records, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var pending = new PendingAppend(records);
        try
        {
            _pending.Add(pending, CancellationToken.None);
        }
        catch (InvalidOperationException) when (_pending.IsAddingCompleted)
        {
            throw new ObjectDisposedException(nameof(SqliteDecisionLog));
        }

        // Cancelling stops the wait, not the write: once queued, the records may still be committed.
        return ct.CanBeCanceled ? pending.Committed.Task.WaitAsync(ct) : pending.Committed.Task;
    }

    private async Task<SqliteConnection> OpenReaderAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var connection = new SqliteConnection(_readConnectionString);
        try
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            return connection;
        }
        catch (SqliteException failure)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new DecisionLogException($"The decision log {_display} cannot be read: {failure.Message}", failure);
        }
    }

    private void WriteLoop()
    {
        var group = new List<PendingAppend>(MaxGroup);
        try
        {
            foreach (var first in _pending.GetConsumingEnumerable())
            {
                group.Clear();
                group.Add(first);
                var records = first.Records.Count;
                while (records < MaxGroup && _pending.TryTake(out var next))
                {
                    group.Add(next);
                    records += next.Records.Count;
                }

                CommitGroup(group);
            }
        }
        finally
        {
            _writerStopped.TrySetResult();
        }
    }

    private void CommitGroup(List<PendingAppend> group)
    {
        try
        {
            using (var transaction = _writer.BeginTransaction())
            {
                _insert.Transaction = transaction;
                foreach (var pending in group)
                {
                    foreach (var record in pending.Records)
                    {
                        Insert(record);
                    }
                }

                transaction.Commit();
            }

            foreach (var pending in group)
            {
                pending.Committed.TrySetResult();
            }
        }
        catch (SqliteException) when (group.Count > 1)
        {
            // One bad append (a taken id) must not fail the others: each then commits, or fails, alone.
            foreach (var pending in group)
            {
                CommitGroup([pending]);
            }
        }
        catch (SqliteException failure)
        {
            var records = group[0].Records;
            var what = records.Count == 1 ? $"decision '{records[0].Id}'" : $"a batch of {records.Count} decisions";
            group[0].Committed.TrySetException(failure.SqliteErrorCode == SqliteConstraint
                ? DecisionLogSchema.DuplicateId(_display, records, failure)
                : new DecisionLogException($"The decision log {_display} cannot record {what}: {failure.Message}", failure));
        }
        catch (Exception failure)
        {
            foreach (var pending in group)
            {
                pending.Committed.TrySetException(failure);
            }
        }
        finally
        {
            _insert.Transaction = null;
        }
    }

    private void Insert(DecisionRecord record)
    {
        var parameters = _insert.Parameters;
        parameters[0].Value = record.Id;
        parameters[1].Value = DecisionLogSchema.FormatTime(record.DecidedAt);
        parameters[2].Value = record.DecidedAt.UtcTicks;
        parameters[3].Value = record.PolicyName;
        parameters[4].Value = record.PolicyHash;
        parameters[5].Value = record.ClaimJson;
        parameters[6].Value = record.DecisionJson;
        parameters[7].Value = (object?)record.Client ?? DBNull.Value;
        _insert.ExecuteNonQuery();
    }

    private static void Migrate(SqliteConnection connection, string display)
    {
        // BEGIN IMMEDIATE: two processes opening a new file at once apply the migrations once.
        using var transaction = connection.BeginTransaction(deferred: false);
        Execute(connection, $"CREATE TABLE IF NOT EXISTS {DecisionLogSchema.MigrationsTable} (version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL);", transaction);
        var current = (long)(Scalar(connection, $"SELECT COALESCE(MAX(version), 0) FROM {DecisionLogSchema.MigrationsTable};", transaction) ?? 0L);
        if (current > DecisionLogSchema.LatestVersion)
        {
            throw DecisionLogSchema.NewerSchema(display, current);
        }

        foreach (var migration in DecisionLogSchema.Migrations)
        {
            if (migration.Version <= current)
            {
                continue;
            }

            Execute(connection, migration.Sqlite, transaction);
            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = $"INSERT INTO {DecisionLogSchema.MigrationsTable} (version, description, applied_at) VALUES ($version, $description, $applied_at);";
            record.Parameters.AddWithValue("$version", migration.Version);
            record.Parameters.AddWithValue("$description", migration.Description);
            record.Parameters.AddWithValue("$applied_at", DecisionLogSchema.FormatTime(DateTimeOffset.UtcNow));
            record.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>One call's records, committed together, and the caller waiting for them.</summary>
    private sealed class PendingAppend(IReadOnlyList<DecisionRecord> records)
    {
        public IReadOnlyList<DecisionRecord> Records { get; } = records;

        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
