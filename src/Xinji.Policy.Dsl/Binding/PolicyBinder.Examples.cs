using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Xinji.Policy.Dsl.Diagnostics;
using Xinji.Policy.Dsl.Syntax;
using Xinji.Policy.Dsl.Text;

namespace Xinji.Policy.Dsl.Binding;

public sealed partial class PolicyBinder
{
    /// <summary>
    /// Checks what examples name: clause ids, remedies, requirements, notes, and the field of an
    /// expected rejection. Their claims are left to the claim reader when the examples run, since
    /// an example may show a claim the reader rejects.
    /// </summary>
    private EquatableArray<BoundExample> BindExamples(IReadOnlyList<PolicyFile> files, IEnumerable<string> clauseIds, IReadOnlyList<BoundRecital> recitals)
    {
        var clauses = clauseIds.Distinct(StringComparer.Ordinal).ToList();
        var recitalIds = new HashSet<string>(recitals.Select(r => r.Id), StringComparer.Ordinal);
        var names = new Dictionary<string, (string File, SourceSpan Span)>(StringComparer.Ordinal);
        var bound = new List<BoundExample>();
        foreach (var file in files)
        {
            _file = file.Path;
            foreach (var example in file.Declarations.OfType<ExampleDeclaration>())
            {
                var named = CheckExampleName(example, names);
                var expectation = BindExpectation(example, clauses, recitalIds);
                if (named && expectation is not null)
                {
                    bound.Add(new BoundExample(
                        example.Name.Value,
                        example.Claim.Json,
                        example.Claim.Fields.Select(f => new ClaimField(f.Text, f.Span)).ToEquatableArray(),
                        example.Claim.Span,
                        expectation,
                        Here(example.Name.Span)));
                }
            }
        }

        return bound.ToEquatableArray();
    }

    private bool CheckExampleName(ExampleDeclaration example, Dictionary<string, (string File, SourceSpan Span)> names)
    {
        var name = example.Name.Value;
        if (name.Trim().Length == 0)
        {
            Report(DiagnosticCatalog.InvalidExample, example.Name.Span, "An example needs a name that says what it shows");
            return false;
        }

        if (names.TryGetValue(name, out var first))
        {
            Report(DiagnosticCatalog.InvalidExample, example.Name.Span,
                $"Another example is already named \"{name}\" (line {LineOf(first.File, first.Span)}); names tell examples apart in test results");
            return false;
        }

        names[name] = (_file, example.Name.Span);
        return true;
    }

    private BoundExpectation? BindExpectation(ExampleDeclaration example, IReadOnlyList<string> clauses, HashSet<string> recitals)
    {
        switch (example.Expectation)
        {
            case InvalidExpectationSyntax invalid:
            {
                var field = invalid.Field.Text;
                if (_facts.ContainsKey(field) || field == ExpectedRejection.WholeClaim || example.Claim.Fields.Any(f => f.Text == field))
                {
                    return new ExpectedRejection(field);
                }

                Report(DiagnosticCatalog.UnknownName, invalid.Field.Span,
                    $"'{field}' is not a field of the claim; the claim's fields are {string.Join(", ", _factOrder.Select(f => f.Name))}");
                return null;
            }

            case DecisionExpectationSyntax decision:
            {
                var remedies = ExpectOutcomes(decision.Remedies, OutcomeKind.Remedy, "remedy");
                var cited = ExpectClauses(decision.Cites, clauses, recitals);
                var requirements = decision.Requirements is null ? null : ExpectOutcomes(decision.Requirements, OutcomeKind.Requirement, "requirement");
                var notes = decision.Notes is null ? null : ExpectOutcomes(decision.Notes, OutcomeKind.Note, "note");
                var warranty = decision.Warranty is null ? null : ExpectWarranty(decision.Warranty);
                var coverage = CoverageOf(decision.Coverage);
                var whatIfs = decision.WhatIfs is null ? null : ExpectWhatIfs(decision.WhatIfs, coverage, clauses, recitals);
                if (remedies is null || cited is null
                    || (decision.Requirements is not null && requirements is null)
                    || (decision.Notes is not null && notes is null)
                    || (decision.Warranty is not null && warranty is null)
                    || (decision.WhatIfs is not null && whatIfs is null))
                {
                    return null;
                }

                return new ExpectedDecision(coverage, remedies, cited, requirements, notes, warranty, whatIfs);
            }

            default:
                return null;
        }
    }

