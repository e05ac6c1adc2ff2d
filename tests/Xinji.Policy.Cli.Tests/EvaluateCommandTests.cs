using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Sdk;

namespace Xinji.Policy.Cli.Tests;

/// <summary>
/// <c>xinji-policy evaluate</c>, in-process and (for exit codes, stdin and unreadable files) as a real process: exact stdout and stderr.
/// Paths are relative to the working directory (the repository root, or the test's temp folder),
/// so the tool's messages are predictable.
/// </summary>
public sealed class EvaluateCommandTests : IDisposable
{
    private const string Examples = "examples/claims/";

    private const string TypoClaim = Examples + "typo-in-field.json";

    private const string UsageHint = "Run 'xinji-policy --help' for usage.";

    // The decision contract, after the policy that decided (which PolicyOptionTests checks).
    private static readonly string[] ContractKeys = { "policy", "coverage", "remedies", "warranty", "clauses", "requirements", "notes" };

    private static readonly string[] Sections = { "Warranty Policy", "Warranty Duration", "Warranty Exclusions" };

    private static readonly Lazy<string> PolicyDocument = new(() =>
        File.ReadAllText(Path.Combine(CliRunner.WorkRoot, "policy", "after-sales-service-standard.txt")));

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    // ---- Text verdicts ------------------------------------------------------------------

    [Fact]
    public void Text_verdict_of_a_watch_defect_in_warranty_is_exact()
    {
        var result = CliRunner.Run("evaluate", Examples + "watch-defect-in-warranty.json");

        const string expected = """
            Claim:        examples/claims/watch-defect-in-warranty.json
            Coverage:     FREE (covered by the warranty)
            Remedies:     replacement
            Warranty:     2024-06-01 to 2025-05-31, active on the claim date
            Requirements:
              - Bring the original box pack to the service centre. (bringOriginalBox)
              - Present a valid proof of purchase: the invoice. (presentInvoice)
            Notes:
              - Where this policy conflicts with national laws and regulations, the laws and regulations prevail. (nationalLawsPrevail)
              - XINJI reserves the right of final analysis. (finalAnalysisReserved)
            Clauses:
              WP-2 (Warranty Policy)
                "During the warranty period, in case of functional failure during normal use, XINJI will provide free maintenance or replacement services according to the standard policy guidelines formulated by the company."
              WD-4 (Warranty Duration)
                "To avail warranty service support for XINJI products, customers are advised to carry the original box pack while visiting the service center along with valid purchase proof of Invoice."
              WD-5 (Warranty Duration)
                "During the warranty period, if the watch has non-artificial damage and product quality problems, it can be replaced for free;"
              WD-11 (Warranty Duration)
                "If there is any conflict between this service policy and national laws and regulations, all national laws and regulations shall prevail."
              EX-15 (Warranty Exclusions)
                "XINJI reserves the right of final analysis."

            """;
        AssertSuccess(result);
        Assert.Equal(expected, result.Body);
    }

    [Fact]
    public void Text_verdict_of_an_expired_claim_says_paid_not_active_and_none_for_empty_lists()
    {
        var result = InProcess.Run("evaluate", Examples + "iot-expired.json");

        AssertSuccess(result);
        var lines = result.BodyLines;
        Assert.Equal("Claim:        examples/claims/iot-expired.json", lines[0]);
        Assert.Equal("Coverage:     PAID (not covered by the warranty)", lines[1]);
        Assert.Equal("Remedies:     repair", lines[2]);
        Assert.Equal("Warranty:     2024-05-30 to 2025-05-29, not active on the claim date", lines[3]);
        Assert.Equal("Requirements: none", lines[4]);
        Assert.Contains("  EX-2 (Warranty Exclusions)", lines);
        Assert.Equal("    \"The device has exceeded the standard warranty duration.\"", lines[lines.ToList().IndexOf("  EX-2 (Warranty Exclusions)") + 1]);
    }

    [Fact]
    public void Text_verdict_quotes_the_same_clauses_as_the_json_decision()
    {
        var text = InProcess.Run("evaluate", Examples + "overseas-rooted.json");
        var json = InProcess.Run("evaluate", "--format", "json", Examples + "overseas-rooted.json");

        AssertSuccess(text);
        AssertSuccess(json);
        var lines = text.BodyLines.ToList();
        var clausesAt = lines.IndexOf("Clauses:");
        Assert.True(clausesAt > 0, "No 'Clauses:' line in" + Environment.NewLine + text);
        var quoted = new List<(string Id, string Section, string Text)>();
        for (var i = clausesAt + 1; i < lines.Count; i += 2)
        {
            var head = Regex.Match(lines[i], @"^  (\S+) \((.+)\)$");
            Assert.True(head.Success, "Not a clause heading: " + lines[i]);
            Assert.True(i + 1 < lines.Count, "Clause heading without its sentence: " + lines[i]);
            var sentence = Regex.Match(lines[i + 1], "^    \"(.+)\"$");
            Assert.True(sentence.Success, "Not a quoted sentence: " + lines[i + 1]);
            quoted.Add((head.Groups[1].Value, head.Groups[2].Value, sentence.Groups[1].Value));
        }

        var decision = ParseDecision(Assert.Single(json.BodyLines));
        var cited = decision.GetProperty("clauses").EnumerateArray()
            .Select(c => (c.GetProperty("id").GetString()!, c.GetProperty("section").GetString()!, c.GetProperty("text").GetString()!))
            .ToList();
        Assert.Equal(cited, quoted);
        Assert.Equal(new[] { "WD-10", "WD-11", "EX-1", "EX-14", "EX-15" }, quoted.Select(q => q.Id));

        // Requirements and notes: the description, then the code in parentheses.
        Assert.Contains("  - The service centre takes the customer's approval before flashing the software. (customerApprovalBeforeFlashing)", lines);
        Assert.Contains("  - Book an appointment with the service centre before the visit. (priorAppointment)", lines);
    }

