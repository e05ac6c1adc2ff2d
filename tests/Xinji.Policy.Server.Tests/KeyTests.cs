using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Xinji.Policy.Server.Tests;

/// <summary>A service with keys: who may call it, the decision log, and the body limits.</summary>
public sealed class KeyTests : IClassFixture<KeyedServer>
{
    private readonly KeyedServer _fixture;

    public KeyTests(KeyedServer fixture) => _fixture = fixture;

    private ServeProcess Server => _fixture.Server;

    private static string Claim => File.ReadAllText(ServeProcess.ClaimFile("watch-defect-in-warranty.json"));

    [Fact]
    public async Task With_keys_a_request_without_one_is_a_401_problem()
    {
        using var response = await Server.PostClaimAsync(Claim);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_wrong_key_is_a_401_problem()
    {
        using var response = await Server.PostClaimAsync(Claim, KeyedServer.TicketingKey + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var prefix = await Server.PostClaimAsync(Claim, KeyedServer.TicketingKey[..^1]);
        Assert.Equal(HttpStatusCode.Unauthorized, prefix.StatusCode);
        using var basic = await Server.SendAsync(HttpMethod.Get, "v1/policy");
        Assert.Equal(HttpStatusCode.Unauthorized, basic.StatusCode);
    }

    [Fact]
    public async Task Health_needs_no_key()
    {
        using var response = await Server.SendAsync(HttpMethod.Get, "healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_logged_decision_is_found_by_its_id_with_the_claim_as_sent_and_the_client()
    {
        var claim = Claim;
        using var decided = await Server.PostClaimAsync(claim, KeyedServer.TicketingKey);
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        var decision = await decided.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(decision);
        var id = json.RootElement.GetProperty("decisionId").GetString();

        using var found = await Server.SendAsync(HttpMethod.Get, "v1/decisions/" + id, key: KeyedServer.ShopKey);
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        using var record = JsonDocument.Parse(await found.Content.ReadAsStringAsync());
        var root = record.RootElement;
        Assert.Equal(id, root.GetProperty("decisionId").GetString());
        Assert.Equal("ticketing", root.GetProperty("client").GetString());
        Assert.Equal(json.RootElement.GetProperty("decidedAt").GetDateTimeOffset(), root.GetProperty("decidedAt").GetDateTimeOffset());
        Assert.Equal(json.RootElement.GetProperty("policy").GetRawText(), root.GetProperty("policy").GetRawText());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(decision), JsonNode.Parse(root.GetProperty("decision").GetRawText())), root.GetProperty("decision").GetRawText());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(claim), JsonNode.Parse(root.GetProperty("claim").GetRawText())), root.GetProperty("claim").GetRawText());

        using var export = await Server.SendAsync(HttpMethod.Get, "v1/decisions?since=" + Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O")), key: KeyedServer.ShopKey);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Contains((await export.Content.ReadAsStringAsync()).Split('\n'), line => line.Contains(id!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_key_that_is_not_the_first_in_the_file_is_recorded_by_its_line()
    {
        using var decided = await Server.PostClaimAsync(Claim, KeyedServer.ShopKey);
        using var json = JsonDocument.Parse(await decided.Content.ReadAsStringAsync());
        using var found = await Server.SendAsync(HttpMethod.Get, "v1/decisions/" + json.RootElement.GetProperty("decisionId").GetString(), key: KeyedServer.ShopKey);
        using var record = JsonDocument.Parse(await found.Content.ReadAsStringAsync());
        Assert.Equal("key 4", record.RootElement.GetProperty("client").GetString());
    }

    [Fact]
    public async Task An_unknown_decision_id_is_a_404_problem()
    {
        using var response = await Server.SendAsync(HttpMethod.Get, "v1/decisions/" + Guid.NewGuid(), key: KeyedServer.ShopKey);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_export_without_since_is_a_400_naming_it()
    {
        using var response = await Server.SendAsync(HttpMethod.Get, "v1/decisions", key: KeyedServer.ShopKey);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("since", problem.RootElement.GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_claim_over_the_limit_is_a_413_problem_and_one_under_it_is_decided()
    {
        var padded = Claim.TrimEnd().TrimEnd('}') + "," + new string(' ', (int)KeyedServer.MaxClaimBytes) + "}";
        using var over = await Server.PostClaimAsync(padded, KeyedServer.TicketingKey);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, over.StatusCode);
        using var problem = JsonDocument.Parse(await over.Content.ReadAsStringAsync());
        Assert.Equal(KeyedServer.MaxClaimBytes, problem.RootElement.GetProperty("limit").GetInt64());

        // Streamed without a length, the body is still cut off at the limit.
        using var streamed = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(padded)));
        streamed.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/decisions") { Content = streamed };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", KeyedServer.TicketingKey);
        using var chunked = await Server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);

        using var under = await Server.PostClaimAsync(Claim, KeyedServer.TicketingKey);
        Assert.Equal(HttpStatusCode.OK, under.StatusCode);
    }

    [Fact]
    public async Task A_batch_has_a_limit_of_its_own_above_a_single_claims()
    {
        var line = Claim.ReplaceLineEndings(" ").Trim();
        var fits = string.Join("\n", Enumerable.Repeat(line, (int)(KeyedServer.MaxBatchBytes / (line.Length + 1)))) + "\n";
        Assert.True(fits.Length > KeyedServer.MaxClaimBytes);
        using var decided = await Server.SendAsync(HttpMethod.Post, "v1/decisions", ServeProcess.Body(fits, "application/x-ndjson"), KeyedServer.TicketingKey);
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);

        using var over = await Server.SendAsync(HttpMethod.Post, "v1/decisions", ServeProcess.Body(fits + fits, "application/x-ndjson"), KeyedServer.TicketingKey);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, over.StatusCode);
    }
}
