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
    private readonly record struct Choice(int From, int To, int Probe)
    {
        /// <summary>The class the base's pieces are taken from, and which of its pieces (by index) remain.</summary>
        public PieceClass? Class { get; init; }

        public int First { get; init; }

        public int Last { get; init; }
    }

    private static Choice Range(PieceClass group, int first, int last) =>
        new(group.Pieces[first].From, group.Pieces[last].To, group.Pieces[first].From) { Class = group, First = first, Last = last };

    private const int NodeBudget = 200_000;

    /// <summary>No piece chosen for any base: each month step between its least and greatest offset.</summary>
    private static readonly Dictionary<string, Choice> NoChoices = new(StringComparer.Ordinal);
    private static readonly long PreferredDate = PolicyValue.DayNumber(new DateTime(2025, 1, 1));

    private readonly IReadOnlyDictionary<string, bool> _isDate;
    private readonly AnalysisClock _clock;
    private int _nodes;

    /// <param name="isDate">Every numeric fact: true for a date, false for an int.</param>
    public TheorySolver(IReadOnlyDictionary<string, bool> isDate, AnalysisClock clock)
    {
        _isDate = isDate;
        _clock = clock;
    }

    /// <summary>Whether a variable is a date; one that is no fact is the encoder's own, the earliest or latest of dates.</summary>
    private bool IsDate(string variable) => !_isDate.TryGetValue(variable, out var isDate) || isDate;

    /// <summary>
    /// The closed relaxation of the constraints (each month step's offset between its least and
    /// greatest value), which admits every exact solution; null when even it has none.
    /// </summary>
    public RelaxedBounds? Relaxed(IReadOnlyList<OrderConstraint> constraints)
    {
        var index = Index(constraints);
        var bounds = Build(constraints, index, new Dictionary<string, Choice>());
        return bounds.Close() ? new RelaxedBounds(bounds, index) : null;
    }

    /// <summary>What the relaxed bounds say about an order atom not yet assigned.</summary>
    internal sealed class RelaxedBounds
    {
        private readonly DifferenceBounds _bounds;
        private readonly Dictionary<string, int> _index;

        public RelaxedBounds(DifferenceBounds bounds, Dictionary<string, int> index)
        {
            _bounds = bounds;
            _index = index;
        }

        /// <summary>
        /// True when every solution of the relaxation makes the atom hold, false when none does,
        /// null otherwise. Sound for the exact constraints, since the relaxation admits all of them.
        /// </summary>
        public bool? Implied(LessOrEqualAtom atom)
        {
            if (!Node(atom.Left, out var left) || !Node(atom.Right, out var right))
            {
                return null;
            }

            var (leftLow, leftHigh) = Offset(atom.Left, atom.IsDate, NoChoices);
            var (rightLow, rightHigh) = Offset(atom.Right, atom.IsDate, NoChoices);
            var leftConstant = atom.Left.Variable is null ? atom.Left.Constant : 0;
            var rightConstant = atom.Right.Variable is null ? atom.Right.Constant : 0;

            // left <= right always when max(x[left] - x[right]) + the largest offsets' gap <= 0.
            if (_bounds.MaxDifference(right, left) is { } most && most + leftHigh + leftConstant - rightLow - rightConstant <= 0)
            {
                return true;
            }

            // never when min(x[left] - x[right]) + the smallest gap > 0.
            if (_bounds.MaxDifference(left, right) is { } least && -least + leftLow + leftConstant - rightHigh - rightConstant > 0)
            {
                return false;
            }

            return null;
        }

        private bool Node(Term term, out int node)
        {
            node = 0;
            return term.Variable is null || _index.TryGetValue(term.Variable, out node);
        }
    }

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

    /// <summary>
    /// Two phases. First a class of pieces for every base (where its month steps have the same
    /// offsets), each base held to the hull of that class's pieces: the offsets are then exact, so
    /// most contradictions show here, whatever the number of pieces. Then, with every class chosen,
    /// the bases' pieces are narrowed: each base's pieces are clipped to the bounds the others
    /// allow, a solution of the hulls that falls inside pieces is taken as it is (it is exact), and
    /// otherwise one base's pieces are split in two, the half nearer the preferred date first. A
    /// region the constraints exclude goes at once however many pieces it holds.
    /// </summary>
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

        _clock.Tick();
        var bounds = Build(constraints, index, chosen);
        if (!bounds.Close())
        {
            return null;
        }

        var next = monthBases.FirstOrDefault(v => !chosen.ContainsKey(v));
        if (next is not null)
        {
            var low = bounds.Low(index[next]);
            var high = bounds.High(index[next]);
            var ranges = new List<(PieceClass Class, int First, int Last, long Distance)>();
            foreach (var group in pieces[next])
            {
                var (first, last) = group.InRange(low, high);
                if (first <= last)
                {
                    ranges.Add((group, first, last, Distance(group.Pieces[group.Nearest(first, last)])));
                }
            }

            foreach (var (group, first, last, _) in ranges.OrderBy(r => r.Distance))
            {
                chosen[next] = Range(group, first, last);
                var found = Search(constraints, index, monthBases, pieces, chosen);
                if (found is not null)
                {
                    return found;
                }
            }

            chosen.Remove(next);
            return null;
        }

        // Every base has a class: clip each to the bounds the others allow.
        var saved = new Dictionary<string, Choice>(chosen, StringComparer.Ordinal);
        var clipped = false;
        foreach (var variable in monthBases)
        {
            var choice = chosen[variable];
            var (first, last) = choice.Class!.InRange(Math.Max(bounds.Low(index[variable]), choice.From), Math.Min(bounds.High(index[variable]), choice.To));
            if (first > last)
            {
                return null;
            }

            if (first != choice.First || last != choice.Last)
            {
                chosen[variable] = Range(choice.Class, first, last);
                clipped = true;
            }
        }

        try
        {
            if (clipped)
            {
                return Search(constraints, index, monthBases, pieces, chosen);
            }

            if (Exact(constraints, index, bounds) is { } values)
            {
                return values;
            }

            var wide = monthBases.FirstOrDefault(v => chosen[v].First < chosen[v].Last);
            if (wide is null)
            {
                // One piece each, and the hulls are the pieces: the solution is exact.
                return Values(constraints, index, bounds);
            }

            var split = chosen[wide];
            var middle = split.First + ((split.Last - split.First) / 2);
            var halves = new[] { (split.First, middle), (middle + 1, split.Last) };
            if (split.Class!.Nearest(split.First, split.Last) > middle)
            {
                Array.Reverse(halves);
            }

            foreach (var (a, b) in halves)
            {
                chosen[wide] = Range(split.Class, a, b);
                var found = Search(constraints, index, monthBases, pieces, chosen);
                if (found is not null)
                {
                    return found;
                }
            }

            return null;
        }
        finally
        {
            foreach (var pair in saved)
            {
                chosen[pair.Key] = pair.Value;
            }
        }
    }

    /// <summary>
    /// The hulls' preferred solution when it meets every constraint with the real calendar (as it
    /// does when each base lands inside a piece of its class); null when a base falls in a gap.
    /// </summary>
    private Dictionary<string, int>? Exact(IReadOnlyList<OrderConstraint> constraints, Dictionary<string, int> index, DifferenceBounds bounds)
    {
        var byIndex = index.ToDictionary(p => p.Value, p => p.Key);
        var solution = bounds.Solve(v => IsDate(byIndex[v]) ? PreferredDate : 0);
        if (solution is null)
        {
            return null;
        }

        var values = index.ToDictionary(p => p.Key, p => checked((int)solution[p.Value]), StringComparer.Ordinal);
        return constraints.All(c => Value(c.Left, values, c.IsDate) <= Value(c.Right, values, c.IsDate)) ? values : null;
    }

    private static long Distance(Calendar.Piece piece) =>
        piece.From <= PreferredDate && PreferredDate <= piece.To ? 0 : Math.Min(Math.Abs(piece.From - PreferredDate), Math.Abs(piece.To - PreferredDate));

    private static List<Term> MonthTerms(IReadOnlyList<OrderConstraint> constraints, string variable) =>
        constraints.SelectMany(c => new[] { c.Left, c.Right }).Where(t => t.Variable == variable && t.HasMonths).Distinct().ToList();

    private Dictionary<string, int>? Values(IReadOnlyList<OrderConstraint> constraints, Dictionary<string, int> index, DifferenceBounds bounds)
    {
        var byIndex = index.ToDictionary(p => p.Value, p => p.Key);
        var solution = bounds.Solve(v => IsDate(byIndex[v]) ? PreferredDate : 0);
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
            if (IsDate(name))
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
    private sealed class PieceClass
    {
        public PieceClass(IEnumerable<Calendar.Piece> pieces) => Pieces = pieces.OrderBy(p => p.From).ToArray();

        /// <summary>The pieces in date order; they are disjoint, so their ends are in order too.</summary>
        public Calendar.Piece[] Pieces { get; }

        /// <summary>The indexes of the first and last piece meeting <c>[low, high]</c>; first &gt; last when none does.</summary>
        public (int First, int Last) InRange(long low, long high)
        {
            // The first piece ending at or after low, and the last one starting at or before high.
            int lo = 0, hi = Pieces.Length;
            while (lo < hi)
            {
                var mid = lo + ((hi - lo) / 2);
                if (Pieces[mid].To < low)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            var first = lo;
            lo = -1;
            hi = Pieces.Length - 1;
            while (lo < hi)
            {
                var mid = hi - ((hi - lo) / 2);
                if (Pieces[mid].From > high)
                {
                    hi = mid - 1;
                }
                else
                {
                    lo = mid;
                }
            }

            return (first, lo);
        }

        /// <summary>The index, between first and last, of the piece nearest the preferred date.</summary>
        public int Nearest(int first, int last)
        {
            int lo = first, hi = last;
            while (lo < hi)
            {
                var mid = lo + ((hi - lo) / 2);
                if (Pieces[mid].To < PreferredDate)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            return lo > first && Distance(Pieces[lo - 1]) <= Distance(Pieces[lo]) ? lo - 1 : lo;
        }
    }

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
