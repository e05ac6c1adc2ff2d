using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Runtime;

namespace Xinji.Policy.Differential.Tests;

/// <summary>
/// Random claim JSON for any policy, from its facts: every type, optional facts left out or null,
/// defaulted facts left out, numbers and dates drawn mostly near the literals the policy itself
/// writes (so its rejections and comparisons are met on both sides), calendar edges (month ends,
/// February 28 and 29, the claim range's ends), and a few claims broken in one to three ways the strict
/// reader must refuse (an unknown or repeated field, a wrong JSON type, a bad date or member, a
/// value out of range, a missing required field, no object at all).
/// </summary>
internal sealed class FactClaimGenerator
{
    private static readonly DateOnly MinDate = new(1900, 1, 1);
    private static readonly DateOnly MaxDate = new(2199, 12, 31);

    private readonly IReadOnlyList<FactSymbol> _facts;
    private readonly Dictionary<string, EnumSymbol> _enums;
    private readonly int[] _ints;
    private readonly DateOnly[] _dates;

    // The literals of the rejections that read each fact: the range a valid value lies in.
    private readonly Dictionary<string, int[]> _intBounds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateOnly[]> _dateBounds = new(StringComparer.Ordinal);

    public FactClaimGenerator(BoundPolicy policy)
    {
        _facts = policy.Facts;
        _enums = policy.Enums.ToDictionary(e => e.Name, StringComparer.Ordinal);
        var literals = PolicyExpressions.All(policy).OfType<BoundLiteral>().ToList();
        _ints = literals.OfType<IntLiteral>().SelectMany(i => new[] { i.Value, -i.Value }).Append(0).Distinct().OrderBy(i => i).ToArray();
        _dates = literals.OfType<DateValueLiteral>().Select(d => new DateOnly(d.Year, d.Month, d.Day)).Distinct().OrderBy(d => d).ToArray();
        if (_dates.Length == 0)
        {
            _dates = new[] { new DateOnly(2024, 2, 29) };
        }

        foreach (var fact in _facts)
        {
            var bounds = policy.Rejections
                .Select(r => PolicyExpressions.Descendants(r.Condition).ToList())
                .Where(e => e.Any(x => x is FactReference f && f.Name == fact.Name))
                .SelectMany(e => e.OfType<BoundLiteral>())
                .ToList();
            _intBounds[fact.Name] = bounds.OfType<IntLiteral>().Select(i => i.Value).Distinct().OrderBy(i => i).ToArray();
            _dateBounds[fact.Name] = bounds.OfType<DateValueLiteral>().Select(d => new DateOnly(d.Year, d.Month, d.Day)).Distinct().OrderBy(d => d).ToArray();
        }
    }

    /// <summary>One claim as JSON text.</summary>
    public string Next(Random random)
    {
        var properties = new List<(string Name, string Json)>();
        foreach (var fact in _facts)
        {
            var roll = random.NextDouble();
            if (fact.Type.IsOptional && roll < 0.15)
            {
                continue;
            }

            if (fact.Type.IsOptional && roll < 0.3)
            {
                properties.Add((fact.Name, "null"));
                continue;
            }

            if (fact.Default is not null && roll < 0.3)
            {
                continue;
            }

            properties.Add((fact.Name, Value(random, fact)));
        }

        if (random.NextDouble() < 0.06)
        {
            // A third of broken claims are broken in two or three ways: readers report every error, and must agree on all.
            var breaks = random.Next(3) == 0 ? random.Next(2, 4) : 1;
            for (var i = 0; i < breaks; i++)
            {
                var whole = Break(random, properties);
                if (whole is not null)
                {
                    return whole;
                }
            }
        }

        // Field order must not matter to a reader, nor whitespace, nor a name or value written with escapes.
        var shuffled = properties.OrderBy(_ => random.Next()).ToList();
        var separator = random.NextDouble() < 0.1 ? ",\n  " : ",";
        return "{" + string.Join(separator, shuffled.Select(p => Name(random, p.Name) + ":" + Escaped(random, p.Json))) + "}";
    }

    private static string Name(Random random, string name) => random.NextDouble() < 0.03 ? Escaped(random, Quoted(name), 1.0) : Quoted(name);

    /// <summary>A JSON string with its first character written as a \u escape, sometimes; other JSON as it is.</summary>
    private static string Escaped(Random random, string json, double chance = 0.03) =>
        json.Length > 2 && json[0] == '"' && json[1] != '\\' && random.NextDouble() < chance
            ? "\"\\u" + ((int)json[1]).ToString("x4", CultureInfo.InvariantCulture) + json[2..]
            : json;

