using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using Xinji.Policy.DecisionLog;
using Xinji.Policy.Runtime;
using Xinji.Policy.Tooling;

namespace Xinji.Policy.Server;

/// <summary>The service's endpoints: decisions, explanations, the policy and its claim schema, the decision log, health.</summary>
internal sealed class DecisionEndpoints
{
    public const string Json = "application/json";
    public const string JsonLines = "application/x-ndjson";

    private static readonly string[] SingleClaim = { Json };
    private static readonly string[] SingleOrBatch = { Json, JsonLines };

    private readonly PolicyHost _host;
    private readonly ServerOptions _options;
    private readonly IDecisionLog _log;

    public DecisionEndpoints(PolicyHost host, ServerOptions options)
    {
        _host = host;
        _options = options;
        _log = options.DecisionLog;
    }

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/decisions", (Func<HttpContext, Task>)Decide)
            .WithName("decide")
            .WithSummary("Decide a claim (application/json), or a batch of claims, one a line (application/x-ndjson).")
            .Accepts<JsonElement>(Json, JsonLines)
            .Produces<JsonElement>(StatusCodes.Status200OK, Json, JsonLines)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status500InternalServerError)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        app.MapPost("/v1/explanations", (Func<HttpContext, Task>)Explain)
            .WithName("explain")
            .WithSummary("Explain a claim's decision, clause by clause, as `explain --format json` prints it.")
            .Accepts<JsonElement>(Json)
            .Produces<JsonElement>(StatusCodes.Status200OK, Json)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status500InternalServerError);
        app.MapGet("/v1/policy", (Func<HttpContext, Task>)DescribePolicy)
            .WithName("policy")
            .WithSummary("The live policy: name, hash, sections, clauses, facts, outcomes; and the last version refused, with its errors.")
            .Produces<JsonElement>(StatusCodes.Status200OK, Json)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        app.MapGet("/v1/policy/claim-schema", (Func<HttpContext, Task>)ClaimSchema)
            .WithName("claimSchema")
            .WithSummary("The JSON Schema (2020-12) of a claim, from the live policy's facts.")
            .Produces<JsonElement>(StatusCodes.Status200OK, "application/schema+json")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        app.MapGet("/v1/decisions/{id}", (Func<HttpContext, string, Task>)FindDecision)
            .WithName("decision")
            .WithSummary("A logged decision: the claim as received and the decision as given. Always needs an API key.")
            .WithMetadata(NeedsKey.Always)
            .Produces<JsonElement>(StatusCodes.Status200OK, Json)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/v1/decisions", (Func<HttpContext, Task>)Export)
            .WithName("exportDecisions")
            .WithSummary("The logged decisions from `since` (inclusive) to `until` (exclusive), one a line. Always needs an API key.")
            .WithMetadata(NeedsKey.Always)
            .Produces<JsonElement>(StatusCodes.Status200OK, JsonLines)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        app.MapGet("/healthz", (Func<HttpContext, Task>)Health)
            .WithName("health")
            .WithSummary("Whether the service is up, and the policy it serves. Needs no key.")
            .WithMetadata(NeedsKey.Never)
            .Produces<JsonElement>(StatusCodes.Status200OK, Json);
    }

    /// <summary>The UTC instant a decision is made, to the millisecond, so every store keeps it exactly.</summary>
    private static DateTimeOffset Now()
    {
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    private async Task Decide(HttpContext context)
    {
        var batch = MediaType(context) switch
        {
            Json => false,
            JsonLines => true,
            _ => (bool?)null,
        };
        if (batch is null)
        {
            await Problems.UnsupportedMediaType(context, SingleOrBatch).ConfigureAwait(false);
            return;
        }

        var body = await ReadBody(context, batch.Value ? _options.MaxBatchBytes : _options.MaxClaimBytes).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        var served = _host.Live;
        var client = context.Items[ApiKeyAuthentication.ClientItem] as string;
        if (!batch.Value)
        {
            await DecideOne(context, served, body, client).ConfigureAwait(false);
            return;
        }

        await DecideLines(context, served, body, client).ConfigureAwait(false);
    }

    private async Task DecideOne(HttpContext context, ServedPolicy served, byte[] body, string? client)
    {
        IPolicyDecision decision;
        try
        {
            decision = served.Evaluator.Evaluate(body);
        }
        catch (ClaimInputException problem)
        {
            await Problems.InvalidClaim(context, problem).ConfigureAwait(false);
            return;
        }
        catch (PolicyDefectException defect)
        {
            await Problems.PolicyDefect(context, defect).ConfigureAwait(false);
            return;
        }

        var (record, json) = Record(served, body, decision, client);
        if (!await Append(record).ConfigureAwait(false))
        {
            await Problems.LogUnavailable(context).ConfigureAwait(false);
            return;
        }

        await WriteBody(context, Json, json).ConfigureAwait(false);
    }

    /// <summary>One output line for each non-blank input line, in order: a decision, or the line's error object, as the CLI writes JSON Lines.</summary>
    private async Task DecideLines(HttpContext context, ServedPolicy served, byte[] body, string? client)
    {
        var output = new ArrayBufferWriter<byte>(body.Length * 2 + 16);
        var records = new List<DecisionRecord>();
        var evaluator = served.Evaluator;
        var number = 0;
        var start = 0;
        while (start < body.Length)
        {
            var end = Array.IndexOf(body, (byte)'\n', start);
            var next = end < 0 ? body.Length : end + 1;
            var line = body.AsMemory(start, (end < 0 ? body.Length : end) - start);
            number++;
            start = next;
            if (line.Span.Length > 0 && line.Span[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            if (line.Span.Trim(" \t"u8).IsEmpty)
            {
                continue;
            }

            try
            {
                var decision = evaluator.Evaluate(line.Span);
                var (record, json) = Record(served, line.ToArray(), decision, client);
                records.Add(record);
                output.Write(json);
            }
            catch (ClaimInputException problem)
            {
                output.Write(ServerJson.Write(writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("line", number);
                    writer.WritePropertyName("error");
                    Problems.WriteError(writer, problem.Errors[0]);
                    writer.WriteStartArray("errors");
                    foreach (var error in problem.Errors)
                    {
                        Problems.WriteError(writer, error);
                    }

                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }));
            }
            catch (PolicyDefectException defect)
            {
                output.Write(ServerJson.Write(writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("line", number);
                    writer.WriteStartObject("defect");
                    writer.WriteString("message", defect.Message);
                    writer.WriteStartArray("clauses");
                    foreach (var id in defect.ClauseIds)
                    {
                        writer.WriteStringValue(id);
                    }

                    writer.WriteEndArray();
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                }));
            }

            output.Write("\n"u8);
        }

        if (records.Count > 0 && !await Append(records).ConfigureAwait(false))
        {
            await Problems.LogUnavailable(context).ConfigureAwait(false);
            return;
        }

        await WriteBody(context, JsonLines, output.WrittenMemory).ConfigureAwait(false);
    }

    /// <summary>The decision as answered (the policy, its id and time first, then the decision contract), and its log record.</summary>
    private static (DecisionRecord Record, byte[] Json) Record(ServedPolicy served, byte[] claim, IPolicyDecision decision, string? client)
    {
        var id = Guid.CreateVersion7().ToString();
        var at = Now();
        var contract = DecisionWriter.ToJson(decision);
        var head = "{\"policy\":" + Encoding.UTF8.GetString(served.PolicyMember) + ",\"decisionId\":\"" + id + "\",\"decidedAt\":" + JsonSerializer.Serialize(at);
        var json = Encoding.UTF8.GetBytes(contract.Length > 2 ? string.Concat(head + ",", contract.AsSpan(1)) : head + "}");
        var record = new DecisionRecord(id, at, served.Identity.Name, served.Identity.Hash, Encoding.UTF8.GetString(claim), Encoding.UTF8.GetString(json), client);
        return (record, json);
    }

    /// <summary>Records a decision before it is answered; false when the log failed, so the decision is not given.</summary>
    // Not the request's token: a client that goes away must not leave a half-made record.
    private Task<bool> Append(DecisionRecord record) => Recorded(() => _log.AppendAsync(record, CancellationToken.None));

    /// <summary>Records a batch's decisions in one commit before any is answered; false when the log failed, so none is given.</summary>
    private Task<bool> Append(IReadOnlyList<DecisionRecord> records) => Recorded(() => _log.AppendAllAsync(records, CancellationToken.None));

    private async Task<bool> Recorded(Func<Task> append)
    {
        try
        {
            await append().ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            _options.Log.WriteLine("xinji-policy serve: the decision log failed: " + exception.GetType().Name + ": " + exception.Message);
            return false;
        }
    }

    private async Task Explain(HttpContext context)
    {
        if (MediaType(context) != Json)
        {
            await Problems.UnsupportedMediaType(context, SingleClaim).ConfigureAwait(false);
            return;
        }

        var body = await ReadBody(context, _options.MaxClaimBytes).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        var served = _host.Live;
        string explanation;
        try
        {
            explanation = ExplanationJson.ToJson(served.Explainer.Explain(body));
        }
        catch (ClaimInputException problem)
        {
            await Problems.InvalidClaim(context, problem).ConfigureAwait(false);
            return;
        }
        catch (PolicyDefectException defect)
        {
            await Problems.PolicyDefect(context, defect).ConfigureAwait(false);
            return;
        }

        await WriteBody(context, Json, Encoding.UTF8.GetBytes(WithPolicy(explanation, served))).ConfigureAwait(false);
    }

    /// <summary>The explanation with <c>"policy":{"name":…,"hash":…}</c> in place of the <c>"policy":"Name"</c> it starts with, as the CLI prints it.</summary>
    private static string WithPolicy(string explanation, ServedPolicy served)
    {
        var policy = "\"policy\":" + Encoding.UTF8.GetString(served.PolicyMember);
        const string NameMember = "{\"policy\":\"";
        if (explanation.StartsWith(NameMember, StringComparison.Ordinal) && explanation.IndexOf("\",", NameMember.Length, StringComparison.Ordinal) is var end and > 0)
        {
            explanation = string.Concat("{", explanation.AsSpan(end + 2));
        }

        return explanation.Length > 2 ? string.Concat("{" + policy + ",", explanation.AsSpan(1)) : "{" + policy + "}";
    }

    private Task DescribePolicy(HttpContext context)
    {
        var served = _host.Live;
        var refused = _host.LastRefused;
        var body = ServerJson.Write(writer =>
        {
            writer.WriteStartObject();
            PolicyDocuments.WriteDescription(writer, served.Policy, served.Identity);
            writer.WriteString("loadedAt", served.LoadedAt);
            writer.WritePropertyName("lastRefused");
            if (refused is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteStartObject();
                writer.WriteString("refusedAt", refused.RefusedAt);
                writer.WriteString("name", refused.Identity?.Name);
                writer.WriteString("hash", refused.Identity?.Hash);
                writer.WriteString("reason", refused.Reason);
                writer.WriteStartArray("errors");
                foreach (var error in refused.Errors)
                {
                    writer.WriteStartObject();
                    writer.WriteString("id", error.Id);
                    writer.WriteString("file", error.FilePath);
                    writer.WriteNumber("line", error.Span.Line);
                    writer.WriteNumber("column", error.Span.Column);
                    writer.WriteString("message", error.Message);
                    writer.WriteString("text", error.ToString());
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        });
        return WriteBody(context, Json, body);
    }

    private Task ClaimSchema(HttpContext context) => WriteBody(context, "application/schema+json", _host.Live.ClaimSchema);

    private async Task FindDecision(HttpContext context, string id)
    {
        var record = await _log.FindAsync(id, context.RequestAborted).ConfigureAwait(false);
        if (record is null)
        {
            await Problems.NotFound(context, $"no decision {id} in the decision log").ConfigureAwait(false);
            return;
        }

        await WriteBody(context, Json, RecordJson(record)).ConfigureAwait(false);
    }

    private async Task Export(HttpContext context)
    {
        if (Instant(context, "since", required: true) is not { } since)
        {
            await Problems.BadParameter(context, "since", "a date or time (ISO 8601, UTC unless an offset is given) is required").ConfigureAwait(false);
            return;
        }

        var until = Instant(context, "until", required: false);
        if (until == DateTimeOffset.MinValue)
        {
            await Problems.BadParameter(context, "until", "not a date or time (ISO 8601)").ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = JsonLines;
        await foreach (var record in _log.ExportAsync(since, until, context.RequestAborted).ConfigureAwait(false))
        {
            await context.Response.Body.WriteAsync(RecordJson(record), context.RequestAborted).ConfigureAwait(false);
            await context.Response.Body.WriteAsync("\n"u8.ToArray(), context.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>The query parameter as an instant; null when absent (or, required, unreadable); <see cref="DateTimeOffset.MinValue"/> when given but unreadable.</summary>
    private static DateTimeOffset? Instant(HttpContext context, string name, bool required)
    {
        var text = context.Request.Query[name].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            return instant;
        }

        return required ? null : DateTimeOffset.MinValue;
    }

    /// <summary>A logged decision in the one shape every tool prints it (<see cref="DecisionRecordJson"/>).</summary>
    private static byte[] RecordJson(DecisionRecord record) => ServerJson.Write(writer => DecisionRecordJson.Write(writer, record));

    private Task Health(HttpContext context)
    {
        var served = _host.Live;
        var body = ServerJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("status", "ok");
            writer.WritePropertyName("policy");
            writer.WriteRawValue(served.PolicyMember);
            writer.WriteEndObject();
        });
        return WriteBody(context, Json, body);
    }

    /// <summary>The request's media type, lower case, without parameters; empty when it has none.</summary>
    private static string MediaType(HttpContext context) =>
        MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var parsed) ? parsed.MediaType.Value?.ToLowerInvariant() ?? string.Empty : string.Empty;

    /// <summary>The request's body, or null after answering 413 when it is over <paramref name="limit"/>.</summary>
    private static async Task<byte[]?> ReadBody(HttpContext context, long limit)
    {
        if (context.Request.ContentLength > limit)
        {
            await Problems.TooLarge(context, limit).ConfigureAwait(false);
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    await Problems.TooLarge(context, limit).ConfigureAwait(false);
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    private static Task WriteBody(HttpContext context, string contentType, ReadOnlyMemory<byte> body)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body).AsTask();
    }
}
