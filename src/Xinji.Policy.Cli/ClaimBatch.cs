using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Xinji.Policy.Runtime;

namespace Xinji.Policy.Cli;

/// <summary>
/// Runs a command over every claim of its inputs: one JSON line per claim, or text blocks headed
/// by where the claim came from. A bad claim is reported on stderr and the run goes on; a bad line
/// of JSON Lines input also takes its line of JSON output, as an error object, so output lines up with input.
/// </summary>
internal static class ClaimBatch
{
    /// <summary>The name the runtime gives the claim as a whole when no one field is at fault.</summary>
    private const string WholeClaim = "(claim)";

    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <returns>2 when any input was invalid, else 1 when the policy failed on a claim, else 0.</returns>
    public static int Run<T>(
        IEnumerable<string> paths,
        bool json,
        Func<ClaimInput, T> decide,
        Func<T, string> toJson,
        Action<TextWriter, T> writeText,
        CliContext context)
    {
        var output = context.Out;
        var error = context.Error;
        var invalid = false;
        var failed = false;
        var first = true;
        foreach (var path in paths)
        {
            try
            {
                foreach (var claim in ClaimSource.Read(path, context))
                {
                    try
                    {
                        var result = decide(claim);
                        if (json)
                        {
                            output.WriteLine(toJson(result));
                        }
                        else
                        {
                            if (!first)
                            {
                                output.WriteLine();
                            }

                            output.WriteLine("Claim:        " + claim.Origin);
                            writeText(output, result);
                        }

                        first = false;
                    }
                    catch (ClaimInputException problem)
                    {
                        // One line per field error, as a compiler lists its errors.
                        foreach (var fieldError in problem.Errors)
                        {
                            error.WriteLine($"{claim.Origin}: invalid claim: {fieldError}");
                        }

                        if (json && claim.Line is { } line)
                        {
                            output.WriteLine(ErrorJson(claim.Input, line, problem.Errors));
                        }

                        invalid = true;
                    }
                    catch (PolicyDefectException defect)
                    {
                        error.WriteLine($"{claim.Origin}: policy defect: {defect.Message}");
                        if (json && claim.Line is { } line)
                        {
                            output.WriteLine(DefectJson(claim.Input, line, defect));
                        }

                        failed = true;
                    }
                }
            }
            catch (InputFileException missing)
            {
                error.WriteLine("xinji-policy: cannot read " + missing.Message);
                invalid = true;
            }
        }

        return invalid ? ExitCodes.InvalidInput : failed ? ExitCodes.Failure : ExitCodes.Success;
    }

    /// <summary>
    /// <c>{"input":…,"line":3,"error":{"field":"claimDate","message":…},"errors":[…]}</c>: a line of JSON
    /// Lines that is not a valid claim. <c>error</c> is its first error, <c>errors</c> every one, in the
    /// same shape. The field is null when the claim as a whole is at fault (not JSON, not an object).
    /// </summary>
    private static string ErrorJson(string input, int line, IReadOnlyList<ClaimFieldError> errors) =>
        Write(input, line, writer =>
        {
            writer.WritePropertyName("error");
            WriteError(writer, errors[0]);
            writer.WriteStartArray("errors");
            foreach (var fieldError in errors)
            {
                WriteError(writer, fieldError);
            }

            writer.WriteEndArray();
        });

    private static void WriteError(Utf8JsonWriter writer, ClaimFieldError fieldError)
    {
        writer.WriteStartObject();
        if (fieldError.Field == WholeClaim)
        {
            writer.WriteNull("field");
        }
        else
        {
            writer.WriteString("field", fieldError.Field);
        }

        writer.WriteString("message", fieldError.Problem);
        writer.WriteEndObject();
    }

    /// <summary><c>{"input":…,"line":3,"defect":{"message":…,"clauses":[…]}}</c>: the policy failed on a valid claim.</summary>
    private static string DefectJson(string input, int line, PolicyDefectException defect) =>
        Write(input, line, writer =>
        {
            writer.WriteStartObject("defect");
            writer.WriteString("message", defect.Message);
            writer.WriteStartArray("clauses");
            foreach (var id in defect.ClauseIds)
            {
                writer.WriteStringValue(id);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });

    private static string Write(string input, int line, Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Compact))
        {
            writer.WriteStartObject();
            writer.WriteString("input", input);
            writer.WriteNumber("line", line);

            body(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
