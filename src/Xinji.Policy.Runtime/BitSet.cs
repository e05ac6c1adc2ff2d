using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Xinji.Policy.Runtime;

/// <summary>
/// A set of small indexes (clauses, outcomes) that costs no allocation up to 64 members, so
/// <c>Evaluate</c> allocates nothing but its decision for a policy of that size.
/// </summary>
public struct BitSet : IEquatable<BitSet>
{
    private ulong _low;
    private ulong[]? _high;

    /// <summary>A set of the indexes below 64 whose bits are set in <paramref name="bits"/>.</summary>
    internal static BitSet FromLowBits(ulong bits) => new() { _low = bits };

    public readonly int Count
    {
        get
        {
            var count = BitOperations.PopCount(_low);
            if (_high is not null)
            {
                foreach (var word in _high)
                {
                    count += BitOperations.PopCount(word);
                }
            }

            return count;
        }
    }

    // Add and Contains inline: a generated evaluator calls them with constant indexes, so each
    // call below 64 becomes one bit operation.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int index)
    {
        if ((uint)index < 64)
        {
            _low |= 1UL << index;
        }
        else
        {
            AddHigh(index);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool Contains(int index) =>
        (uint)index < 64 ? (_low & (1UL << index)) != 0 : ContainsHigh(index);

    private void AddHigh(int index)
    {
        var word = (index / 64) - 1;
        if (_high is null || _high.Length <= word)
        {
            Array.Resize(ref _high, word + 1);
        }

        _high[word] |= 1UL << (index % 64);
    }

    private readonly bool ContainsHigh(int index)
    {
        var word = (index / 64) - 1;
        return index >= 0 && _high is not null && word < _high.Length && (_high[word] & (1UL << (index % 64))) != 0;
    }

    /// <summary>The entries of <paramref name="table"/> whose indexes are in the set, in index order.</summary>
    public readonly T[] Select<T>(T[] table)
    {
        var count = Count;
        if (count == 0)
        {
            return Array.Empty<T>();
        }

        var result = new T[count];
        var next = 0;
        for (var i = 0; i < table.Length && next < count; i++)
        {
            if (Contains(i))
            {
                result[next++] = table[i];
            }
        }

        return result;
    }

    public readonly bool Equals(BitSet other)
    {
        if (_low != other._low)
        {
            return false;
        }

        var length = Math.Max(_high?.Length ?? 0, other._high?.Length ?? 0);
        for (var i = 0; i < length; i++)
        {
            var mine = _high is not null && i < _high.Length ? _high[i] : 0;
            var theirs = other._high is not null && i < other._high.Length ? other._high[i] : 0;
            if (mine != theirs)
            {
                return false;
            }
        }

        return true;
    }

    public override readonly bool Equals(object? obj) => obj is BitSet other && Equals(other);

    public override readonly int GetHashCode() => _low.GetHashCode();

    public static bool operator ==(BitSet left, BitSet right) => left.Equals(right);

    public static bool operator !=(BitSet left, BitSet right) => !left.Equals(right);
}
