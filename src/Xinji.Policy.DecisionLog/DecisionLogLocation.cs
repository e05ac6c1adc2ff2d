using System;
using System.Globalization;
using System.IO;
using Npgsql;

namespace Xinji.Policy.DecisionLog;

/// <summary>Which store a decision log lives in.</summary>
public enum DecisionLogStore
{
    Sqlite,
    Postgres,

    /// <summary>In the process, lost when it stops: for trying things out and for measuring the others' cost.</summary>
    Memory,
}

/// <summary>
/// Where a decision log is, parsed from the one string a user gives: <c>sqlite:PATH</c> (a file,
/// relative to a base directory), a <c>postgres://USER:PASSWORD@HOST:PORT/DATABASE?sslmode=…</c> URI,
/// a PostgreSQL connection string such as <c>Host=…;Database=…;Username=…</c>, or <c>memory</c>.
/// </summary>
/// <param name="Store">The store.</param>
/// <param name="Target">For SQLite the file's full path; for PostgreSQL an Npgsql connection string.</param>
/// <param name="Display">The location for messages and logs, without any password.</param>
public sealed record DecisionLogLocation(DecisionLogStore Store, string Target, string Display)
{
    public const string Usage = "use sqlite:PATH, postgres://USER@HOST:PORT/DATABASE, a connection string such as Host=HOST;Database=DATABASE;Username=USER, or memory";

    /// <summary>Where a log is when none is named: a SQLite file in the working directory.</summary>
    public const string Default = "sqlite:decisions.db";

    /// <exception cref="DecisionLogException">The text is none of the three forms, or a malformed one.</exception>
    public static DecisionLogLocation Parse(string text, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        var trimmed = text.Trim();
        if (string.Equals(trimmed, "memory", StringComparison.OrdinalIgnoreCase))
        {
            return new DecisionLogLocation(DecisionLogStore.Memory, "", "memory");
        }

        if (trimmed.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            var path = trimmed["sqlite:".Length..];
            if (path.Length == 0)
            {
                throw new DecisionLogException("The decision log 'sqlite:' names no file: " + Usage + ".");
            }

            var full = Path.GetFullPath(path, baseDirectory);
            return new DecisionLogLocation(DecisionLogStore.Sqlite, full, "sqlite:" + full);
        }

        if (trimmed.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || trimmed.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return Postgres(FromUri(trimmed));
        }

        if (trimmed.Contains('=', StringComparison.Ordinal))
        {
            NpgsqlConnectionStringBuilder builder;
            try
            {
                builder = new NpgsqlConnectionStringBuilder(trimmed);
            }
            catch (ArgumentException invalid)
            {
                throw new DecisionLogException("The decision log's connection string is not valid (" + invalid.Message + "): " + Usage + ".", invalid);
            }

            if (string.IsNullOrEmpty(builder.Host))
            {
                throw new DecisionLogException("The decision log's connection string names no Host: " + Usage + ".");
            }

            return Postgres(builder);
        }

        throw new DecisionLogException($"'{Redacted(trimmed)}' is not a decision log location: {Usage}.");
    }

    private static DecisionLogLocation Postgres(NpgsqlConnectionStringBuilder builder)
    {
        // A commit is durable when the server says so, whatever the server's default: a decision is
        // answered only after the server has flushed it.
        builder.Options = string.IsNullOrWhiteSpace(builder.Options)
            ? "-c synchronous_commit=on"
            : builder.Options + " -c synchronous_commit=on";
        var user = string.IsNullOrEmpty(builder.Username) ? "" : builder.Username + "@";
        var database = string.IsNullOrEmpty(builder.Database) ? "" : "/" + builder.Database;
        var display = string.Create(CultureInfo.InvariantCulture, $"postgres://{user}{builder.Host}:{builder.Port}{database}");
        return new DecisionLogLocation(DecisionLogStore.Postgres, builder.ConnectionString, display);
    }

    private static NpgsqlConnectionStringBuilder FromUri(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new DecisionLogException($"'{Redacted(text)}' is not a valid postgres:// URI: {Usage}.");
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host.Trim('[', ']') };
        if (uri.Port > 0)
        {
            builder.Port = uri.Port;
        }

        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            try
            {
                // libpq's URI parameters that differ from Npgsql's keywords; the others are Npgsql's own.
                builder[key.ToLowerInvariant() switch
                {
                    "sslmode" => "SSL Mode",
                    "connect_timeout" => "Timeout",
                    "application_name" => "Application Name",
                    _ => key,
                }] = value;
            }
            catch (ArgumentException invalid)
            {
                throw new DecisionLogException($"The decision log URI's parameter '{key}' is not valid ({invalid.Message}).", invalid);
            }
        }

        return builder;
    }

    /// <summary>The text without what follows a password marker, for an error message.</summary>
    private static string Redacted(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            return "…" + text[at..];
        }

        var password = text.IndexOf("password", StringComparison.OrdinalIgnoreCase);
        return password >= 0 ? text[..password] + "…" : text;
    }
}
