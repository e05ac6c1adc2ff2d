using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Xinji.Policy.Runtime;

/// <summary>What every policy decision says, whatever the policy: the shape the JSON and text writers print.</summary>
public interface IPolicyDecision
{
    Coverage Coverage { get; }

    WarrantyPeriod Warranty { get; }

    /// <summary>
    /// What the policy's warranty declaration says a period that no date establishes means (such
    /// as "no start date"), shown after "not established"; null when the declaration says nothing.
    /// </summary>
    string? WarrantyNotEstablished { get; }

    /// <summary>Every clause that applied and was not overridden, in the policy's order.</summary>
    IReadOnlyList<ClauseInfo> Clauses { get; }

    IReadOnlyList<Outcome> RemedyOutcomes { get; }

    IReadOnlyList<Outcome> RequirementOutcomes { get; }

    IReadOnlyList<Outcome> NoteOutcomes { get; }

    /// <summary>
    /// Writes the decision in the decision contract, as <see cref="DecisionWriter.WriteJson"/> does. A
    /// generated decision implements it with its texts encoded once per policy, so a tool that has only
    /// the interface writes as fast as code that knows the decision's type.
    /// </summary>
    void WriteJson(Utf8JsonWriter writer) => DecisionWriter.WriteJson(writer, this);
}

/// <summary>Evaluates claims given as JSON, so tools can run any compiled policy the same way.</summary>
public interface IPolicyEvaluator
{
    /// <summary>The policy's name from its header.</summary>
    string PolicyName { get; }

    /// <summary>Reads a claim (strictly) and decides it.</summary>
    /// <exception cref="ClaimInputException">The claim is not valid input.</exception>
    /// <exception cref="PolicyDefectException">The policy decides this claim both ways, or not at all.</exception>
    IPolicyDecision Evaluate(ReadOnlySpan<byte> claimJson);
}
