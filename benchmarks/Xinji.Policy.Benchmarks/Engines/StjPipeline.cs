using System;
using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Xinji.Policy.Runtime;
using Xinji.Warranty;

namespace Xinji.Policy.Benchmarks;

/// <summary>An enum as its camelCase code, the claim contract's spelling.</summary>
public sealed class CamelCaseCodes<T> : JsonStringEnumConverter<T>
    where T : struct, Enum
{
    public CamelCaseCodes()
        : base(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    {
    }
}

/// <summary>System.Text.Json's source-generated reader for the claim record.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    Converters = new[] { typeof(CamelCaseCodes<Product>), typeof(CamelCaseCodes<Part>), typeof(CamelCaseCodes<Cause>), typeof(CamelCaseCodes<StickerState>) })]
[JsonSerializable(typeof(WarrantyClaim))]
internal sealed partial class StjClaimContext : JsonSerializerContext
{
}

/// <summary>
/// The JSON path as a developer would write it without the generator: System.Text.Json's
/// source-generated reader, the hand-written policy, and the decision written with Utf8JsonWriter.
/// </summary>
internal static class StjPipeline
{
    private static readonly ClauseInfo[] Clauses = WarrantyPolicy.ClauseTable;

    public static WarrantyClaim Read(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, StjClaimContext.Default.WarrantyClaim) ?? throw new JsonException("null claim");

    public static void Write(Utf8JsonWriter writer, in HandDecision d)
    {
        writer.WriteStartObject();
        writer.WriteString("coverage", d.Coverage == Coverage.Free ? "free" : "paid");
        Codes(writer, "remedies", d.Remedies, HandWritten.RemedyCodes);
        writer.WriteStartObject("warranty");
        Date(writer, "start", d.Start);
        Date(writer, "end", d.End);
        writer.WriteBoolean("active", d.Active);
        writer.WriteEndObject();
        writer.WriteStartArray("clauses");
        for (var i = 0; i < Clauses.Length; i++)
        {
            if ((d.Clauses & (1UL << i)) != 0)
            {
                writer.WriteStartObject();
                writer.WriteString("id", Clauses[i].Id);
                writer.WriteString("section", Clauses[i].Section);
                writer.WriteString("text", Clauses[i].Text);
                writer.WriteEndObject();
            }
        }

        writer.WriteEndArray();
        Codes(writer, "requirements", d.Requirements, HandWritten.RequirementCodes);
        Codes(writer, "notes", d.Notes, HandWritten.NoteCodes);
        writer.WriteEndObject();
    }

    private static void Codes(Utf8JsonWriter writer, string name, uint mask, string[] codes)
    {
        writer.WriteStartArray(name);
        for (var i = 0; i < codes.Length; i++)
        {
            if ((mask & (1U << i)) != 0)
            {
                writer.WriteStringValue(codes[i]);
            }
        }

        writer.WriteEndArray();
    }

    private static void Date(Utf8JsonWriter writer, string name, DateOnly? date)
    {
        if (date is { } d)
        {
            Span<byte> text = stackalloc byte[10];
            d.TryFormat(text, out _, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            writer.WriteString(name, text);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}

/// <summary>A reused buffer and writer, as a server or batch job keeps them.</summary>
internal sealed class ReusedWriter
{
    public ReusedWriter() => Writer = new Utf8JsonWriter(Buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public ArrayBufferWriter<byte> Buffer { get; } = new(64 * 1024);

    public Utf8JsonWriter Writer { get; }

    public Utf8JsonWriter Start()
    {
        Buffer.ResetWrittenCount();
        Writer.Reset(Buffer);
        return Writer;
    }

    public ReadOnlySpan<byte> Finish()
    {
        Writer.Flush();
        return Buffer.WrittenSpan;
    }
}