    [Fact]
    public void Text_verdicts_of_several_files_are_separated_by_a_blank_line_in_argument_order()
    {
        var result = InProcess.Run("evaluate", Examples + "iot-expired.json", Examples + "watch-body-repair.json");

        AssertSuccess(result);
        var lines = result.BodyLines.ToList();
        var second = lines.IndexOf("Claim:        examples/claims/watch-body-repair.json");
        Assert.Equal("Claim:        examples/claims/iot-expired.json", lines[0]);
        Assert.True(second > 1, "Second verdict missing:" + Environment.NewLine + result);
        Assert.Equal(string.Empty, lines[second - 1]);
        Assert.Equal(1, lines.Count(l => l.Length == 0));
        Assert.Equal("Coverage:     FREE (covered by the warranty)", lines[second + 1]);
        Assert.Equal("Remedies:     repair, replacement", lines[second + 2]);
    }

    // ---- JSON decisions -----------------------------------------------------------------

    [Theory]
    [InlineData("accessory-without-papers.json", "free", "repair", "2024-12-24", "2025-12-23", true,
        "WP-2 WD-4 WD-7 WD-8 WD-11 EX-13 EX-15", "bringOriginalBox presentInvoice",
        "replacedPartsOwnedByXinji accessoryWarrantyProofAccepted nationalLawsPrevail finalAnalysisReserved")]
    [InlineData("iot-expired.json", "paid", "repair", "2024-05-30", "2025-05-29", false,
        "WD-11 EX-1 EX-2 EX-15", "", "nationalLawsPrevail finalAnalysisReserved")]
    [InlineData("overseas-rooted.json", "paid", "repair", "2024-08-08", "2025-08-07", true,
        "WD-10 WD-11 EX-1 EX-14 EX-15", "customerApprovalBeforeFlashing priorAppointment", "nationalLawsPrevail finalAnalysisReserved")]
    [InlineData("watch-body-repair.json", "free", "repair replacement", "2024-03-20", "2025-03-19", true,
        "WP-2 WD-4 WD-5 WD-6 WD-8 WD-11 EX-15", "bringOriginalBox presentInvoice",
        "replacedPartsOwnedByXinji nationalLawsPrevail finalAnalysisReserved")]
    [InlineData("watch-defect-in-warranty.json", "free", "replacement", "2024-06-01", "2025-05-31", true,
        "WP-2 WD-4 WD-5 WD-11 EX-15", "bringOriginalBox presentInvoice", "nationalLawsPrevail finalAnalysisReserved")]
    [InlineData("water-damage-sticker-missing.json", "paid", "repair", "2024-11-11", "2025-11-10", true,
        "WD-11 EX-1 EX-3 EX-9 EX-15", "", "nationalLawsPrevail finalAnalysisReserved")]
    public void Json_decision_of_each_example_claim(
        string file, string coverage, string remedies, string start, string end, bool active, string clauses, string requirements, string notes)
    {
        var result = InProcess.Run("evaluate", "--format", "json", Examples + file);

        AssertSuccess(result);
        var decision = ParseDecision(Assert.Single(result.BodyLines));
        AssertDecision(decision, coverage, remedies, start, end, active, clauses, requirements, notes);
    }

    [Fact]
    public void Json_decisions_cover_every_example_except_the_invalid_one()
    {
        var files = Directory.GetFiles(Path.Combine(CliRunner.WorkRoot, "examples", "claims"))
            .Select(Path.GetFileName)
            .Where(f => f != Path.GetFileName(TypoClaim))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(
            new[]
            {
                "accessory-without-papers.json", "batch.jsonl", "iot-expired.json", "overseas-rooted.json",
                "watch-body-repair.json", "watch-defect-in-warranty.json", "water-damage-sticker-missing.json",
            },
            files);

        var result = InProcess.Run(new[] { "evaluate", "--format", "json" }.Concat(files.Select(f => Examples + f)).ToArray());

        AssertSuccess(result);
        Assert.Equal(files.Length - 1 + 3, result.BodyLines.Count);
        Assert.Equal(
            new[] { "free", "free", "paid", "paid", "paid", "paid", "free", "free", "paid" },
            result.BodyLines.Select(l => ParseDecision(l).GetProperty("coverage").GetString()));
    }

    [Fact]
    public void Several_files_give_one_json_line_each_in_argument_order()
    {
        string[] files = { "water-damage-sticker-missing.json", "watch-defect-in-warranty.json", "iot-expired.json" };

        var together = InProcess.Run(new[] { "evaluate", "--format", "json" }.Concat(files.Select(f => Examples + f)).ToArray());

        AssertSuccess(together);
        Assert.Equal(3, together.BodyLines.Count);
        for (var i = 0; i < files.Length; i++)
        {
            var alone = InProcess.Run("evaluate", "--format", "json", Examples + files[i]);
            AssertSuccess(alone);
            Assert.Equal(Assert.Single(alone.BodyLines), together.BodyLines[i]);
        }

        Assert.Equal(
            new[] { "paid", "free", "paid" },
            together.BodyLines.Select(l => ParseDecision(l).GetProperty("coverage").GetString()));
    }

