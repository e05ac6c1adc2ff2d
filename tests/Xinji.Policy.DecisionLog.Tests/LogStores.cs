using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Threading.Tasks;
using Npgsql;
using Xunit.Sdk;

namespace Xinji.Policy.DecisionLog.Tests;

public enum Store
{
    Sqlite,
    Postgres,
    Memory,
}

/// <summary>A theory's in-memory case, for the tests of the contract that do not reopen the log.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class MemoryCaseAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[Store.Memory]];
}

/// <summary>A theory's SQLite case.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SqliteCaseAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[Store.Sqlite]];
}

/// <summary>
/// A theory's PostgreSQL case, against the server in <see cref="TestPostgres.Variable"/>. Without
/// one it is skipped, with the reason, except in CI (CI=true), where it runs and fails: CI starts
/// a server, so a missing one is a broken CI.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresCaseAttribute : DataAttribute
{
    public PostgresCaseAttribute()
    {
        if (TestPostgres.ConnectionString is null && !TestPostgres.InCi)
        {
            Skip = $"No PostgreSQL server: set {TestPostgres.Variable} (scripts/postgres-for-tests.sh starts one)";
        }
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[Store.Postgres]];
}

public static class TestPostgres
{
    public const string Variable = "XINJI_POLICY_TEST_POSTGRES";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string Required => ConnectionString
        ?? throw new InvalidOperationException($"{Variable} is not set: CI must start PostgreSQL (scripts/postgres-for-tests.sh) for the decision log's tests.");
}

/// <summary>
/// A fresh, empty log location for one test: a SQLite file in a new temp folder, or a new
/// PostgreSQL database; removed when disposed.
/// </summary>
public sealed class LogScope : IAsyncDisposable
{
    private readonly string? _folder;
    private readonly string? _database;

    private LogScope(string location, string? folder, string? database)
    {
        Location = location;
        _folder = folder;
        _database = database;
    }

    /// <summary>The location, as a user would give it to <see cref="DecisionLogFactory"/>.</summary>
    public string Location { get; }

    public static async Task<LogScope> CreateAsync(Store store)
    {
        if (store == Store.Memory)
        {
            return new LogScope("memory", null, null);
        }

        if (store == Store.Sqlite)
        {
            var folder = Path.Combine(Path.GetTempPath(), "xinji-decision-log-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            return new LogScope("sqlite:" + Path.Combine(folder, "decisions.db"), folder, null);
        }

        var database = "xinji_test_" + Guid.NewGuid().ToString("N");
        await using (var admin = new NpgsqlConnection(TestPostgres.Required))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(TestPostgres.Required) { Database = database };
        return new LogScope(builder.ConnectionString, null, database);
    }

    public Task<IDecisionLog> OpenAsync() => DecisionLogFactory.OpenAsync(Location);

    /// <summary>Runs SQL against the store directly, as an operator (or an older or newer version) would.</summary>
    public async Task ExecuteAsync(string sql)
    {
        if (_folder is not null)
        {
            await using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + Location["sqlite:".Length..] + ";Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
            return;
        }

        await using var postgres = new NpgsqlConnection(Location);
        await postgres.OpenAsync();
        await using var statement = new NpgsqlCommand(sql, postgres);
        await statement.ExecuteNonQueryAsync();
    }

    public async Task<object?> ScalarAsync(string sql)
    {
        if (_folder is not null)
        {
            await using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + Location["sqlite:".Length..] + ";Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return await command.ExecuteScalarAsync();
        }

        await using var postgres = new NpgsqlConnection(Location);
        await postgres.OpenAsync();
        await using var statement = new NpgsqlCommand(sql, postgres);
        return await statement.ExecuteScalarAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_folder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }

        if (_database is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(TestPostgres.Required);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
