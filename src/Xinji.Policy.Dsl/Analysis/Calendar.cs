using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using Xinji.Policy.Dsl.Evaluation;

namespace Xinji.Policy.Dsl.Analysis;

/// <summary>
/// Date arithmetic on day numbers, as the evaluators do it, and the shape of month steps over
/// the claim date range: a term's offset from its base is constant on intervals ("pieces").
/// </summary>
public static class Calendar
{
    public static readonly int MinDay = PolicyValue.DayNumber(ClaimRules.MinDate);
    public static readonly int MaxDay = PolicyValue.DayNumber(ClaimRules.MaxDate);

    private static readonly DateTime Epoch = new(1, 1, 1);
    private static readonly ConcurrentDictionary<string, IReadOnlyList<Piece>> PieceCache = new();

    /// <summary>The term's value for a base value.</summary>
    public static int Apply(Term term, int baseValue, bool isDate)
    {
        if (!isDate || !term.HasMonths)
        {
            var value = baseValue;
            foreach (var step in term.Steps)
            {
                value += step.Amount;
            }

            return value;
        }

        var date = Epoch.AddDays(baseValue);
        foreach (var step in term.Steps)
        {
            date = step.Months ? date.AddMonths(step.Amount) : date.AddDays(step.Amount);
        }

        return (int)(date - Epoch).TotalDays;
    }

    /// <summary>A maximal interval of base values on which the term's offset is one number.</summary>
    public readonly record struct Piece(int From, int To, int Offset);

    /// <summary>
    /// The pieces of a date term with month steps over the claim date range. Month steps are
    /// monotone and their offset changes only around month ends, so there are a few per month.
    /// </summary>
    public static IReadOnlyList<Piece> Pieces(Term term) =>
        PieceCache.GetOrAdd(Key(term), _ =>
        {
            var pieces = new List<Piece>();
            var start = MinDay;
            var offset = Apply(term, MinDay, true) - MinDay;
            for (var day = MinDay + 1; day <= MaxDay; day++)
            {
                var next = Apply(term, day, true) - day;
                if (next != offset)
                {
                    pieces.Add(new Piece(start, day - 1, offset));
                    start = day;
                    offset = next;
                }
            }

            pieces.Add(new Piece(start, MaxDay, offset));
            return pieces;
        });

    private static readonly ConcurrentDictionary<string, (int Low, int High)> RangeCache = new();

    /// <summary>The least and greatest offset a date term's steps can add to its base.</summary>
    public static (int Low, int High) OffsetRange(Term term) =>
        RangeCache.GetOrAdd(Key(term), _ =>
        {
            var pieces = Pieces(term);
            var low = int.MaxValue;
            var high = int.MinValue;
            foreach (var piece in pieces)
            {
                low = Math.Min(low, piece.Offset);
                high = Math.Max(high, piece.Offset);
            }

            return (low, high);
        });

    public static string Key(Term term) => string.Join(",", System.Linq.Enumerable.Select(term.Steps, s => (s.Months ? "m" : "d") + s.Amount));
}
