using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Syntax;

namespace Xinji.Policy.LanguageServer;

/// <summary>
/// What a hover says about a definition's values beyond its formula: how far a calendar step moves
/// a date in days, and when an optional value is missing. Both are worked out, not guessed: the
/// step over every day of a 400-year Gregorian cycle, the missing cases over every combination of
/// the optional facts the definition reads.
/// </summary>
internal static class DefinitionRanges
{
    /// <summary>Past this many optional facts, the missing cases are not enumerated.</summary>
    private const int MaxOptionalFacts = 8;

    private static readonly DateTime CycleStart = new(2000, 1, 1);
    private static readonly DateTime CycleEnd = new(2399, 12, 31);

    public static IEnumerable<string> Describe(BoundPolicy policy, DefinitionSymbol definition, Func<BoundExpression, string> written)
    {
        if (StepInDays(definition.Value, written) is { } step)
        {
            yield return step;
        }

        if (definition.Type.IsOptional && MissingWhen(policy, definition.Value) is { } missing)
        {
            yield return missing;
        }
    }

    /// <summary>For <c>base + n months ± …</c>: the range of days the steps move <c>base</c>, as the months' lengths fall.</summary>
    private static string? StepInDays(BoundExpression value, Func<BoundExpression, string> written)
    {
        var steps = new List<DateShift>();
        var start = value;
        while (start is DateShift shift)
        {
            steps.Add(shift);
            start = shift.Date;
        }

        if (!steps.Exists(s => s.Unit == DurationUnit.Months))
        {
            return null;
        }

        steps.Reverse();
        var fewest = long.MaxValue;
        var most = long.MinValue;
        for (var day = CycleStart; day <= CycleEnd; day = day.AddDays(1))
        {
            var moved = day;
            foreach (var step in steps)
            {
                moved = step.Unit == DurationUnit.Months ? moved.AddMonths(step.Amount) : moved.AddDays(step.Amount);
            }

            var days = (long)(moved - day).TotalDays;
            fewest = Math.Min(fewest, days);
            most = Math.Max(most, days);
        }

        var from = "`" + written(start) + "`";
        if (fewest >= 0)
        {
            return fewest == most
                ? string.Create(CultureInfo.InvariantCulture, $"Range: {Days(fewest)} after {from}.")
                : string.Create(CultureInfo.InvariantCulture, $"Range: {fewest:N0} to {Days(most)} after {from}, as the months' lengths fall.");
        }

        if (most <= 0)
        {
            return fewest == most
                ? string.Create(CultureInfo.InvariantCulture, $"Range: {Days(-most)} before {from}.")
                : string.Create(CultureInfo.InvariantCulture, $"Range: {-most:N0} to {Days(-fewest)} before {from}, as the months' lengths fall.");
        }

        return string.Create(CultureInfo.InvariantCulture, $"Range: from {Days(-fewest)} before to {Days(most)} after {from}, as the months' lengths fall.");
    }

    private static string Days(long days) => string.Create(CultureInfo.InvariantCulture, $"{days:N0} {(days == 1 ? "day" : "days")}");

    /// <summary>
    /// The cases in which the value is missing, as the fewest facts to name: every combination of the
    /// optional facts it reads given or missing is tried, and the combinations where it is surely
    /// missing are merged into as few conditions as cover them.
    /// </summary>
    private static string? MissingWhen(BoundPolicy policy, BoundExpression value)
    {
        var facts = policy.Facts.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var definitions = policy.Definitions.ToDictionary(d => d.Name, StringComparer.Ordinal);
        var optional = new List<string>();
        CollectOptionalFacts(value, facts, definitions, optional, new HashSet<string>(StringComparer.Ordinal));
        if (optional.Count == 0 || optional.Count > MaxOptionalFacts)
        {
            return null;
        }

        var missing = new HashSet<int>();
        var dependsOnValues = false;
        for (var given = 0; given < 1 << optional.Count; given++)
        {
            var presence = new Presences(optional, given, facts, definitions);
            switch (presence.Of(value, depth: 0))
            {
                case Known.Missing:
                    missing.Add(given);
                    break;
                case Known.DependsOnValues:
                    dependsOnValues = true;
                    break;
            }
        }

        if (missing.Count == 0)
        {
            return dependsOnValues ? "Unknown in some claims, depending on the facts' values." : null;
        }

        var cases = Cover(missing, optional.Count).Select(c => Condition(c, optional));
        var text = "Unknown when " + string.Join(", or when ", cases) + ".";
        return dependsOnValues ? text + " It may also be unknown in other claims, depending on the facts' values." : text;
    }

    private static void CollectOptionalFacts(BoundExpression expression, Dictionary<string, FactSymbol> facts, Dictionary<string, DefinitionSymbol> definitions, List<string> optional, HashSet<string> visited)
    {
        foreach (var node in expression.DescendantsAndSelf())
        {
            switch (node)
            {
                case FactReference f when facts.TryGetValue(f.Name, out var fact) && fact.Type.IsOptional && !optional.Contains(f.Name):
                    optional.Add(f.Name);
                    break;
                case DefinitionReference d when visited.Add(d.Name) && definitions.TryGetValue(d.Name, out var definition):
                    CollectOptionalFacts(definition.Value, facts, definitions, optional, visited);
                    break;
            }
        }
    }

    /// <summary>A cube over the optional facts: the facts it fixes (<see cref="Fixed"/>) and whether each is given.</summary>
    private readonly record struct Cube(int Fixed, int Given);