    private ExpectedSet? ExpectOutcomes(ExpectedListSyntax list, OutcomeKind kind, string word)
    {
        var declared = _outcomes[kind];
        return ExpectNames(list, name =>
        {
            if (IsOutcomeDeclared(kind, name.Text))
            {
                return true;
            }

            if (!_brokenNames.Contains(name.Text))
            {
                var names = string.Join(", ", declared.Select(o => o.Name));
                Report(DiagnosticCatalog.UnknownName, name.Span,
                    $"Unknown {word} '{name.Text}'" + (names.Length == 0 ? $"; the policy declares no {word}" : $"; the declared ones are {names}"));
            }

            return false;
        });
    }

    private ExpectedSet? ExpectClauses(ExpectedListSyntax list, IReadOnlyList<string> clauses, HashSet<string> recitals) =>
        ExpectNames(list, id =>
        {
            if (clauses.Contains(id.Text))
            {
                return true;
            }

            if (recitals.Contains(id.Text))
            {
                Report(DiagnosticCatalog.InvalidExample, id.Span, $"'{id.Text}' is a recital: it decides nothing, so no decision cites it");
            }
            else if (!_brokenNames.Contains(id.Text))
            {
                Report(DiagnosticCatalog.UnknownName, id.Span, $"Unknown clause '{id.Text}'; the clauses are {string.Join(", ", clauses)}");
            }

            return false;
        });

    /// <summary>The names of a list, each known and listed once; null after reporting a problem.</summary>
    private ExpectedSet? ExpectNames(ExpectedListSyntax list, Func<Name, bool> known)
    {
        var ok = true;
        var seen = new List<string>();
        foreach (var name in list.Items)
        {
            if (seen.Contains(name.Text))
            {
                Report(DiagnosticCatalog.InvalidExample, name.Span, $"'{name.Text}' is listed twice");
                ok = false;
                continue;
            }

            seen.Add(name.Text);
            ok &= known(name);
        }

        return ok ? new ExpectedSet(seen.ToEquatableArray(), list.AtLeast) : null;
    }

    private ExpectedWarranty? ExpectWarranty(WarrantyExpectationSyntax warranty)
    {
        if (warranty.Start is null || warranty.End is null)
        {
            return new ExpectedWarranty(null, null, warranty.Active);
        }

        var start = BindDate(warranty.Start) as DateValueLiteral;
        var end = BindDate(warranty.End) as DateValueLiteral;
        return start is null || end is null ? null : new ExpectedWarranty(start, end, warranty.Active);
    }

    private static CoverageDecision CoverageOf(Name coverage) =>
        coverage.Text == BuiltIns.Free ? CoverageDecision.Free : CoverageDecision.Paid;

    /// <summary>The what-ifs an example states, each checked; null after reporting a problem.</summary>
    private EquatableArray<ExpectedWhatIf>? ExpectWhatIfs(WhatIfsExpectationSyntax syntax, CoverageDecision decided, IReadOnlyList<string> clauses, HashSet<string> recitals)
    {
        var ok = true;
        var bound = new List<ExpectedWhatIf>();
        foreach (var item in syntax.Items)
        {
            var whatIf = ExpectWhatIf(item, decided, clauses, recitals);
            if (whatIf is null)
            {
                ok = false;
            }
            else if (bound.Contains(whatIf))
            {
                Report(DiagnosticCatalog.InvalidExample, item.Span, "This what-if is listed twice");
                ok = false;
            }
            else
            {
                bound.Add(whatIf);
            }
        }

        return ok ? bound.ToEquatableArray() : null;
    }

