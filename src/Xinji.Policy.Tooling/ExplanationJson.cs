using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Evaluation;
using Xinji.Policy.Runtime;

namespace Xinji.Policy.Tooling;

/// <summary>
/// An explanation for tools, on one line: the decision in the decision contract, then the same
/// answer, facts, derived values and clauses as the text. Values keep their JSON types: booleans,
/// numbers, dates and enum members as strings, and null for unknown.
/// </summary>
public static class ExplanationJson
{
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string ToJson(Explanation explanation)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Compact))
        {
            Write(writer, explanation);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void Write(Utf8JsonWriter writer, Explanation explanation)
    {
        writer.WriteStartObject();
        writer.WriteString("policy", explanation.PolicyName);
        writer.WritePropertyName("decision");
        DecisionWriter.WriteJson(writer, explanation.Decision);

        var why = explanation.Why;
        writer.WriteStartObject("why");
        writer.WriteString("question", why.Question);
        writer.WriteString("coverage", ExplanationText.Code(why.Coverage));
        if (why.NotEstablished is { } notEstablished)
        {
            writer.WriteStartObject("warrantyNotEstablished");
            writer.WriteString("start", notEstablished.Start);
            writer.WriteStartArray("unknownFacts");
            foreach (var fact in notEstablished.UnknownFacts)
            {
                writer.WriteStringValue(fact);
            }

            writer.WriteEndArray();
            writer.WriteString("text", ExplanationText.NotEstablishedText(notEstablished));
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("warrantyNotEstablished");
        }

        WriteReasons(writer, "decidedBy", why.DecidedBy);
        WriteReasons(writer, "otherWayNot", why.OtherWayNot);
        writer.WriteEndObject();

        WriteWhatIfs(writer, explanation.WhatIfs);

        writer.WriteStartArray("facts");
        foreach (var fact in explanation.Facts)
        {
            writer.WriteStartObject();
            writer.WriteString("name", fact.Name);
            WriteValue(writer, "value", fact.Value);
            writer.WriteString("source", fact.Source switch
            {
                FactSource.Given => "given",
                FactSource.Default => "default",
                _ => "notGiven",
            });
            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        writer.WriteStartArray("definitions");
        foreach (var definition in explanation.Definitions)
        {
            writer.WriteStartObject();
            writer.WriteString("name", definition.Name);
            writer.WriteString("description", definition.Description);
            WriteValue(writer, "value", definition.Value);
            WriteLocation(writer, definition.Location);
            writer.WritePropertyName("expression");
            WriteTree(writer, definition.Expression);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        writer.WriteStartArray("clauses");
        foreach (var clause in explanation.Clauses)
        {
            var bound = clause.Clause;
            writer.WriteStartObject();
            writer.WriteString("id", bound.Id);
            writer.WriteString("section", bound.Section);
            writer.WriteString("text", string.Join(" ", bound.Quotes));
            WriteLocation(writer, bound.Location);
            writer.WriteBoolean("applies", clause.Applies);
            writer.WriteBoolean("inForce", clause.InForce);
            WriteStrings(writer, "overriddenBy", clause.OverriddenBy);
            WriteStrings(writer, "exceptionTo", bound.ExceptionTo);
            if (bound.Decides is { } decides)
            {
                writer.WriteString("decides", ExplanationText.Code(decides));
            }
            else
            {
                writer.WriteNull("decides");
            }

            WriteStrings(writer, "remedies", bound.Remedies);
            WriteStrings(writer, "requirements", bound.Requirements);
            WriteStrings(writer, "notes", bound.Notes);
            writer.WritePropertyName("condition");
            WriteTree(writer, clause.Condition);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>What would change the decision: each what-if's sentence, changed facts, coverage, remedies and clauses.</summary>
    private static void WriteWhatIfs(Utf8JsonWriter writer, IReadOnlyList<WhatIf> whatIfs)
    {
        writer.WriteStartArray("whatIfs");
        foreach (var whatIf in whatIfs)
        {
            writer.WriteStartObject();
            writer.WriteString("text", ExplanationText.WhatIfText(whatIf));
            writer.WriteString("coverage", ExplanationText.Code(whatIf.Coverage));
            writer.WriteStartArray("changes");
            foreach (var change in whatIf.Changes)
            {
                writer.WriteStartObject();
                writer.WriteString("fact", change.Name);
                writer.WriteString("description", change.Fact.Description);
                writer.WriteString("text", ExplanationText.Condition(change));
                WriteValue(writer, "from", change.From);
                WriteValue(writer, "to", change.To);
                if (change.IsRange)
                {
                    writer.WriteStartObject("range");
                    WriteValue(writer, "from", change.RangeFrom);
                    WriteValue(writer, "through", change.RangeThrough);
                    writer.WriteEndObject();
                }
                else
                {
                    writer.WriteNull("range");
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            WriteStrings(writer, "remedies", whatIf.Remedies.Select(r => r.Name));
            WriteStrings(writer, "requirements", whatIf.Requirements.Select(r => r.Name));
            WriteStrings(writer, "decidedBy", whatIf.DecidedBy.Select(c => c.Id));
            WriteStrings(writer, "noLongerDecidedBy", whatIf.NoLongerDecidedBy.Select(c => c.Id));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteReasons(Utf8JsonWriter writer, string name, IReadOnlyList<ClauseReason> reasons)
    {
        writer.WriteStartArray(name);
        foreach (var reason in reasons)
        {
            WriteReason(writer, reason);
        }

        writer.WriteEndArray();
    }

    private static void WriteReason(Utf8JsonWriter writer, ClauseReason reason)
    {
        writer.WriteStartObject();
        writer.WriteString("id", reason.Id);
        writer.WriteString("section", reason.Clause.Section);
        writer.WriteString("text", string.Join(" ", reason.Clause.Quotes));
        writer.WriteString("condition", reason.Condition);
        writer.WriteBoolean("applies", reason.Applies);
        WriteReads(writer, "because", reason.Because);
        WriteReasons(writer, "overriddenBy", reason.OverriddenBy);
        writer.WriteEndObject();
    }

    private static void WriteReads(Utf8JsonWriter writer, string name, IReadOnlyList<ValueRead> reads)
    {
        writer.WriteStartArray(name);
        foreach (var read in reads)
        {
            writer.WriteStartObject();
            writer.WriteString("name", read.Name);
            writer.WriteString("kind", read.Kind switch
            {
                ReadKind.Fact => "fact",
                ReadKind.Definition => "definition",
                _ => "coverage",
            });
            WriteValue(writer, "value", read.Value);
            if (read.DerivedFrom.Count > 0)
            {
                WriteReads(writer, "derivedFrom", read.DerivedFrom);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteTree(Utf8JsonWriter writer, ExpressionValue node)
    {
        writer.WriteStartObject();
        writer.WriteString("text", node.Text);
        WriteValue(writer, "value", node.Value);
        writer.WriteStartObject("span");
        writer.WriteNumber("line", node.Location.Span.Line);
        writer.WriteNumber("column", node.Location.Span.Column);
        writer.WriteNumber("endLine", node.Location.Span.EndLine);
        writer.WriteNumber("endColumn", node.Location.Span.EndColumn);
        writer.WriteEndObject();
        if (node.Parts.Count > 0)
        {
            writer.WriteStartArray("parts");
            foreach (var part in node.Parts)
            {
                WriteTree(writer, part);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteLocation(Utf8JsonWriter writer, SourceLocation location)
    {
        writer.WriteString("file", location.FilePath);
        writer.WriteNumber("line", location.Span.Line);
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static void WriteValue(Utf8JsonWriter writer, string name, PolicyValue value)
    {
        switch (value.Kind)
        {
            case ValueKind.Unknown:
                writer.WriteNull(name);
                break;
            case ValueKind.Bool:
                writer.WriteBoolean(name, value.AsBool);
                break;
            case ValueKind.Int:
                writer.WriteNumber(name, value.AsInt);
                break;
            default:
                writer.WriteString(name, value.ToString());
                break;
        }
    }
}
