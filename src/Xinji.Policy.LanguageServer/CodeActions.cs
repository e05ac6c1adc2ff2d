using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Xinji.Policy.Dsl.Analysis;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Diagnostics;
using Xinji.Policy.Dsl.Driver;
using Xinji.Policy.Dsl.Evaluation;
using Xinji.Policy.Dsl.Syntax;
using Xinji.Policy.LanguageServer.Protocol;
using Range = Xinji.Policy.LanguageServer.Protocol.Range;

namespace Xinji.Policy.LanguageServer;

/// <summary>
/// Quick fixes for the diagnostics in a range: for a conflict, either clause made an exception to the
/// other; for a finding with a witness, the witness added as an example; for an unknown name, the
/// declared names nearest to it.
/// </summary>
internal static class CodeActions
{
    private const string QuickFix = "quickfix";

    public static IReadOnlyList<CodeAction> For(PolicySnapshot snapshot, string path, Range range, Func<string, string> uriOf)
    {
        var lines = snapshot.Lines(path);
        var start = lines.Offset(range.Start);
        var end = lines.Offset(range.End);
        var actions = new List<CodeAction>();
        foreach (var diagnostic in snapshot.Result.Diagnostics.Where(d => d.FilePath == path && d.Span.Start <= end && start <= d.Span.End))
        {
            var shown = new[] { LspDiagnostics.Convert(snapshot, diagnostic, uriOf) };
            var finding = snapshot.Result.Findings.FirstOrDefault(f => f.Diagnostic == diagnostic)?.Finding;
            if (diagnostic.Id == DiagnosticIds.Conflict && finding is { ClauseIds.Count: >= 2 })
            {
                var (first, second) = (finding.ClauseIds[0], finding.ClauseIds[1]);
                foreach (var (exception, rule) in new[] { (second, first), (first, second) })
                {
                    if (MakeException(snapshot, exception, rule, uriOf) is { } edit)
                    {
                        actions.Add(new CodeAction($"Make {exception} an exception to {rule}", QuickFix, edit)
                        {
                            Diagnostics = shown,
                            IsPreferred = actions.Count == 0 ? true : null,
                        });
                    }
                }
            }

            if (finding?.Witness is { } witness && snapshot.Result.Policy is { } policy)
            {
                actions.Add(new CodeAction("Add the witness as an example", QuickFix, AddExample(snapshot, policy, diagnostic, finding, witness, uriOf))
                {
                    Diagnostics = shown,
                });
            }

            if (diagnostic.Id == DiagnosticIds.UnknownName)
            {
                var written = Hovers.Written(snapshot.Text(path) ?? string.Empty, diagnostic.Span);
                foreach (var name in Suggestions(snapshot.Index, written))
                {
                    var edit = new WorkspaceEdit(new Dictionary<string, IReadOnlyList<TextEdit>>
                    {
                        [uriOf(path)] = new[] { new TextEdit(lines.Range(diagnostic.Span), name) },
                    });
                    actions.Add(new CodeAction($"Change to '{name}'", QuickFix, edit) { Diagnostics = shown, IsPreferred = true });
                }
            }
        }

        return actions;
    }

    /// <summary>The edit that adds <paramref name="rule"/> to <paramref name="exception"/>'s <c>exception to</c>, written where the layout puts it: after the quotes.</summary>
    public static WorkspaceEdit? MakeException(PolicySnapshot snapshot, string exception, string rule, Func<string, string> uriOf)
    {
        var symbol = snapshot.Index.Symbol(PolicyIndex.KeyOf(SymbolKind.Clause, exception));
        if (symbol?.Declaration is not ClauseDeclaration clause)
        {
            return null;
        }

        var lines = snapshot.Lines(symbol.FilePath);
        var text = snapshot.Text(symbol.FilePath) ?? string.Empty;
        TextEdit edit;
        if (clause.ExceptionTo.Count > 0)
        {
            var last = clause.ExceptionTo[clause.ExceptionTo.Count - 1].Span;
            edit = new TextEdit(lines.Range(last.End, last.End), ", " + rule);
        }
        else
        {
            // Span lines are 1-based, so the line after a span's last line starts at LineStart(EndLine).
            var after = clause.Quotes.Count > 0 ? clause.Quotes[clause.Quotes.Count - 1].Span : clause.Id.Span;
            var at = after.EndLine < lines.LineCount ? lines.LineStart(after.EndLine) : text.Length;
            var newline = at == text.Length && text.Length > 0 && text[^1] != '\n' ? "\n" : string.Empty;
            edit = new TextEdit(lines.Range(at, at), newline + Indentation(text, lines, clause) + "exception to " + rule + "\n");
        }

        return new WorkspaceEdit(new Dictionary<string, IReadOnlyList<TextEdit>> { [uriOf(symbol.FilePath)] = new[] { edit } });
    }

