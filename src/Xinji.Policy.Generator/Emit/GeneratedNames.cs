using System;
using System.Collections.Generic;
using System.Linq;
using Xinji.Policy.Dsl.Binding;

namespace Xinji.Policy.Generator.Emit;

/// <summary>
/// Every C# name the generated code uses, chosen in one place, so that none can collide with
/// another. Public names a policy gives (its types, enum members, outcomes, claim properties)
/// are checked by the binder (XP0113); here they are still made distinct, so the shell of a policy
/// with that error compiles too. Names of locals and private helpers are given out by a
/// <see cref="NameScope"/> that holds the generator's own names first. Types of other namespaces
/// are written short, through the usings inside the generated namespace, unless the policy
/// declares something of the same name; the policy's own types likewise, unless a member of a
/// generated type would hide them.
/// </summary>
internal sealed class GeneratedNames
{
    /// <summary>The types the generated code names from other namespaces; each template has usings for those it uses.</summary>
    private static readonly (string Namespace, string[] Names)[] External =
    {
        ("System", new[] { "ArgumentNullException", "ArgumentOutOfRangeException", "Array", "DateOnly", "ReadOnlySpan" }),
        ("System.Buffers", new[] { "ArrayBufferWriter" }),
        ("System.CodeDom.Compiler", new[] { "GeneratedCode" }),
        ("System.Collections.Generic", new[] { "IReadOnlyList", "List" }),
        ("System.Runtime.CompilerServices", new[] { "MethodImpl", "MethodImplOptions" }),
        ("System.Text", new[] { "Encoding" }),
        ("System.Text.Json", new[] { "JsonTokenType", "Utf8JsonReader", "Utf8JsonWriter" }),
        ("Xinji.Policy.Runtime", new[]
        {
            "BitSet", "ClaimErrors", "ClaimInputException", "ClaimJson", "ClauseInfo", "Coverage", "DecisionWriter", "EncodedDecisionText", "IDecisionTrace",
            "IPolicyDecision", "IPolicyEvaluator", "Outcome", "PolicyDefectException", "PolicyValues", "SmallBitSet", "TracedValue", "WarrantyPeriod",
        }),
    };

    /// <summary>Members every claim record has, written by the template or by the compiler for a record.</summary>
    public static readonly string[] ClaimMembers =
    {
        "FieldNames", "FromJson", "ReadJson", "WriteJson", "ToJson", "Code",
        "Clone", "Equals", "GetHashCode", "ToString", "GetType", "EqualityContract", "PrintMembers", "Deconstruct", "MemberwiseClone", "Finalize",
    };

    /// <summary>Members of the generated policy class.</summary>
    private static readonly string[] PolicyMembers =
    {
        "Instance", "ClauseTable", "RemedyTable", "RequirementTable", "NoteTable", "PolicyName", "Validate", "Evaluate", "Conflict", "Clause", "ClauseIndex", "ClauseIndexOf", "DecisionJson",
        "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize",
    };

    /// <summary>The locals and parameters of the policy's Validate and Evaluate methods.</summary>
    private static readonly string[] EvaluateLocals = { "claim", "coverage", "free", "paid", "cited", "remedies", "requirements", "notes", "trace", "applies", "warranty", "_" };

    /// <summary>The locals and parameters of the claim's methods.</summary>
    private static readonly string[] ClaimLocals = { "reader", "writer", "buffer", "utf8Json", "json", "value", "field", "errors", "_" };

