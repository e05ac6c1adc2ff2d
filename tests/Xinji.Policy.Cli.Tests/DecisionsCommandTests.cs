using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Xinji.Policy.DecisionLog;

namespace Xinji.Policy.Cli.Tests;

/// <summary>
/// <c>xinji-policy decisions show ID</c> and <c>decisions export --since DATE [--until DATE]</c>
/// on a SQLite log the test writes (the stores themselves: tests/Xinji.Policy.DecisionLog.Tests).
/// </summary>
public sealed class DecisionsCommandTests : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory temp = new();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        temp.Dispose();
    }

    private static DecisionRecord Record(string id, DateTimeOffset at, string? client = null) =>
        new(id, at, "warranty", "sha256:0f1e", "{\n  \"serial\": \"SN-" + id + "\"\n}", "{\"coverage\":\"FREE\"}", client);

    private static string Line(DecisionRecord r) =>
        "{\"decisionId\":\"" + r.Id + "\",\"decidedAt\":" + System.Text.Json.JsonSerializer.Serialize(r.DecidedAt)
        + ",\"policy\":{\"name\":\"warranty\",\"hash\":\"sha256:0f1e\"},\"client\":" + (r.Client is null ? "null" : "\"" + r.Client + "\"")
        + ",\"claim\":{\"serial\":\"SN-" + r.Id + "\"},\"decision\":{\"coverage\":\"FREE\"}}";

    private async Task<DecisionRecord[]> LogAsync(string fileName, params DecisionRecord[] records)
    {
        await using var log = await DecisionLogFactory.OpenAsync("sqlite:" + fileName, temp.Path);
        foreach (var record in records)
        {
            await log.AppendAsync(record, CancellationToken.None);
        }

        return records;
    }

    [Fact]
    public async Task Show_prints_the_decision_as_one_line_of_json_from_the_default_log()
    {
        var records = await LogAsync("decisions.db", Record("d-1", Noon, "desk-3"), Record("d-2", Noon.AddMinutes(1)));

        var result = InProcess.Run(new[] { "decisions", "show", "d-1" }, temp.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(Line(records[0]) + "\n", result.StdOut);
        Assert.Equal("", result.StdErr);
    }

    [Fact]
    public async Task Show_of_an_unknown_id_says_so_and_exits_1()
    {
        await LogAsync("decisions.db", Record("d-1", Noon));

        var result = InProcess.Run(new[] { "decisions", "show", "d-404" }, temp.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.StdOut);
        Assert.Equal("xinji-policy: no decision with id 'd-404' in the decision log\n", result.StdErr);
    }

    [Fact]
    public async Task Export_writes_json_lines_from_since_up_to_until_oldest_first()
    {
        var log = Path.Combine("logs", "service.db");
        Directory.CreateDirectory(Path.Combine(temp.Path, "logs"));
        var records = await LogAsync(log,
            Record("late", Noon.AddDays(1)),
            Record("second", Noon.AddHours(5).ToOffset(TimeSpan.FromHours(-4))),
            Record("before", Noon.AddDays(-1)),
            Record("first", Noon.AddTicks(1), "desk-1"));

        var bounded = InProcess.Run(new[] { "decisions", "export", "--since", "2026-05-01", "--until", "2026-05-02T00:00:00Z", "--decision-log", "sqlite:" + log }, temp.Path);
        var open = InProcess.Run(new[] { "decisions", "export", "--since", "2026-05-01T15:00:00+02:00", "--decision-log", "sqlite:" + log }, temp.Path);

        Assert.Equal(0, bounded.ExitCode);
        Assert.Equal(Line(records[3]) + "\n" + Line(records[1]) + "\n", bounded.StdOut);
        Assert.Equal(0, open.ExitCode);
        Assert.Equal(Line(records[1]) + "\n" + Line(records[0]) + "\n", open.StdOut);
    }

    [Fact]
    public async Task Export_of_an_empty_period_writes_nothing()
    {
        await LogAsync("decisions.db", Record("d-1", Noon));

        var result = InProcess.Run(new[] { "decisions", "export", "--since", "2030-01-01" }, temp.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.StdOut);
    }

    [Theory]
    [InlineData(new[] { "decisions", "export", "--since", "yesterday" }, "xinji-policy: --since: 'yesterday' is not a date: use YYYY-MM-DD (midnight UTC) or an ISO 8601 time such as 2026-12-01T09:30:00Z (UTC when no offset is given).")]
    [InlineData(new[] { "decisions", "export", "--since", "2026-05-02", "--until", "2026-05-01" }, "xinji-policy: --until (2026-05-01T00:00:00.0000000+00:00) must be after --since (2026-05-02T00:00:00.0000000+00:00)")]
    [InlineData(new[] { "decisions", "show", "d-1", "--decision-log", "sqlite:missing.db" }, "xinji-policy: --decision-log: there is no decision log at sqlite:{temp}/missing.db")]
    [InlineData(new[] { "decisions", "show", "d-1", "--decision-log", "memory" }, "xinji-policy: --decision-log: a memory log lives inside the 'xinji-policy serve' that holds it; name the store a service writes to")]
    [InlineData(new[] { "decisions", "show", "d-1", "--decision-log", "decisions.db" }, "xinji-policy: --decision-log: 'decisions.db' is not a decision log location: use sqlite:PATH, postgres://USER@HOST:PORT/DATABASE, a connection string such as Host=HOST;Database=DATABASE;Username=USER, or memory.")]
    [InlineData(new[] { "decisions", "show", "d-1", "--decision-log", "postgres://svc:hunter2@127.0.0.1:1/log" }, "xinji-policy: --decision-log: The decision log postgres://svc@127.0.0.1:1/log cannot be opened: ")]
    public void A_log_or_a_date_that_cannot_be_used_is_named_and_exits_2(string[] args, string message)
    {
        var result = InProcess.Run(args, temp.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(message.Replace("{temp}", temp.Path, StringComparison.Ordinal), result.StdErrLines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", result.StdErr, StringComparison.Ordinal);
        CliRunner.AssertNoStackTrace(result);
        Assert.False(File.Exists(Path.Combine(temp.Path, "missing.db")), "reading a log must not create one");
    }
}