    private ExpectedWhatIf? ExpectWhatIf(WhatIfSyntax syntax, CoverageDecision decided, IReadOnlyList<string> clauses, HashSet<string> recitals)
    {
        var ok = true;
        var coverage = CoverageOf(syntax.Coverage);
        if (coverage == decided)
        {
            var other = decided == CoverageDecision.Free ? BuiltIns.Paid : BuiltIns.Free;
            Report(DiagnosticCatalog.InvalidExample, syntax.Coverage.Span,
                $"A what-if is a change that gives the other coverage: this example expects {syntax.Coverage.Text}, so its what-ifs say '{other} if'");
            ok = false;
        }

        // What explain offers: one fact changed, or two when no single change flips the coverage.
        if (syntax.Changes.Count > 2)
        {
            Report(DiagnosticCatalog.InvalidExample, syntax.Changes[2].Span,
                "A what-if changes one fact, or two when no change of one fact gives the other coverage; never more");
            ok = false;
        }

        var changes = new List<ExpectedFactChange>();
        foreach (var change in syntax.Changes)
        {
            if (changes.Any(c => c.Fact == change.Fact.Text))
            {
                Report(DiagnosticCatalog.InvalidExample, change.Fact.Span, $"'{change.Fact.Text}' is changed twice in one what-if");
                ok = false;
                continue;
            }

            var bound = ExpectChange(change);
            if (bound is null)
            {
                ok = false;
            }
            else
            {
                changes.Add(bound);
            }
        }

        var decidedBy = ExpectClauses(new ExpectedListSyntax(syntax.DecidedBy, false, syntax.Span), clauses, recitals);
        var noLonger = ExpectClauses(new ExpectedListSyntax(syntax.NoLongerDecidedBy, false, syntax.Span), clauses, recitals);
        return ok && decidedBy is not null && noLonger is not null
            ? new ExpectedWhatIf(coverage, changes.ToEquatableArray(), decidedBy.Items, noLonger.Items)
            : null;
    }

    /// <summary>One fact of a what-if: a provable fact, given a value of its type, not known (when optional), or a run of its values.</summary>
    private ExpectedFactChange? ExpectChange(FactChangeSyntax change)
    {
        var name = change.Fact.Text;
        var provable = _factOrder.Where(f => f.IsProvable).Select(f => f.Name).ToList();
        if (!_facts.TryGetValue(name, out var fact))
        {
            if (!_brokenNames.Contains(name))
            {
                Report(DiagnosticCatalog.UnknownName, change.Fact.Span,
                    $"'{name}' is not a fact of the claim; " + (provable.Count == 0 ? "the policy marks no fact provable" : "the provable facts are " + string.Join(", ", provable)));
            }

            return null;
        }

        if (!fact.IsProvable)
        {
            Report(DiagnosticCatalog.WhatIfNotProvable, change.Fact.Span, name,
                provable.Count == 0 ? "the policy marks no fact provable" : "the provable facts are " + string.Join(", ", provable));
            return null;
        }

        var type = fact.Type;
        var ordered = type.Kind is TypeKind.Date or TypeKind.Int;
        if (change.Value is { } value)
        {
            return ordered ? ReportRunExpected(fact, value.Span) : ExpectValue(fact, value);
        }

        if (change.From is null || change.Through is null)
        {
            if (type.IsOptional)
            {
                return new ExpectedFactChange(name, null, null, null);
            }

            Report(DiagnosticCatalog.TypeMismatch, change.Span,
                $"'{name}' is not optional: a claim always holds it, so no what-if makes it not known");
            return null;
        }

        if (!ordered)
        {
            Report(DiagnosticCatalog.TypeMismatch, change.From.Span,
                $"'{name}' is a {type.BaseName}, so a what-if gives its new value, such as '{name} is {ExampleOf(type)}', not a run of values");
            return null;
        }

        // One error at a time: a run written with the wrong kind of value is wrong at both ends.
        var from = RunEnd(fact, change.From);
        var through = from is null ? null : RunEnd(fact, change.Through);
        if (from is null || through is null)
        {
            return null;
        }

        if (from.Value > through.Value)
        {
            Report(DiagnosticCatalog.InvalidExample, change.Through.Span,
                $"The run ends before it starts: {Text(fact, through.Value)} comes before {Text(fact, from.Value)}");
            return null;
        }

        return new ExpectedFactChange(name, null, Text(fact, from.Value), Text(fact, through.Value));
    }

