using System;
using System.IO;
using System.Text;
using System.Text.Json;

namespace Xinji.Policy.DecisionLog;

/// <summary>
/// A logged decision as JSON, the one shape every tool prints it in (<c>decisions show</c>, one
/// line of <c>decisions export</c>, the service's <c>GET /v1/decisions/{id}</c>):
/// <c>{"decisionId", "decidedAt", "policy": {"name", "hash"}, "client", "claim", "decision"}</c>,
/// camelCase, with the claim and the decision embedded as JSON values on the same line (or as a
/// string, should a claim as received not be JSON).
/// </summary>
public static class DecisionRecordJson
{
    public static void Write(Utf8JsonWriter writer, DecisionRecord record)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(record);
        writer.WriteStartObject();
        writer.WriteString("decisionId", record.Id);
        writer.WriteString("decidedAt", record.DecidedAt);
        writer.WriteStartObject("policy");
        writer.WriteString("name", record.PolicyName);
        writer.WriteString("hash", record.PolicyHash);
        writer.WriteEndObject();
        if (record.Client is null)
        {
            writer.WriteNull("client");
        }
        else
        {
            writer.WriteString("client", record.Client);
        }

        WriteEmbedded(writer, "claim", record.ClaimJson);
        WriteEmbedded(writer, "decision", record.DecisionJson);
        writer.WriteEndObject();
    }

    /// <summary>The record as one line of JSON, without the line break.</summary>
    public static string ToJsonLine(DecisionRecord record)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, record);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteEmbedded(Utf8JsonWriter writer, string name, string json)
    {
        writer.WritePropertyName(name);
        JsonDocument? document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            document = null;
        }

        if (document is null)
        {
            writer.WriteStringValue(json);
            return;
        }

        // Re-written rather than copied raw, so a claim received indented still makes one line.
        using (document)
        {
            document.RootElement.WriteTo(writer);
        }
    }
}
