using System;
using System.Collections.Generic;
using System.Linq;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Evaluation;

namespace Xinji.Policy.Dsl.Analysis;

/// <summary>Turns solver models into claims, and claims into the claim contract's JSON.</summary>
public static class Witnesses
{
    private static readonly int PreferredDate = PolicyValue.DayNumber(new DateTime(2025, 1, 1));

    /// <summary>
    /// A complete claim from a model. Atoms the model leaves open do not change the answer, so
    /// they take the fact's default (or the plainest value): the witness stays short.
    /// </summary>
    public static IReadOnlyDictionary<string, PolicyValue> FromModel(BoundPolicy policy, Model model)
    {
        var facts = new Dictionary<string, PolicyValue>(StringComparer.Ordinal);
        foreach (var fact in policy.Facts)
        {
            var mentioned = model.Atoms.Keys.Any(a => Mentions(a, fact.Name)) || model.Numbers.ContainsKey(fact.Name);
            var known = model.Atoms.TryGetValue(new KnownAtom(fact.Name), out var isKnown) ? isKnown : mentioned;
            if (fact.Type.IsOptional && !known)
            {
                facts[fact.Name] = PolicyValue.Unknown;
                continue;
            }

            facts[fact.Name] = fact.Type.Kind switch
            {
                TypeKind.Bool => model.Atoms.TryGetValue(new BoolAtom(fact.Name), out var b)
                    ? PolicyValue.Bool(b)
                    : fact.Default is not null ? PolicyInterpreter.Literal(fact.Default) : PolicyValue.Bool(false),
                TypeKind.Enum => PolicyValue.Enum(EnumMember(policy, fact, model)),
                TypeKind.Date => PolicyValue.Date(model.Numbers.TryGetValue(fact.Name, out var d) ? d : PreferredDate),
                _ => model.Numbers.TryGetValue(fact.Name, out var i)
                    ? PolicyValue.Int(i)
                    : fact.Default is not null ? PolicyInterpreter.Literal(fact.Default) : PolicyValue.Int(0),
            };
        }

        return facts;
    }

    private static string EnumMember(BoundPolicy policy, FactSymbol fact, Model model)
    {
        var members = policy.Enums.First(e => e.Name == fact.Type.EnumName).Members;
        var chosen = members.FirstOrDefault(m => model.Atoms.TryGetValue(new EnumAtom(fact.Name, m), out var v) && v);
        if (chosen is not null)
        {
            return chosen;
        }

        bool Excluded(string m) => model.Atoms.TryGetValue(new EnumAtom(fact.Name, m), out var v) && !v;
        var preferred = (fact.Default as EnumLiteral)?.Member;
        return preferred is not null && !Excluded(preferred) ? preferred : members.First(m => !Excluded(m));
    }

    private static bool Mentions(Atom atom, string fact) => atom switch
    {
        BoolAtom b => b.Fact == fact,
        EnumAtom e => e.Fact == fact,
        KnownAtom k => k.Fact == fact,
        LessOrEqualAtom o => o.Left.Variable == fact || o.Right.Variable == fact,
        _ => false,
    };

    /// <summary>
    /// The claim as JSON in the claim contract. Short form leaves out facts at their default and
    /// unknown optional facts; full form has every fact, unknown ones as null.
    /// </summary>
    public static string ToJson(BoundPolicy policy, IReadOnlyDictionary<string, PolicyValue> claim, bool full)
    {
        var parts = new List<string>();
        foreach (var fact in policy.Facts)
        {
            var value = claim.TryGetValue(fact.Name, out var v) ? v : PolicyValue.Unknown;
            var isDefault = fact.Default is not null && PolicyInterpreter.Literal(fact.Default).Equals(value);
            if (!full && (!value.IsKnown || isDefault))
            {
                continue;
            }

            parts.Add("\"" + fact.Name + "\":" + Json(value));
        }

        return "{" + string.Join(",", parts) + "}";
    }

    private static string Json(PolicyValue value) => value.Kind switch
    {
        ValueKind.Unknown => "null",
        ValueKind.Bool or ValueKind.Int => value.ToString(),
        _ => "\"" + value.ToString().Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"",
    };
}
