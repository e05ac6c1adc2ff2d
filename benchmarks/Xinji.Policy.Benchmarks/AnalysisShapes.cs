using System;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Xinji.Policy.Benchmarks;

/// <summary>
/// Policies shaped to stress the analysis: long exception chains, many exceptions to one clause,
/// a wide <c>earliest(…)</c>, a huge enum, many plain clauses, and definitions that double their
/// values at every level. Each is valid and small to write, and grows along one dimension.
/// Also compiled into the analysis tests, which check the answers (never the time).
/// </summary>
public static class AnalysisShapes
{
    private const string Header = """
        policy Shapes implements "Shapes document"
        fact claimed: date "The claim day."
        fact bought: optional date "The purchase day."
        fact visits: int = 0 "Earlier visits."
        reject visits when visits < 0 "Visits cannot be negative."
        warranty from bought through bought + 12 months - 1 day active when bought <= claimed and claimed < bought + 12 months
        note checked "Checked."
        section "Rules"

        """;

    /// <summary>A shape by the name the benchmarks and tests give it ("chain", "star", "earliest", "enum", "plain", "doubling"), at a size.</summary>
    public static string Named(string shape, int size) => shape switch
    {
        "chain" => ExceptionChain(size),
        "star" => ExceptionsToOneClause(size),
        "earliest" => WideEarliest(size),
        "enum" => LargeEnum(size),
        "plain" => PlainClauses(size),
        "doubling" => DoublingDefinitions(size),
        _ => throw new ArgumentException("Unknown shape " + shape, nameof(shape)),
    };

    /// <summary>C1 is an exception to C0, C2 to C1, and so on; each decides the other way from the one it overrides.</summary>
    public static string ExceptionChain(int length)
    {
        var text = new StringBuilder(Header);
        for (var i = 0; i < length; i++)
        {
            Clause(text, $"C{N(i)}", i == 0 ? null : $"C{N(i - 1)}", $"visits >= {N(i)}", i % 2 == 0 ? "free" : "paid");
        }

        return text.ToString();
    }

    /// <summary>One free clause for every claim and <paramref name="count"/> paid exceptions to it, one per visit count.</summary>
    public static string ExceptionsToOneClause(int count)
    {
        var text = new StringBuilder(Header);
        Clause(text, "B", null, "always", "free");
        for (var i = 0; i < count; i++)
        {
            Clause(text, $"E{N(i)}", "B", $"visits is {N(i + 1)}", "paid");
        }

        return text.ToString();
    }

    /// <summary>A warranty that starts at the earliest of <paramref name="arguments"/> optional dates.</summary>
    public static string WideEarliest(int arguments)
    {
        var text = new StringBuilder(Header);
        for (var i = 0; i < arguments; i++)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"fact d{N(i)}: optional date \"A date.\"");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"define start = earliest({string.Join(", ", Enumerable.Range(0, arguments).Select(i => "d" + N(i)))})");
        text.AppendLine("  \"The first of the dates.\"");
        Clause(text, "F", null, "start <= claimed and claimed < start + 12 months", "free");
        Clause(text, "P", null, "not (start <= claimed and claimed < start + 12 months)", "paid");
        return text.ToString();
    }

    /// <summary>An enum of <paramref name="values"/> members, one clause naming a member and one naming the rest.</summary>
    public static string LargeEnum(int values)
    {
        var text = new StringBuilder(Header.Replace("section \"Rules\"", string.Empty, StringComparison.Ordinal));
        text.AppendLine(CultureInfo.InvariantCulture, $"enum Model = {string.Join(" | ", Enumerable.Range(0, values).Select(i => "m" + N(i)))}");
        text.AppendLine("  \"The model.\"");
        text.AppendLine("fact model: Model \"The model.\"");
        text.AppendLine("section \"Rules\"");
        Clause(text, "F", null, "model is not m0", "free");
        Clause(text, "P", null, "model is m0", "paid");
        Clause(text, "N", null, $"model in {{m1, m{N(values / 2)}, m{N(values - 1)}}}", "note checked");
        return text.ToString();
    }

    /// <summary>
    /// <paramref name="clauses"/> clauses with no exceptions among them: one paid clause per visit
    /// count, each adding its own note, and one free clause for the other counts.
    /// </summary>
    public static string PlainClauses(int clauses)
    {
        var text = new StringBuilder(Header);
        for (var i = 0; i < clauses - 1; i++)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"note n{N(i)} \"A note.\"");
        }

        for (var i = 0; i < clauses - 1; i++)
        {
            Clause(text, $"P{N(i)}", null, $"visits is {N(i)}", $"paid\n       note n{N(i)}");
        }

        Clause(text, "F", null, $"visits >= {N(clauses - 1)}", "free");
        return text.ToString();
    }

    /// <summary>
    /// Definitions that each add one or two days to the one before, <paramref name="levels"/> deep:
    /// 2^levels ways to the value, but only levels + 1 distinct values.
    /// </summary>
    public static string DoublingDefinitions(int levels) => Doubling(levels, "1 day");

    /// <summary>
    /// Definitions that each add a day or a month to the one before, <paramref name="levels"/> deep:
    /// 2^levels distinct values (a month and a day do not commute at month ends).
    /// </summary>
    public static string ExponentialDefinitions(int levels) => Doubling(levels, "1 month");

    private static string Doubling(int levels, string otherStep)
    {
        var text = new StringBuilder(Header);
        for (var i = 1; i <= levels; i++)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"fact b{N(i)}: bool = false \"A choice.\"");
        }

        text.AppendLine("define l0 = claimed \"Level 0.\"");
        for (var i = 1; i <= levels; i++)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"define l{N(i)} = if b{N(i)} then l{N(i - 1)} + {otherStep} else l{N(i - 1)} + 1 day \"Level {N(i)}.\"");
        }

        Clause(text, "F", null, $"bought is known and l{N(levels)} < bought + 600 months", "free");
        Clause(text, "P", null, $"not (bought is known and l{N(levels)} < bought + 600 months)", "paid");
        return text.ToString();
    }

    private static void Clause(StringBuilder text, string id, string? exceptionTo, string condition, string effect)
    {
        text.Append("clause ").AppendLine(id);
        text.AppendLine("  quote \"A rule.\"");
        if (exceptionTo is not null)
        {
            text.Append("  exception to ").AppendLine(exceptionTo);
        }

        text.AppendLine(condition == "always" ? "  always" : "  when " + condition);
        text.Append("  then ").AppendLine(effect);
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