    [Fact]
    public void Jsonl_file_gives_one_json_decision_per_line()
    {
        var result = InProcess.Run("evaluate", "--format", "json", Examples + "batch.jsonl");

        AssertSuccess(result);
        Assert.Equal(3, result.BodyLines.Count);
        AssertDecision(ParseDecision(result.BodyLines[0]), "free", "replacement", "2024-06-01", "2025-05-31", true,
            "WP-2 WD-4 WD-5 WD-11 EX-15", "bringOriginalBox presentInvoice", "nationalLawsPrevail finalAnalysisReserved");
        AssertDecision(ParseDecision(result.BodyLines[1]), "paid", "repair", "2024-06-01", "2025-05-31", true,
            "WD-11 EX-1 EX-9 EX-15", "", "nationalLawsPrevail finalAnalysisReserved");
        AssertDecision(ParseDecision(result.BodyLines[2]), "paid", "repair", "2023-06-01", "2024-05-31", false,
            "WD-11 EX-1 EX-2 EX-15", "", "nationalLawsPrevail finalAnalysisReserved");
    }

    [Fact]
    public void Jsonl_lines_are_decided_as_if_each_were_its_own_claim_file()
    {
        var claims = File.ReadAllLines(Path.Combine(CliRunner.WorkRoot, "examples", "claims", "batch.jsonl"))
            .Where(l => l.Trim().Length > 0)
            .ToArray();
        var batch = InProcess.Run(new[] { "evaluate", "--format", "json", Path.Combine(CliRunner.WorkRoot, "examples", "claims", "batch.jsonl") }, temp.Path);
        var single = InProcess.Run(
            new[] { "evaluate", "--format", "json" }.Concat(claims.Select((c, i) => temp.Write($"claim{i}.json", c))).ToArray(),
            temp.Path);

        AssertSuccess(batch);
        AssertSuccess(single);
        Assert.Equal(3, batch.BodyLines.Count);
        Assert.Equal(single.BodyLines, batch.BodyLines);
    }

    [Fact]
    public void Jsonl_file_with_crlf_line_ends_and_blank_lines_is_read()
    {
        temp.Write("crlf.jsonl", "\r\n" + Claim("smartWatch", "manufacturingDefect") + "\r\n\r\n" + Claim("iotDevice", "fall") + "\r\n");

        var result = InProcess.Run(new[] { "evaluate", "--format", "json", "crlf.jsonl" }, temp.Path);

        AssertSuccess(result);
        Assert.Equal(new[] { "free", "paid" }, result.BodyLines.Select(l => ParseDecision(l).GetProperty("coverage").GetString()));
    }

    // ---- Stdin ----------------------------------------------------------------------------

    [Fact]
    public void Stdin_with_one_pretty_printed_claim_is_decided_like_the_file()
    {
        var claim = File.ReadAllText(Path.Combine(CliRunner.WorkRoot, "examples", "claims", "watch-defect-in-warranty.json"));
        Assert.Contains("\n  \"product\"", claim.Replace("\r\n", "\n", StringComparison.Ordinal));

        var json = CliRunner.Run(new[] { "evaluate", "--format", "json", "-" }, workingDirectory: null, stdin: claim);
        var text = CliRunner.Run(new[] { "evaluate", "-" }, workingDirectory: null, stdin: claim);
        var file = CliRunner.Run("evaluate", Examples + "watch-defect-in-warranty.json");

        AssertSuccess(json);
        AssertDecision(ParseDecision(Assert.Single(json.BodyLines)), "free", "replacement", "2024-06-01", "2025-05-31", true,
            "WP-2 WD-4 WD-5 WD-11 EX-15", "bringOriginalBox presentInvoice", "nationalLawsPrevail finalAnalysisReserved");
        AssertSuccess(text);
        Assert.Equal("Claim:        <stdin>", text.BodyLines[0]);
        Assert.Equal(file.BodyLines.Skip(1), text.BodyLines.Skip(1));
    }

    [Fact]
    public void Stdin_with_json_lines_gives_one_decision_per_line()
    {
        var lines = File.ReadAllText(Path.Combine(CliRunner.WorkRoot, "examples", "claims", "batch.jsonl"));

        var stdin = InProcess.Run(new[] { "evaluate", "--format", "json", "-" }, workingDirectory: null, stdin: lines);
        var file = InProcess.Run("evaluate", "--format", "json", Examples + "batch.jsonl");

        AssertSuccess(stdin);
        Assert.Equal(3, stdin.BodyLines.Count);
        Assert.Equal(file.BodyLines, stdin.BodyLines);
    }

