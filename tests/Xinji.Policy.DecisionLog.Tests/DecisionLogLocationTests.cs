using System;
using System.IO;
using System.Threading.Tasks;
using Npgsql;

namespace Xinji.Policy.DecisionLog.Tests;

public sealed class DecisionLogLocationTests
{
    private static readonly string Base = Path.Combine(Path.GetTempPath(), "base");

    [Fact]
    public void A_sqlite_path_is_resolved_against_the_base_directory()
    {
        var location = DecisionLogLocation.Parse("sqlite:logs/decisions.db", Base);

        Assert.Equal(DecisionLogStore.Sqlite, location.Store);
        Assert.Equal(Path.Combine(Base, "logs", "decisions.db"), location.Target);
        Assert.Equal("sqlite:" + Path.Combine(Base, "logs", "decisions.db"), location.Display);
    }

    [Fact]
    public void A_postgres_uri_becomes_a_connection_string_and_its_display_has_no_password()
    {
        var location = DecisionLogLocation.Parse("postgres://desk%40svc:p%3Ass@db.internal:6543/decisions?sslmode=require&connect_timeout=7", Base);
        var builder = new NpgsqlConnectionStringBuilder(location.Target);

        Assert.Equal(DecisionLogStore.Postgres, location.Store);
        Assert.Equal("db.internal", builder.Host);
        Assert.Equal(6543, builder.Port);
        Assert.Equal("decisions", builder.Database);
        Assert.Equal("desk@svc", builder.Username);
        Assert.Equal("p:ss", builder.Password);
        Assert.Equal(SslMode.Require, builder.SslMode);
        Assert.Equal(7, builder.Timeout);
        Assert.Contains("synchronous_commit=on", builder.Options, StringComparison.Ordinal);
        Assert.Equal("postgres://desk@svc@db.internal:6543/decisions", location.Display);
        Assert.DoesNotContain("p:ss", location.Display, StringComparison.Ordinal);
    }

    [Fact]
    public void A_connection_string_is_taken_as_postgres_with_durable_commits_added()
    {
        var location = DecisionLogLocation.Parse("Host=127.0.0.1;Port=5433;Database=log;Username=svc;Password=secret;Options=-c statement_timeout=5s", Base);
        var builder = new NpgsqlConnectionStringBuilder(location.Target);

        Assert.Equal(DecisionLogStore.Postgres, location.Store);
        Assert.Equal("-c statement_timeout=5s -c synchronous_commit=on", builder.Options);
        Assert.Equal("secret", builder.Password);
        Assert.Equal("postgres://svc@127.0.0.1:5433/log", location.Display);
    }

    [Fact]
    public void Memory_is_the_log_held_in_the_process()
    {
        Assert.Equal(new DecisionLogLocation(DecisionLogStore.Memory, "", "memory"), DecisionLogLocation.Parse(" memory ", Base));
    }

    [Theory]
    [InlineData("decisions.db", "'decisions.db' is not a decision log location: use sqlite:PATH")]
    [InlineData("mysql://root:hunter2@db/log", "'…@db/log' is not a decision log location")]
    [InlineData("sqlite:", "The decision log 'sqlite:' names no file")]
    [InlineData("Database=log;Username=svc", "The decision log's connection string names no Host")]
    [InlineData("Host=db;Colour=blue", "The decision log's connection string is not valid")]
    [InlineData("postgres://db/log?colour=blue", "The decision log URI's parameter 'colour' is not valid")]
    public void A_location_that_is_none_of_the_forms_is_refused_with_the_forms_named(string text, string message)
    {
        var refused = Assert.Throws<DecisionLogException>(() => DecisionLogLocation.Parse(text, Base));

        Assert.StartsWith(message, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sqlite_file_in_a_missing_folder_is_refused_naming_the_folder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "xinji-missing-" + Guid.NewGuid().ToString("N"));

        var refused = await Assert.ThrowsAsync<DecisionLogException>(() => DecisionLogFactory.OpenAsync("sqlite:" + Path.Combine(folder, "d.db")));

        Assert.Equal($"The decision log sqlite:{Path.Combine(folder, "d.db")} cannot be created: the folder '{folder}' does not exist.", refused.Message);
    }

    [Fact]
    public async Task An_unreachable_postgres_server_is_reported_without_its_password()
    {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        var refused = await Assert.ThrowsAsync<DecisionLogException>(() =>
            DecisionLogFactory.OpenAsync("postgres://svc:hunter2@127.0.0.1:1/log?connect_timeout=5"));

        Assert.StartsWith("The decision log postgres://svc@127.0.0.1:1/log cannot be opened: ", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sqlite_log_is_one_file_in_write_ahead_log_mode()
    {
        await using var scope = await LogScope.CreateAsync(Store.Sqlite);
        await using (await scope.OpenAsync())
        {
        }

        Assert.Equal("wal", await scope.ScalarAsync("PRAGMA journal_mode"));
    }
}
