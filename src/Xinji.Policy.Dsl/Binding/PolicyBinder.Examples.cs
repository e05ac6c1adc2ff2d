using System;
using System.Collections.Generic;
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
                if (remedies is null || cited is null
                    || (decision.Requirements is not null && requirements is null)
                    || (decision.Notes is not null && notes is null)
                    || (decision.Warranty is not null && warranty is null))
                {
                    return null;
                }

                var coverage = decision.Coverage.Text == BuiltIns.Free ? CoverageDecision.Free : CoverageDecision.Paid;
                return new ExpectedDecision(coverage, remedies, cited, requirements, notes, warranty);
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
            if (declared.Any(o => o.Name == name.Text))
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
}