    [Fact]
    public void Stdin_json_lines_name_claims_by_line_number_in_text_verdicts()
    {
        var stdin = Claim("smartWatch", "manufacturingDefect") + "\n\n" + Claim("iotDevice", "fall") + "\n";

        var result = InProcess.Run(new[] { "evaluate", "-" }, workingDirectory: null, stdin: stdin);

        AssertSuccess(result);
        Assert.Equal(
            new[] { "Claim:        <stdin>:1", "Claim:        <stdin>:3" },
            result.BodyLines.Where(l => l.StartsWith("Claim:", StringComparison.Ordinal)));
    }

    [Fact]
    public void Stdin_claim_without_dates_has_no_warranty_period()
    {
        const string claim = """{"product":"smartWatch","claimDate":"2025-03-10","cause":"fall"}""";

        var json = InProcess.Run(new[] { "evaluate", "--format", "json", "-" }, workingDirectory: null, stdin: claim);
        var text = InProcess.Run(new[] { "evaluate", "-" }, workingDirectory: null, stdin: claim);

        AssertSuccess(json);
        var warranty = ParseDecision(Assert.Single(json.BodyLines)).GetProperty("warranty");
        Assert.Equal(JsonValueKind.Null, warranty.GetProperty("start").ValueKind);
        Assert.Equal(JsonValueKind.Null, warranty.GetProperty("end").ValueKind);
        Assert.False(warranty.GetProperty("active").GetBoolean());
        AssertSuccess(text);
        Assert.Contains("Warranty:     not established (no activation or invoice date), not active", text.BodyLines);
    }

    [Fact]
    public void A_claim_without_dates_cites_where_the_warranty_period_starts_not_that_it_was_exceeded()
    {
        const string claim = """{"product":"smartWatch","claimDate":"2025-03-10","cause":"manufacturingDefect"}""";

        var result = InProcess.Run(new[] { "evaluate", "-" }, workingDirectory: null, stdin: claim);

        AssertSuccess(result);
        var lines = result.BodyLines.ToList();
        Assert.Equal(
            "    \"The warranty period of the device is applicable from the activation date or Invoice date whichever is earlier.\"",
            lines[lines.IndexOf("  WD-12 (Warranty Duration)") + 1]);
        Assert.DoesNotContain("  EX-2 (Warranty Exclusions)", lines);
        Assert.DoesNotContain(lines, l => l.Contains("exceeded the standard warranty duration", StringComparison.Ordinal));
    }

    [Fact]
    public void Stdin_json_lines_with_a_bad_line_report_it_by_line_number()
    {
        var stdin = Claim("smartWatch", "manufacturingDefect") + "\n" + Claim("smartWatch", "lightning") + "\n" + Claim("iotDevice", "fall") + "\n";

        var result = InProcess.Run(new[] { "evaluate", "--format", "json", "-" }, workingDirectory: null, stdin: stdin);

        AssertInvalidInput(result);
        Assert.Equal(3, result.BodyLines.Count);
        Assert.Equal("free", ParseDecision(result.BodyLines[0]).GetProperty("coverage").GetString());
        Assert.Equal(
            """{"input":"<stdin>","line":2,"error":{"field":"cause","message":"\"lightning\" is not one of manufacturingDefect, fall, squeeze, water, abnormalUse, abnormalStorage, abnormalOperation, extremeConditions, actOfGod, naturalWear, nonXinjiAccessory"},"errors":[{"field":"cause","message":"\"lightning\" is not one of manufacturingDefect, fall, squeeze, water, abnormalUse, abnormalStorage, abnormalOperation, extremeConditions, actOfGod, naturalWear, nonXinjiAccessory"}]}""",
            result.BodyLines[1]);
        Assert.Equal("paid", ParseDecision(result.BodyLines[2]).GetProperty("coverage").GetString());
        Assert.Equal(
            "<stdin>:2: invalid claim: cause: \"lightning\" is not one of manufacturingDefect, fall, squeeze, water, abnormalUse, abnormalStorage, abnormalOperation, extremeConditions, actOfGod, naturalWear, nonXinjiAccessory",
            Assert.Single(result.StdErrLines));
    }

    // ---- Invalid claims -------------------------------------------------------------------

    [Fact]
    public void Typo_in_a_field_name_exits_2_with_one_line_naming_the_field()
    {
        var result = InProcess.Run("evaluate", TypoClaim);

        AssertInvalidInput(result);
        Assert.Equal(string.Empty, result.Body);
        Assert.Equal(
            "examples/claims/typo-in-field.json: invalid claim: warantySticker: unknown field; did you mean \"warrantySticker\"?",
            Assert.Single(result.StdErrLines));
    }

