using System;
using System.Collections.Generic;

namespace Xinji.Policy.Runtime;

/// <summary>
/// The value semantics generated evaluators share with the reference interpreter: an unknown
/// value makes a comparison false, and earliest/latest ignore unknown dates.
/// </summary>
public static class PolicyValues
{
    /// <summary><c>a is b</c>: false when either is unknown.</summary>
    /// <remarks>Any struct, policy enums included (they are not <see cref="IEquatable{T}"/>).</remarks>
    public static bool Same<T>(T? left, T? right)
        where T : struct =>
        left.HasValue && right.HasValue && EqualityComparer<T>.Default.Equals(left.GetValueOrDefault(), right.GetValueOrDefault());

    public static DateOnly Earliest(DateOnly left, DateOnly right) => left <= right ? left : right;

    public static DateOnly Earliest(DateOnly left, DateOnly? right) => right is { } r && r < left ? r : left;

    public static DateOnly Earliest(DateOnly? left, DateOnly right) => Earliest(right, left);

    public static DateOnly? Earliest(DateOnly? left, DateOnly? right) =>
        left is { } l ? Earliest(l, right) : right;

    public static DateOnly Latest(DateOnly left, DateOnly right) => left >= right ? left : right;

    public static DateOnly Latest(DateOnly left, DateOnly? right) => right is { } r && r > left ? r : left;

    public static DateOnly Latest(DateOnly? left, DateOnly right) => Latest(right, left);

    public static DateOnly? Latest(DateOnly? left, DateOnly? right) =>
        left is { } l ? Latest(l, right) : right;
}
