using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Xinji.Policy.Server;

/// <summary>
/// The service desk page at <c>/</c>: static HTML, CSS and JS embedded in this assembly, so the tool serves it
/// offline with nothing to install; and the policy's source document it shows beside a decision.
/// </summary>
internal static class ServiceDeskPage
{
    private static readonly (string Path, string Resource, string ContentType)[] Files =
    {
        ("/", "index.html", "text/html; charset=utf-8"),
        ("/desk.css", "desk.css", "text/css; charset=utf-8"),
        ("/desk.js", "desk.js", "text/javascript; charset=utf-8"),
    };

    public static void Map(IEndpointRouteBuilder app, PolicyHost host)
    {
        foreach (var (path, resource, contentType) in Files)
        {
            var body = Read(resource);
            app.MapGet(path, (Func<HttpContext, Task>)(context => Write(context, contentType, body)))
                .ExcludeFromDescription()
                .WithMetadata(NeedsKey.Never);
        }

        app.MapGet("/v1/policy/document", (Func<HttpContext, Task>)(context => Write(context, DecisionEndpoints.Json, Document(host.Live))))
            .WithName("policyDocument")
            .WithSummary("The policy's source document: its name, its text, and the sentences each clause quotes from it.")
            .Produces<JsonElement>(StatusCodes.Status200OK, DecisionEndpoints.Json)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
    }

    private static byte[] Read(string resource)
    {
        using var stream = typeof(ServiceDeskPage).Assembly.GetManifestResourceStream("Xinji.Policy.Server.wwwroot." + resource)
            ?? throw new InvalidOperationException("The service desk page's " + resource + " is not embedded in the server.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The document's text as the policy read it (null when the policy names none), and each clause's quotes.</summary>
    private static byte[] Document(ServedPolicy served)
    {
        var policy = served.Policy;
        var documents = served.Loaded.Documents;
        var named = policy.Source is null ? null : Path.GetFileName(policy.Source);
        var text = (documents.FirstOrDefault(d => string.Equals(Path.GetFileName(d.Path), named, StringComparison.Ordinal))
            ?? (documents.Count > 0 ? documents[0] : null))?.Text;
        return ServerJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("document", policy.Document);
            writer.WriteString("source", policy.Source);
            writer.WriteString("text", text);
            writer.WriteStartArray("clauses");
            foreach (var clause in policy.Clauses)
            {
                writer.WriteStartObject();
                writer.WriteString("id", clause.Id);
                writer.WriteString("section", clause.Section);
                writer.WriteStartArray("quotes");
                foreach (var quote in clause.Quotes)
                {
                    writer.WriteStringValue(quote);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    private static Task Write(HttpContext context, string contentType, byte[] body)
    {
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        context.Response.Headers.CacheControl = "no-cache";
        return context.Response.Body.WriteAsync(body).AsTask();
    }
}
