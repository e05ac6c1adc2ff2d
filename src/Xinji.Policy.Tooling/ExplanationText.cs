using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Evaluation;
using Xinji.Policy.Runtime;

namespace Xinji.Policy.Tooling;

/// <summary>
/// An explanation for people: the verdict as <c>evaluate</c> prints it, the answer to "why paid,
/// not free?", then the facts, the derived values and every clause with the value of each part of its condition.
/// </summary>
public static class ExplanationText
{
    private const string Step = "  ";

    public static void Write(TextWriter output, Explanation explanation)
    {
        DecisionWriter.WriteText(output, explanation.Decision);
        output.WriteLine();
        WriteWhy(output, explanation.Why);
        output.WriteLine();
        if (explanation.WhatIfsSought)
        {
            WriteWhatIfs(output, explanation);
            output.WriteLine();
        }

        WriteFacts(output, explanation.Facts);
        output.WriteLine();
        WriteDefinitions(output, explanation.Definitions);
        output.WriteLine();
        WriteClauses(output, explanation.Clauses);
    }

    private static void WriteWhy(TextWriter output, CoverageReason why)
    {
        var decided = Code(why.Coverage);
        var other = why.Coverage == CoverageDecision.Free ? "paid" : "free";
        output.WriteLine(why.Question);
        if (why.NotEstablished is { } notEstablished)
        {
            output.WriteLine($"{Step}{NotEstablishedText(notEstablished)}");
        }

        output.WriteLine($"{Step}Decided {decided} by:");
        foreach (var reason in why.DecidedBy)
        {
            output.WriteLine($"{Step}{Step}{reason.Id} ({reason.Clause.Section}): {reason.Condition}");
            output.WriteLine($"{Step}{Step}{Step}\"{string.Join(" ", reason.Clause.Quotes)}\"");
            WriteBecause(output, reason.Because, 3);
        }

        if (why.OtherWayNot.Count == 0)
        {
            output.WriteLine($"{Step}Not {other}: no clause of the policy decides {other}.");
            return;
        }

        output.WriteLine($"{Step}Not {other}: no clause that decides {other} is in force.");
        foreach (var reason in why.OtherWayNot)
        {
            WriteNotInForce(output, reason, 2);
        }
    }

    /// <summary>Each what-if as a sentence, with the facts it changes and the remedies it gives below it.</summary>
    private static void WriteWhatIfs(TextWriter output, Explanation explanation)
    {
        output.WriteLine("What would change the decision:");
        if (explanation.WhatIfs.Count == 0)
        {
            var other = explanation.Why.Coverage == CoverageDecision.Free ? "paid" : "free";
            output.WriteLine($"{Step}No change to one or two provable facts makes it {other}.");
            return;
        }

        foreach (var whatIf in explanation.WhatIfs)
        {
            output.WriteLine($"{Step}{WhatIfText(whatIf)}");
            var remedies = whatIf.Remedies.Count == 0 ? "no remedy" : "remedies " + string.Join(", ", whatIf.Remedies.Select(r => r.Name));
            output.WriteLine($"{Step}{Step}{string.Join("; ", whatIf.Changes.Select(c => ChangeText(c, whatIf.Coverage)))}; {remedies}");
        }
    }

    /// <summary>
    /// A what-if as a clerk can say it: "Would be free if the customer has the warranty card (WP-2;
    /// no longer EX-12)". Facts are named by their descriptions.
    /// </summary>
    public static string WhatIfText(WhatIf whatIf)
    {
        var clauses = string.Join(", ", whatIf.DecidedBy.Select(c => c.Id));
        if (whatIf.NoLongerDecidedBy.Count > 0)
        {
            clauses += (clauses.Length > 0 ? "; " : string.Empty) + "no longer " + string.Join(", ", whatIf.NoLongerDecidedBy.Select(c => c.Id));
        }

        return $"Would be {Code(whatIf.Coverage)} if {string.Join(" and ", whatIf.Changes.Select(Condition))}" + (clauses.Length > 0 ? $" ({clauses})" : string.Empty);
    }

