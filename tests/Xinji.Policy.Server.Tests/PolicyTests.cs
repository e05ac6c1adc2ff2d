using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Json.Schema;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Tooling.Examples;

namespace Xinji.Policy.Server.Tests;

/// <summary>A service for a policy that is not the XINJI one, run from a folder with it as policy/.</summary>
public sealed class LampServer : IAsyncLifetime, IDisposable
{
    private readonly TempFolder _folder = new();

    public ServeProcess Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _folder.CopyPolicy("lamp");
        Server = await ServeProcess.StartAsync(_folder.Path);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();

    public void Dispose() => _folder.Dispose();
}

/// <summary>GET /v1/policy and its claim schema, for the shipped policy and for another one.</summary>
public sealed class PolicyTests : IClassFixture<OpenServer>, IClassFixture<LampServer>
{
    private readonly OpenServer _warranty;
    private readonly LampServer _lamp;

    public PolicyTests(OpenServer warranty, LampServer lamp)
    {
        _warranty = warranty;
        _lamp = lamp;
    }

    public static TheoryData<string> Policies => new() { "warranty", "lamp" };

    [Theory]
    [MemberData(nameof(Policies))]
    public async Task The_policy_document_lists_every_clause_fact_and_outcome_of_the_policy(string name)
    {
        var loaded = ExampleLoader.Load(new[] { ServeProcess.PolicyFixture(name) });
        var policy = loaded.Policy!;
        using var response = await Server(name).SendAsync(HttpMethod.Get, "v1/policy");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;

        Assert.Equal(policy.Name, root.GetProperty("name").GetString());
        Assert.Equal(loaded.Identity.Hash, root.GetProperty("hash").GetString());
        Assert.Equal(policy.Clauses.Select(c => c.Section).Distinct(), Strings(root.GetProperty("sections")));
        Assert.Equal(policy.Clauses.Select(c => c.Id), root.GetProperty("clauses").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.Equal(policy.Clauses.Select(c => string.Join(" ", c.Quotes)), root.GetProperty("clauses").EnumerateArray().Select(c => c.GetProperty("text").GetString()));
        Assert.Equal(policy.Facts.Select(f => f.Name), root.GetProperty("facts").EnumerateArray().Select(f => f.GetProperty("name").GetString()));
        foreach (var (fact, written) in policy.Facts.Zip(root.GetProperty("facts").EnumerateArray()))
        {
            Assert.Equal(fact.Type.BaseName, written.GetProperty("type").GetString());
            Assert.Equal(fact.Description, written.GetProperty("description").GetString());
            Assert.Equal(fact.IsRequired, written.GetProperty("required").GetBoolean());
            Assert.Equal(fact.Default is null, written.GetProperty("default").ValueKind == JsonValueKind.Null);
            if (fact.Type.Kind == TypeKind.Enum)
            {
                Assert.Equal(policy.Enums.Single(e => e.Name == fact.Type.EnumName).Members, Strings(written.GetProperty("values")));
            }
        }

        Assert.Equal(policy.Remedies.Select(r => r.Name), root.GetProperty("remedies").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        Assert.Equal(policy.Requirements.Select(r => r.Name), root.GetProperty("requirements").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        Assert.Equal(policy.Notes.Select(r => r.Name), root.GetProperty("notes").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("lastRefused").ValueKind);
    }

    /// <summary>
    /// Every example claim of the policy against its schema with an independent validator: the ones
    /// the policy decides are valid; the ones it refuses are invalid, except where the refusal is a
    /// <c>reject</c> rule (one field against another), which a schema cannot state.
    /// </summary>
    [Theory]
    [MemberData(nameof(Policies))]
    public async Task Every_example_claim_is_valid_under_the_claim_schema_exactly_when_the_policy_takes_it(string name)
    {
        var loaded = ExampleLoader.Load(new[] { ServeProcess.PolicyFixture(name) });
        var policy = loaded.Policy!;
        var server = Server(name);
        using var response = await server.SendAsync(HttpMethod.Get, "v1/policy/claim-schema");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var schemaText = await response.Content.ReadAsStringAsync();
        var schema = JsonSchema.FromText(schemaText);
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", JsonNode.Parse(schemaText)!["$schema"]!.GetValue<string>());
        var options = new EvaluationOptions { RequireFormatValidation = true, OutputFormat = OutputFormat.List };
        var ruleReasons = policy.Rejections.Select(r => r.Reason).ToHashSet(StringComparer.Ordinal);

        int valid = 0, invalid = 0, byRule = 0;
        foreach (var example in policy.Examples)
        {
            var verdict = Valid(schema, example.ClaimJson, options);
            if (example.Expectation is ExpectedDecision)
            {
                Assert.True(verdict, $"{example.Name}: the policy decides it, the schema refuses it: {example.ClaimJson}");
                valid++;
                continue;
            }

            using var refused = await server.PostClaimAsync(example.ClaimJson);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
            var messages = problem.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()!).ToList();
            if (messages.All(ruleReasons.Contains))
            {
                byRule++;
                continue;
            }

            Assert.False(verdict, $"{example.Name}: the policy refuses it ({string.Join("; ", messages)}), the schema takes it: {example.ClaimJson}");
            invalid++;
        }

        Assert.True(valid > 0 && invalid > 0, $"{valid} valid and {invalid} invalid examples ({byRule} refused by reject rules)");
    }

    private static bool Valid(JsonSchema schema, string claim, EvaluationOptions options)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(claim);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            // Not JSON (or a field twice): no schema validator takes it.
            return false;
        }

        return schema.Evaluate(node, options).IsValid;
    }

    private ServeProcess Server(string name) => name == "lamp" ? _lamp.Server : _warranty.Server;

    private static IEnumerable<string?> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString());
}
