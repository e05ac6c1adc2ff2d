using System.Text;
using Xinji.Policy.Runtime;

namespace Xinji.Policy.Generator.Tests;

/// <summary>
/// What a claim that is not valid input is told, by either engine: a day the month does not have
/// says so, and JSON that breaks where a person typically slips gets the hint the example files give.
/// </summary>
public class ClaimMessageTests
{
    public static TheoryData<string> Engines => FixtureEngines.Names;

    [Theory]
    [MemberData(nameof(Engines))]
    public void A_day_the_month_does_not_have_names_the_months_length(string engine)
    {
        var kettle = FixtureEngines.Evaluator(engine, FixtureEngines.Kettle);

        Assert.Equal("claimedOn: \"2025-02-30\" is not a date: February 2025 has 28 days", Refused(kettle, """{"fault":"lid","claimedOn":"2025-02-30"}"""));
        Assert.Equal("boughtOn: \"2024-02-30\" is not a date: February 2024 has 29 days", Refused(kettle, """{"fault":"lid","claimedOn":"2025-02-01","boughtOn":"2024-02-30"}"""));
        Assert.Equal("claimedOn: \"2025-04-31\" is not a date: April 2025 has 30 days", Refused(kettle, """{"fault":"lid","claimedOn":"2025-04-31"}"""));
        Assert.Equal("claimedOn: \"2025-13-01\" is not a date: the months are numbered 01 to 12", Refused(kettle, """{"fault":"lid","claimedOn":"2025-13-01"}"""));
        Assert.Equal("claimedOn: \"2025-01-00\" is not a date: the days of a month start at 01", Refused(kettle, """{"fault":"lid","claimedOn":"2025-01-00"}"""));
        Assert.Equal("claimedOn: \"2025-1-10\" is not a date of the form YYYY-MM-DD", Refused(kettle, """{"fault":"lid","claimedOn":"2025-1-10"}"""));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Json_that_breaks_at_an_unquoted_date_or_a_trailing_comma_says_what_to_write(string engine)
    {
        var kettle = FixtureEngines.Evaluator(engine, FixtureEngines.Kettle);

        Assert.Equal(
            "(claim): not valid JSON at line 1, byte 32: a date goes in double quotes, as \"2025-03-01\"",
            Refused(kettle, """{"fault":"lid","claimedOn":2025-03-01}"""));
        Assert.Equal(
            "(claim): not valid JSON at line 2, byte 19: a date goes in double quotes, as \"2025-03-01\"",
            Refused(kettle, "{\"fault\":\"lid\",\n \"claimedOn\": 2025-03-01}"));
        Assert.Equal(
            "(claim): not valid JSON at line 1, byte 41: a comma after the last field; remove it",
            Refused(kettle, """{"fault":"lid","claimedOn":"2025-03-01",}"""));
        Assert.Equal(
            "(claim): not valid JSON at line 3, byte 1: a comma after the last field; remove it",
            Refused(kettle, "{\"fault\":\"lid\",\n \"claimedOn\":\"2025-03-01\",\n}"));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Other_broken_json_gives_only_the_place(string engine)
    {
        var kettle = FixtureEngines.Evaluator(engine, FixtureEngines.Kettle);

        Assert.Equal("(claim): not valid JSON at line 1, byte 16", Refused(kettle, """{"fault":"lid" "claimedOn":"2025-03-01"}"""));
        Assert.Equal("(claim): not valid JSON at line 1, byte 41", Refused(kettle, """{"fault":"lid","claimedOn":"2025-03-01"}}"""));
    }

    private static string Refused(IPolicyEvaluator evaluator, string claim) =>
        Assert.Throws<ClaimInputException>(() => evaluator.Evaluate(Encoding.UTF8.GetBytes(claim))).Message;
}
