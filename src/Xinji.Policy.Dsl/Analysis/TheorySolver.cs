using System;
using System.Collections.Generic;
using System.Linq;
using Xinji.Policy.Dsl.Evaluation;

namespace Xinji.Policy.Dsl.Analysis;

/// <summary><c>value(Left) &lt;= value(Right)</c>.</summary>
internal readonly record struct OrderConstraint(Term Left, Term Right, bool IsDate);

/// <summary>The analysis ran out of its search budget: it says so rather than guess.</summary>
public sealed class AnalysisBudgetException : Exception
{
    public AnalysisBudgetException(string message)
        : base(message)
    {
    }
}

/// <summary>
/// Decides exactly whether order constraints between date and int terms hold together, and
/// finds values when they do. Without month steps every constraint is a difference constraint
/// and the difference-bound matrix decides it. A month step's offset from its base (28 to 31
/// days for one month; 365 or 366 for twelve) depends on the base date, but it is constant on
/// intervals of base dates ("pieces"). Choosing a piece for each base variable turns every
/// constraint into a difference constraint plus bounds on the base, so the search over pieces,
/// pruned by the interval each base can still take, is exact.
/// </summary>
internal sealed class TheorySolver
{
    /// <summary>
    /// Where a month base may lie: one piece, or the hull of pieces with the same offsets; the
    /// offsets are read at <see cref="Probe"/>, a base value where they hold.
    /// </summary>
    private readonly record struct Choice(int From, int To, int Probe);

    private const int NodeBudget = 200_000;
    private static readonly long PreferredDate = PolicyValue.DayNumber(new DateTime(2025, 1, 1));

    private readonly IReadOnlyDictionary<string, bool> _isDate;
    private int _nodes;

    /// <param name="isDate">Every numeric fact: true for a date, false for an int.</param>
    public TheorySolver(IReadOnlyDictionary<string, bool> isDate) => _isDate = isDate;

    /// <summary>A quick, sound test: false means the constraints cannot hold together.</summary>
    public bool MayHold(IReadOnlyList<OrderConstraint> constraints)
    {
        var index = Index(constraints);
        var bounds = Build(constraints, index, new Dictionary<string, Choice>());
        return bounds.Close();
    }

    /// <summary>Values for the constrained variables, or null when the constraints cannot hold.</summary>
    public IReadOnlyDictionary<string, int>? Solve(IReadOnlyList<OrderConstraint> constraints)
    {
        _nodes = 0;
        var index = Index(constraints);
        var monthBases = constraints
            .SelectMany(c => new[] { c.Left, c.Right })
            .Where(t => t.HasMonths && t.Variable is not null)
            .Select(t => t.Variable!)
            .Distinct()
            .OrderBy(v => v, StringComparer.Ordinal)
            .ToList();
        var pieces = monthBases.ToDictionary(v => v, v => Refine(constraints, v));
        return Search(constraints, index, monthBases, pieces, new Dictionary<string, Choice>());
    }

    private IReadOnlyDictionary<string, int>? Search(
        IReadOnlyList<OrderConstraint> constraints,
        Dictionary<string, int> index,
        List<string> monthBases,
        Dictionary<string, IReadOnlyList<PieceClass>> pieces,
        Dictionary<string, Choice> chosen)
    {
        if (++_nodes > NodeBudget)
        {
            throw new AnalysisBudgetException("the search over calendar pieces exceeded its budget");
        }

        var bounds = Build(constraints, index, chosen);
        if (!bounds.Close())
        {
            return null;
        }

        var next = monthBases.FirstOrDefault(v => !chosen.ContainsKey(v));
        if (next is null)
        {
            return Values(constraints, index, bounds);
        }

        var low = bounds.Low(index[next]);
        var high = bounds.High(index[next]);
        // Pieces where the base's month terms have the same offsets differ only in where they lie:
        // if the hull of such pieces is infeasible, none of them is, so a whole class goes at once.
        foreach (var group in pieces[next].OrderBy(g => g.Pieces.Where(p => p.To >= low && p.From <= high).Select(Distance).DefaultIfEmpty(long.MaxValue).Min()))
        {
            var inRange = group.Pieces.Where(p => p.To >= low && p.From <= high).ToList();
            if (inRange.Count == 0)
            {
                continue;
            }

            chosen[next] = new Choice(inRange[0].From, inRange[inRange.Count - 1].To, inRange[0].From);
            var hull = Build(constraints, index, chosen);
            if (!hull.Close())
            {
                continue;
            }

            foreach (var piece in inRange.OrderBy(Distance))
            {
                chosen[next] = new Choice(piece.From, piece.To, piece.From);
                var found = Search(constraints, index, monthBases, pieces, chosen);
                if (found is not null)
                {
                    return found;
                }
            }
        }

        chosen.Remove(next);
        return null;
    }

    private static long Distance(Calendar.Piece piece) =>
        piece.From <= PreferredDate && PreferredDate <= piece.To ? 0 : Math.Min(Math.Abs(piece.From - PreferredDate), Math.Abs(piece.To - PreferredDate));

    private static List<Term> MonthTerms(IReadOnlyList<OrderConstraint> constraints, string variable) =>
        constraints.SelectMany(c => new[] { c.Left, c.Right }).Where(t => t.Variable == variable && t.HasMonths).Distinct().ToList();

