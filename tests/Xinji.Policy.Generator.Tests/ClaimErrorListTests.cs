using System.Linq;
using System.Text;
using Xinji.Policy.Runtime;

namespace Xinji.Policy.Generator.Tests;

/// <summary>
/// A claim with several mistakes is told all of them at once, in the order they stand in the JSON
/// and then the missing facts, by either engine: the reader skips a bad value and reads on.
/// </summary>
public class ClaimErrorListTests
{
    public static TheoryData<string> Engines => FixtureEngines.Names;

    [Theory]
    [MemberData(nameof(Engines))]
    public void Every_field_error_of_a_claim_is_reported_at_once(string engine)
    {
        var repair = FixtureEngines.Evaluator(engine, TestPolicies.Small);

        var refused = Refused(repair, """
            {"kind":"phnoe","bought":"2025-02-30","visits":"three","tampered":{"seal":[1,{"x":2}]},
             "colour":"red","registered":2025,"kind":"band","damage":null,"visits":2000000000}
            """);

        Assert.Equal(
            new[]
            {
                ("kind", "\"phnoe\" is not one of phone, band (did you mean \"phone\"?)"),
                ("bought", "\"2025-02-30\" is not a date: February 2025 has 28 days"),
                ("visits", "expected a whole number, found the string \"three\""),
                ("tampered", "expected true or false, found an object"),
                ("colour", "unknown field; the claim's fields are kind, bought, claimed, registered, damage, visits, tampered"),
                ("registered", "expected a date as \"YYYY-MM-DD\", found the number 2025"),
                ("kind", "the field is given twice"),
                ("damage", "cannot be null: the field is not optional"),
                ("visits", "the field is given twice"),
                ("claimed", "required field is missing"),
            },
            refused.Errors.Select(e => (e.Field, e.Problem)));
        Assert.Equal(string.Join("\n", refused.Errors.Select(e => e.Field + ": " + e.Problem)), refused.Message);
        Assert.Equal(("kind", "\"phnoe\" is not one of phone, band (did you mean \"phone\"?)"), (refused.Field, refused.Problem));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void A_bad_value_is_skipped_whole_and_the_fields_after_it_are_still_read(string engine)
    {
        var repair = FixtureEngines.Evaluator(engine, TestPolicies.Small);

        // Without skipping the array, the reader would take "kind" inside it for a field, or stop.
        var refused = Refused(repair, """{"damage":[{"kind":"x"},["bought"]],"kind":"phone","bought":"2025-01-01","claimed":"2025-01-02","visits":1000000001}""");

        Assert.Equal(
            new[]
            {
                ("damage", "expected one of none, water, found an array"),
                ("visits", "1000000001 is outside the numbers a claim can hold, -1000000000 to 1000000000"),
            },
            refused.Errors.Select(e => (e.Field, e.Problem)));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void A_required_fact_given_a_bad_value_is_not_also_called_missing(string engine)
    {
        var repair = FixtureEngines.Evaluator(engine, TestPolicies.Small);

        var refused = Refused(repair, """{"kind":"phone","bought":"2025-01-01","claimed":true}""");

        Assert.Equal(("claimed", "expected a date as \"YYYY-MM-DD\", found true"), Assert.Single(refused.Errors.Select(e => (e.Field, e.Problem))));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Json_that_is_not_json_stops_the_reading_with_that_one_error(string engine)
    {
        var repair = FixtureEngines.Evaluator(engine, TestPolicies.Small);

        var refused = Refused(repair, """{"kind":"phnoe","bought":"2025-01-01" "claimed":"2025-01-02"}""");

        Assert.Equal(("(claim)", "not valid JSON at line 1, byte 39"), Assert.Single(refused.Errors.Select(e => (e.Field, e.Problem))));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void A_valid_claim_after_the_change_is_still_decided(string engine)
    {
        var repair = FixtureEngines.Evaluator(engine, TestPolicies.Small);

        var decision = repair.Evaluate(Encoding.UTF8.GetBytes("""{"kind":"band","bought":"2025-01-01","claimed":"2025-02-01","registered":null,"damage":"water"}"""));

        Assert.Equal(Coverage.Paid, decision.Coverage);
    }

    private static ClaimInputException Refused(IPolicyEvaluator evaluator, string claim) =>
        Assert.Throws<ClaimInputException>(() => evaluator.Evaluate(Encoding.UTF8.GetBytes(claim)));
}
