using System;
using System.Collections.Generic;
using System.Linq;
using Xinji.Policy.Dsl.Diagnostics;
using Xinji.Policy.Dsl.Syntax;
using Xinji.Policy.Dsl.Text;

namespace Xinji.Policy.Dsl.Binding;

public sealed partial class PolicyBinder
{
    private List<BoundClause> BindClauses(List<(ClauseDeclaration Syntax, string File, string Section)> clauses, List<BoundRecital> recitals)
    {
        var ids = new Dictionary<string, (string File, Syntax.Name Id)>(StringComparer.Ordinal);
        foreach (var (syntax, file, _) in clauses)
        {
            if (!ids.ContainsKey(syntax.Id.Text))
            {
                ids[syntax.Id.Text] = (file, syntax.Id);
            }
        }

        // Clauses and recitals share one set of ids. A repeat is reported on the later
        // declaration, the one an author has just written, naming what it repeats.
        var declared = clauses.Select(c => (Kind: "clause", Id: c.Syntax.Id.Text, c.File, c.Syntax.Id.Span))
            .Concat(recitals.Select(r => (Kind: "recital", r.Id, File: r.Location.FilePath, r.Location.Span)))
            .OrderBy(d => d.File, StringComparer.Ordinal)
            .ThenBy(d => d.Span.Start);
        var firstById = new Dictionary<string, (string Kind, string File, SourceSpan Span)>(StringComparer.Ordinal);
        foreach (var (kind, id, file, span) in declared)
        {
            if (firstById.TryGetValue(id, out var first))
            {
                _file = file;
                Report(DiagnosticCatalog.DuplicateClauseId, span, id, first.Kind, LineOf(first.File, first.Span));
            }
            else
            {
                firstById[id] = (kind, file, span);
            }
        }

        var bound = new List<BoundClause>();
        foreach (var (syntax, file, section) in clauses)
        {
            _file = file;
            var clause = BindClause(syntax, section, bound.Count, ids);
            if (clause is not null)
            {
                bound.Add(clause);
            }
        }

        CheckStratification(bound, clauses);
        return bound;
    }

    private BoundClause? BindClause(ClauseDeclaration syntax, string section, int index, Dictionary<string, (string File, Syntax.Name Id)> ids)
    {
        var ok = true;
        foreach (var target in syntax.ExceptionTo)
        {
            if (!ids.ContainsKey(target.Text) && _brokenNames.Contains(target.Text))
            {
                ok = false;
            }
            else if (!ids.ContainsKey(target.Text))
            {
                Report(DiagnosticCatalog.UnknownExceptionTarget, target.Span, target.Text);
                ok = false;
            }
            else if (target.Text == syntax.Id.Text)
            {
                Report(DiagnosticCatalog.ExceptionCycle, target.Span, syntax.Id.Text + " -> " + syntax.Id.Text);
                ok = false;
            }
        }

        BoundExpression? condition = syntax.Condition is null
            ? new BoolLiteral(true, syntax.Id.Span)
            : ExpectCondition(BindExpression(syntax.Condition, new Scope(AllowCoverage: true, Expected: PolicyType.Bool)), "A clause's condition");
        ok &= condition is not null;

        CoverageDecision? decides = null;
        var remedies = new List<string>();
        var requirements = new List<string>();
        var notes = new List<string>();
        foreach (var effect in syntax.Effects)
        {
            switch (effect.Kind)
            {
                case EffectKind.Free:
                case EffectKind.Paid:
                    if (decides is not null)
                    {
                        Report(DiagnosticCatalog.TypeMismatch, effect.Span, "A clause decides the coverage once: it is free or paid, not both");
                        ok = false;
                    }

                    decides = effect.Kind == EffectKind.Free ? CoverageDecision.Free : CoverageDecision.Paid;
                    break;
                case EffectKind.Remedy:
                    ok &= AddOutcomes(effect, OutcomeKind.Remedy, "remedy", remedies);
                    break;
                case EffectKind.Require:
                    ok &= AddOutcomes(effect, OutcomeKind.Requirement, "requirement", requirements);
                    break;
                case EffectKind.Note:
                    ok &= AddOutcomes(effect, OutcomeKind.Note, "note", notes);
                    break;
            }
        }

        if (!ok || condition is null)
        {
            return null;
        }

        return new BoundClause(
            index,
            syntax.Id.Text,
            section,
            syntax.Quotes.Select(q => q.Value).ToEquatableArray(),
            syntax.ExceptionTo.Select(t => t.Text).ToEquatableArray(),
            condition,
            decides,
            remedies.ToEquatableArray(),
            requirements.ToEquatableArray(),
            notes.ToEquatableArray(),
            condition.ReadsCoverage(),
            Here(syntax.Id.Span));
    }

    private bool AddOutcomes(Effect effect, OutcomeKind kind, string word, List<string> into)
    {
        var ok = true;
        foreach (var item in effect.Items)
        {
            var isDeclared = IsOutcomeDeclared(kind, item.Text);
            if (!isDeclared && _brokenNames.Contains(item.Text))
            {
                ok = false;
            }
            else if (!isDeclared)
            {
                var declared = string.Join(", ", _outcomes[kind].Select(o => o.Name));
                Report(DiagnosticCatalog.UnknownName, item.Span,
                    $"Unknown {word} '{item.Text}'" + (declared.Length == 0 ? $": declare it with '{word} {item.Text} \"description\"'" : $"; the declared ones are {declared}"));
                ok = false;
            }
            else if (!into.Contains(item.Text))
            {
                into.Add(item.Text);
            }
        }

        return ok;
    }

