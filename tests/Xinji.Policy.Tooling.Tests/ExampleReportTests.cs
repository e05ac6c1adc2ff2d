using System.IO;
using System.Linq;
using Xinji.Policy.Tooling.Examples;
using static Xinji.Policy.Tooling.Tests.TestPolicy;

namespace Xinji.Policy.Tooling.Tests;

public class ExampleReportTests
{
    private static string Report(string examples)
    {
        var output = new StringWriter { NewLine = "\n" };
        ExampleReport.Write(output, ExampleRunner.Run(WithExamples(examples)));
        return output.ToString();
    }

    [Fact]
    public void The_report_lists_each_example_shows_expected_against_actual_for_failures_and_ends_with_the_clauses_no_example_cites()
    {
        var report = Report($$"""
            example "A claim in the first six months is repaired free"
              claim {{InWarranty}}
              expect free remedies fix cites C-1
            example "Water damage is paid"
              claim {{Wet}}
              expect free
                remedies fix
                cites C-1
            example "A misspelt field"
              claim {"kind": "phone", "bought": "2025-01-10",
                     "claimd": "2025-03-01"}
              expect free remedies fix cites C-1
            """);

        Assert.Equal("""
            Testing policy Repair with 3 examples

            PASS  A claim in the first six months is repaired free
            FAIL  Water damage is paid
                  repair.examples(4,9)
                  coverage  expected  free
                            actual    paid
                  cites     expected  C-1
                            actual    X-1
                            missing   C-1
                            extra     X-1
            FAIL  A misspelt field
                  repair.examples(9,9)
                  outcome  expected  free
                           actual    invalid claimd: unknown field; did you mean "claimed"?
                                     repair.examples(11,10)

            3 examples: 1 passed, 2 failed
            Clause coverage: 2 of 4 clauses (50%) cited by an example; not cited by any example:
              C-2  repair.policy(25,8)
              X-2  repair.policy(38,8)

            """, report);
    }

    [Fact]
    public void With_every_clause_cited_the_coverage_line_says_so()
    {
        var report = Report($$"""
            example "Free"
              claim {"kind": "band", "bought": "2025-01-10", "claimed": "2025-03-01", "visits": 3}
              expect free remedies fix, swap cites C-1, C-2
            example "Wet"
              claim {{Wet}}
              expect paid remedies fix cites X-1
            example "Expired"
              claim {{Expired}}
              expect paid remedies fix cites X-2
            """);

        Assert.EndsWith("3 examples: 3 passed, 0 failed\nClause coverage: 4 of 4 clauses (100%) cited by an example\n", report);
        Assert.Equal(3, report.Split('\n').Count(line => line.StartsWith("PASS  ", System.StringComparison.Ordinal)));
    }

    [Fact]
    public void A_rejected_field_is_located_where_the_claim_writes_it_the_second_time_when_written_twice_and_at_the_claim_when_missing()
    {
        var policy = WithExamples("""
            example "Twice"
              claim {"kind": "phone", "kind": "band"}
              expect invalid kind
            example "Missing"
              claim {"kind": "phone"}
              expect invalid bought
            """);

        Assert.Equal((2, 27), Position(ExampleReport.FieldSpan(policy.Examples[0], "kind")));
        Assert.Equal((5, 9), Position(ExampleReport.FieldSpan(policy.Examples[1], "bought")));
    }

    private static (int Line, int Column) Position(Dsl.Text.SourceSpan span) => (span.Line, span.Column);
}