    [Fact]
    public void Typo_in_a_field_name_is_reported_the_same_way_with_json_format()
    {
        var result = InProcess.Run("evaluate", "--format", "json", TypoClaim);

        AssertInvalidInput(result);
        Assert.Equal(string.Empty, result.Body);
        Assert.Contains("warantySticker", Assert.Single(result.StdErrLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData( // wrong enum value
        """{"product":"smartwatch","claimDate":"2025-03-10","invoiceDate":"2024-06-01","cause":"manufacturingDefect"}""",
        "product: \"smartwatch\" is not one of smartWatch, iotDevice, accessory (did you mean \"smartWatch\"?)")]
    [InlineData( // malformed date
        """{"product":"smartWatch","claimDate":"2025-3-10","invoiceDate":"2024-06-01","cause":"manufacturingDefect"}""",
        "claimDate: \"2025-3-10\" is not a date of the form YYYY-MM-DD")]
    [InlineData( // a day that does not exist
        """{"product":"smartWatch","claimDate":"2025-03-10","invoiceDate":"2024-02-30","cause":"manufacturingDefect"}""",
        "invoiceDate: \"2024-02-30\" is not a date: February 2024 has 29 days")]
    [InlineData( // a date as a number
        """{"product":"smartWatch","claimDate":20250310,"cause":"fall"}""",
        "claimDate: expected a date as \"YYYY-MM-DD\", found the number 20250310")]
    [InlineData( // missing required fields
        """{"product":"smartWatch","claimDate":"2025-03-10","invoiceDate":"2024-06-01"}""",
        "cause: required field is missing")]
    [InlineData(
        """{"claimDate":"2025-03-10","cause":"fall"}""",
        "product: required field is missing")]
    [InlineData(
        """{"product":"smartWatch","cause":"fall"}""",
        "claimDate: required field is missing")]
    [InlineData( // claimDate before invoiceDate
        """{"product":"smartWatch","claimDate":"2024-03-10","invoiceDate":"2024-06-01","cause":"manufacturingDefect"}""",
        "claimDate: The claim date is before the invoice date: a claim cannot predate the purchase.")]
    [InlineData(
        """{"product":"smartWatch","claimDate":"2025-02-10","activationDate":"2025-03-01","cause":"fall"}""",
        "claimDate: The claim date is before the activation date: a claim cannot predate the activation.")]
    [InlineData(
        """{"product":"smartWatch","claimDate":"2025-02-10","deliveryDate":"2025-03-01","cause":"fall"}""",
        "deliveryDate: The delivery date is after the claim date: a product is claimed for after it arrives.")]
    [InlineData(
        """{"product":"iotDevice","part":"watchBody","claimDate":"2025-02-10","cause":"fall"}""",
        "part: Only a smart watch has a separate watch body.")]
    [InlineData( // wrong type, null for a required fact, a field given twice
        """{"product":"smartWatch","claimDate":"2025-03-10","cause":"fall","rooted":"yes"}""",
        "rooted: expected true or false, found the string \"yes\"")]
    [InlineData(
        """{"product":null,"claimDate":"2025-03-10","cause":"fall"}""",
        "product: cannot be null: the field is not optional")]
    [InlineData(
        """{"product":"smartWatch","product":"iotDevice","claimDate":"2025-03-10","cause":"fall"}""",
        "product: the field is given twice")]
    [InlineData( // not a claim at all
        "[1]",
        "(claim): expected a JSON object, found an array")]
    [InlineData(
        "",
        "(claim): not valid JSON at line 1, byte 1")]
    [InlineData(
        """{"product":"smartWatch","claimDate":"2025-03-10",""",
        "(claim): not valid JSON at line 1, byte 49")]
    public void Invalid_claim_exits_2_with_one_line_naming_the_field(string claim, string problem)
    {
        temp.Write("claim.json", claim);

        var result = InProcess.Run(new[] { "evaluate", "claim.json" }, temp.Path);

        AssertInvalidInput(result);
        Assert.Equal(string.Empty, result.Body);
        Assert.Equal("claim.json: invalid claim: " + problem, Assert.Single(result.StdErrLines));
    }

    [Fact]
    public void A_claim_with_several_mistakes_gets_one_line_for_each_in_one_run()
    {
        temp.Write("claim.json", """{"product":"smartwach","claimDate":"2025-02-30","cause":"fall","rooted":"no","warrantySticer":"intact"}""");

        var result = InProcess.Run(new[] { "evaluate", "claim.json" }, temp.Path);

        AssertInvalidInput(result);
        Assert.Equal(string.Empty, result.Body);
        Assert.Equal(
            new[]
            {
                "claim.json: invalid claim: product: \"smartwach\" is not one of smartWatch, iotDevice, accessory (did you mean \"smartWatch\"?)",
                "claim.json: invalid claim: claimDate: \"2025-02-30\" is not a date: February 2025 has 28 days",
                "claim.json: invalid claim: rooted: expected true or false, found the string \"no\"",
                "claim.json: invalid claim: warrantySticer: unknown field; did you mean \"warrantySticker\"?",
            },
            result.StdErrLines);
    }

    [Fact]
    public void A_json_lines_claim_with_several_mistakes_gets_every_error_in_its_error_object_and_on_stderr()
    {
        temp.Write("claims.jsonl", Claim("iotDevice", "fall") + "\n" + """{"product":"iotDevice","cause":"lightning","rooted":1}""" + "\n");

        var result = InProcess.Run(new[] { "evaluate", "--format", "json", "claims.jsonl" }, temp.Path);

        AssertInvalidInput(result);
        Assert.Equal(2, result.BodyLines.Count);
        using var line = JsonDocument.Parse(result.BodyLines[1]);
        var errors = line.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToArray();
        Assert.Equal(new[] { "cause", "rooted", "claimDate" }, errors);
        Assert.Equal("cause", line.RootElement.GetProperty("error").GetProperty("field").GetString());
        Assert.Equal(
            new[] { "claims.jsonl:2: invalid claim: cause: ", "claims.jsonl:2: invalid claim: rooted: ", "claims.jsonl:2: invalid claim: claimDate: " },
            result.StdErrLines.Select(l => l[..(l.IndexOf(": ", l.IndexOf("claim: ", StringComparison.Ordinal) + 7, StringComparison.Ordinal) + 2)]));
    }

    [Fact]
    public void Jsonl_with_one_bad_line_prints_the_good_decisions_and_reports_the_line()
    {
        temp.Write(
            "mixed.jsonl",
            Claim("smartWatch", "manufacturingDefect") + "\n"
            + """{"product":"smartWatch","claimDate":"2025-03-10","cause":"fall","warantySticker":"intact"}""" + "\n"
            + Claim("iotDevice", "fall") + "\n");

        var result = InProcess.Run(new[] { "evaluate", "--format", "json", "mixed.jsonl" }, temp.Path);

        AssertInvalidInput(result);
        Assert.Equal(3, result.BodyLines.Count);
        Assert.Equal(new[] { "free", "paid" }, new[] { result.BodyLines[0], result.BodyLines[2] }.Select(l => ParseDecision(l).GetProperty("coverage").GetString()));
        Assert.Equal(
            """{"input":"mixed.jsonl","line":2,"error":{"field":"warantySticker","message":"unknown field; did you mean \"warrantySticker\"?"},"errors":[{"field":"warantySticker","message":"unknown field; did you mean \"warrantySticker\"?"}]}""",
            result.BodyLines[1]);
        Assert.Equal(
            "mixed.jsonl:2: invalid claim: warantySticker: unknown field; did you mean \"warrantySticker\"?",
            Assert.Single(result.StdErrLines));
    }

    [Fact]
    public void Jsonl_line_that_is_not_a_claim_gets_an_error_line_without_a_field()
    {
        temp.Write("broken.jsonl", "[1]\n" + Claim("iotDevice", "fall") + "\n");

        var result = InProcess.Run(new[] { "evaluate", "--format", "json", "broken.jsonl" }, temp.Path);

        AssertInvalidInput(result);
        Assert.Equal(2, result.BodyLines.Count);
        using var error = JsonDocument.Parse(result.BodyLines[0]);
        Assert.Equal("broken.jsonl", error.RootElement.GetProperty("input").GetString());
        Assert.Equal(1, error.RootElement.GetProperty("line").GetInt32());
        Assert.Equal(JsonValueKind.Null, error.RootElement.GetProperty("error").GetProperty("field").ValueKind);
        Assert.Equal("expected a JSON object, found an array", error.RootElement.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal("paid", ParseDecision(result.BodyLines[1]).GetProperty("coverage").GetString());
        Assert.Equal("broken.jsonl:1: invalid claim: (claim): expected a JSON object, found an array", Assert.Single(result.StdErrLines));
    }

    [Fact]
    public void Jsonl_line_numbers_count_blank_lines()
    {
        temp.Write("gaps.jsonl", Claim("smartWatch", "fall") + "\n\n" + Claim("smartWatch", "lightning") + "\n");

        var result = InProcess.Run(new[] { "evaluate", "--format", "json", "gaps.jsonl" }, temp.Path);

        AssertInvalidInput(result);
        Assert.Equal(2, result.BodyLines.Count);
        Assert.StartsWith("""{"input":"gaps.jsonl","line":3,"error":{"field":"cause",""", result.BodyLines[1], StringComparison.Ordinal);
        Assert.StartsWith("gaps.jsonl:3: invalid claim: cause: \"lightning\" is not one of ", Assert.Single(result.StdErrLines), StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_claim_among_several_files_does_not_stop_the_others()
    {
        var result = InProcess.Run("evaluate", "--format", "json", Examples + "iot-expired.json", TypoClaim, Examples + "watch-body-repair.json");

        AssertInvalidInput(result);
        Assert.Equal(new[] { "paid", "free" }, result.BodyLines.Select(l => ParseDecision(l).GetProperty("coverage").GetString()));
        Assert.StartsWith(TypoClaim + ": invalid claim: warantySticker: ", Assert.Single(result.StdErrLines), StringComparison.Ordinal);
    }

    // ---- Files that cannot be read --------------------------------------------------------

    [Fact]
    public void Missing_file_exits_2_naming_the_path()
    {
        var result = CliRunner.Run(new[] { "evaluate", "no-such-claim.json" }, temp.Path);

        AssertInvalidInput(result);
        Assert.Equal(string.Empty, result.Body);
        Assert.Equal("xinji-policy: cannot read no-such-claim.json: no such file", Assert.Single(result.StdErrLines));
    }

    [Fact]
    public void Missing_file_among_good_ones_is_reported_and_the_others_are_decided()
    {
        var result = InProcess.Run("evaluate", "--format", "json", Examples + "iot-expired.json", "examples/claims/nope.json");

        AssertInvalidInput(result);
        Assert.Equal("paid", ParseDecision(Assert.Single(result.BodyLines)).GetProperty("coverage").GetString());
        Assert.Equal("xinji-policy: cannot read examples/claims/nope.json: no such file", Assert.Single(result.StdErrLines));
    }

    [Fact]
    public void Directory_instead_of_a_file_exits_2_naming_the_path()
    {
        var result = InProcess.Run("evaluate", "examples/claims");

        AssertInvalidInput(result);
        Assert.Equal(string.Empty, result.Body);
        Assert.Equal("xinji-policy: cannot read examples/claims: is a directory, not a claim file", Assert.Single(result.StdErrLines));
    }

    [Fact]
    public void Unreadable_file_exits_2_naming_the_path()
    {
        var path = UnreadableFile();

        var result = CliRunner.Run(new[] { "evaluate", path }, temp.Path);

        AssertInvalidInput(result);
        Assert.Equal(string.Empty, result.Body);
        Assert.StartsWith("xinji-policy: cannot read " + path + ": ", Assert.Single(result.StdErrLines), StringComparison.Ordinal);
    }

    // ---- Command line ---------------------------------------------------------------------

    [Fact]
    public void Unknown_option_of_the_root_command_exits_2()
    {
        var result = CliRunner.Run("--bogus");

        AssertInvalidInput(result);
        Assert.Equal(string.Empty, result.Body);
        Assert.Contains("xinji-policy: Unrecognized command or argument '--bogus'.", result.StdErrLines);
        Assert.Equal(UsageHint, result.StdErrLines[^1]);
    }

    [Fact]
    public void Unknown_option_of_evaluate_exits_2_naming_it()
    {
        var result = InProcess.Run("evaluate", "--bogus", Examples + "iot-expired.json");

        AssertInvalidInput(result);
        Assert.Contains(result.StdErrLines, l => l.Contains("--bogus", StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_option_of_evaluate_is_rejected_before_any_claim_is_decided()
    {
        var result = InProcess.Run("evaluate", "--bogus", Examples + "iot-expired.json");

        AssertInvalidInput(result);
        Assert.Equal(string.Empty, result.Body);
        Assert.Contains("xinji-policy: Unrecognized command or argument '--bogus'.", result.StdErrLines);
        Assert.DoesNotContain(result.StdErrLines, l => l.Contains("cannot read", StringComparison.Ordinal));
    }

    [Fact]
    public void Format_xml_exits_2_naming_the_value_and_the_accepted_ones()
    {
        var result = InProcess.Run("evaluate", "--format", "xml", Examples + "iot-expired.json");

        AssertInvalidInput(result);
        Assert.Equal(string.Empty, result.Body);
        Assert.StartsWith("xinji-policy: Argument 'xml' not recognized.", result.StdErrLines[0], StringComparison.Ordinal);
        Assert.Contains("'text'", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("'json'", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(UsageHint, result.StdErrLines[^1]);
    }

    [Fact]
    public void Format_xml_is_reported_on_one_line()
    {
        var result = InProcess.Run("evaluate", "--format", "xml", Examples + "iot-expired.json");

        AssertInvalidInput(result);
        Assert.Equal(2, result.StdErrLines.Count);
        Assert.Equal(UsageHint, result.StdErrLines[1]);
    }

    [Theory]
    [InlineData(new[] { "evaluate", "--format" }, "xinji-policy: Required argument missing for option: '--format'.")]
    [InlineData(new[] { "evaluate" }, "xinji-policy: Required argument missing for command: 'evaluate'.")]
    [InlineData(new string[0], "xinji-policy: Required command was not provided.")]
    [InlineData(new[] { "evaluate", "--format", "json", "--format", "text", "x.json" }, "xinji-policy: Option '--format' expects a single argument but 2 were provided.")]
    public void Incomplete_command_line_exits_2_with_the_usage_hint(string[] args, string message)
    {
        var result = InProcess.Run(args);

        AssertInvalidInput(result);
        Assert.Equal(string.Empty, result.Body);
        Assert.Contains(message, result.StdErrLines);
        Assert.Equal(UsageHint, result.StdErrLines[^1]);
    }

    [Fact]
    public void Help_exits_0_and_lists_evaluate()
    {
        var result = CliRunner.Run("--help");

        AssertSuccess(result);
        var lines = result.BodyLines.ToList();
        var commands = lines.IndexOf("Commands:");
        Assert.True(commands >= 0, "No 'Commands:' section in" + Environment.NewLine + result);
        Assert.Matches(@"^  evaluate <FILE>\s+Decide claims", lines[commands + 1]);
    }

    [Fact]
    public void Evaluate_help_exits_0_and_describes_files_and_format()
    {
        var result = InProcess.Run("evaluate", "--help");

        AssertSuccess(result);
        Assert.Contains("  xinji-policy evaluate <FILE>... [options]", result.BodyLines);
        Assert.Contains(result.BodyLines, l => Regex.IsMatch(l, @"^  --format <json\|text>\s+text: .*\[default: text\]$"));
    }

    // ---- The runner itself ----------------------------------------------------------------

    [Fact]
    public void Runner_finds_the_repository_and_the_tool_next_to_the_tests()
    {
        Assert.True(File.Exists(Path.Combine(CliRunner.RepoRoot, "Xinji.Policy.sln")));
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "xinji-policy.dll")));
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "xinji-policy.runtimeconfig.json")));
    }

    [Fact]
    public void Runner_kills_a_run_that_outlives_its_timeout_and_fails_the_test()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // A FIFO is how this test makes the tool wait forever; Windows has none.
        }

        // Opening a FIFO for reading blocks until a writer comes, which none does: the tool hangs.
        var fifo = Path.Combine(temp.Path, "hang.json");
        Assert.Equal(0, MakeFifo(System.Text.Encoding.UTF8.GetBytes(fifo + "\0"), Convert.ToUInt32("600", 8)));
        var started = DateTime.UtcNow;

        var failure = Assert.ThrowsAny<XunitException>(() => CliRunner.Run(new[] { "evaluate", fifo }, temp.Path, timeout: TimeSpan.FromSeconds(2)));

        Assert.Contains("timed out after 2 s and was killed", failure.Message, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20), "The runner waited far beyond its timeout.");
    }

    // ---- Helpers --------------------------------------------------------------------------

    private static string Claim(string product, string cause) =>
        $$"""{"product":"{{product}}","claimDate":"2025-03-10","invoiceDate":"2024-06-01","cause":"{{cause}}"}""";

    private static void AssertSuccess(CliResult result)
    {
        Assert.True(result.ExitCode == 0, "Expected exit code 0:" + Environment.NewLine + result);
        Assert.True(result.StdErr.Length == 0, "Expected nothing on stderr:" + Environment.NewLine + result);
        Assert.True(result.Body.Length > 0, "Expected output on stdout:" + Environment.NewLine + result);
    }

    private static void AssertInvalidInput(CliResult result)
    {
        Assert.True(result.ExitCode == 2, "Expected exit code 2 (invalid input):" + Environment.NewLine + result);
        Assert.True(result.StdErrLines.Count > 0, "Expected a message on stderr:" + Environment.NewLine + result);
        CliRunner.AssertNoStackTrace(result);
    }

    /// <summary>Parses one stdout line and checks it is a compact decision in the contract's shape.</summary>
    private static JsonElement ParseDecision(string line)
    {
        AssertCompact(line);
        using var document = JsonDocument.Parse(line);
        var decision = document.RootElement.Clone();

        Assert.Equal(JsonValueKind.Object, decision.ValueKind);
        Assert.Equal(ContractKeys, decision.EnumerateObject().Select(p => p.Name));
        Assert.Contains(decision.GetProperty("coverage").GetString(), new[] { "free", "paid" });
        foreach (var list in new[] { "remedies", "requirements", "notes" })
        {
            var array = decision.GetProperty(list);
            Assert.Equal(JsonValueKind.Array, array.ValueKind);
            Assert.All(array.EnumerateArray(), code => Assert.Matches("^[a-z][A-Za-z]+$", code.GetString()));
        }

        Assert.NotEmpty(decision.GetProperty("remedies").EnumerateArray());
        var warranty = decision.GetProperty("warranty");
        Assert.Equal(new[] { "start", "end", "active" }, warranty.EnumerateObject().Select(p => p.Name));
        foreach (var date in new[] { warranty.GetProperty("start"), warranty.GetProperty("end") })
        {
            if (date.ValueKind != JsonValueKind.Null)
            {
                Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", date.GetString());
            }
        }

        Assert.Contains(warranty.GetProperty("active").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
        var clauses = decision.GetProperty("clauses");
        Assert.Equal(JsonValueKind.Array, clauses.ValueKind);
        Assert.NotEmpty(clauses.EnumerateArray());
        foreach (var clause in clauses.EnumerateArray())
        {
            Assert.Equal(new[] { "id", "section", "text" }, clause.EnumerateObject().Select(p => p.Name));
            Assert.Matches(@"^[A-Z]{2}-\d+$", clause.GetProperty("id").GetString());
            Assert.Contains(clause.GetProperty("section").GetString(), Sections);
            var text = clause.GetProperty("text").GetString()!;
            Assert.True(PolicyDocument.Value.Contains(text, StringComparison.Ordinal), "Clause text is not quoted from the policy document: " + text);
        }

        return decision;
    }

    private static void AssertDecision(
        JsonElement decision, string coverage, string remedies, string? start, string? end, bool active, string clauses, string requirements, string notes)
    {
        Assert.Equal(coverage, decision.GetProperty("coverage").GetString());
        Assert.Equal(Words(remedies), Strings(decision.GetProperty("remedies")));
        var warranty = decision.GetProperty("warranty");
        Assert.Equal(start, warranty.GetProperty("start").GetString());
        Assert.Equal(end, warranty.GetProperty("end").GetString());
        Assert.Equal(active, warranty.GetProperty("active").GetBoolean());
        Assert.Equal(Words(clauses), decision.GetProperty("clauses").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.Equal(Words(requirements), Strings(decision.GetProperty("requirements")));
        Assert.Equal(Words(notes), Strings(decision.GetProperty("notes")));
    }

    private static string[] Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static IEnumerable<string?> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString());

    /// <summary>One compact line: no whitespace outside strings.</summary>
    private static void AssertCompact(string line)
    {
        var inString = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '"')
            {
                inString = true;
            }
            else
            {
                Assert.False(char.IsWhiteSpace(c), $"Whitespace outside a string at {i} in a JSON line: {line}");
            }
        }
    }

    /// <summary>A path the tool finds but cannot read: a file without permissions, or (as root, who may read it anyway) /proc/self/mem.</summary>
    private string UnreadableFile()
    {
        var path = temp.Write("locked.json", Claim("smartWatch", "fall"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.None);
            try
            {
                File.ReadAllBytes(path);
            }
            catch (UnauthorizedAccessException)
            {
                return path;
            }

            if (OperatingSystem.IsLinux())
            {
                return "/proc/self/mem";
            }
        }

        Assert.Fail("No way to make an unreadable file here.");
        return path;
    }

    [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int MakeFifo(byte[] nulTerminatedUtf8Path, uint mode);
}