    /// <summary>Whether an outcome of this kind is declared: a set per kind, since every clause's effects look names up.</summary>
    private bool IsOutcomeDeclared(OutcomeKind kind, string name)
    {
        if (!_outcomeNames.TryGetValue(kind, out var names))
        {
            // Built on first use, after pass 1 has declared every outcome.
            _outcomeNames[kind] = names = new HashSet<string>(_outcomes[kind].Select(o => o.Name), StringComparer.Ordinal);
        }

        return names.Contains(name);
    }

    /// <summary>
    /// Coverage is decided first, by the clauses that do not read it; the clauses that read it
    /// (remedies and requirements of a free decision, say) come after and cannot change it.
    /// </summary>
    private void CheckStratification(List<BoundClause> clauses, List<(ClauseDeclaration Syntax, string File, string Section)> syntax)
    {
        var byId = clauses.GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.First());

        // The first declaration of each id in each file, as a scan from the start would find it.
        var declarations = new Dictionary<(string File, string Id), ClauseDeclaration>();
        foreach (var (declaration, file, _) in syntax)
        {
            if (!declarations.ContainsKey((file, declaration.Id.Text)))
            {
                declarations[(file, declaration.Id.Text)] = declaration;
            }
        }

        foreach (var clause in clauses.Where(c => c.ReadsCoverage))
        {
            _file = clause.Location.FilePath;
            var declaration = declarations[(clause.Location.FilePath, clause.Id)];
            if (clause.Decides is { } decision)
            {
                var effect = declaration.Effects.First(e => e.Kind is EffectKind.Free or EffectKind.Paid);
                Report(DiagnosticCatalog.CoverageStratification, effect.Span,
                    $"Clause '{clause.Id}' reads 'coverage' in its condition, so it cannot also decide it ('{(decision == CoverageDecision.Free ? "free" : "paid")}')");
            }

            foreach (var target in declaration.ExceptionTo)
            {
                // A clause that reads coverage is decided after every clause that does not; it can
                // only override clauses decided after coverage too.
                if (byId.TryGetValue(target.Text, out var overridden) && !overridden.ReadsCoverage)
                {
                    Report(DiagnosticCatalog.CoverageStratification, target.Span, overridden.Decides is not null
                        ? $"Clause '{clause.Id}' reads 'coverage', so it cannot be an exception to '{target.Text}', which decides it"
                        : $"Clause '{clause.Id}' reads 'coverage', so it cannot be an exception to '{target.Text}', which is decided before the coverage is");
                }
            }
        }
    }

    /// <summary>
    /// The order to evaluate clauses in: every exception before the clauses it overrides, and
    /// the clauses that decide coverage before those that read it. Null when links form a cycle.
    /// </summary>
    private List<int>? OrderClauses(List<BoundClause> clauses)
    {
        var byId = clauses.GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.First());
        var overriddenBy = clauses.ToDictionary(c => c.Index, _ => new List<BoundClause>());
        foreach (var clause in clauses)
        {
            foreach (var target in clause.ExceptionTo)
            {
                if (byId.TryGetValue(target, out var overridden))
                {
                    overriddenBy[overridden.Index].Add(clause);
                }
            }
        }

        var order = new List<int>();
        var state = new Dictionary<int, int>(); // 1 = on the path, 2 = done
        var cyclic = false;

        // Depth first, with the path as an explicit stack: a chain of exceptions thousands of
        // clauses long would otherwise be as many nested calls, and a stack overflow takes the
        // compiler down with it. Each entry is a clause on the path and the next of its exceptions to visit.
        var path = new List<(BoundClause Clause, int Next)>();
        void Visit(BoundClause root)
        {
            if (state.ContainsKey(root.Index))
            {
                return;
            }

            state[root.Index] = 1;
            path.Add((root, 0));
            while (path.Count > 0)
            {
                var (clause, next) = path[path.Count - 1];
                var exceptions = overriddenBy[clause.Index];
                if (next == exceptions.Count)
                {
                    path.RemoveAt(path.Count - 1);
                    state[clause.Index] = 2;
                    order.Add(clause.Index);
                    continue;
                }

                path[path.Count - 1] = (clause, next + 1);
                var exception = exceptions[next];
                if (state.TryGetValue(exception.Index, out var s))
                {
                    if (s == 1 && !cyclic)
                    {
                        cyclic = true;
                        var start = path.FindIndex(p => p.Clause.Index == exception.Index);
                        var cycle = path.Skip(start).Select(p => p.Clause.Id).Concat(new[] { exception.Id });
                        _file = exception.Location.FilePath;
                        Report(DiagnosticCatalog.ExceptionCycle, exception.Location.Span, string.Join(" -> ", cycle.Reverse()));
                    }

                    continue;
                }

                state[exception.Index] = 1;
                path.Add((exception, 0));
            }
        }

        foreach (var clause in clauses.Where(c => !c.ReadsCoverage).Concat(clauses.Where(c => c.ReadsCoverage)))
        {
            Visit(clause);
        }

        return cyclic ? null : order;
    }
}
