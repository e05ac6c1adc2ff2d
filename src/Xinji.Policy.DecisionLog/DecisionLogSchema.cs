using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;

namespace Xinji.Policy.DecisionLog;

/// <summary>One step of the schema, written for each store.</summary>
internal sealed record Migration(int Version, string Description, string Sqlite, string Postgres);

/// <summary>
/// The log's tables, the same in both stores. <c>xinji_schema_migrations</c> holds one row per
/// migration applied; each store applies the missing ones, in order, in one transaction when it
/// opens, and refuses a log whose schema is newer than the code. A migration is never edited once
/// shipped: a change is a new one at the end.
/// </summary>
/// <remarks>
/// <c>decided_at</c> is the time as given, in ISO 8601 round-trip form (exact to the tick, offset
/// included, readable and castable to a timestamp); <c>decided_at_utc_ticks</c> is the same instant
/// as a number, which exports select and order by.
/// </remarks>
internal static class DecisionLogSchema
{
    public const string MigrationsTable = "xinji_schema_migrations";

    public static readonly IReadOnlyList<Migration> Migrations =
    [
        new(1, "decisions, found by id and by time",
            Sqlite: """
                CREATE TABLE xinji_decisions (
                    id TEXT NOT NULL PRIMARY KEY,
                    decided_at TEXT NOT NULL,
                    decided_at_utc_ticks INTEGER NOT NULL,
                    policy_name TEXT NOT NULL,
                    policy_hash TEXT NOT NULL,
                    claim_json TEXT NOT NULL,
                    decision_json TEXT NOT NULL,
                    client TEXT NULL);
                CREATE INDEX ix_xinji_decisions_time ON xinji_decisions (decided_at_utc_ticks, id);
                """,
            Postgres: """
                CREATE TABLE xinji_decisions (
                    id text NOT NULL PRIMARY KEY,
                    decided_at text NOT NULL,
                    decided_at_utc_ticks bigint NOT NULL,
                    policy_name text NOT NULL,
                    policy_hash text NOT NULL,
                    claim_json text NOT NULL,
                    decision_json text NOT NULL,
                    client text NULL);
                CREATE INDEX ix_xinji_decisions_time ON xinji_decisions (decided_at_utc_ticks, id);
                """),
    ];

    public static int LatestVersion => Migrations[^1].Version;

    public const string Columns = "id, decided_at, policy_name, policy_hash, claim_json, decision_json, client";

    public static string FormatTime(DateTimeOffset time) => time.ToString("o", CultureInfo.InvariantCulture);

    public static DecisionRecord Read(DbDataReader reader) =>
        new(
            reader.GetString(0),
            DateTimeOffset.ParseExact(reader.GetString(1), "o", CultureInfo.InvariantCulture, DateTimeStyles.None),
            reader.GetString(2),
            reader.GetString(3),
            reader.GetString(4),
            reader.GetString(5),
            reader.IsDBNull(6) ? null : reader.GetString(6));

    public static void Validate(DecisionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrEmpty(record.Id, nameof(record));
        ArgumentNullException.ThrowIfNull(record.PolicyName, nameof(record));
        ArgumentNullException.ThrowIfNull(record.PolicyHash, nameof(record));
        ArgumentNullException.ThrowIfNull(record.ClaimJson, nameof(record));
        ArgumentNullException.ThrowIfNull(record.DecisionJson, nameof(record));
    }

    public static DecisionLogException NewerSchema(string display, long found) =>
        new($"The decision log {display} has schema version {found.ToString(CultureInfo.InvariantCulture)}, newer than this version of Xinji.Policy knows ({LatestVersion.ToString(CultureInfo.InvariantCulture)}): use a newer xinji-policy.");

    public static DecisionLogException DuplicateId(string display, string id, Exception? inner) =>
        new($"The decision log {display} already holds a decision with id '{id}'.", inner);

    /// <summary>A taken id among records appended together (none of which was then recorded).</summary>
    public static DecisionLogException DuplicateId(string display, IReadOnlyList<DecisionRecord> records, Exception? inner) =>
        records.Count == 1
            ? DuplicateId(display, records[0].Id, inner)
            : new($"The decision log {display} recorded none of a batch of {records.Count.ToString(CultureInfo.InvariantCulture)} decisions: one of their ids is already in the log, or in the batch twice.", inner);
}
