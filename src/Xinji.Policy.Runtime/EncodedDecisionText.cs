using System;
using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Xinji.Policy.Runtime;

/// <summary>
/// A policy's fixed decision texts (each clause's JSON object, each outcome's code) encoded as
/// UTF-8 JSON once, so that writing a decision copies bytes rather than escaping the clause texts
/// anew for every claim. The output is what <see cref="DecisionWriter.WriteJson"/> writes.
/// </summary>
public sealed class EncodedDecisionText
{
    private static readonly JsonEncodedText CoverageName = JsonEncodedText.Encode("coverage");
    private static readonly JsonEncodedText RemediesName = JsonEncodedText.Encode("remedies");
    private static readonly JsonEncodedText WarrantyName = JsonEncodedText.Encode("warranty");
    private static readonly JsonEncodedText StartName = JsonEncodedText.Encode("start");
    private static readonly JsonEncodedText EndName = JsonEncodedText.Encode("end");
    private static readonly JsonEncodedText ActiveName = JsonEncodedText.Encode("active");
    private static readonly JsonEncodedText ClausesName = JsonEncodedText.Encode("clauses");
    private static readonly JsonEncodedText RequirementsName = JsonEncodedText.Encode("requirements");
    private static readonly JsonEncodedText NotesName = JsonEncodedText.Encode("notes");
    private static readonly JsonEncodedText Free = JsonEncodedText.Encode(CoverageCodes.Free);
    private static readonly JsonEncodedText Paid = JsonEncodedText.Encode(CoverageCodes.Paid);

    private readonly byte[][] _clauses;
    private readonly JsonEncodedText[] _remedies;
    private readonly JsonEncodedText[] _requirements;
    private readonly JsonEncodedText[] _notes;

    public EncodedDecisionText(ClauseInfo[] clauses, Outcome[] remedies, Outcome[] requirements, Outcome[] notes)
    {
        ArgumentNullException.ThrowIfNull(clauses);
        ArgumentNullException.ThrowIfNull(remedies);
        ArgumentNullException.ThrowIfNull(requirements);
        ArgumentNullException.ThrowIfNull(notes);
        _clauses = Array.ConvertAll(clauses, Encode);
        _remedies = Array.ConvertAll(remedies, o => JsonEncodedText.Encode(o.Code, JavaScriptEncoder.UnsafeRelaxedJsonEscaping));
        _requirements = Array.ConvertAll(requirements, o => JsonEncodedText.Encode(o.Code, JavaScriptEncoder.UnsafeRelaxedJsonEscaping));
        _notes = Array.ConvertAll(notes, o => JsonEncodedText.Encode(o.Code, JavaScriptEncoder.UnsafeRelaxedJsonEscaping));
    }

    /// <summary>Writes a decision given as its coverage, its period and the sets of indexes into the tables this was made from.</summary>
    public void WriteJson(Utf8JsonWriter writer, Coverage coverage, WarrantyPeriod warranty, in BitSet clauses, in BitSet remedies, in BitSet requirements, in BitSet notes)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString(CoverageName, coverage == Coverage.Free ? Free : Paid);
        WriteCodes(writer, RemediesName, _remedies, remedies);
        writer.WriteStartObject(WarrantyName);
        WriteDate(writer, StartName, warranty.Start);
        WriteDate(writer, EndName, warranty.End);
        writer.WriteBoolean(ActiveName, warranty.Active);
        writer.WriteEndObject();
        writer.WriteStartArray(ClausesName);
        for (var i = 0; i < _clauses.Length; i++)
        {
            if (clauses.Contains(i))
            {
                writer.WriteRawValue(_clauses[i], skipInputValidation: true);
            }
        }

        writer.WriteEndArray();
        WriteCodes(writer, RequirementsName, _requirements, requirements);
        WriteCodes(writer, NotesName, _notes, notes);
        writer.WriteEndObject();
    }

    /// <summary>The decision as one line of JSON; the buffer and writer are kept per thread, so only the string is allocated.</summary>
    public string ToJson(Coverage coverage, WarrantyPeriod warranty, in BitSet clauses, in BitSet remedies, in BitSet requirements, in BitSet notes)
    {
        var scratch = t_scratch ??= new Scratch();
        scratch.Buffer.ResetWrittenCount();
        scratch.Writer.Reset(scratch.Buffer);
        WriteJson(scratch.Writer, coverage, warranty, clauses, remedies, requirements, notes);
        scratch.Writer.Flush();
        return Encoding.UTF8.GetString(scratch.Buffer.WrittenSpan);
    }

    [ThreadStatic]
    private static Scratch? t_scratch;

    private sealed class Scratch
    {
        public Scratch() => Writer = new Utf8JsonWriter(Buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        public ArrayBufferWriter<byte> Buffer { get; } = new(1024);

        public Utf8JsonWriter Writer { get; }
    }

    private static void WriteCodes(Utf8JsonWriter writer, JsonEncodedText name, JsonEncodedText[] codes, in BitSet members)
    {
        writer.WriteStartArray(name);
        for (var i = 0; i < codes.Length; i++)
        {
            if (members.Contains(i))
            {
                writer.WriteStringValue(codes[i]);
            }
        }

        writer.WriteEndArray();
    }

    private static void WriteDate(Utf8JsonWriter writer, JsonEncodedText name, DateOnly? date)
    {
        if (date is { } d)
        {
            Span<byte> text = stackalloc byte[10];
            d.TryFormat(text, out _, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            writer.WriteString(name, text);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    /// <summary>A clause's JSON object, escaped as <see cref="DecisionWriter.ToJson"/> escapes it.</summary>
    private static byte[] Encode(ClauseInfo clause)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("id", clause.Id);
            writer.WriteString("section", clause.Section);
            writer.WriteString("text", clause.Text);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
