using System;

namespace Xinji.Policy.Dsl.Evaluation;

public enum ValueKind
{
    Unknown,
    Bool,
    Int,
    Date,
    Enum,
}

/// <summary>
/// A value of the policy language: a bool, an int, a date (as a day number), an enum member,
/// or unknown (an optional fact not given). Dates use the calendar of .NET's DateTime, so
/// month arithmetic matches the generated code's DateOnly.AddMonths.
/// </summary>
public readonly struct PolicyValue : IEquatable<PolicyValue>
{
    public static PolicyValue Unknown => default;

    private readonly int _number;
    private readonly string? _member;

    private PolicyValue(ValueKind kind, int number, string? member)
    {
        Kind = kind;
        _number = number;
        _member = member;
    }

    public ValueKind Kind { get; }

    public bool IsKnown => Kind != ValueKind.Unknown;

    public static PolicyValue Bool(bool value) => new(ValueKind.Bool, value ? 1 : 0, null);

    public static PolicyValue Int(int value) => new(ValueKind.Int, value, null);

    public static PolicyValue Date(int dayNumber) => new(ValueKind.Date, dayNumber, null);

    public static PolicyValue Date(DateTime date) => Date(DayNumber(date));

    public static PolicyValue Date(int year, int month, int day) => Date(new DateTime(year, month, day));

    public static PolicyValue Enum(string member) => new(ValueKind.Enum, 0, member);

    public bool AsBool => Kind == ValueKind.Bool ? _number != 0 : throw Wrong(ValueKind.Bool);

    public int AsInt => Kind == ValueKind.Int ? _number : throw Wrong(ValueKind.Int);

    /// <summary>Days since 0001-01-01.</summary>
    public int AsDayNumber => Kind == ValueKind.Date ? _number : throw Wrong(ValueKind.Date);

    public DateTime AsDate => new DateTime(1, 1, 1).AddDays(AsDayNumber);

    public string AsEnum => Kind == ValueKind.Enum ? _member! : throw Wrong(ValueKind.Enum);

    public static int DayNumber(DateTime date) => (int)(date.Date - new DateTime(1, 1, 1)).TotalDays;

    private InvalidOperationException Wrong(ValueKind expected) => new($"Expected a {expected} value, found {this}");

    public bool Equals(PolicyValue other) => Kind == other.Kind && _number == other._number && _member == other._member;

    public override bool Equals(object? obj) => obj is PolicyValue other && Equals(other);

    public override int GetHashCode() => ((int)Kind * 397) ^ _number ^ (_member?.GetHashCode() ?? 0);

    public static bool operator ==(PolicyValue left, PolicyValue right) => left.Equals(right);

    public static bool operator !=(PolicyValue left, PolicyValue right) => !left.Equals(right);

    /// <summary>The value as a policy file writes it, the same text as the runtime's traced values.</summary>
    public override string ToString() => Kind switch
    {
        ValueKind.Unknown => ValueText.Unknown,
        ValueKind.Bool => ValueText.Bool(_number != 0),
        ValueKind.Int => ValueText.Int(_number),
        ValueKind.Date => ValueText.Date(AsDate),
        _ => _member!,
    };
}
