using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace Xinji.Policy.Server.Tests;

/// <summary>POST /v1/decisions and /v1/explanations on the built-in policy: the CLI's contracts over HTTP.</summary>
public sealed partial class DecisionTests : IClassFixture<OpenServer>
{
    private readonly OpenServer _fixture;

    public DecisionTests(OpenServer fixture) => _fixture = fixture;

    private ServeProcess Server => _fixture.Server;

    [Fact]
    public async Task A_decision_is_the_one_evaluate_prints_with_its_id_and_time()
    {
        var claim = ServeProcess.ClaimFile("watch-defect-in-warranty.json");
        using var response = await Server.PostClaimAsync(await File.ReadAllTextAsync(claim));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);

        using var json = JsonDocument.Parse(body);
        var id = json.RootElement.GetProperty("decisionId").GetString()!;
        Assert.True(Guid.TryParse(id, out _), id);
        var decidedAt = json.RootElement.GetProperty("decidedAt").GetDateTimeOffset();
        Assert.Equal(TimeSpan.Zero, decidedAt.Offset);
        Assert.Equal("Warranty", json.RootElement.GetProperty("policy").GetProperty("name").GetString());

        var cli = await ServeProcess.RunAsync(_fixture.WorkingDirectory, "evaluate", "--format", "json", claim);
        Assert.Equal(0, cli.ExitCode);
        Assert.Equal(cli.StdOut.TrimEnd('\n'), WithoutIdAndTime(body));
    }

    [Fact]
    public async Task Every_decision_gets_an_id_of_its_own()
    {
        var claim = await File.ReadAllTextAsync(ServeProcess.ClaimFile("iot-expired.json"));
        var ids = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using var response = await Server.PostClaimAsync(claim);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return json.RootElement.GetProperty("decisionId").GetString();
        }));
        Assert.Equal(20, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task A_batch_gets_one_line_per_claim_in_order_with_errors_in_place_as_the_CLI_writes_them()
    {
        var batch = await File.ReadAllTextAsync(ServeProcess.ClaimFile("batch.jsonl"));
        var lines = batch.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        lines.Insert(1, "{\"product\": \"smartWatch\", \"claimDate\": \"2025-3-10\", \"cause\": \"fall\"}");
        lines.Insert(2, string.Empty);
        lines.Add("not json");
        var input = string.Join("\n", lines) + "\n";
        var file = Path.Combine(_fixture.WorkingDirectory, "mixed.jsonl");
        await File.WriteAllTextAsync(file, input);

        using var response = await Server.SendAsync(HttpMethod.Post, "v1/decisions", ServeProcess.Body(input, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var served = (await response.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');

        var cli = await ServeProcess.RunAsync(_fixture.WorkingDirectory, "evaluate", "--format", "json", "mixed.jsonl");
        var printed = cli.StdOut.TrimEnd('\n').Split('\n');
        Assert.Equal(lines.Count(l => l.Length > 0), served.Length);
        Assert.Equal(printed.Length, served.Length);
        for (var i = 0; i < served.Length; i++)
        {
            // The CLI names the input file; a request has none.
            Assert.Equal(printed[i].Replace("\"input\":\"mixed.jsonl\",", string.Empty, StringComparison.Ordinal), WithoutIdAndTime(served[i]));
        }

        using var error = JsonDocument.Parse(served[1]);
        Assert.Equal(2, error.RootElement.GetProperty("line").GetInt32());
        Assert.Equal("claimDate", error.RootElement.GetProperty("error").GetProperty("field").GetString());
        using var notJson = JsonDocument.Parse(served[^1]);
        Assert.Equal(lines.Count, notJson.RootElement.GetProperty("line").GetInt32());
        Assert.Equal(JsonValueKind.Null, notJson.RootElement.GetProperty("error").GetProperty("field").ValueKind);
    }

    [Fact]
    public async Task An_invalid_claim_is_a_400_problem_naming_the_field_with_the_CLIs_message()
    {
        var claim = ServeProcess.ClaimFile("typo-in-field.json");
        using var response = await Server.PostClaimAsync(await File.ReadAllTextAsync(claim));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = problem.RootElement;
        Assert.Equal(400, root.GetProperty("status").GetInt32());
        Assert.Equal("warantySticker", root.GetProperty("field").GetString());
        Assert.Equal("warantySticker", root.GetProperty("errors")[0].GetProperty("field").GetString());

        var cli = await ServeProcess.RunAsync(_fixture.WorkingDirectory, "evaluate", claim);
        Assert.Equal(2, cli.ExitCode);
        Assert.Equal(claim + ": " + root.GetProperty("detail").GetString(), cli.StdErr.TrimEnd('\n'));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    public async Task A_body_that_is_not_JSON_is_a_415_problem(string contentType)
    {
        using var response = await Server.SendAsync(HttpMethod.Post, "v1/decisions", ServeProcess.Body("{}", contentType));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("application/json", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_explanation_is_the_one_explain_prints()
    {
        var claim = ServeProcess.ClaimFile("water-damage-sticker-missing.json");
        using var response = await Server.SendAsync(HttpMethod.Post, "v1/explanations", ServeProcess.Body(await File.ReadAllTextAsync(claim), "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cli = await ServeProcess.RunAsync(_fixture.WorkingDirectory, "explain", "--format", "json", claim);
        Assert.Equal(0, cli.ExitCode);
        Assert.Equal(cli.StdOut.TrimEnd('\n'), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_problem_and_never_a_stack_trace()
    {
        using var response = await Server.SendAsync(HttpMethod.Get, "v1/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var broken = await Server.SendAsync(HttpMethod.Post, "v1/decisions", ServeProcess.Body("{\"product\": [[[[", "application/json"));
        var text = await broken.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_keys_the_decision_log_is_closed_to_everyone()
    {
        using var response = await Server.SendAsync(HttpMethod.Get, "v1/decisions/" + Guid.NewGuid());
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("--api-key-file", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var export = await Server.SendAsync(HttpMethod.Get, "v1/decisions?since=2020-01-01");
        Assert.Equal(HttpStatusCode.Unauthorized, export.StatusCode);
    }

    [Fact]
    public async Task Health_names_the_policy_served()
    {
        using var response = await Server.SendAsync(HttpMethod.Get, "healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ok", json.RootElement.GetProperty("status").GetString());
        Assert.StartsWith("sha256:", json.RootElement.GetProperty("policy").GetProperty("hash").GetString(), StringComparison.Ordinal);
    }

    /// <summary>A decision line without the two members only the service adds.</summary>
    internal static string WithoutIdAndTime(string decision) => IdAndTime().Replace(decision, string.Empty);

    [GeneratedRegex("\"decisionId\":\"[^\"]+\",\"decidedAt\":\"[^\"]+\",")]
    private static partial Regex IdAndTime();
}
