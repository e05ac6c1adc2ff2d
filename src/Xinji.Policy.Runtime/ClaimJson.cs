using System;
using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Xinji.Policy.Runtime;

/// <summary>
/// Strict reading of claim fields with <see cref="Utf8JsonReader"/>: every failure is a
/// <see cref="ClaimInputException"/> that names the field. Generated claim readers call these.
/// </summary>
public static class ClaimJson
{
    /// <summary>Runs a generated reader over a whole document and checks nothing follows the claim.</summary>
    public static T Read<T>(ReadOnlySpan<byte> utf8, ClaimReader<T> read)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            if (!reader.Read())
            {
                throw new ClaimInputException("(claim)", "the input is empty; expected a JSON object");
            }

            var claim = read(ref reader);

            // Reading past the claim makes the reader throw on any further content.
            reader.Read();
            return claim;
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var column = (e.BytePositionInLine ?? 0) + 1;
            var hint = SyntaxHint(utf8, e.LineNumber ?? 0, e.BytePositionInLine ?? 0);
            throw new ClaimInputException("(claim)", $"not valid JSON at line {line}, byte {column}" + (hint is null ? string.Empty : ": " + hint));
        }
        catch (InvalidOperationException) when (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
        {
            // JSON syntax allows "\ud800" alone, but it is half a character: GetString cannot make text of it.
            throw new ClaimInputException("(claim)", $"the string at byte {reader.TokenStartIndex + 1} escapes half of a character (a \\u surrogate without its pair)");
        }
    }

    public delegate T ClaimReader<out T>(ref Utf8JsonReader reader);

    /// <summary>
    /// What a person most likely meant where the JSON stops being JSON, as the example files' parser
    /// says it: a date left without quotes, or a comma after the last field. Null when it is neither.
    /// </summary>
    private static string? SyntaxHint(ReadOnlySpan<byte> utf8, long line, long byteInLine)
    {
        var offset = 0;
        for (var l = 0L; l < line && offset < utf8.Length; offset++)
        {
            if (utf8[offset] == (byte)'\n')
            {
                l++;
            }
        }

        var at = (int)Math.Min(utf8.Length, offset + byteInLine);

        // An unquoted date reads as a number and a stray '-': the error lands inside it.
        var start = at;
        while (start > 0 && (IsDigit(utf8[start - 1]) || utf8[start - 1] == (byte)'-'))
        {
            start--;
        }

        var end = at;
        while (end < utf8.Length && (IsDigit(utf8[end]) || utf8[end] == (byte)'-'))
        {
            end++;
        }

        var word = Encoding.ASCII.GetString(utf8.Slice(start, end - start));
        if (ClaimRules.IsDateShaped(word))
        {
            return "a date goes in double quotes, as \"" + word + "\"";
        }

        // A comma, then the end of the claim object. (A claim's values are never arrays: a field
        // holding one is refused before the reader reaches its end.)
        var next = at;
        while (next < utf8.Length && IsSpace(utf8[next]))
        {
            next++;
        }

        var previous = next - 1;
        while (previous >= 0 && IsSpace(utf8[previous]))
        {
            previous--;
        }

        if (next < utf8.Length && previous >= 0 && utf8[previous] == (byte)',' && utf8[next] == (byte)'}')
        {
            return "a comma after the last field; remove it";
        }

        return null;

        static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

        static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
    }

    public static void ReadStartObject(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new ClaimInputException("(claim)", "expected a JSON object, found " + Describe(ref reader));
        }
    }

    /// <summary>Moves to the next property name; false at the end of the object.</summary>
    public static bool NextProperty(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.PropertyName;
    }

    /// <summary>Moves from a property name to its value, refusing a field given twice.</summary>
    public static void EnterValue(ref Utf8JsonReader reader, ref bool seen, string field)
    {
        if (seen)
        {
            throw new ClaimInputException(field, "the field is given twice");
        }

        seen = true;
        reader.Read();
    }

    public static ClaimInputException UnknownField(ref Utf8JsonReader reader, string knownFields)
    {
        var name = reader.GetString() ?? string.Empty;
        var suggestion = Closest(name, knownFields);
        return new ClaimInputException(name, suggestion is null
            ? "unknown field; the claim's fields are " + knownFields
            : "unknown field; did you mean \"" + suggestion + "\"?");
    }

    /// <summary>The candidate within two edits of the text, if one is: the likely typo's fix.</summary>
    private static string? Closest(string text, string candidates)
    {
        string? best = null;
        var bestDistance = 3;
        foreach (var raw in candidates.Split(','))
        {
            var candidate = raw.Trim();
            var distance = Distance(text.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    public static ClaimInputException Missing(string field) => new(field, ClaimRules.RequiredFieldMissing);

    public static bool ReadBool(ref Utf8JsonReader reader, string field) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw new ClaimInputException(field, "expected true or false, found " + Describe(ref reader)),
    };

    public static bool? ReadOptionalBool(ref Utf8JsonReader reader, string field) =>
        reader.TokenType == JsonTokenType.Null ? null : ReadBool(ref reader, field);

    public static int ReadInt(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var value))
        {
            throw new ClaimInputException(field, "expected a whole number, found " + Describe(ref reader));
        }

        CheckRange(field, value);
        return value;
    }

    public static int? ReadOptionalInt(ref Utf8JsonReader reader, string field) =>
        reader.TokenType == JsonTokenType.Null ? null : ReadInt(ref reader, field);

    public static DateOnly ReadDate(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new ClaimInputException(field, "expected a date as \"YYYY-MM-DD\", found " + Describe(ref reader));
        }

        // The usual case, read from the bytes without making a string: the claim is then the one
        // allocation a claim's reading makes. Anything else takes the path that explains itself.
        if (!reader.HasValueSequence && !reader.ValueIsEscaped && TryReadDate(reader.ValueSpan, out var quick))
        {
            CheckRange(field, quick);
            return quick;
        }

        var text = reader.GetString() ?? string.Empty;
        if (text.Length != 10 || !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new ClaimInputException(field, ClaimRules.NotADate(text));
        }

        CheckRange(field, date);
        return date;
    }

    /// <summary>YYYY-MM-DD exactly, as <c>DateOnly.TryParseExact(text, "yyyy-MM-dd")</c> reads it, from UTF-8.</summary>
    private static bool TryReadDate(ReadOnlySpan<byte> text, out DateOnly date)
    {
        date = default;
        if (text.Length != 10 || text[4] != (byte)'-' || text[7] != (byte)'-'
            || !TryDigits(text.Slice(0, 4), out var year) || !TryDigits(text.Slice(5, 2), out var month) || !TryDigits(text.Slice(8, 2), out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;

        static bool TryDigits(ReadOnlySpan<byte> digits, out int value)
        {
            value = 0;
            foreach (var b in digits)
            {
                var digit = b - (byte)'0';
                if ((uint)digit > 9)
                {
                    return false;
                }

                value = (value * 10) + digit;
            }

            return true;
        }
    }

    /// <summary>The least whole number a claim can hold (the shared claim limits, as the analysis assumes them).</summary>
    public const int MinInt = ClaimRules.MinInt;

    /// <summary>The greatest whole number a claim can hold.</summary>
    public const int MaxInt = ClaimRules.MaxInt;

    /// <summary>The first date a claim can hold.</summary>
    public static readonly DateOnly MinDate = DateOnly.FromDateTime(ClaimRules.MinDate);

    /// <summary>The last date a claim can hold.</summary>
    public static readonly DateOnly MaxDate = DateOnly.FromDateTime(ClaimRules.MaxDate);

    /// <summary>Refuses a date outside the dates a claim can hold (the policy analysis assumes the same range), naming the field.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CheckRange(string field, DateOnly? date)
    {
        // Day numbers compare as integers: this runs for every date of every claim decided.
        if (date is { } d && (uint)(d.DayNumber - MinDayNumber) > (uint)(MaxDayNumber - MinDayNumber))
        {
            throw OutOfRange(field, d);
        }
    }

    private static ClaimInputException OutOfRange(string field, DateOnly date) =>
        new(field, ClaimRules.DateOutOfRange(date.ToDateTime(TimeOnly.MinValue)));

    private static readonly int MinDayNumber = MinDate.DayNumber;

    private static readonly int MaxDayNumber = MaxDate.DayNumber;

    /// <summary>Refuses a number outside the numbers a claim can hold (the policy analysis assumes the same range), naming the field.</summary>
    public static void CheckRange(string field, int? number)
    {
        if (number is { } n && !ClaimRules.InRange(n))
        {
            throw new ClaimInputException(field, ClaimRules.IntOutOfRange(n));
        }
    }

    public static DateOnly? ReadOptionalDate(ref Utf8JsonReader reader, string field) =>
        reader.TokenType == JsonTokenType.Null ? null : ReadDate(ref reader, field);

    /// <summary>Checks an enum value is a string; the generated code then matches its text.</summary>
    public static void ExpectEnumString(ref Utf8JsonReader reader, string field, string values)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new ClaimInputException(field, "expected one of " + values + ", found " + Describe(ref reader));
        }
    }

    public static ClaimInputException UnknownEnumValue(ref Utf8JsonReader reader, string field, string values)
    {
        var value = reader.GetString() ?? string.Empty;
        var suggestion = Closest(value, values);
        return new(field, "\"" + ClaimRules.Shorten(value) + "\" is not one of " + values + (suggestion is null ? string.Empty : " (did you mean \"" + suggestion + "\"?)"));
    }

    public static ClaimInputException NullNotAllowed(string field) => new(field, NotOptional);

    private const string NotOptional = "cannot be null: the field is not optional";

    // What generated claim readers call: each records what is wrong in the claim's errors, skips
    // the bad value and returns null, so the reader goes on and reports every error at once.

    /// <summary>
    /// Moves from a property name to its value. False for a field given twice: the error is
    /// recorded and the reader is left on the value's end, so the caller goes on to the next field.
    /// </summary>
    public static bool EnterValue(ref Utf8JsonReader reader, ref bool seen, string field, ref ClaimErrors errors)
    {
        reader.Read();
        if (seen)
        {
            Refuse(ref reader, field, "the field is given twice", ref errors);
            return false;
        }

        seen = true;
        return true;
    }

    /// <summary>Records a field the claim does not have and skips its value.</summary>
    public static void SkipUnknownField(ref Utf8JsonReader reader, string knownFields, ref ClaimErrors errors)
    {
        var unknown = UnknownField(ref reader, knownFields);
        reader.Read();
        Refuse(ref reader, unknown.Field, unknown.Problem, ref errors);
    }

    /// <summary>A bool fact's value; null, with the error recorded, when the value is not one.</summary>
    public static bool? ReadBool(ref Utf8JsonReader reader, string field, ref ClaimErrors errors) =>
        NotNull(ref reader, field, ref errors) ? ReadOptionalBool(ref reader, field, ref errors) : null;

    public static bool? ReadOptionalBool(ref Utf8JsonReader reader, string field, ref ClaimErrors errors)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.Null:
                return null;
            default:
                Refuse(ref reader, field, "expected true or false, found " + Describe(ref reader), ref errors);
                return null;
        }
    }

    /// <summary>A whole-number fact's value; null, with the error recorded, when the value is not one in range.</summary>
    public static int? ReadInt(ref Utf8JsonReader reader, string field, ref ClaimErrors errors) =>
        NotNull(ref reader, field, ref errors) ? ReadOptionalInt(ref reader, field, ref errors) : null;

    public static int? ReadOptionalInt(ref Utf8JsonReader reader, string field, ref ClaimErrors errors)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var value))
        {
            Refuse(ref reader, field, "expected a whole number, found " + Describe(ref reader), ref errors);
            return null;
        }

        if (!ClaimRules.InRange(value))
        {
            errors.Add(field, ClaimRules.IntOutOfRange(value));
            return null;
        }

        return value;
    }

    /// <summary>A date fact's value; null, with the error recorded, when the value is not a date in range.</summary>
    public static DateOnly? ReadDate(ref Utf8JsonReader reader, string field, ref ClaimErrors errors) =>
        NotNull(ref reader, field, ref errors) ? ReadOptionalDate(ref reader, field, ref errors) : null;

    public static DateOnly? ReadOptionalDate(ref Utf8JsonReader reader, string field, ref ClaimErrors errors)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            Refuse(ref reader, field, "expected a date as \"YYYY-MM-DD\", found " + Describe(ref reader), ref errors);
            return null;
        }

        // The usual case, read from the bytes without making a string (see ReadDate).
        if (!reader.HasValueSequence && !reader.ValueIsEscaped && TryReadDate(reader.ValueSpan, out var quick)
            && (uint)(quick.DayNumber - MinDayNumber) <= (uint)(MaxDayNumber - MinDayNumber))
        {
            return quick;
        }

        var text = reader.GetString() ?? string.Empty;
        if (text.Length != 10 || !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors.Add(field, ClaimRules.NotADate(text));
            return null;
        }

        if (!ClaimRules.InRange(date.ToDateTime(TimeOnly.MinValue)))
        {
            errors.Add(field, ClaimRules.DateOutOfRange(date.ToDateTime(TimeOnly.MinValue)));
            return null;
        }

        return date;
    }

    /// <summary>
    /// True when the value is a string, which the generated code then matches against the enum's
    /// members; false, with the error recorded, for null or any other value.
    /// </summary>
    public static bool ExpectEnumString(ref Utf8JsonReader reader, string field, string values, ref ClaimErrors errors)
    {
        if (!NotNull(ref reader, field, ref errors))
        {
            return false;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            Refuse(ref reader, field, "expected one of " + values + ", found " + Describe(ref reader), ref errors);
            return false;
        }

        return true;
    }

    /// <summary>Records a string that is none of the enum's members.</summary>
    public static void UnknownEnumValue(ref Utf8JsonReader reader, string field, string values, ref ClaimErrors errors)
    {
        var unknown = UnknownEnumValue(ref reader, field, values);
        errors.Add(unknown.Field, unknown.Problem);
    }

    /// <summary>False, with the error recorded, for null where the fact is not optional.</summary>
    private static bool NotNull(ref Utf8JsonReader reader, string field, ref ClaimErrors errors)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            errors.Add(field, NotOptional);
            return false;
        }

        return true;
    }

    /// <summary>Records the problem and skips the value (an object or array to its end), so reading goes on after it.</summary>
    private static void Refuse(ref Utf8JsonReader reader, string field, string problem, ref ClaimErrors errors)
    {
        errors.Add(field, problem);
        reader.Skip();
    }

    private static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => "the string \"" + ClaimRules.Shorten(reader.GetString() ?? string.Empty) + "\"",
        JsonTokenType.Number => "the number " + ClaimRules.Shorten(Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray())),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => "nothing",
    };

    public static void WriteDate(Utf8JsonWriter writer, string name, DateOnly? date)
    {
        if (date is { } d)
        {
            Span<char> buffer = stackalloc char[10];
            d.TryFormat(buffer, out _, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            writer.WriteString(name, buffer);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
