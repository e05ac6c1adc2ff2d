using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Xinji.Policy.DecisionLog;

/// <summary>
/// The log in a PostgreSQL database, for several service instances behind a load balancer: each
/// append is one autocommitted insert on a pooled connection, answered once the server has
/// flushed it (<c>synchronous_commit=on</c>, which <see cref="DecisionLogLocation"/> sets).
/// </summary>
internal sealed class PostgresDecisionLog : IDecisionLog
{
    /// <summary>The advisory lock that lets one instance migrate while the others starting wait.</summary>
    private const long MigrationLock = 0x58494e4a49;

    private const string UniqueViolation = "23505";

    private const string InsertSql = "INSERT INTO xinji_decisions (id, decided_at, decided_at_utc_ticks, policy_name, policy_hash, claim_json, decision_json, client) "
                                     + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _display;

    private PostgresDecisionLog(NpgsqlDataSource dataSource, string display)
    {
        _dataSource = dataSource;
        _display = display;
    }

    public static async Task<IDecisionLog> OpenAsync(DecisionLogLocation location, CancellationToken cancellationToken)
    {
        var dataSource = NpgsqlDataSource.Create(location.Target);
        try
        {
            await MigrateAsync(dataSource, location.Display, cancellationToken).ConfigureAwait(false);
            return new PostgresDecisionLog(dataSource, location.Display);
        }
        catch (NpgsqlException failure)
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw new DecisionLogException($"The decision log {location.Display} cannot be opened: {failure.Message}", failure);
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task AppendAsync(DecisionRecord r, CancellationToken ct)
    {
        DecisionLogSchema.Validate(r);
        await using var command = _dataSource.CreateCommand(InsertSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = r.Id });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = DecisionLogSchema.FormatTime(r.DecidedAt) });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = r.DecidedAt.UtcTicks });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = r.PolicyName });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = r.PolicyHash });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = r.ClaimJson });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = r.DecisionJson });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)r.Client ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        try
        {
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        catch (PostgresException failure) when (string.Equals(failure.SqlState, UniqueViolation, StringComparison.Ordinal))
        {
            throw DecisionLogSchema.DuplicateId(_display, r.Id, failure);
        }
        catch (NpgsqlException failure)
        {
            throw new DecisionLogException($"The decision log {_display} cannot record decision '{r.Id}': {failure.Message}", failure);
        }
    }

    public async Task AppendAllAsync(IReadOnlyList<DecisionRecord> records, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return;
        }

        var columns = (Ids: new string[records.Count], Times: new string[records.Count], Ticks: new long[records.Count], Names: new string[records.Count],
            Hashes: new string[records.Count], Claims: new string[records.Count], Decisions: new string[records.Count], Clients: new string?[records.Count]);
        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i];
            DecisionLogSchema.Validate(r);
            columns.Ids[i] = r.Id;
            columns.Times[i] = DecisionLogSchema.FormatTime(r.DecidedAt);
            columns.Ticks[i] = r.DecidedAt.UtcTicks;
            columns.Names[i] = r.PolicyName;
            columns.Hashes[i] = r.PolicyHash;
            columns.Claims[i] = r.ClaimJson;
            columns.Decisions[i] = r.DecisionJson;
            columns.Clients[i] = r.Client;
        }

        // One statement, one round trip and one commit for the whole batch: the columns as arrays.
        await using var command = _dataSource.CreateCommand(
            "INSERT INTO xinji_decisions (id, decided_at, decided_at_utc_ticks, policy_name, policy_hash, claim_json, decision_json, client) "
            + "SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])");
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = columns.Ids });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = columns.Times });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = columns.Ticks });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = columns.Names });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = columns.Hashes });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = columns.Claims });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = columns.Decisions });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = columns.Clients });
        try
        {
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        catch (PostgresException failure) when (string.Equals(failure.SqlState, UniqueViolation, StringComparison.Ordinal))
        {
            throw DecisionLogSchema.DuplicateId(_display, records, failure);
        }
        catch (NpgsqlException failure)
        {
            throw new DecisionLogException($"The decision log {_display} cannot record a batch of {records.Count} decisions: {failure.Message}", failure);
        }
    }

    public async Task<DecisionRecord?> FindAsync(string id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(id);
        try
        {
            await using var command = _dataSource.CreateCommand($"SELECT {DecisionLogSchema.Columns} FROM xinji_decisions WHERE id = $1");
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            return await reader.ReadAsync(ct).ConfigureAwait(false) ? DecisionLogSchema.Read(reader) : null;
        }
        catch (NpgsqlException failure)
        {
            throw new DecisionLogException($"The decision log {_display} cannot be read: {failure.Message}", failure);
        }
    }

    public async IAsyncEnumerable<DecisionRecord> ExportAsync(DateTimeOffset since, DateTimeOffset? until, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = _dataSource.CreateCommand(
            $"SELECT {DecisionLogSchema.Columns} FROM xinji_decisions "
            + "WHERE decided_at_utc_ticks >= $1 AND ($2::bigint IS NULL OR decided_at_utc_ticks < $2) "
            + "ORDER BY decided_at_utc_ticks, id");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = since.UtcTicks });
        command.Parameters.Add(new NpgsqlParameter { Value = until is { } end ? end.UtcTicks : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            yield return DecisionLogSchema.Read(reader);
        }
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static async Task MigrateAsync(NpgsqlDataSource dataSource, string display, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({MigrationLock})", ct).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, $"CREATE TABLE IF NOT EXISTS {DecisionLogSchema.MigrationsTable} (version integer NOT NULL PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL)", ct).ConfigureAwait(false);
        long current;
        await using (var query = new NpgsqlCommand($"SELECT COALESCE(MAX(version), 0) FROM {DecisionLogSchema.MigrationsTable}", connection, transaction))
        {
            current = Convert.ToInt64(await query.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }

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

            await ExecuteAsync(connection, transaction, migration.Postgres, ct).ConfigureAwait(false);
            await using var record = new NpgsqlCommand($"INSERT INTO {DecisionLogSchema.MigrationsTable} (version, description, applied_at) VALUES ($1, $2, now())", connection, transaction);
            record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = migration.Version });
            record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = migration.Description });
            await record.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        await transaction.CommitAsync(ct).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
