using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Xinji.Policy.Generator.Diagnostics;
using Xinji.Policy.Testing;

namespace Xinji.Policy.Generator.Tests;

/// <summary>Policy problems as compiler diagnostics, on their exact spans in the .policy file.</summary>
public class AnalyzerTests
{
    private static CSharpAnalyzerTest<PolicyAnalyzer, DefaultVerifier> Test(string policy, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<PolicyAnalyzer, DefaultVerifier>
        {
            ReferenceAssemblies = ReferenceAssemblies.Net.Net80,
            TestCode = "class Program { }",
        };
        var (text, document) = QuotedSentences.Attach("/p/test.policy", policy);
        test.TestState.AdditionalFiles.Add(("/p/test.policy", text));
        if (document is { } d)
        {
            test.TestState.AdditionalFiles.Add((d.Path, d.Text));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test;
    }

    private static DiagnosticResult Error(string id, int line, int column, int endLine, int endColumn, string message) =>
        new DiagnosticResult(id, DiagnosticSeverity.Error).WithSpan("/p/test.policy", line, column, endLine, endColumn).WithMessage(message);

    [Fact]
    public async Task A_valid_policy_has_no_diagnostics() => await Test(TestPolicies.Small).RunAsync();

    [Fact]
    public async Task Several_syntax_errors_in_one_file_are_each_reported_on_their_span_without_cascading_errors()
    {
        var policy = TestPolicies.Small
            .Replace("fact visits: int = 0 \"Earlier visits for the same fault.\"", "fact visits: int = \"Earlier visits for the same fault.\"")
            .Replace("  when covered and damage is none", "  when covered and and damage is none");

        await Test(
            policy,
            Error("XP0001", 14, 20, 14, 21, "Expected an expression; found '\"'"),
            Error("XP0001", 36, 20, 36, 23, "Expected 'not' or a value; found 'and'")).RunAsync();
    }

    [Fact]
    public async Task An_unknown_name_is_reported_on_the_name()
    {
        await Test(
            TestPolicies.Small.Replace("when covered and damage is none", "when coverd and damage is none"),
            Error("XP0101", 36, 8, 36, 14, "Unknown name 'coverd' (facts are declared with 'fact', derived values with 'define')")).RunAsync();
    }

    [Fact]
    public async Task A_value_of_the_wrong_enum_is_a_type_mismatch_on_the_value()
    {
        await Test(
            TestPolicies.Small.Replace("damage is none", "damage is phone"),
            Error("XP0102", 36, 30, 36, 35, "'phone' is a value of Kind, not of Damage; the values of Damage are none, water")).RunAsync();
    }

    [Fact]
    public async Task A_date_compared_with_a_bool_is_a_type_mismatch_on_the_comparison()
    {
        await Test(
            TestPolicies.Small.Replace("when covered and damage is none", "when claimed < tampered"),
            Error("XP0102", 36, 8, 36, 26, "Cannot compare a date with a bool")).RunAsync();
    }

    [Fact]
    public async Task An_exception_to_an_unknown_clause_is_reported_on_the_target()
    {
        await Test(
            TestPolicies.Small.Replace("exception to C-1", "exception to C-9"),
            Error("XP0105", 50, 16, 50, 19, "'C-9' is not a clause, so this cannot be an exception to it")).RunAsync();
    }

    [Fact]
    public async Task A_duplicate_clause_id_is_reported_on_the_second_id()
    {
        await Test(
            TestPolicies.Small.Replace("clause X-2", "clause X-1"),
            Error("XP0104", 55, 8, 55, 11, "'X-1' is already the id of the clause at line 48")).RunAsync();
    }

    [Fact]
    public async Task A_conflict_is_reported_on_the_later_clause_with_the_other_clause_as_an_additional_location()
    {
        await Test(
            TestPolicies.Small.Replace("  exception to C-1\n", string.Empty),
            Error("XP2001", 48, 8, 48, 11,
                "Clauses 'C-1' (free) and 'X-1' (paid) both apply and disagree, and neither overrides the other; " +
                "for example {\"kind\":\"phone\",\"bought\":\"2025-01-01\",\"claimed\":\"2025-01-01\",\"tampered\":true}. Make one an exception to the other, or narrow a condition")
                .WithSpan("/p/test.policy", 34, 8, 34, 11)).RunAsync();
    }

    [Fact]
    public async Task A_gap_is_reported_on_the_policy_name_with_the_false_part_of_each_deciding_clause_as_additional_locations()
    {
        await Test(
            TestPolicies.Small.Replace("  when not covered or registered is not known and claimed > bought + 400 days", "  when not covered and tampered"),
            Error("XP2003", 2, 8, 2, 14,
                "Some valid claims get no coverage decision: no clause deciding free or paid applies to them; " +
                "for example {\"kind\":\"phone\",\"bought\":\"2025-01-01\",\"claimed\":\"2025-07-01\"}. " +
                "For this claim 'C-1' (free) does not apply, as 'covered' is false; 'X-1' (paid) does not apply, as 'damage in {water} or tampered' is false; " +
                "'X-2' (paid) does not apply, as 'tampered' is false. Add a clause that decides it, or widen one of these conditions")
                .WithSpan("/p/test.policy", 36, 8, 36, 15)
                .WithSpan("/p/test.policy", 51, 8, 51, 37)
                .WithSpan("/p/test.policy", 57, 24, 57, 32)).RunAsync();
    }

    [Fact]
    public async Task A_warranty_active_past_its_end_is_reported_on_the_warranty_declaration()
    {
        await Test(
            TestPolicies.Small.Replace("claimed < start + 6 months\n", "claimed < start + 7 months\n"),
            Error("XP2006", 22, 1, 22, 73,
                "The warranty's 'active when' disagrees with its period: for {\"kind\":\"phone\",\"bought\":\"2025-01-01\",\"claimed\":\"2025-07-01\"} the period is 2025-01-01 to 2025-06-30, " +
                "yet 'active when' holds on the claim date 2025-07-01. It must hold exactly when start <= claimed <= start + 6 months - 1 day; make the period's start and end, or the condition, agree")).RunAsync();
    }

    [Fact]
    public async Task The_severity_of_a_diagnostic_can_be_changed_in_editorconfig()
    {
        var test = Test(
            TestPolicies.Small.Replace("when covered and damage is none", "when coverd and damage is none"),
            new DiagnosticResult("XP0101", DiagnosticSeverity.Warning).WithSpan("/p/test.policy", 36, 8, 36, 14)
                .WithMessage("Unknown name 'coverd' (facts are declared with 'fact', derived values with 'define')"));
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\ndotnet_diagnostic.XP0101.severity = warning\n"));

        await test.RunAsync();
    }

    [Fact]
    public async Task A_diagnostic_can_be_turned_off_in_editorconfig()
    {
        var test = Test(TestPolicies.Small.Replace("when covered and damage is none", "when coverd and damage is none"));
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\ndotnet_diagnostic.XP0101.severity = none\n"));

        await test.RunAsync();
    }
}
