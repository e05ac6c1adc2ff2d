using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;

namespace Xinji.Policy.Server.Tests;

/// <summary>The service desk page's files at / and the source document it shows (tests/service-desk-e2e drives it in a browser).</summary>
public sealed class ServiceDeskPageTests : IClassFixture<LampServer>, IClassFixture<KeyedServer>
{
    private readonly LampServer _lamp;
    private readonly KeyedServer _keyed;

    public ServiceDeskPageTests(LampServer lamp, KeyedServer keyed)
    {
        _lamp = lamp;
        _keyed = keyed;
    }

    [Theory]
    [InlineData("", "text/html", "<form id=\"claim-form\"")]
    [InlineData("desk.css", "text/css", "#document-text")]
    [InlineData("desk.js", "text/javascript", "/v1/policy/document")]
    public async Task The_page_is_served_from_the_tool_without_a_key(string path, string contentType, string content)
    {
        using var response = await _keyed.Server.SendAsync(HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(content, body, System.StringComparison.Ordinal);
        Assert.DoesNotContain("http://", body.Replace("http://127.0.0.1", string.Empty, System.StringComparison.Ordinal), System.StringComparison.Ordinal);
        Assert.DoesNotContain("https://", body, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_keeps_an_api_key_for_the_tab_only()
    {
        using var response = await _keyed.Server.SendAsync(HttpMethod.Get, "desk.js");
        var script = await response.Content.ReadAsStringAsync();
        Assert.Contains("sessionStorage.setItem(keyItem, key)", script, System.StringComparison.Ordinal);
        Assert.Contains("authorization: 'Bearer ' + key", script, System.StringComparison.Ordinal);
        Assert.DoesNotContain("localStorage", script, System.StringComparison.Ordinal);
        Assert.DoesNotContain("document.cookie", script, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_document_is_the_policys_source_with_each_clauses_quotes()
    {
        using var response = await _lamp.Server.SendAsync(HttpMethod.Get, "v1/policy/document");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;
        Assert.Equal("Lamp Guarantee", root.GetProperty("document").GetString());
        Assert.Equal("lamp-guarantee.txt", root.GetProperty("source").GetString());
        var text = root.GetProperty("text").GetString()!;
        Assert.StartsWith("Lamp Guarantee", text, System.StringComparison.Ordinal);
        var quotes = root.GetProperty("clauses").EnumerateArray().SelectMany(c => c.GetProperty("quotes").EnumerateArray().Select(q => q.GetString()!)).ToList();
        Assert.NotEmpty(quotes);
        Assert.All(quotes, quote => Assert.Contains(quote, text, System.StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_document_needs_a_key_when_the_service_has_keys()
    {
        using var response = await _keyed.Server.SendAsync(HttpMethod.Get, "v1/policy/document");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
