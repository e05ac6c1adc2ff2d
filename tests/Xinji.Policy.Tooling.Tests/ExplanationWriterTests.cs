using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace Xinji.Policy.Tooling.Tests;

/// <summary>The text and JSON forms of an explanation.</summary>
public class ExplanationWriterTests
{
    private static readonly Lazy<Explainer> RealPolicy = new(() =>
        Explainer.For(PolicyLoader.Load(new[] { Path.Combine(AppContext.BaseDirectory, "policy") })));

    private const string Overseas = """
        {"product":"smartWatch","claimDate":"2025-02-20","invoiceDate":"2024-08-08","cause":"manufacturingDefect","purchasedOverseas":true}
        """;

    private static string Text(string claim)
    {
        var output = new StringWriter { NewLine = "\n" };
        ExplanationText.Write(output, RealPolicy.Value.Explain(Encoding.UTF8.GetBytes(claim)));
        return output.ToString();
    }

    [Fact]
    public void The_text_answers_why_paid_before_listing_facts_values_and_clauses()
    {
        var text = Text(Overseas);

        const string why = """
            Why paid, not free?
              Decided paid by:
                EX-14 (Warranty Exclusions): purchasedOverseas
                  "Products purchased overseas are not entitled to claim warranty services in domestic service centers however can avail repair services on chargeable basis taking into consideration of spare part costs etc., with a prior appointment at service centers."
                  because purchasedOverseas = true
              Not free: no clause that decides free is in force.
                WP-2 (Warranty Policy) applied, but is overridden by EX-14, an exception to it:
                  EX-14 (Warranty Exclusions): purchasedOverseas
                    because purchasedOverseas = true

            What would change the decision:
              No change to one or two provable facts makes it free.

            Facts:
            """;
        Assert.Contains(why, text, StringComparison.Ordinal);
        Assert.StartsWith("Coverage:     PAID", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("Why paid", StringComparison.Ordinal) < text.IndexOf("Derived values:", StringComparison.Ordinal));
        Assert.True(text.IndexOf("Derived values:", StringComparison.Ordinal) < text.IndexOf("\nAll clauses:\n  WP-2", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_warranty_start_the_answer_says_no_period_was_established_naming_the_start_facts()
    {
        const string claim = """{"product":"smartWatch","claimDate":"2025-03-10","cause":"manufacturingDefect"}""";

        const string why = """
            Why paid, not free?
              No warranty period was ever established: warrantyStart is not known, because none of activationDate, invoiceDate, deliveryDate is known.
              Decided paid by:
                WD-12 (Warranty Duration): warrantyStart is not known
                  "The warranty period of the device is applicable from the activation date or Invoice date whichever is earlier."
            """;
        Assert.Contains(why, Text(claim), StringComparison.Ordinal);

        using var json = JsonDocument.Parse(ExplanationJson.ToJson(RealPolicy.Value.Explain(Encoding.UTF8.GetBytes(claim))));
        var reason = json.RootElement.GetProperty("why").GetProperty("warrantyNotEstablished");
        Assert.Equal("warrantyStart", reason.GetProperty("start").GetString());
        Assert.Equal(new[] { "activationDate", "invoiceDate", "deliveryDate" }, reason.GetProperty("unknownFacts").EnumerateArray().Select(f => f.GetString()));

        using var established = JsonDocument.Parse(ExplanationJson.ToJson(RealPolicy.Value.Explain(Encoding.UTF8.GetBytes(Overseas))));
        Assert.Equal(JsonValueKind.Null, established.RootElement.GetProperty("why").GetProperty("warrantyNotEstablished").ValueKind);
        Assert.DoesNotContain("No warranty period", Text(Overseas), StringComparison.Ordinal);
    }

    [Fact]
    public void The_text_shows_each_clause_with_its_status_and_an_indented_tree_of_values()
    {
        var text = Text(Overseas);

        Assert.Contains("""
              WP-2: applied, but overridden by EX-14  (then free; Warranty Policy, policy/02-warranty-policy.policy:10)
                warrantyActive and cause is manufacturingDefect = true
                  warrantyActive = true
                  cause is manufacturingDefect = true
                    cause = manufacturingDefect
            """, text, StringComparison.Ordinal);
        Assert.Contains("""
              EX-14: in force  (then paid, require priorAppointment; Warranty Exclusions, policy/04-warranty-exclusions.policy:
            """.TrimEnd('\n'), text, StringComparison.Ordinal);
        Assert.Contains("""
              warrantyEnd = 2025-08-07  (policy/03-warranty-duration.policy:9)
                warrantyStart + 12 months - 1 day = 2025-08-07
                  warrantyStart + 12 months = 2025-08-08
                    warrantyStart = 2024-08-08
            """, text, StringComparison.Ordinal);
        Assert.Contains("  activationDate = unknown (not given)\n", text, StringComparison.Ordinal);
        Assert.Contains("  part = wholeDevice (default)\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_json_is_one_line_holding_the_decision_contract_and_the_same_answer()
    {
        var json = ExplanationJson.ToJson(RealPolicy.Value.Explain(Encoding.UTF8.GetBytes(Overseas)));

        Assert.DoesNotContain('\n', json);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(new[] { "policy", "decision", "why", "whatIfs", "facts", "definitions", "clauses" }, root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("paid", root.GetProperty("decision").GetProperty("coverage").GetString());

        var why = root.GetProperty("why");
        Assert.Equal("Why paid, not free?", why.GetProperty("question").GetString());
        var decided = Assert.Single(why.GetProperty("decidedBy").EnumerateArray());
        Assert.Equal("EX-14", decided.GetProperty("id").GetString());
        var read = Assert.Single(decided.GetProperty("because").EnumerateArray());
        Assert.Equal("fact", read.GetProperty("kind").GetString());
        Assert.True(read.GetProperty("value").GetBoolean());
        var notFree = Assert.Single(why.GetProperty("otherWayNot").EnumerateArray());
        Assert.True(notFree.GetProperty("applies").GetBoolean());
        Assert.Equal("EX-14", Assert.Single(notFree.GetProperty("overriddenBy").EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public void Json_values_keep_their_types_and_unknown_is_null()
    {
        using var document = JsonDocument.Parse(ExplanationJson.ToJson(RealPolicy.Value.Explain(Encoding.UTF8.GetBytes(Overseas))));
        var root = document.RootElement;

        var facts = root.GetProperty("facts").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);
        Assert.Equal(JsonValueKind.Null, facts["activationDate"].GetProperty("value").ValueKind);
        Assert.Equal("notGiven", facts["activationDate"].GetProperty("source").GetString());
        Assert.Equal("2024-08-08", facts["invoiceDate"].GetProperty("value").GetString());
        Assert.Equal("default", facts["rooted"].GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.False, facts["rooted"].GetProperty("value").ValueKind);

        var wp2 = root.GetProperty("clauses").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "WP-2");
        Assert.Equal("free", wp2.GetProperty("decides").GetString());
        Assert.Equal(new[] { "EX-14" }, wp2.GetProperty("overriddenBy").EnumerateArray().Select(e => e.GetString()));
        var condition = wp2.GetProperty("condition");
        Assert.Equal("warrantyActive and cause is manufacturingDefect", condition.GetProperty("text").GetString());
        Assert.Equal(2, condition.GetProperty("parts").GetArrayLength());
        var line = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "policy", "02-warranty-policy.policy"))[condition.GetProperty("span").GetProperty("line").GetInt32() - 1];
        Assert.Equal("  when warrantyActive and cause is manufacturingDefect", line);
        Assert.Equal(8, condition.GetProperty("span").GetProperty("column").GetInt32());
    }
}