    /// <summary>Widens each combination as far as it stays inside <paramref name="missing"/>; the distinct widest cubes.</summary>
    private static List<Cube> Cover(HashSet<int> missing, int count)
    {
        var all = (1 << count) - 1;
        var cubes = new List<Cube>();
        foreach (var combination in missing.OrderBy(c => c))
        {
            var cube = new Cube(all, combination);
            for (var fact = 0; fact < count; fact++)
            {
                var wider = new Cube(cube.Fixed & ~(1 << fact), cube.Given & ~(1 << fact));
                if (Combinations(wider, count).All(missing.Contains))
                {
                    cube = wider;
                }
            }

            if (!cubes.Contains(cube))
            {
                cubes.Add(cube);
            }
        }

        return cubes;
    }

    private static IEnumerable<int> Combinations(Cube cube, int count)
    {
        for (var combination = 0; combination < 1 << count; combination++)
        {
            if ((combination & cube.Fixed) == cube.Given)
            {
                yield return combination;
            }
        }
    }

    private static string Condition(Cube cube, List<string> optional)
    {
        var missing = Enumerable.Range(0, optional.Count).Where(i => (cube.Fixed & (1 << i)) != 0 && (cube.Given & (1 << i)) == 0).Select(i => "`" + optional[i] + "`").ToList();
        var given = Enumerable.Range(0, optional.Count).Where(i => (cube.Given & (1 << i)) != 0).Select(i => "`" + optional[i] + "`").ToList();
        var parts = new List<string>();
        if (missing.Count > 0)
        {
            parts.Add(Names(missing) + (missing.Count == 1 ? " is unknown" : missing.Count == 2 ? " are both unknown" : " are all unknown"));
        }

        if (given.Count > 0)
        {
            parts.Add(Names(given) + (given.Count == 1 ? " is known" : " are known"));
        }

        return parts.Count == 0 ? "always" : string.Join(" and ", parts);
    }

    private static string Names(List<string> names) =>
        names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];

    private enum Known
    {
        Given,
        Missing,
        DependsOnValues,
    }

    /// <summary>Whether an expression has a value when some optional facts are given and the others missing, whatever their values.</summary>
    private sealed class Presences(List<string> optional, int given, Dictionary<string, FactSymbol> facts, Dictionary<string, DefinitionSymbol> definitions)
    {
        /// <summary>Deeper than this, the answer is "depends": definitions nest far less in any policy a person writes.</summary>
        private const int MaxDepth = 64;

        public Known Of(BoundExpression expression, int depth)
        {
            if (depth > MaxDepth)
            {
                return Known.DependsOnValues;
            }

            switch (expression)
            {
                case FactReference f:
                    var index = optional.IndexOf(f.Name);
                    return index < 0 || !facts.ContainsKey(f.Name) ? Known.Given : (given & (1 << index)) != 0 ? Known.Given : Known.Missing;
                case DefinitionReference d:
                    return definitions.TryGetValue(d.Name, out var definition) ? Of(definition.Value, depth + 1) : Known.DependsOnValues;
                case DateShift s:
                    return Of(s.Date, depth + 1);
                case Arithmetic a:
                    return Both(Of(a.Left, depth + 1), Of(a.Right, depth + 1));
                case Extremum x:
                    var arguments = x.Arguments.Select(e => Of(e, depth + 1)).ToList();
                    return arguments.Contains(Known.Given) ? Known.Given
                        : arguments.TrueForAll(k => k == Known.Missing) ? Known.Missing
                        : Known.DependsOnValues;
                case Conditional c:
                    return Truth(c.Condition, depth + 1) switch
                    {
                        true => Of(c.WhenTrue, depth + 1),
                        false => Of(c.WhenFalse, depth + 1),
                        null => Either(Of(c.WhenTrue, depth + 1), Of(c.WhenFalse, depth + 1)),
                    };
                default:
                    // Literals, the coverage and every condition: a condition on a missing value is false, never missing.
                    return Known.Given;
            }
        }

        /// <summary>A condition's truth when it follows from which facts are given alone; null when it depends on their values.</summary>
        private bool? Truth(BoundExpression condition, int depth)
        {
            switch (condition)
            {
                case BoolLiteral b:
                    return b.Value;
                case Presence p:
                    return Of(p.Operand, depth + 1) switch
                    {
                        Known.Given => p.Present,
                        Known.Missing => !p.Present,
                        _ => null,
                    };
                case Comparison c:
                    return Of(c.Left, depth + 1) == Known.Missing || Of(c.Right, depth + 1) == Known.Missing ? false : null;
                case Equality e:
                    return Of(e.Left, depth + 1) == Known.Missing || Of(e.Right, depth + 1) == Known.Missing ? false : null;
                case Membership m:
                    return Of(m.Operand, depth + 1) == Known.Missing ? false : null;
                case NotOperation n:
                    return !Truth(n.Operand, depth + 1);
                case LogicalOperation l:
                    var left = Truth(l.Left, depth + 1);
                    var right = Truth(l.Right, depth + 1);
                    return l.Operator == LogicalOperator.And
                        ? left == false || right == false ? false : left == true && right == true ? true : null
                        : left == true || right == true ? true : left == false && right == false ? false : null;
                case DefinitionReference d when definitions.TryGetValue(d.Name, out var definition):
                    return depth > MaxDepth ? null : Truth(definition.Value, depth + 1);
                default:
                    return null;
            }
        }

        private static Known Both(Known left, Known right) =>
            left == Known.Missing || right == Known.Missing ? Known.Missing
            : left == Known.Given && right == Known.Given ? Known.Given
            : Known.DependsOnValues;

        private static Known Either(Known whenTrue, Known whenFalse) => whenTrue == whenFalse ? whenTrue : Known.DependsOnValues;
    }
}
