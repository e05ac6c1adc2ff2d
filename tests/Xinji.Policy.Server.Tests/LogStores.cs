using System;
using System.IO;
using System.Threading.Tasks;
using Npgsql;

namespace Xinji.Policy.Server.Tests;

public enum LogStore
{
    Sqlite,
    Postgres,
}

/// <summary>
/// A test against the PostgreSQL server in <see cref="LogStores.PostgresVariable"/>
/// (scripts/postgres-for-tests.sh starts one). Without one it is skipped, with the reason, except in
/// CI (CI=true), where it runs and fails: CI starts a server, so a missing one is a broken CI.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (LogStores.Postgres is null && !LogStores.InCi)
        {
            Skip = $"No PostgreSQL server: set {LogStores.PostgresVariable} (scripts/postgres-for-tests.sh starts one)";
        }
    }
}

public static class LogStores
{
    public const string PostgresVariable = "XINJI_POLICY_TEST_POSTGRES";

    public static string? Postgres => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>A new, empty decision log for one test, as <c>--decision-log</c> takes it: a SQLite file in the folder, or a database of its own.</summary>
    public static async Task<string> NewAsync(LogStore store, TempFolder folder)
    {
        if (store == LogStore.Sqlite)
        {
            return "sqlite:" + Path.Combine(folder.Path, "decisions.db");
        }

        var server = Postgres ?? throw new InvalidOperationException($"{PostgresVariable} is not set: CI must start PostgreSQL (scripts/postgres-for-tests.sh).");
        var database = "xinji_serve_" + Guid.NewGuid().ToString("N");
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE DATABASE " + database, admin);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
    }
}
