using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Xinji.Policy.Runtime;

/// <summary>Writes any decision in the decision contract, as JSON or as a short verdict for people.</summary>
public static class DecisionWriter
{
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void WriteJson(Utf8JsonWriter writer, IPolicyDecision decision)
    {
        writer.WriteStartObject();
        writer.WriteString("coverage", CoverageCode(decision.Coverage));
        WriteCodes(writer, "remedies", decision.RemedyOutcomes);
        writer.WriteStartObject("warranty");
        ClaimJson.WriteDate(writer, "start", decision.Warranty.Start);
        ClaimJson.WriteDate(writer, "end", decision.Warranty.End);
        writer.WriteBoolean("active", decision.Warranty.Active);
        writer.WriteEndObject();
        writer.WriteStartArray("clauses");
        foreach (var clause in decision.Clauses)
        {
            writer.WriteStartObject();
            writer.WriteString("id", clause.Id);
            writer.WriteString("section", clause.Section);
            writer.WriteString("text", clause.Text);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteCodes(writer, "requirements", decision.RequirementOutcomes);
        WriteCodes(writer, "notes", decision.NoteOutcomes);
        writer.WriteEndObject();
    }

    /// <summary>The decision as one line of JSON.</summary>
    public static string ToJson(IPolicyDecision decision)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Compact))
        {
            WriteJson(writer, decision);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The coverage as the decision contract spells it, the same word as in the policy language.</summary>
    public static string CoverageCode(Coverage coverage) => coverage == Coverage.Free ? CoverageCodes.Free : CoverageCodes.Paid;

    private static void WriteCodes(Utf8JsonWriter writer, string name, IReadOnlyList<Outcome> outcomes)
    {
        writer.WriteStartArray(name);
        foreach (var outcome in outcomes)
        {
            writer.WriteStringValue(outcome.Code);
        }

        writer.WriteEndArray();
    }

    /// <summary>A short verdict: coverage, remedies, period, requirements, notes, then the cited clauses with their sentences.</summary>
    /// <remarks>
    /// Every word about a particular policy comes from the decision (its outcomes, its clauses, and
    /// its warranty declaration's description): what a paid claim is offered is its remedies.
    /// </remarks>
    public static void WriteText(TextWriter output, IPolicyDecision decision)
    {
        output.WriteLine(decision.Coverage == Coverage.Free
            ? "Coverage:     FREE (covered by the warranty)"
            : "Coverage:     PAID (not covered by the warranty)");
        output.WriteLine("Remedies:     " + List(decision.RemedyOutcomes));
        output.WriteLine("Warranty:     " + Period(decision.Warranty, decision.WarrantyNotEstablished));
        WriteOutcomes(output, "Requirements", decision.RequirementOutcomes);
        WriteOutcomes(output, "Notes", decision.NoteOutcomes);
        output.WriteLine("Clauses:");
        foreach (var clause in decision.Clauses)
        {
            output.WriteLine($"  {clause.Id} ({clause.Section})");
            output.WriteLine($"    \"{clause.Text}\"");
        }
    }

    private static string List(IReadOnlyList<Outcome> outcomes)
    {
        if (outcomes.Count == 0)
        {
            return "none";
        }

        var parts = new string[outcomes.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = outcomes[i].Code;
        }

        return string.Join(", ", parts);
    }

    private static void WriteOutcomes(TextWriter output, string title, IReadOnlyList<Outcome> outcomes)
    {
        if (outcomes.Count == 0)
        {
            output.WriteLine((title + ":").PadRight(14) + "none");
            return;
        }

        output.WriteLine(title + ":");
        foreach (var outcome in outcomes)
        {
            output.WriteLine($"  - {outcome.Description} ({outcome.Code})");
        }
    }

    private static string Period(WarrantyPeriod period, string? notEstablished)
    {
        if (period.Start is not { } start)
        {
            return notEstablished is null ? "not established, not active" : $"not established ({notEstablished}), not active";
        }

        var end = period.End is { } e ? ValueText.Date(e.ToDateTime(TimeOnly.MinValue)) : "?";
        return $"{ValueText.Date(start.ToDateTime(TimeOnly.MinValue))} to {end}, {(period.Active ? "active" : "not active")} on the claim date";
    }
}