    private Dictionary<string, int>? Values(IReadOnlyList<OrderConstraint> constraints, Dictionary<string, int> index, DifferenceBounds bounds)
    {
        var byIndex = index.ToDictionary(p => p.Value, p => p.Key);
        var solution = bounds.Solve(v => _isDate[byIndex[v]] ? PreferredDate : 0);
        if (solution is null)
        {
            return null;
        }

        var values = index.ToDictionary(p => p.Key, p => checked((int)solution[p.Value]), StringComparer.Ordinal);

        // The pieces make every month step exact; check it, so no wrong witness can leave here.
        foreach (var c in constraints)
        {
            if (Value(c.Left, values, c.IsDate) > Value(c.Right, values, c.IsDate))
            {
                throw new InvalidOperationException($"Internal error: the theory solution breaks {c.Left} <= {c.Right}.");
            }
        }

        return values;
    }

    private static long Value(Term term, Dictionary<string, int> values, bool isDate) =>
        Calendar.Apply(term, term.Variable is null ? term.Constant : values[term.Variable], isDate);

    private static Dictionary<string, int> Index(IReadOnlyList<OrderConstraint> constraints)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var variable in constraints.SelectMany(c => new[] { c.Left.Variable, c.Right.Variable }).Where(v => v is not null).Distinct())
        {
            index[variable!] = index.Count + 1;
        }

        return index;
    }

    /// <summary>
    /// The difference constraints for the current piece choices: a chosen base's month terms have
    /// their exact offset; an unchosen one's are bounded by the least and greatest offset.
    /// </summary>
    private DifferenceBounds Build(IReadOnlyList<OrderConstraint> constraints, Dictionary<string, int> index, Dictionary<string, Choice> chosen)
    {
        var bounds = new DifferenceBounds(index.Count);
        foreach (var pair in index)
        {
            var (name, i) = (pair.Key, pair.Value);
            if (_isDate[name])
            {
                bounds.Bound(i, Calendar.MinDay, Calendar.MaxDay);
            }
            else
            {
                bounds.Bound(i, ClaimRules.MinInt, ClaimRules.MaxInt);
            }

            if (chosen.TryGetValue(name, out var choice))
            {
                bounds.Bound(i, choice.From, choice.To);
            }
        }

        foreach (var c in constraints)
        {
            // left.base + leftOffset <= right.base + rightOffset, so
            // left.base - right.base <= max(rightOffset) - min(leftOffset).
            var (leftLow, _) = Offset(c.Left, c.IsDate, chosen);
            var (_, rightHigh) = Offset(c.Right, c.IsDate, chosen);
            var leftNode = c.Left.Variable is null ? 0 : index[c.Left.Variable];
            var rightNode = c.Right.Variable is null ? 0 : index[c.Right.Variable];
            var leftConstant = c.Left.Variable is null ? c.Left.Constant : 0;
            var rightConstant = c.Right.Variable is null ? c.Right.Constant : 0;

            // x[left] - x[right] <= bound is the edge right -> left.
            bounds.Add(rightNode, leftNode, rightHigh + rightConstant - leftLow - leftConstant);
        }

        return bounds;
    }

    /// <summary>The least and greatest offset of a term from its base under the current choices.</summary>
    private static (long Low, long High) Offset(Term term, bool isDate, Dictionary<string, Choice> chosen)
    {
        if (!isDate || !term.HasMonths)
        {
            var sum = term.Steps.Sum(s => (long)s.Amount);
            return (sum, sum);
        }

        if (term.Variable is null)
        {
            var exact = Calendar.Apply(term, term.Constant, true) - term.Constant;
            return (exact, exact);
        }

        if (chosen.TryGetValue(term.Variable, out var choice))
        {
            var exact = Calendar.Apply(term, choice.Probe, true) - choice.Probe;
            return (exact, exact);
        }

        var range = Calendar.OffsetRange(term);
        return (range.Low, range.High);
    }

    /// <summary>Pieces of one base variable on which its month terms have the same offsets, in date order.</summary>
    private sealed record PieceClass(IReadOnlyList<Calendar.Piece> Pieces);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<PieceClass>> RefinedCache = new();

    /// <summary>The common refinement of the pieces of every month term on one base variable, grouped by offsets.</summary>
    private static IReadOnlyList<PieceClass> Refine(IReadOnlyList<OrderConstraint> constraints, string variable)
    {
        var terms = MonthTerms(constraints, variable);
        var key = string.Join("|", terms.Select(Calendar.Key).OrderBy(k => k, StringComparer.Ordinal));
        return RefinedCache.GetOrAdd(key, _ => Refine(terms)
            .GroupBy(p => string.Join(",", terms.Select(t => Calendar.Apply(t, p.From, true) - p.From)))
            .Select(g => new PieceClass(g.ToList()))
            .ToList());
    }

    private static List<Calendar.Piece> Refine(List<Term> terms)
    {
        var starts = new SortedSet<int> { Calendar.MinDay };
        foreach (var term in terms)
        {
            foreach (var piece in Calendar.Pieces(term))
            {
                starts.Add(piece.From);
            }
        }

        var list = starts.ToList();
        var result = new List<Calendar.Piece>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            var to = i + 1 < list.Count ? list[i + 1] - 1 : Calendar.MaxDay;
            result.Add(new Calendar.Piece(list[i], to, 0));
        }

        return result;
    }
}
