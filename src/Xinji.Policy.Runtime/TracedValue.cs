using System;

namespace Xinji.Policy.Runtime;

/// <summary>The kinds of values a policy computes.</summary>
public enum TracedValueKind
{
    /// <summary>An optional value with nothing in it, such as a date no claim field establishes.</summary>
    Unknown,
    Bool,
    Int,
    Date,

    /// <summary>An enum member, held as its code in the claim contract (<c>waterDamage</c>).</summary>
    Enum,
}

/// <summary>
/// A value a generated evaluator reports to an <see cref="IDecisionTrace"/>: typed, so a tool can
/// compute with it, and printed the way a policy file writes it (<c>2024-06-01</c>, <c>true</c>,
/// <c>waterDamage</c>, <c>unknown</c>), the same text as the reference interpreter's values.
/// </summary>
public readonly struct TracedValue : IEquatable<TracedValue>
{
    private readonly int _number;
    private readonly DateOnly _date;
    private readonly string? _code;

    private TracedValue(TracedValueKind kind, int number, DateOnly date, string? code)
    {
        Kind = kind;
        _number = number;
        _date = date;
        _code = code;
    }

    public static TracedValue Unknown => default;

    public TracedValueKind Kind { get; }

    public bool IsKnown => Kind != TracedValueKind.Unknown;

    public bool AsBool => Kind == TracedValueKind.Bool ? _number != 0 : throw Wrong(TracedValueKind.Bool);

    public int AsInt => Kind == TracedValueKind.Int ? _number : throw Wrong(TracedValueKind.Int);

    public DateOnly AsDate => Kind == TracedValueKind.Date ? _date : throw Wrong(TracedValueKind.Date);

    /// <summary>The enum member's code in the claim contract.</summary>
    public string AsCode => Kind == TracedValueKind.Enum ? _code! : throw Wrong(TracedValueKind.Enum);

    // Nullable parameters only: a plain bool, int or DateOnly converts to exactly one of them,
    // so generated code calls Of(value) whatever the definition's optionality.
    public static TracedValue Of(bool? value) => value is { } b ? new(TracedValueKind.Bool, b ? 1 : 0, default, null) : Unknown;

    public static TracedValue Of(int? value) => value is { } i ? new(TracedValueKind.Int, i, default, null) : Unknown;

    public static TracedValue Of(DateOnly? value) => value is { } d ? new(TracedValueKind.Date, 0, d, null) : Unknown;

    /// <summary>An enum value by its code in the claim contract; null is unknown.</summary>
    public static TracedValue Code(string? code) => code is null ? Unknown : new(TracedValueKind.Enum, 0, default, code);

    public bool Equals(TracedValue other) =>
        Kind == other.Kind && _number == other._number && _date == other._date && string.Equals(_code, other._code, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is TracedValue other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Kind, _number, _date, _code);

    public static bool operator ==(TracedValue left, TracedValue right) => left.Equals(right);

    public static bool operator !=(TracedValue left, TracedValue right) => !left.Equals(right);

    public override string ToString() => Kind switch
    {
        TracedValueKind.Unknown => ValueText.Unknown,
        TracedValueKind.Bool => ValueText.Bool(_number != 0),
        TracedValueKind.Int => ValueText.Int(_number),
        TracedValueKind.Date => ValueText.Date(_date.ToDateTime(TimeOnly.MinValue)),
        _ => _code!,
    };

    private InvalidOperationException Wrong(TracedValueKind expected) => new($"Expected a {expected} value, found {Kind} {this}");
}
