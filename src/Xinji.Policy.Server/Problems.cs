using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Xinji.Policy.Runtime;

namespace Xinji.Policy.Server;

/// <summary>
/// Every error the service answers, as RFC 9457 <c>application/problem+json</c>: a type, a title, the
/// status, a detail a person can act on, and never a stack trace.
/// </summary>
internal static class Problems
{
    public const string ContentType = "application/problem+json";

    /// <summary>The name the claim readers give the claim as a whole, when no one field is at fault.</summary>
    private const string WholeClaim = "(claim)";

    private static readonly string[] ClaimMediaTypes = { "application/json", "application/x-ndjson (a batch of claims, to POST /v1/decisions)" };

    public static Task InvalidClaim(HttpContext context, ClaimInputException problem) =>
        Write(context, StatusCodes.Status400BadRequest, "invalid-claim", "Invalid claim", "invalid claim: " + problem.Errors[0], writer =>
        {
            WriteField(writer, problem.Errors[0].Field);
            writer.WriteStartArray("errors");
            foreach (var error in problem.Errors)
            {
                WriteError(writer, error);
            }

            writer.WriteEndArray();
        });

    public static Task PolicyDefect(HttpContext context, PolicyDefectException defect) =>
        Write(context, StatusCodes.Status500InternalServerError, "policy-defect", "The policy cannot decide this claim", "policy defect: " + defect.Message, writer =>
        {
            writer.WriteStartArray("clauses");
            foreach (var id in defect.ClauseIds)
            {
                writer.WriteStringValue(id);
            }

            writer.WriteEndArray();
        });

    public static Task BadParameter(HttpContext context, string field, string detail) =>
        Write(context, StatusCodes.Status400BadRequest, "invalid-parameter", "Invalid parameter", field + ": " + detail, writer => writer.WriteString("field", field));

    public static Task TooLarge(HttpContext context, long limit) =>
        Write(context, StatusCodes.Status413PayloadTooLarge, "too-large", "Request body too large", $"the body is over the limit of {limit} bytes for this request", writer => writer.WriteNumber("limit", limit));

    public static Task UnsupportedMediaType(HttpContext context, IReadOnlyList<string> accepted) =>
        Write(context, StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Unsupported content type",
            $"the body must be {string.Join(" or ", accepted)}, not {(string.IsNullOrEmpty(context.Request.ContentType) ? "untyped" : context.Request.ContentType)}", writer =>
            {
                writer.WriteStartArray("accepted");
                foreach (var type in accepted)
                {
                    writer.WriteStringValue(type);
                }

                writer.WriteEndArray();
            });

    public static Task Unauthorized(HttpContext context, string detail)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Write(context, StatusCodes.Status401Unauthorized, "unauthorized", "An API key is needed", detail);
    }

    public static Task NotFound(HttpContext context, string detail) =>
        Write(context, StatusCodes.Status404NotFound, "not-found", "Not found", detail);

    public static Task LogUnavailable(HttpContext context) =>
        Write(context, StatusCodes.Status503ServiceUnavailable, "decision-log-unavailable", "The decision log is unavailable",
            "the decision could not be recorded, so it is not given; try again");

    /// <summary>A status with no more to say than its name (an unknown route, a method the route does not take).</summary>
    public static Task Status(HttpContext context, int status) =>
        status == StatusCodes.Status415UnsupportedMediaType
            ? UnsupportedMediaType(context, ClaimMediaTypes)
            : Write(context, status, "http-" + status, ReasonPhrases(status), ReasonPhrases(status) + ": " + context.Request.Method + " " + context.Request.Path);

    public static Task Internal(HttpContext context) =>
        Write(context, StatusCodes.Status500InternalServerError, "internal-error", "Internal error", "the service failed on this request; the server log says why");

    public static Task Write(HttpContext context, int status, string type, string title, string detail, Action<Utf8JsonWriter>? extensions = null)
    {
        var body = ServerJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("type", "urn:xinji-policy:problem:" + type);
            writer.WriteString("title", title);
            writer.WriteNumber("status", status);
            writer.WriteString("detail", detail);
            writer.WriteString("instance", context.Request.Path.Value);
            extensions?.Invoke(writer);
            writer.WriteEndObject();
        });
        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body).AsTask();
    }

    /// <summary>A claim's error as the CLI's JSON Lines error objects write it: the field (null for the claim as a whole) and the message.</summary>
    public static void WriteError(Utf8JsonWriter writer, ClaimFieldError error)
    {
        writer.WriteStartObject();
        WriteField(writer, error.Field);
        writer.WriteString("message", error.Problem);
        writer.WriteEndObject();
    }

    private static void WriteField(Utf8JsonWriter writer, string field)
    {
        if (string.Equals(field, WholeClaim, StringComparison.Ordinal))
        {
            writer.WriteNull("field");
        }
        else
        {
            writer.WriteString("field", field);
        }
    }

    private static string ReasonPhrases(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "HTTP " + status;
}