    /// <summary>The change as a condition on the fact's description: "the customer has the warranty card".</summary>
    public static string Condition(FactChange change)
    {
        var subject = Subject(change.Fact);
        var to = change.To;
        if (!to.IsKnown)
        {
            return change.Fact.Type.Kind == TypeKind.Bool ? "it were not known whether " + subject : subject + " were not known";
        }

        if (to.Kind == ValueKind.Bool)
        {
            return to.AsBool ? subject : "it were not so that " + subject;
        }

        if (!change.IsRange)
        {
            return subject + " were " + to;
        }

        if (change.From.IsKnown)
        {
            return subject + " were " + to + (Compare(to, change.From) < 0 ? " or earlier" : " or later");
        }

        var opensBefore = Compare(change.RangeFrom, First(to)) <= 0;
        var opensAfter = Compare(change.RangeThrough, Last(to)) >= 0;
        return subject + (opensBefore && opensAfter ? " were known"
            : opensBefore ? " were " + change.RangeThrough + " or earlier"
            : opensAfter ? " were " + change.RangeFrom + " or later"
            : " were between " + change.RangeFrom + " and " + change.RangeThrough);
    }

    /// <summary>"claimDate: 2025-06-10 -> 2025-05-31 (free from 2024-06-01 through 2025-05-31)".</summary>
    private static string ChangeText(FactChange change, CoverageDecision coverage) =>
        $"{change.Name}: {change.From} -> {change.To}"
        + (change.IsRange ? $" ({Code(coverage)} from {change.RangeFrom} through {change.RangeThrough})" : string.Empty);

