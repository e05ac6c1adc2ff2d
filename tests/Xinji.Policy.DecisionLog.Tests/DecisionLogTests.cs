using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Xinji.Policy.DecisionLog.Tests;

/// <summary>What the stores promise, each test run once per store (memory where the log is not reopened).</summary>
public sealed class DecisionLogTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory, SqliteCase, PostgresCase, MemoryCase]
    public async Task A_record_reads_back_exactly_as_appended(Store store)
    {
        await using var scope = await LogScope.CreateAsync(store);
        await using var log = await scope.OpenAsync();
        var records = Enumerable.Range(1, 6).Select(i => Records.Numbered("exact", i)).ToList();
        foreach (var record in records)
        {
            await log.AppendAsync(record, None);
        }

        foreach (var record in records)
        {
            var found = await log.FindAsync(record.Id, None);
            Assert.Equal(record, found);
            // Record equality compares instants; the offset the time was given in is kept too.
            Assert.Equal(record.DecidedAt.Offset, found!.DecidedAt.Offset);
        }
    }

    [Theory, SqliteCase, PostgresCase, MemoryCase]
    public async Task An_unknown_id_is_not_found(Store store)
    {
        await using var scope = await LogScope.CreateAsync(store);
        await using var log = await scope.OpenAsync();
        await log.AppendAsync(Records.Numbered("known", 1), None);

        Assert.Null(await log.FindAsync("known-2", None));
        Assert.Null(await log.FindAsync("' OR '1'='1", None));
    }

    [Theory, SqliteCase, PostgresCase, MemoryCase]
    public async Task A_taken_id_is_refused_and_the_first_record_kept(Store store)
    {
        await using var scope = await LogScope.CreateAsync(store);
        await using var log = await scope.OpenAsync();
        var first = Records.Numbered("dup", 1);
        await log.AppendAsync(first, None);

        var again = Records.Numbered("dup", 2) with { Id = first.Id };
        var refused = await Assert.ThrowsAsync<DecisionLogException>(() => log.AppendAsync(again, None));

        Assert.Contains("already holds a decision with id 'dup-1'", refused.Message, StringComparison.Ordinal);
        Assert.Equal(first, await log.FindAsync(first.Id, None));
    }

    [Theory, SqliteCase, PostgresCase, MemoryCase]
    public async Task Concurrent_appends_are_all_recorded_and_a_taken_id_fails_only_itself(Store store)
    {
        await using var scope = await LogScope.CreateAsync(store);
        await using var log = await scope.OpenAsync();
        await log.AppendAsync(Records.Numbered("many", 0), None);

        var records = Enumerable.Range(1, 300).Select(i => Records.Numbered("many", i)).ToList();
        var duplicate = Records.Numbered("many", 999) with { Id = "many-0" };
        var appends = records.Select(r => Task.Run(() => log.AppendAsync(r, None))).ToList();
        var refused = Task.Run(() => log.AppendAsync(duplicate, None));
        await Task.WhenAll(appends);
        await Assert.ThrowsAsync<DecisionLogException>(() => refused);

        foreach (var record in records)
        {
            Assert.Equal(record, await log.FindAsync(record.Id, None));
        }

        Assert.Equal(Records.Numbered("many", 0), await log.FindAsync("many-0", None));
    }

    [Theory, SqliteCase, PostgresCase, MemoryCase]
    public async Task A_batch_is_recorded_whole_beside_single_appends(Store store)
    {
        await using var scope = await LogScope.CreateAsync(store);
        await using var log = await scope.OpenAsync();
        // Larger than the group SQLite's writer takes at once, so it is a transaction of its own.
        var batch = Enumerable.Range(1, 1500).Select(i => Records.Numbered("batch", i)).ToList();
        var singles = Enumerable.Range(1, 50).Select(i => Records.Numbered("single", i)).ToList();

        var appends = singles.Select(r => Task.Run(() => log.AppendAsync(r, None))).Append(log.AppendAllAsync(batch, None));
        await Task.WhenAll(appends);

        var exported = await ToListAsync(log.ExportAsync(DateTimeOffset.MinValue, null, None));
        Assert.Equal(batch.Concat(singles).OrderBy(r => r.DecidedAt.UtcTicks).ThenBy(r => r.Id, StringComparer.Ordinal), exported);
        Assert.Equal(batch[777], await log.FindAsync(batch[777].Id, None));
    }

    [Theory, SqliteCase, PostgresCase, MemoryCase]
    public async Task A_batch_with_a_taken_id_records_none_of_its_decisions(Store store)
    {
        await using var scope = await LogScope.CreateAsync(store);
        await using var log = await scope.OpenAsync();
        await log.AppendAsync(Records.Numbered("taken", 0), None);
        var clashing = Enumerable.Range(1, 20).Select(i => Records.Numbered("clash", i)).Append(Records.Numbered("taken", 0)).ToList();
        var twice = Enumerable.Range(1, 20).Select(i => Records.Numbered("twice", i)).Append(Records.Numbered("twice", 3)).ToList();
        var fine = Enumerable.Range(1, 20).Select(i => Records.Numbered("fine", i)).ToList();

        var refused = Task.Run(() => log.AppendAllAsync(clashing, None));
        var refusedToo = Task.Run(() => log.AppendAllAsync(twice, None));
        var accepted = Task.Run(() => log.AppendAllAsync(fine, None));
        var message = (await Assert.ThrowsAsync<DecisionLogException>(() => refused)).Message;
        await Assert.ThrowsAsync<DecisionLogException>(() => refusedToo);
        await accepted;

        Assert.Contains("recorded none of a batch of 21 decisions: one of their ids is already in the log, or in the batch twice", message, StringComparison.Ordinal);
        Assert.Equal(new[] { "taken-0" }.Concat(fine.Select(r => r.Id)).Order(StringComparer.Ordinal), (await ToListAsync(log.ExportAsync(DateTimeOffset.MinValue, null, None))).Select(r => r.Id).Order(StringComparer.Ordinal));
    }

    [Theory, SqliteCase, PostgresCase, MemoryCase]
    public async Task Export_selects_from_since_up_to_until_by_instant_then_id(Store store)
    {
        await using var scope = await LogScope.CreateAsync(store);
        await using var log = await scope.OpenAsync();
        var noon = new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
        var records = new[]
        {
            Records.Numbered("x", 1) with { Id = "d-late", DecidedAt = noon.AddHours(2) },
            Records.Numbered("x", 2) with { Id = "b-at-since", DecidedAt = noon.ToOffset(TimeSpan.FromHours(5.5)) },
            Records.Numbered("x", 3) with { Id = "a-at-since", DecidedAt = noon },
            // 13:30 in UTC+02:00 is 11:30 UTC: before noon, whatever its wall clock says.
            Records.Numbered("x", 4) with { Id = "c-before", DecidedAt = new DateTimeOffset(2026, 5, 1, 13, 30, 0, TimeSpan.FromHours(2)) },
            Records.Numbered("x", 5) with { Id = "e-at-until", DecidedAt = noon.AddHours(3) },
            Records.Numbered("x", 6) with { Id = "f-tick-before-until", DecidedAt = noon.AddHours(3).AddTicks(-1) },
        };
        foreach (var record in records)
        {
            await log.AppendAsync(record, None);
        }

        var bounded = await ToListAsync(log.ExportAsync(noon, noon.AddHours(3), None));
        var open = await ToListAsync(log.ExportAsync(noon, null, None));

        Assert.Equal(new[] { "a-at-since", "b-at-since", "d-late", "f-tick-before-until" }, bounded.Select(r => r.Id));
        Assert.Equal(new[] { "a-at-since", "b-at-since", "d-late", "f-tick-before-until", "e-at-until" }, open.Select(r => r.Id));
        Assert.Equal(records.Single(r => r.Id == "b-at-since").DecidedAt.Offset, bounded[1].DecidedAt.Offset);
        Assert.Empty(await ToListAsync(log.ExportAsync(noon.AddDays(1), null, None)));
    }

    [Theory, SqliteCase, PostgresCase]
    public async Task The_schema_is_created_once_and_records_survive_reopening(Store store)
    {
        await using var scope = await LogScope.CreateAsync(store);
        await using (var log = await scope.OpenAsync())
        {
            await log.AppendAsync(Records.Numbered("kept", 1), None);
        }

        await using (var reopened = await scope.OpenAsync())
        {
            Assert.Equal(Records.Numbered("kept", 1), await reopened.FindAsync("kept-1", None));
        }

        Assert.Equal(1L, Convert.ToInt64(await scope.ScalarAsync("SELECT COUNT(*) FROM xinji_schema_migrations"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1L, Convert.ToInt64(await scope.ScalarAsync("SELECT MAX(version) FROM xinji_schema_migrations"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory, SqliteCase, PostgresCase]
    public async Task Decisions_are_indexed_by_id_and_by_time(Store store)
    {
        await using var scope = await LogScope.CreateAsync(store);
        await using (await scope.OpenAsync())
        {
        }

        var indexes = store == Store.Sqlite
            ? "SELECT group_concat(name || ':' || (SELECT group_concat(c.name) FROM pragma_index_info(l.name) c), ' ') FROM pragma_index_list('xinji_decisions') l"
            : "SELECT string_agg(indexdef, ' ') FROM pg_indexes WHERE tablename = 'xinji_decisions'";
        var text = (string)(await scope.ScalarAsync(indexes))!;

        Assert.Contains(store == Store.Sqlite ? "ix_xinji_decisions_time:decided_at_utc_ticks,id" : "(decided_at_utc_ticks, id)", text, StringComparison.Ordinal);
        Assert.Contains(store == Store.Sqlite ? "sqlite_autoindex_xinji_decisions_1:id" : "xinji_decisions_pkey ON public.xinji_decisions USING btree (id)", text, StringComparison.Ordinal);
    }

    [Theory, SqliteCase, PostgresCase]
    public async Task A_log_from_a_newer_version_is_refused(Store store)
    {
        await using var scope = await LogScope.CreateAsync(store);
        await using (await scope.OpenAsync())
        {
        }

        await scope.ExecuteAsync("INSERT INTO xinji_schema_migrations (version, description, applied_at) VALUES (99, 'from the future', '2030-01-01T00:00:00Z')");

        var refused = await Assert.ThrowsAsync<DecisionLogException>(() => scope.OpenAsync());
        Assert.Contains("has schema version 99, newer than this version of Xinji.Policy knows (1)", refused.Message, StringComparison.Ordinal);
    }

    private static async Task<List<DecisionRecord>> ToListAsync(IAsyncEnumerable<DecisionRecord> records)
    {
        var list = new List<DecisionRecord>();
        await foreach (var record in records)
        {
            list.Add(record);
        }

        return list;
    }
}