    private static string Indentation(string text, LineMap lines, ClauseDeclaration clause)
    {
        if (clause.Quotes.Count == 0)
        {
            return "  ";
        }

        var lineStart = lines.LineStart(clause.Quotes[0].Span.Line - 1);
        var indent = 0;
        while (lineStart + indent < text.Length && text[lineStart + indent] is ' ' or '\t')
        {
            indent++;
        }

        return indent > 0 ? text.Substring(lineStart, indent) : "  ";
    }

    /// <summary>
    /// The witness written as an example at the end of the <c>.examples</c> file named after the finding's
    /// file (created when there is none), expecting what the policy decides for it now: the author checks it.
    /// </summary>
    private static WorkspaceEdit AddExample(PolicySnapshot snapshot, BoundPolicy policy, PolicyDiagnostic diagnostic, Finding finding, IReadOnlyDictionary<string, PolicyValue> witness, Func<string, string> uriOf)
    {
        var target = Path.ChangeExtension(diagnostic.FilePath, PolicyDriver.ExamplesExtension);
        var existing = snapshot.Text(target) ?? (File.Exists(target) ? File.ReadAllText(target) : null);
        var example = new StringBuilder();
        if (existing is { Length: > 0 })
        {
            example.Append(existing.EndsWith('\n') ? "\n" : "\n\n");
        }

        var title = $"{diagnostic.Id} {string.Join(" and ", finding.ClauseIds)}: the claim the analysis found";
        example.Append("# Added from the analysis's witness: check that the decision expected is the one you want.\n");
        example.Append("example \"").Append(title.Replace("\"", "'", StringComparison.Ordinal)).Append("\"\n");
        example.Append("  claim ").Append(Witnesses.ToJson(policy, witness, full: false)).Append('\n');
        try
        {
            var decision = new PolicyInterpreter(policy).Evaluate(witness);
            example.Append("  expect ").Append(decision.Coverage == CoverageDecision.Free ? "free" : "paid").Append('\n');
            example.Append("    remedies ").Append(Names(decision.Remedies.Select(r => r.Name))).Append('\n');
            example.Append("    cites ").Append(Names(decision.Clauses.Select(c => c.Id))).Append('\n');
        }
        catch (Exception problem) when (problem is PolicyDefectException or ClaimInputException)
        {
            // No decision to expect (a conflict, a gap): the author writes the one the policy should make.
            example.Append("  # The policy cannot decide this claim yet (").Append(problem.Message.Split('\n')[0].TrimEnd('.'))
                .Append("): write the decision it should make.\n");
            example.Append("  expect free\n    remedies none\n    cites none\n");
        }

        // In the canonical layout (the claim wrapped between fields), as `fmt` would write it.
        var block = example.ToString();
        var leading = block.Length - block.TrimStart('\n').Length;
        var formatted = PolicyFormatter.Format(target, block[leading..]);
        var added = formatted.Succeeded ? block[..leading] + formatted.Text : block;

        var uri = uriOf(target);
        if (existing is null)
        {
            return new WorkspaceEdit(null, new object[]
            {
                new CreateFile(uri),
                new TextDocumentEdit(new OptionalVersionedTextDocumentIdentifier(uri, null), new[] { new TextEdit(new Range(new Position(0, 0), new Position(0, 0)), added) }),
            });
        }

        var end = new LineMap(existing).Position(existing.Length);
        return new WorkspaceEdit(new Dictionary<string, IReadOnlyList<TextEdit>> { [uri] = new[] { new TextEdit(new Range(end, end), added) } });
    }

    private static string Names(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list);
    }

    /// <summary>The declared names nearest to an unknown one: at most three, each within a third of its length in edits.</summary>
    public static IReadOnlyList<string> Suggestions(PolicyIndex index, string unknown)
    {
        if (unknown.Length == 0)
        {
            return Array.Empty<string>();
        }

        var limit = Math.Max(1, unknown.Length / 3);
        return index.Symbols.Where(s => s.Kind != SymbolKind.Enum)
            .Select(s => s.Name)
            .Distinct(StringComparer.Ordinal)
            .Select(name => (name, distance: Distance(unknown, name)))
            .Where(c => c.distance <= limit && c.name != unknown)
            .OrderBy(c => c.distance).ThenBy(c => c.name, StringComparer.Ordinal)
            .Take(3)
            .Select(c => c.name)
            .ToList();
    }

    /// <summary>Edits between two names (Levenshtein), letters compared without case so a wrong capital counts once.</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
