using System;
using System.Globalization;

namespace Xinji.Policy.DecisionLog.Tests;

/// <summary>Decisions to log, each one a function of its id, so a reader can say what it must read back.</summary>
public static class Records
{
    private static readonly DateTimeOffset Start = new(2026, 3, 14, 9, 26, 53, TimeSpan.Zero);

    /// <summary>
    /// A record whose every field depends on <paramref name="sequence"/>: times to the tick, in
    /// several offsets, text that needs escaping in JSON and SQL, and a client on every other one.
    /// </summary>
    public static DecisionRecord Numbered(string prefix, int sequence)
    {
        var offset = TimeSpan.FromMinutes(sequence % 3 * 330 - 300);
        var at = Start.AddTicks(sequence * 1_234_567L).ToOffset(offset);
        var s = sequence.ToString(CultureInfo.InvariantCulture);
        return new DecisionRecord(
            Id: prefix + "-" + s,
            DecidedAt: at,
            PolicyName: "warranty",
            PolicyHash: "sha256:" + (sequence % 2 == 0 ? "aa11" : "bb22"),
            ClaimJson: "{\"serial\":\"SN-" + s + "\",\"note\":\"d\u00e9faut d'\u00e9cran \\\"cass\u00e9\\\"; DROP TABLE x; --\",\n  \"age\":" + s + "}",
            DecisionJson: "{\"coverage\":\"FREE\",\"clauses\":[\"3.1\",\"4.2\"],\"n\":" + s + "}",
            Client: sequence % 2 == 0 ? null : "desk-" + (sequence % 5).ToString(CultureInfo.InvariantCulture));
    }
}
