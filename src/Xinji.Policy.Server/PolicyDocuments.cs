using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Driver;
using Xinji.Policy.Runtime;

namespace Xinji.Policy.Server;

/// <summary>What the service says about the policy it serves: its contents (<c>GET /v1/policy</c>) and its claim's JSON Schema.</summary>
internal static class PolicyDocuments
{
    public static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The policy's name, hash, sections, clauses, facts, remedies, requirements and notes, as one JSON object's members.</summary>
    public static void WriteDescription(Utf8JsonWriter writer, BoundPolicy policy, PolicyIdentity identity)
    {
        writer.WriteString("name", identity.Name);
        writer.WriteString("hash", identity.Hash);
        writer.WriteString("document", policy.Document);
        writer.WriteStartArray("sections");
        foreach (var section in policy.Clauses.Select(c => c.Section).Distinct(StringComparer.Ordinal))
        {
            writer.WriteStringValue(section);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("clauses");
        foreach (var clause in policy.Clauses)
        {
            writer.WriteStartObject();
            writer.WriteString("id", clause.Id);
            writer.WriteString("section", clause.Section);
            writer.WriteString("text", string.Join(" ", clause.Quotes));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("facts");
        foreach (var fact in policy.Facts)
        {
            writer.WriteStartObject();
            writer.WriteString("name", fact.Name);
            writer.WriteString("type", fact.Type.BaseName);
            writer.WriteBoolean("optional", fact.Type.IsOptional);
            writer.WriteBoolean("required", fact.IsRequired);
            writer.WritePropertyName("default");
            WriteValue(writer, fact.Default);
            writer.WriteString("description", fact.Description);
            if (Members(policy, fact.Type) is { } members)
            {
                writer.WriteStartArray("values");
                foreach (var member in members)
                {
                    writer.WriteStringValue(member);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteOutcomes(writer, "remedies", policy.Remedies);
        WriteOutcomes(writer, "requirements", policy.Requirements);
        WriteOutcomes(writer, "notes", policy.Notes);
    }

    /// <summary>
    /// A JSON Schema (2020-12) of the claim, from the facts: each fact's JSON type, enum values, date
    /// shape and range, which are required, and no other field. What the policy's <c>reject</c> rules
    /// refuse (one field against another) is beyond a schema; <c>$comment</c> lists them.
    /// </summary>
    public static byte[] ClaimSchema(BoundPolicy policy)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Compact))
        {
            writer.WriteStartObject();
            writer.WriteString("$schema", "https://json-schema.org/draft/2020-12/schema");
            writer.WriteString("title", policy.Name + " claim");
            writer.WriteString("description", "A claim for the " + policy.Name + " policy (" + policy.Document + "), as POST /v1/decisions reads it.");
            if (policy.Rejections.Count > 0)
            {
                writer.WriteString("$comment", "Also refused, beyond this schema: " + string.Join("; ", policy.Rejections.Select(r => r.Field + ": " + r.Reason)));
            }

            writer.WriteString("type", "object");
            writer.WriteStartObject("properties");
            foreach (var fact in policy.Facts)
            {
                writer.WriteStartObject(fact.Name);
                writer.WriteString("description", fact.Description);
                WriteFactType(writer, policy, fact);
                if (fact.Default is not null)
                {
                    writer.WritePropertyName("default");
                    WriteValue(writer, fact.Default);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteStartArray("required");
            foreach (var fact in policy.Facts.Where(f => f.IsRequired))
            {
                writer.WriteStringValue(fact.Name);
            }

            writer.WriteEndArray();
            writer.WriteBoolean("additionalProperties", false);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteFactType(Utf8JsonWriter writer, BoundPolicy policy, FactSymbol fact)
    {
        var optional = fact.Type.IsOptional;
        var jsonType = fact.Type.Kind switch
        {
            TypeKind.Bool => "boolean",
            TypeKind.Int => "integer",
            _ => "string",
        };
        if (optional)
        {
            writer.WriteStartArray("type");
            writer.WriteStringValue(jsonType);
            writer.WriteStringValue("null");
            writer.WriteEndArray();
        }
        else
        {
            writer.WriteString("type", jsonType);
        }

        switch (fact.Type.Kind)
        {
            case TypeKind.Int:
                writer.WriteNumber("minimum", ClaimJson.MinInt);
                writer.WriteNumber("maximum", ClaimJson.MaxInt);
                break;
            case TypeKind.Date:
                writer.WriteString("format", "date");
                writer.WriteString("pattern", DatePattern());
                break;
            case TypeKind.Enum when Members(policy, fact.Type) is { } members:
                writer.WriteStartArray("enum");
                foreach (var member in members)
                {
                    writer.WriteStringValue(member);
                }

                if (optional)
                {
                    writer.WriteNullValue();
                }

                writer.WriteEndArray();
                break;
        }
    }

    /// <summary><c>YYYY-MM-DD</c> within the years a claim's dates may hold; <c>format: date</c> checks the calendar.</summary>
    private static string DatePattern()
    {
        var first = ClaimJson.MinDate.Year / 100;
        var last = ClaimJson.MaxDate.Year / 100;
        var centuries = string.Join("|", Enumerable.Range(first, last - first + 1).Select(c => c.ToString("D2", CultureInfo.InvariantCulture)));
        return "^(" + centuries + ")[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";
    }

    private static EnumSymbol? EnumOf(BoundPolicy policy, PolicyType type) =>
        type.Kind == TypeKind.Enum ? policy.Enums.FirstOrDefault(e => string.Equals(e.Name, type.EnumName, StringComparison.Ordinal)) : null;

    private static string[]? Members(BoundPolicy policy, PolicyType type) => EnumOf(policy, type) is { } symbol ? symbol.Members.ToArray() : null;

    private static void WriteOutcomes(Utf8JsonWriter writer, string name, IEnumerable<OutcomeSymbol> outcomes)
    {
        writer.WriteStartArray(name);
        foreach (var outcome in outcomes)
        {
            writer.WriteStartObject();
            writer.WriteString("name", outcome.Name);
            writer.WriteString("description", outcome.Description);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>A default as the claim would write it: a boolean, a number, a date string or an enum member; null for none.</summary>
    private static void WriteValue(Utf8JsonWriter writer, BoundLiteral? value)
    {
        switch (value)
        {
            case BoolLiteral b:
                writer.WriteBooleanValue(b.Value);
                break;
            case IntLiteral i:
                writer.WriteNumberValue(i.Value);
                break;
            case DateValueLiteral d:
                writer.WriteStringValue(new DateOnly(d.Year, d.Month, d.Day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case EnumLiteral e:
                writer.WriteStringValue(e.Member);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
