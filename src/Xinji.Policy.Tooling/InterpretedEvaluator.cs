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
            throw new Runtime.ClaimInputException(invalid.Field, invalid.Problem);
        }
        catch (Dsl.Evaluation.PolicyDefectException defect)
        {
            throw new Runtime.PolicyDefectException(defect.Message, defect.ClauseIds);
        }
    }

    /// <summary>Reads a claim strictly against the policy's facts.</summary>
    public IReadOnlyDictionary<string, PolicyValue> ReadClaim(ReadOnlySpan<byte> claimJson) =>
        ClaimJson.Read(claimJson, ReadClaim);

    private IReadOnlyDictionary<string, PolicyValue> ReadClaim(ref Utf8JsonReader reader)
    {
        ClaimJson.ReadStartObject(ref reader);
        var values = new Dictionary<string, PolicyValue>(StringComparer.Ordinal);
        while (ClaimJson.NextProperty(ref reader))
        {
            var name = reader.GetString() ?? string.Empty;
            if (!_facts.TryGetValue(name, out var fact))
            {
                throw ClaimJson.UnknownField(ref reader, _fieldNames);
            }

            var seen = values.ContainsKey(name);
            ClaimJson.EnterValue(ref reader, ref seen, name);
            if (reader.TokenType == JsonTokenType.Null && !fact.Type.IsOptional)
            {
                throw ClaimJson.NullNotAllowed(name);
            }

            values[name] = reader.TokenType == JsonTokenType.Null ? PolicyValue.Unknown : ReadValue(ref reader, fact);
        }

        foreach (var fact in _facts.Values.Where(f => f.IsRequired && !values.ContainsKey(f.Name)))
        {
            throw ClaimJson.Missing(fact.Name);
        }

        return values;
    }

    private PolicyValue ReadValue(ref Utf8JsonReader reader, FactSymbol fact)
    {
        switch (fact.Type.Kind)
        {
            case TypeKind.Bool:
                return PolicyValue.Bool(ClaimJson.ReadBool(ref reader, fact.Name));
            case TypeKind.Int:
                return PolicyValue.Int(ClaimJson.ReadInt(ref reader, fact.Name));
            case TypeKind.Date:
                var date = ClaimJson.ReadDate(ref reader, fact.Name);
                return PolicyValue.Date(date.Year, date.Month, date.Day);
            default:
                var symbol = _enums[fact.Type.EnumName!];
                var values = string.Join(", ", symbol.Members);
                ClaimJson.ExpectEnumString(ref reader, fact.Name, values);
                var text = reader.GetString();
                if (text is null || symbol.IndexOf(text) < 0)
                {
                    throw ClaimJson.UnknownEnumValue(ref reader, fact.Name, values);
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
