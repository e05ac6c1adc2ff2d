namespace Xinji.Policy.Dsl.Binding;

public enum TypeKind
{
    Bool,
    Int,
    Date,
    Enum,
}

/// <summary>A value's type: a base kind (with the enum's name) and whether it may be missing.</summary>
public sealed record PolicyType(TypeKind Kind, string? EnumName, bool IsOptional)
{
    public static readonly PolicyType Bool = new(TypeKind.Bool, null, false);
    public static readonly PolicyType Int = new(TypeKind.Int, null, false);
    public static readonly PolicyType Date = new(TypeKind.Date, null, false);

    public static PolicyType Enum(string name) => new(TypeKind.Enum, name, false);

    public PolicyType AsOptional() => this with { IsOptional = true };

    public PolicyType AsRequired() => this with { IsOptional = false };

    public bool SameBase(PolicyType other) => Kind == other.Kind && EnumName == other.EnumName;

    public string BaseName => Kind switch
    {
        TypeKind.Bool => "bool",
        TypeKind.Int => "int",
        TypeKind.Date => "date",
        _ => EnumName ?? "enum",
    };

    public override string ToString() => IsOptional ? "optional " + BaseName : BaseName;
}