    private readonly string _namespace;
    private readonly Dictionary<string, string> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _enumTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Enum, string Member), string> _enumMembers = new();
    private readonly Dictionary<string, string> _factProperties = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _readers = new(StringComparer.Ordinal);
    private readonly Dictionary<(Dsl.Syntax.OutcomeKind Kind, string Name), string> _outcomes = new();
    private readonly HashSet<string> _hiding = new(StringComparer.Ordinal);
    private readonly HashSet<string> _sameTypeProperties = new(StringComparer.Ordinal);

    public GeneratedNames(PolicyVocabulary vocabulary, string @namespace)
    {
        _namespace = @namespace;
        var policy = CSharp.Pascal(vocabulary.Name);
        ClaimType = CSharp.Identifier(policy + "Claim");
        DecisionType = CSharp.Identifier(policy + "Decision");
        PolicyType = CSharp.Identifier(policy + "Policy");

        // The namespace's types: the generated ones first, then each enum under a name no other type has.
        var types = new NameScope(new[] { policy + "Claim", policy + "Decision", policy + "Policy", "Remedy", "Requirement", "Note" });
        foreach (var symbol in vocabulary.Enums)
        {
            var members = new NameScope(Array.Empty<string>());
            _enumTypes[symbol.Name] = types.Take(CSharp.Pascal(symbol.Name));
            foreach (var member in symbol.Members.Distinct())
            {
                _enumMembers[(symbol.Name, member)] = members.Take(CSharp.Pascal(member));
            }
        }

        foreach (var (kind, outcomes) in new[] { (Dsl.Syntax.OutcomeKind.Remedy, vocabulary.Remedies), (Dsl.Syntax.OutcomeKind.Requirement, vocabulary.Requirements), (Dsl.Syntax.OutcomeKind.Note, vocabulary.Notes) })
        {
            var members = new NameScope(Array.Empty<string>());
            foreach (var outcome in outcomes)
            {
                _outcomes[(kind, outcome.Name)] = members.Take(CSharp.Pascal(outcome.Name));
            }
        }

        // The claim's members: its fixed ones, then a property per fact, then the private enum readers.
        var claimMembers = new NameScope(ClaimMembers.Append(policy + "Claim"));
        foreach (var fact in vocabulary.Facts)
        {
            _factProperties[fact.Name] = claimMembers.Take(CSharp.Pascal(fact.Name));
            if (fact.Type is { Kind: TypeKind.Enum, IsOptional: false }
                && _enumTypes.TryGetValue(fact.Type.EnumName!, out var enumType)
                && enumType == _factProperties[fact.Name])
            {
                // "Kind Kind": C# reads Kind.Phone as the type's member, so the property does not hide the type.
                _sameTypeProperties.Add(_factProperties[fact.Name]);
            }
        }

        foreach (var symbol in vocabulary.Enums)
        {
            var name = CSharp.Pascal(symbol.Name);
            _readers[symbol.Name] = claimMembers.Take("Read" + name);
            _readers["?" + symbol.Name] = claimMembers.Take("ReadOptional" + name);
        }

        // A type is hidden, inside a generated type, by a member of that name.
        _hiding.UnionWith(ClaimMembers);
        _hiding.UnionWith(PolicyMembers);
        _hiding.UnionWith(_factProperties.Values.Where(p => !_sameTypeProperties.Contains(p)));
        _hiding.UnionWith(_readers.Values);

        // What the policy declares in the namespace, or as a claim member, hides another namespace's type of that name.
        var declared = new HashSet<string>(_enumTypes.Values, StringComparer.Ordinal)
        {
            ClaimType, DecisionType, PolicyType, "Remedy", "Requirement", "Note",
        };
        declared.UnionWith(_factProperties.Values);
        declared.UnionWith(_readers.Values);
        foreach (var (ns, names) in External)
        {
            foreach (var name in names)
            {
                var clashes = declared.Contains(name) || (name is "GeneratedCode" or "MethodImpl" && declared.Contains(name + "Attribute"));
                _types[name] = clashes ? "global::" + ns + "." + name : name;
            }
        }

        var everyType = _enumTypes.Values.Concat(_types.Keys).Concat(new[] { ClaimType, DecisionType, PolicyType, "Remedy", "Requirement", "Note" }).ToArray();
        EvaluateScope = new NameScope(EvaluateLocals.Concat(PolicyMembers).Concat(everyType));
        ClaimScope = new NameScope(ClaimLocals.Concat(ClaimMembers).Concat(_factProperties.Values).Concat(_readers.Values).Concat(everyType));
    }

    public string ClaimType { get; }

    public string DecisionType { get; }

    public string PolicyType { get; }

    /// <summary>The locals of the policy's Evaluate methods: definitions and clause variables.</summary>
    public NameScope EvaluateScope { get; }

    /// <summary>The locals of the claim's JSON methods: a value and a seen flag per fact.</summary>
    public NameScope ClaimScope { get; }

    /// <summary>Every type of another namespace the templates name, as they write it.</summary>
    public IEnumerable<(string Name, string Code)> ExternalTypes => _types.Select(t => (t.Key, t.Value));

    /// <summary>A type of another namespace, as the generated code writes it.</summary>
    public string Type(string name) => _types[name];

    /// <summary>The C# name of a policy enum's type, as declared.</summary>
    public string EnumName(string enumName) => _enumTypes[enumName];

    /// <summary>A policy enum (or the built-in coverage) as the generated code refers to it.</summary>
    public string EnumType(string enumName) =>
        enumName == BuiltIns.CoverageEnum ? Type("Coverage") : OwnType(_enumTypes[enumName]);

    /// <summary>One of the generated namespace's own types, as code inside any generated type refers to it.</summary>
    public string OwnType(string name) => _hiding.Contains(name) ? "global::" + _namespace + "." + name : name;

    public string EnumMember(string enumName, string member) =>
        enumName == BuiltIns.CoverageEnum ? CSharp.Pascal(member) : _enumMembers[(enumName, member)];

    public string Outcome(Dsl.Syntax.OutcomeKind kind, string name) => _outcomes[(kind, name)];

    public string FactProperty(string fact) => _factProperties[fact];

    /// <summary>The claim's private method that reads a value of the enum, or an optional one.</summary>
    public string EnumReader(string enumName, bool optional) => _readers[(optional ? "?" : string.Empty) + enumName];
}
