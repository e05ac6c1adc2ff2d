using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Evaluation;
using Xinji.Policy.Runtime;

namespace Xinji.Policy.Tooling;

/// <summary>
/// Any bound policy as an <see cref="IPolicyEvaluator"/>: strict JSON claims (the same checks and
/// messages as generated claim readers) decided by the reference interpreter.
/// </summary>
public sealed class InterpretedEvaluator : IPolicyEvaluator
{
    private readonly Dictionary<string, FactSymbol> _facts;
    private readonly Dictionary<string, EnumSymbol> _enums;
    private readonly string _fieldNames;

    public InterpretedEvaluator(BoundPolicy policy)
    {
        Interpreter = new PolicyInterpreter(policy);
        _facts = policy.Facts.ToDictionary(f => f.Name, StringComparer.Ordinal);
        _enums = policy.Enums.ToDictionary(e => e.Name, StringComparer.Ordinal);
        _fieldNames = string.Join(", ", policy.Facts.Select(f => f.Name));
    }

    public PolicyInterpreter Interpreter { get; }

    public string PolicyName => Interpreter.Policy.Name;

    public IPolicyDecision Evaluate(ReadOnlySpan<byte> claimJson) => Decide(ReadClaim(claimJson));

    /// <summary>Decides facts already read. The interpreter throws the DSL's build of the runtime's
    /// exceptions (one source, in src/Shared), so each maps to its twin field for field.</summary>
    public InterpretedDecisionView Decide(IReadOnlyDictionary<string, PolicyValue> facts, IEvaluationTrace? trace = null)
    {
        try
        {
            return new InterpretedDecisionView(Interpreter.Evaluate(facts, trace), Interpreter.Policy.Warranty.NotEstablished);
        }
        catch (Dsl.Evaluation.ClaimInputException invalid)
        {
            throw new Runtime.ClaimInputException(invalid.Errors.Select(e => new Runtime.ClaimFieldError(e.Field, e.Problem)));
        }
        catch (Dsl.Evaluation.PolicyDefectException defect)
        {
            throw new Runtime.PolicyDefectException(defect.Message, defect.ClauseIds);
        }
    }

    /// <summary>Reads a claim strictly against the policy's facts.</summary>
    public IReadOnlyDictionary<string, PolicyValue> ReadClaim(ReadOnlySpan<byte> claimJson) =>
        ClaimJson.Read(claimJson, ReadClaim);

    /// <summary>Reads as a generated claim reader does: past every bad value, with the same errors in the same order.</summary>
    private IReadOnlyDictionary<string, PolicyValue> ReadClaim(ref Utf8JsonReader reader)
    {
        ClaimJson.ReadStartObject(ref reader);
        var errors = default(ClaimErrors);
        var values = new Dictionary<string, PolicyValue>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (ClaimJson.NextProperty(ref reader))
        {
            var name = reader.GetString() ?? string.Empty;
            if (!_facts.TryGetValue(name, out var fact))
            {
                ClaimJson.SkipUnknownField(ref reader, _fieldNames, ref errors);
                continue;
            }

            var given = seen.Contains(name);
            if (ClaimJson.EnterValue(ref reader, ref given, name, ref errors))
            {
                seen.Add(name);
                if (ReadValue(ref reader, fact, ref errors) is { } value)
                {
                    values[name] = value;
                }
            }
        }

        foreach (var fact in Interpreter.Policy.Facts.Where(f => f.IsRequired && !seen.Contains(f.Name)))
        {
            errors.Missing(fact.Name);
        }

        errors.ThrowIfAny();
        return values;
    }

    /// <summary>The fact's value, <see cref="PolicyValue.Unknown"/> for an optional one given as null; null when it is in error.</summary>
    private PolicyValue? ReadValue(ref Utf8JsonReader reader, FactSymbol fact, ref ClaimErrors errors)
    {
        var optional = fact.Type.IsOptional;
        if (optional && reader.TokenType == JsonTokenType.Null)
        {
            return PolicyValue.Unknown;
        }

        switch (fact.Type.Kind)
        {
            case TypeKind.Bool:
                return ClaimJson.ReadBool(ref reader, fact.Name, ref errors) is { } flag ? PolicyValue.Bool(flag) : null;
            case TypeKind.Int:
                return ClaimJson.ReadInt(ref reader, fact.Name, ref errors) is { } number ? PolicyValue.Int(number) : null;
            case TypeKind.Date:
                return ClaimJson.ReadDate(ref reader, fact.Name, ref errors) is { } date ? PolicyValue.Date(date.Year, date.Month, date.Day) : null;
            default:
                var symbol = _enums[fact.Type.EnumName!];
                var members = string.Join(", ", symbol.Members);
                if (!ClaimJson.ExpectEnumString(ref reader, fact.Name, members, ref errors))
                {
                    return null;
                }

                var text = reader.GetString();
                if (text is null || symbol.IndexOf(text) < 0)
                {
                    ClaimJson.UnknownEnumValue(ref reader, fact.Name, members, ref errors);
                    return null;
                }

                return PolicyValue.Enum(text);
        }
    }
}

/// <summary>An interpreted decision in the runtime's shape, so it prints exactly like a generated one.</summary>
public sealed class InterpretedDecisionView : IPolicyDecision
{
    /// <param name="decision">The interpreter's decision.</param>
    /// <param name="warrantyNotEstablished">The policy's warranty description, as a generated decision carries it.</param>
    public InterpretedDecisionView(InterpretedDecision decision, string? warrantyNotEstablished)
    {
        Decision = decision;
        WarrantyNotEstablished = warrantyNotEstablished;
        Coverage = decision.Coverage == CoverageDecision.Free ? Coverage.Free : Coverage.Paid;
        Warranty = new WarrantyPeriod(ToDate(decision.WarrantyStart), ToDate(decision.WarrantyEnd), decision.WarrantyActive);
        Clauses = decision.Clauses.Select(c => new ClauseInfo(c.Id, c.Section, string.Join(" ", c.Quotes))).ToList();
        RemedyOutcomes = decision.Remedies.Select(ToOutcome).ToList();
        RequirementOutcomes = decision.Requirements.Select(ToOutcome).ToList();
        NoteOutcomes = decision.Notes.Select(ToOutcome).ToList();
    }

    public InterpretedDecision Decision { get; }

    public Coverage Coverage { get; }

    public WarrantyPeriod Warranty { get; }

    public string? WarrantyNotEstablished { get; }

    public IReadOnlyList<ClauseInfo> Clauses { get; }

    public IReadOnlyList<Outcome> RemedyOutcomes { get; }

    public IReadOnlyList<Outcome> RequirementOutcomes { get; }

    public IReadOnlyList<Outcome> NoteOutcomes { get; }

    private static DateOnly? ToDate(PolicyValue value) => value.IsKnown ? DateOnly.FromDateTime(value.AsDate) : null;

    private static Outcome ToOutcome(OutcomeSymbol symbol) => new(symbol.Name, symbol.Description);
}