    private string Value(Random random, FactSymbol fact) => fact.Type.Kind switch
    {
        TypeKind.Bool => random.Next(2) == 0 ? "false" : "true",
        TypeKind.Int => Int(random, _intBounds[fact.Name]).ToString(CultureInfo.InvariantCulture),
        TypeKind.Date => Quoted(Date(random, _dateBounds[fact.Name]).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        _ => Quoted(Pick(random, _enums[fact.Type.EnumName!].Members.ToArray())),
    };

    private int Int(Random random, int[] bounds)
    {
        var roll = random.NextDouble();
        if (bounds.Length > 1 && roll < 0.8)
        {
            var i = random.Next(bounds.Length - 1);
            return random.Next(bounds[i], bounds[i + 1] + 1);
        }

        // Past the bounds (or without any): near any literal, the claim range's ends, anywhere.
        roll = random.NextDouble();
        if (roll < 0.75)
        {
            return Pick(random, _ints) + random.Next(-4, 5);
        }

        if (roll < 0.9)
        {
            return Pick(random, new[] { ClaimJson.MinInt, ClaimJson.MinInt + 1, ClaimJson.MaxInt - 1, ClaimJson.MaxInt, int.MaxValue / 2 });
        }

        return random.Next(ClaimJson.MinInt, ClaimJson.MaxInt);
    }

    private DateOnly Date(Random random, DateOnly[] bounds)
    {
        var roll = random.NextDouble();
        if (bounds.Length > 1 && roll < 0.8)
        {
            var i = random.Next(bounds.Length - 1);
            return DateOnly.FromDayNumber(random.Next(bounds[i].DayNumber, bounds[i + 1].DayNumber + 1));
        }

        // Past the bounds (or without any): near any literal, calendar edges, the claim range's ends, anywhere.
        roll = random.NextDouble();
        if (roll < 0.6)
        {
            return Clamp(Pick(random, _dates).AddDays(random.Next(-40, 41)));
        }

        if (roll < 0.85)
        {
            // Month ends and leap days of the years the policy names.
            var year = Pick(random, _dates).Year + random.Next(-1, 2);
            var month = random.Next(1, 13);
            var edges = new[] { new DateOnly(year, month, DateTime.DaysInMonth(year, month)), new DateOnly(year, month, 1), new DateOnly(year, 2, 28), new DateOnly(year, 3, 1) };
            return Clamp(Pick(random, edges));
        }

        if (roll < 0.9)
        {
            return Pick(random, new[] { MinDate, MinDate.AddDays(1), MaxDate.AddDays(-1), MaxDate, new DateOnly(2000, 2, 29), new DateOnly(2100, 2, 28) });
        }

        return MinDate.AddDays(random.Next(MaxDate.DayNumber - MinDate.DayNumber + 1));
    }

    private static DateOnly Clamp(DateOnly date) => date < MinDate ? MinDate : date > MaxDate ? MaxDate : date;

    /// <summary>Breaks the claim in one way, in place; or returns a whole document that is no claim.</summary>
    private string? Break(Random random, List<(string Name, string Json)> properties)
    {
        var fact = Pick(random, _facts.ToArray());
        switch (random.Next(7))
        {
            case 0:
                properties.Add((random.Next(2) == 0 ? fact.Name + "s" : "unexpected", "1"));
                return null;
            case 1:
                properties.Add((fact.Name, Value(random, fact)));
                properties.Add((fact.Name, Value(random, fact)));
                return null;
            case 2:
                Replace(properties, fact, Pick(random, WrongValues(fact.Type)));
                return null;
            case 3:
                Replace(properties, fact, "null");
                return null;
            case 4:
                properties.RemoveAll(p => p.Name == fact.Name);
                return null;
            case 5:
                Replace(properties, fact, Pick(random, OutOfRange(fact.Type)));
                return null;
            default:
                return Pick(random, new[] { "", "[]", "null", "{", "{} {}", "{\"" + fact.Name + "\"}", " " });
        }
    }

    private string[] WrongValues(PolicyType type) => type.Kind switch
    {
        TypeKind.Bool => new[] { "\"true\"", "1", "{}", "[]" },
        TypeKind.Int => new[] { "1.5", "\"3\"", "true", "12345678901", "1e3", "-0.0" },
        TypeKind.Date => new[] { "20240101", "\"2024-02-30\"", "\"2024-2-3\"", "\"2023-02-29\"", "\"2024-02-29T00:00\"", "\"\"", "true" },
        _ => new[] { "\"nothing\"", Quoted(Capitalized(_enums[type.EnumName!].Members[0])), "3", "\"\"" },
    };

    private static string[] OutOfRange(PolicyType type) => type.Kind switch
    {
        TypeKind.Int => new[] { "1000000001", "-1000000001", "2147483647", "-2147483648" },
        TypeKind.Date => new[] { "\"1899-12-31\"", "\"2200-01-01\"", "\"0001-01-01\"", "\"9999-12-31\"" },
        TypeKind.Bool => new[] { "0" },
        _ => new[] { "\" \"" },
    };

    private static void Replace(List<(string Name, string Json)> properties, FactSymbol fact, string json)
    {
        properties.RemoveAll(p => p.Name == fact.Name);
        properties.Add((fact.Name, json));
    }

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static T Pick<T>(Random random, T[] values) => values[random.Next(values.Length)];

    private static string Quoted(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}

/// <summary>Every expression of a bound policy, found through the properties of the expression records, so a new form is included without a change here.</summary>
internal static class PolicyExpressions
{
    public static IEnumerable<BoundExpression> All(BoundPolicy policy)
    {
        var roots = policy.Definitions.Select(d => d.Value)
            .Concat(policy.Clauses.Select(c => c.Condition))
            .Concat(policy.Rejections.Select(r => r.Condition))
            .Concat(new[] { policy.Warranty.Start, policy.Warranty.End, policy.Warranty.Active })
            .Concat(policy.Facts.Where(f => f.Default is not null).Select(f => (BoundExpression)f.Default!));
        return roots.SelectMany(Descendants);
    }

    public static IEnumerable<BoundExpression> Descendants(BoundExpression expression)
    {
        yield return expression;
        foreach (var property in expression.GetType().GetProperties())
        {
            var value = property.GetValue(expression);
            var children = value switch
            {
                BoundExpression child => new[] { child },
                IEnumerable<BoundExpression> many => many,
                _ => Enumerable.Empty<BoundExpression>(),
            };
            foreach (var descendant in children.SelectMany(Descendants))
            {
                yield return descendant;
            }
        }
    }
}
