using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Xinji.Policy.Runtime;

/// <summary>
/// A set of indexes below 64, in one <see cref="ulong"/>: what a generated evaluator holds its
/// clauses or outcomes of a kind in when the policy has at most 64 of them. Unlike
/// <see cref="BitSet"/> it holds no reference, so the JIT keeps it in a register and a decision of
/// such sets is a few plain words, copied and returned as cheaply as hand-written masks.
/// </summary>
public struct SmallBitSet : IEquatable<SmallBitSet>
{
    /// <summary>The most members a set can hold: indexes 0 to 63.</summary>
    public const int Capacity = 64;

    private ulong _bits;

    public readonly int Count => BitOperations.PopCount(_bits);

    // Add and Contains inline: a generated evaluator calls them with constant indexes, so each
    // call becomes one bit operation and the range check folds away.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int index)
    {
        if ((uint)index >= Capacity)
        {
            ThrowOutOfRange(index);
        }

        _bits |= 1UL << index;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool Contains(int index) => (uint)index < Capacity && (_bits & (1UL << index)) != 0;

    /// <summary>The entries of <paramref name="table"/> whose indexes are in the set, in index order.</summary>
    public readonly T[] Select<T>(T[] table) => ((BitSet)this).Select(table);

    /// <summary>The same members as a <see cref="BitSet"/>, for code that takes sets of any size; allocates nothing.</summary>
    public static implicit operator BitSet(SmallBitSet set) => BitSet.FromLowBits(set._bits);

    /// <summary>The same members as a <see cref="BitSet"/>; allocates nothing.</summary>
    public readonly BitSet ToBitSet() => BitSet.FromLowBits(_bits);

    public readonly bool Equals(SmallBitSet other) => _bits == other._bits;

    public override readonly bool Equals(object? obj) => obj is SmallBitSet other && Equals(other);

    public override readonly int GetHashCode() => _bits.GetHashCode();

    public static bool operator ==(SmallBitSet left, SmallBitSet right) => left.Equals(right);

    public static bool operator !=(SmallBitSet left, SmallBitSet right) => !left.Equals(right);

    private static void ThrowOutOfRange(int index) =>
        throw new ArgumentOutOfRangeException(nameof(index), index, "A small bit set holds indexes 0 to 63.");
}
