using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;

namespace Xinji.Policy.Server.Tests;

/// <summary>The OpenAPI document against the endpoints the service answers.</summary>
public sealed class OpenApiTests : IClassFixture<OpenServer>
{
    /// <summary>Every endpoint, with the statuses it documents (and so may answer).</summary>
    private static readonly (string Method, string Path, int[] Statuses)[] Endpoints =
    {
        ("post", "/v1/decisions", new[] { 200, 400, 401, 413, 415, 500, 503 }),
        ("post", "/v1/explanations", new[] { 200, 400, 401, 413, 415, 500 }),
        ("get", "/v1/policy", new[] { 200, 401 }),
        ("get", "/v1/policy/claim-schema", new[] { 200, 401 }),
        ("get", "/v1/policy/document", new[] { 200, 401 }),
        ("get", "/v1/decisions/{id}", new[] { 200, 401, 404 }),
        ("get", "/v1/decisions", new[] { 200, 400, 401 }),
        ("get", "/healthz", new[] { 200 }),
    };

    private readonly OpenServer _fixture;

    public OpenApiTests(OpenServer fixture) => _fixture = fixture;

    [Fact]
    public async Task The_document_lists_exactly_the_endpoints_with_their_statuses_and_body_types()
    {
        using var response = await _fixture.Server.SendAsync(HttpMethod.Get, "openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths");
        var documented = paths.EnumerateObject().SelectMany(p => p.Value.EnumerateObject().Select(o => (Method: o.Name, Path: p.Name))).ToHashSet();
        Assert.Equal(Endpoints.Select(e => (e.Method, e.Path)).ToHashSet(), documented);

        foreach (var (method, path, statuses) in Endpoints)
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            Assert.Equal(statuses.Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToHashSet(), operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToHashSet());
        }

        var decide = paths.GetProperty("/v1/decisions").GetProperty("post");
        Assert.Equal(new HashSet<string> { "application/json", "application/x-ndjson" }, decide.GetProperty("requestBody").GetProperty("content").EnumerateObject().Select(c => c.Name).ToHashSet());
        Assert.True(decide.GetProperty("responses").GetProperty("400").GetProperty("content").TryGetProperty("application/problem+json", out _));
    }

    [Fact]
    public async Task Every_documented_endpoint_answers_and_with_a_documented_status()
    {
        var server = _fixture.Server;
        foreach (var (method, path, statuses) in Endpoints)
        {
            var concrete = path.Replace("{id}", Guid.NewGuid().ToString(), StringComparison.Ordinal);
            using var response = await server.SendAsync(new HttpMethod(method.ToUpperInvariant()), concrete.TrimStart('/'), method == "post" ? ServeProcess.Body("{}", "application/json") : null);
            Assert.Contains((int)response.StatusCode, statuses);
        }
    }
}
