using System;

namespace Xinji.Policy.Dsl.Analysis;

/// <summary>
/// A difference-bound matrix over integer variables (node 0 is the constant zero): the
/// tightest known <c>x[j] - x[i] &lt;= bound[i, j]</c>. A system of difference constraints is
/// satisfiable over the integers iff its closure has no negative cycle, and any value within a
/// closed variable's bounds extends to a full solution, which is how witnesses are picked.
/// </summary>
internal sealed class DifferenceBounds
{
    private const long Infinity = long.MaxValue / 4;

    private readonly long[,] _bound;

    public DifferenceBounds(int variables)
    {
        Size = variables + 1;
        _bound = new long[Size, Size];
        for (var i = 0; i < Size; i++)
        {
            for (var j = 0; j < Size; j++)
            {
                _bound[i, j] = i == j ? 0 : Infinity;
            }
        }
    }

    private DifferenceBounds(long[,] bound, int size)
    {
        Size = size;
        _bound = (long[,])bound.Clone();
    }

    public int Size { get; }

    public DifferenceBounds Copy() => new(_bound, Size);

    /// <summary>Adds <c>x[to] - x[from] &lt;= bound</c>; variables are numbered from 1, 0 is zero.</summary>
    public void Add(int from, int to, long bound)
    {
        if (bound < _bound[from, to])
        {
            _bound[from, to] = bound;
        }
    }

    /// <summary><c>low &lt;= x[v] &lt;= high</c>.</summary>
    public void Bound(int variable, long low, long high)
    {
        Add(0, variable, high);
        Add(variable, 0, -low);
    }

    /// <summary>Closes the matrix (Floyd–Warshall); false when the constraints contradict each other.</summary>
    public bool Close()
    {
        for (var k = 0; k < Size; k++)
        {
            for (var i = 0; i < Size; i++)
            {
                var ik = _bound[i, k];
                if (ik >= Infinity)
                {
                    continue;
                }

                for (var j = 0; j < Size; j++)
                {
                    var kj = _bound[k, j];
                    if (kj < Infinity && ik + kj < _bound[i, j])
                    {
                        _bound[i, j] = ik + kj;
                    }
                }
            }
        }

        for (var i = 0; i < Size; i++)
        {
            if (_bound[i, i] < 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The greatest <c>x[to] - x[from]</c> a closed system allows; null when it is unbounded.</summary>
    public long? MaxDifference(int from, int to) => _bound[from, to] >= Infinity ? null : _bound[from, to];

    /// <summary>The least value a closed system allows for a variable.</summary>
    public long Low(int variable) => _bound[variable, 0] >= Infinity ? long.MinValue : -_bound[variable, 0];

    /// <summary>The greatest value a closed system allows for a variable.</summary>
    public long High(int variable) => _bound[0, variable] >= Infinity ? long.MaxValue : _bound[0, variable];

    /// <summary>Fixes every variable, each as close to its preferred value as the others allow.</summary>
    public long[]? Solve(Func<int, long> preferred)
    {
        var work = Copy();
        if (!work.Close())
        {
            return null;
        }

        var values = new long[Size];
        for (var v = 1; v < Size; v++)
        {
            var value = Math.Min(Math.Max(preferred(v), work.Low(v)), work.High(v));
            work.Bound(v, value, value);
            if (!work.Close())
            {
                throw new InvalidOperationException("A closed difference-bound system did not extend to a solution.");
            }

            values[v] = value;
        }

        return values;
    }
}