    private ExpectedFactChange? ReportRunExpected(FactSymbol fact, SourceSpan span)
    {
        var example = fact.Type.Kind == TypeKind.Date ? "2024-06-01 through 2025-05-31" : "1 through 10";
        Report(DiagnosticCatalog.TypeMismatch, span,
            $"'{fact.Name}' is a {fact.Type.BaseName}: a what-if gives the run of values that decide alike, such as '{fact.Name} from {example}'");
        return null;
    }

    private ExpectedFactChange? ExpectValue(FactSymbol fact, Name value)
    {
        if (fact.Type.Kind == TypeKind.Bool)
        {
            if (value.Text is "true" or "false")
            {
                return new ExpectedFactChange(fact.Name, value.Text, null, null);
            }

            Report(DiagnosticCatalog.TypeMismatch, value.Span, $"'{fact.Name}' is a bool: its new value is true or false, not '{value.Text}'");
            return null;
        }

        var enumeration = _enums[fact.Type.EnumName!];
        if (enumeration.IndexOf(value.Text) >= 0)
        {
            return new ExpectedFactChange(fact.Name, value.Text, null, null);
        }

        if (!_brokenNames.Contains(value.Text))
        {
            Report(DiagnosticCatalog.UnknownName, value.Span,
                $"'{value.Text}' is not a member of {enumeration.Name}, the type of '{fact.Name}'; its members are {string.Join(", ", enumeration.Members)}");
        }

        return null;
    }

    /// <summary>A run's end as a day number or a number, of the fact's type and within what a claim can hold.</summary>
    private long? RunEnd(FactSymbol fact, RunEndSyntax end)
    {
        if (fact.Type.Kind == TypeKind.Date)
        {
            if (end.Date is null)
            {
                Report(DiagnosticCatalog.TypeMismatch, end.Span, $"'{fact.Name}' is a date, so its run starts and ends at dates written YYYY-MM-DD");
                return null;
            }

            if (BindDate(end.Date) is not { } date)
            {
                return null;
            }

            if (!InClaimRange(date))
            {
                Report(DiagnosticCatalog.InvalidValue, end.Span, $"A claim's dates are {ClaimDate(ClaimRules.MinDate)} to {ClaimDate(ClaimRules.MaxDate)}");
                return null;
            }

            return new DateTime(date.Year, date.Month, date.Day).Ticks / TimeSpan.TicksPerDay;
        }

        if (end.Number is null)
        {
            Report(DiagnosticCatalog.TypeMismatch, end.Span, $"'{fact.Name}' is an int, so its run starts and ends at whole numbers");
            return null;
        }

        var number = long.Parse(end.Number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        if (number < ClaimRules.MinInt || number > ClaimRules.MaxInt)
        {
            Report(DiagnosticCatalog.InvalidValue, end.Span,
                $"A claim's numbers are {ClaimRules.MinInt.ToString(CultureInfo.InvariantCulture)} to {ClaimRules.MaxInt.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }

        return number;
    }

    /// <summary>A run's end as a claim writes it: 2025-05-31, or 42.</summary>
    private static string Text(FactSymbol fact, long value) =>
        fact.Type.Kind == TypeKind.Date
            ? ClaimDate(new DateTime(value * TimeSpan.TicksPerDay))
            : value.ToString(CultureInfo.InvariantCulture);

    private static string ClaimDate(DateTime date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