    /// <summary>A fact's description as the subject of a sentence: lower-cased, without its full stop or, for an optional fact, its closing ", if …".</summary>
    private static string Subject(FactSymbol fact)
    {
        var text = fact.Description.Trim();
        if (text.EndsWith('.'))
        {
            text = text[..^1];
        }

        var condition = text.LastIndexOf(", if ", StringComparison.Ordinal);
        if (fact.Type.IsOptional && condition > 0)
        {
            text = text[..condition];
        }

        // "The customer …" becomes "the customer …"; "XINJI …" stays as written.
        return text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1])
            ? char.ToLowerInvariant(text[0]) + text[1..]
            : text;
    }

    private static int Compare(PolicyValue left, PolicyValue right) =>
        left.Kind == ValueKind.Date ? left.AsDayNumber.CompareTo(right.AsDayNumber) : left.AsInt.CompareTo(right.AsInt);

    private static PolicyValue First(PolicyValue like) =>
        like.Kind == ValueKind.Date ? PolicyValue.Date(ClaimJson.MinDate.Year, ClaimJson.MinDate.Month, ClaimJson.MinDate.Day) : PolicyValue.Int(ClaimJson.MinInt);

    private static PolicyValue Last(PolicyValue like) =>
        like.Kind == ValueKind.Date ? PolicyValue.Date(ClaimJson.MaxDate.Year, ClaimJson.MaxDate.Month, ClaimJson.MaxDate.Day) : PolicyValue.Int(ClaimJson.MaxInt);

    /// <summary>The warranty period was never established: a reason of its own, before the clauses.</summary>
    public static string NotEstablishedText(WarrantyNotEstablished reason) =>
        "No warranty period was ever established: " + reason.Start + " is not known"
        + (reason.UnknownFacts.Count switch
        {
            0 => ".",
            1 => ", because " + reason.UnknownFacts[0] + " is not known.",
            _ => ", because none of " + string.Join(", ", reason.UnknownFacts) + " is known.",
        });

    private static void WriteNotInForce(TextWriter output, ClauseReason reason, int depth)
    {
        var indent = Indent(depth);
        if (!reason.Applies)
        {
            output.WriteLine($"{indent}{reason.Id} ({reason.Clause.Section}) did not apply: {reason.Condition}");
            WriteBecause(output, reason.Because, depth + 1);
            if (reason.OverriddenBy.Count > 0)
            {
                output.WriteLine($"{Indent(depth + 1)}and had it applied, {Ids(reason.OverriddenBy)} would override it");
            }

            return;
        }

        output.WriteLine($"{indent}{reason.Id} ({reason.Clause.Section}) applied, but is overridden by {Ids(reason.OverriddenBy)}, an exception to it:");
        foreach (var overrider in reason.OverriddenBy)
        {
            output.WriteLine($"{Indent(depth + 1)}{overrider.Id} ({overrider.Clause.Section}): {overrider.Condition}");
            WriteBecause(output, overrider.Because, depth + 2);
        }
    }

    /// <summary>Facts alone on one line; a derived value with the values it was derived from below it.</summary>
    private static void WriteBecause(TextWriter output, IReadOnlyList<ValueRead> reads, int depth)
    {
        if (reads.Count == 0)
        {
            output.WriteLine($"{Indent(depth)}(it reads no claim value)");
            return;
        }

        if (reads.All(r => r.DerivedFrom.Count == 0))
        {
            output.WriteLine($"{Indent(depth)}because {string.Join(", ", reads.Select(r => r.Name + " = " + r.Value))}");
            return;
        }

        output.WriteLine($"{Indent(depth)}because:");
        WriteReads(output, reads, depth + 1);
    }

    private static void WriteReads(TextWriter output, IReadOnlyList<ValueRead> reads, int depth)
    {
        foreach (var read in reads)
        {
            output.WriteLine($"{Indent(depth)}{read.Name} = {read.Value}{(read.DerivedFrom.Count > 0 ? ", from:" : string.Empty)}");
            WriteReads(output, read.DerivedFrom, depth + 1);
        }
    }

    private static void WriteFacts(TextWriter output, IReadOnlyList<FactValue> facts)
    {
        output.WriteLine("Facts:");
        foreach (var fact in facts)
        {
            var source = fact.Source switch
            {
                FactSource.Default => " (default)",
                FactSource.NotGiven => " (not given)",
                _ => string.Empty,
            };
            output.WriteLine($"{Step}{fact.Name} = {fact.Value}{source}");
        }
    }

    private static void WriteDefinitions(TextWriter output, IReadOnlyList<DefinitionExplanation> definitions)
    {
        output.WriteLine(definitions.Count == 0 ? "Derived values: none used" : "Derived values:");
        foreach (var definition in definitions)
        {
            output.WriteLine($"{Step}{definition.Name} = {definition.Value}  ({Where(definition.Location)})");
            WriteTree(output, definition.Expression, 2);
        }
    }

    private static void WriteClauses(TextWriter output, IReadOnlyList<ClauseExplanation> clauses)
    {
        output.WriteLine("All clauses:");
        foreach (var clause in clauses)
        {
            var status = clause.InForce ? "in force"
                : clause.Applies ? "applied, but overridden by " + string.Join(", ", clause.OverriddenBy)
                : "did not apply";
            output.WriteLine($"{Step}{clause.Id}: {status}  (then {Effects(clause.Clause)}; {clause.Clause.Section}, {Where(clause.Clause.Location)})");
            WriteTree(output, clause.Condition, 2);
        }
    }

    private static void WriteTree(TextWriter output, ExpressionValue node, int depth)
    {
        output.WriteLine($"{Indent(depth)}{node.Text} = {node.Value}");
        foreach (var part in node.Parts)
        {
            WriteTree(output, part, depth + 1);
        }
    }

    /// <summary>What the clause does when in force, as its <c>then</c> line says it.</summary>
    private static string Effects(BoundClause clause)
    {
        var effects = new List<string>();
        if (clause.Decides is { } decides)
        {
            effects.Add(Code(decides));
        }

        if (clause.Remedies.Count > 0)
        {
            effects.Add("remedy " + string.Join(", ", clause.Remedies));
        }

        if (clause.Requirements.Count > 0)
        {
            effects.Add("require " + string.Join(", ", clause.Requirements));
        }

        if (clause.Notes.Count > 0)
        {
            effects.Add("note " + string.Join(", ", clause.Notes));
        }

        return string.Join(", ", effects);
    }

    private static string Ids(IEnumerable<ClauseReason> reasons) => string.Join(", ", reasons.Select(r => r.Id));

    internal static string Code(CoverageDecision coverage) => coverage == CoverageDecision.Free ? "free" : "paid";

    private static string Where(SourceLocation location) => location.FilePath + ":" + location.Span.Line;

    private static string Indent(int depth) => new(' ', depth * Step.Length);
}
