using System;
using System.Collections.Generic;
using System.Linq;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Diagnostics;
using Xinji.Policy.Dsl.Syntax;
using Xinji.Policy.Dsl.Text;
using Xinji.Policy.Generator.Model;

namespace Xinji.Policy.Generator.Emit;

/// <summary>
/// Lowers a bound policy to the emit model: C# names chosen, expressions written, every policy
/// string escaped. The binder has already refused names that would collide in C#.
/// </summary>
internal sealed class PolicyLowering
{
    // The locals the Evaluate template declares itself; a definition or clause never takes one.
    private static readonly string[] TemplateLocals = { "claim", "coverage", "free", "paid", "cited", "remedies", "requirements", "notes", "trace", "applies", "warranty" };

    private readonly PolicyVocabulary _vocabulary;
    private readonly string _namespace;

    // Null for a shell: the policy's types, with an evaluator that refuses to decide.
    private readonly BoundPolicy? _full;

    private PolicyLowering(PolicyVocabulary vocabulary, BoundPolicy? policy, string @namespace)
    {
        _vocabulary = vocabulary;
        _full = policy;
        _namespace = @namespace;
    }

    private BoundPolicy Policy => _full ?? throw new InvalidOperationException("A shell has no clauses.");

    public static PolicyEmitModel Lower(BoundPolicy policy, string @namespace, string toolVersion) =>
        new PolicyLowering(
            new PolicyVocabulary(policy.Name, policy.Document, policy.Enums, policy.Facts, policy.Remedies, policy.Requirements, policy.Notes),
            policy,
            @namespace).Build(toolVersion);

    /// <summary>
    /// The policy's types from what bound of it, when something else is in error: code that uses
    /// the claim and decision still compiles, so the build reports the policy's XP errors rather
    /// than missing C# types, and <c>Evaluate</c> refuses to decide.
    /// </summary>
    public static PolicyEmitModel LowerShell(PolicyVocabulary vocabulary, string @namespace, string toolVersion) =>
        new PolicyLowering(vocabulary, null, @namespace).Build(toolVersion);

    private PolicyEmitModel Build(string toolVersion)
    {
        var name = CSharp.Pascal(_vocabulary.Name);
        var claimType = name + "Claim";
        var decisionType = name + "Decision";
        var policyType = name + "Policy";
        // Every local of Evaluate gets a name no other local has: definitions keep theirs where they can.
        var locals = new HashSet<string>(TemplateLocals, StringComparer.Ordinal);
        var definitionVariables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var definition in _full?.Definitions ?? EquatableArray<DefinitionSymbol>.Empty)
        {
            definitionVariables[definition.Name] = CSharp.Identifier(Unique(locals, definition.Name));
        }

        var writer = new CSharpExpressionWriter(_namespace, definitionVariables);
        var clauseVariables = _full is null ? new Dictionary<int, string>() : ClauseVariables(locals);
        var clauses = _full?.Clauses ?? EquatableArray<BoundClause>.Empty;

        return new PolicyEmitModel(
            _namespace,
            name,
            name,
            CSharp.Literal(_vocabulary.Name),
            CSharp.DocText(_vocabulary.Document),
            claimType,
            decisionType,
            policyType,
            toolVersion,
            _vocabulary.Enums.Select(Enum).ToEquatableArray(),
            _vocabulary.Facts.Select(f => Fact(f, writer)).ToEquatableArray(),
            CSharp.Literal(string.Join(", ", _vocabulary.Facts.Select(f => f.Name))),
            new[]
            {
                OutcomeKind("Remedy", "Remedies", "RemedyTable", "What the decision offers for the claim.", _vocabulary.Remedies),
                OutcomeKind("Requirement", "Requirements", "RequirementTable", "What must be brought or done for the claim.", _vocabulary.Requirements),
                OutcomeKind("Note", "Notes", "NoteTable", "What the claimant is told.", _vocabulary.Notes),
            }.ToEquatableArray(),
            (_full?.Definitions ?? EquatableArray<DefinitionSymbol>.Empty).Select(d => new DefinitionModel(
                definitionVariables[d.Name],
                writer.TypeOf(d.Type),
                writer.WriteTopLevel(d.Value),
                CSharp.CommentText(d.Name + ": " + d.Description),
                CSharp.Literal(d.Name),
                writer.TracedValue(definitionVariables[d.Name], d.Type, claimType))).ToEquatableArray(),
            (_full?.Rejections ?? EquatableArray<BoundRejection>.Empty).Select(r => new RejectionModel(writer.WriteTopLevel(r.Condition), CSharp.Literal(r.Field), CSharp.Literal(r.Reason))).ToEquatableArray(),
            clauses.Select(c => new ClauseModel(
                c.Index, CSharp.Literal(c.Id), CSharp.Literal(c.Section), CSharp.Literal(string.Join(" ", c.Quotes)), c.Decides switch
                {
                    CoverageDecision.Free => "free",
                    CoverageDecision.Paid => "paid",
                    _ => string.Empty,
                })).ToEquatableArray(),
            _full is null ? EquatableArray<ClauseStepModel>.Empty : Steps(c => !c.ReadsCoverage, writer, clauseVariables),
            _full is null ? EquatableArray<ClauseStepModel>.Empty : Steps(c => c.ReadsCoverage, writer, clauseVariables),
            clauses.Where(c => c.Decides == CoverageDecision.Free).Select(c => clauseVariables[c.Index]).ToEquatableArray(),
            clauses.Where(c => c.Decides == CoverageDecision.Paid).Select(c => clauseVariables[c.Index]).ToEquatableArray(),
            _full is null ? "null" : writer.WriteTopLevel(_full.Warranty.Start),
            _full is null ? "null" : writer.WriteTopLevel(_full.Warranty.End),
            _full is null ? "false" : writer.WriteTopLevel(_full.Warranty.Active),
            _full?.Warranty.NotEstablished is { } notEstablished ? CSharp.Literal(notEstablished) : "null",
            _full is null);
    }

    private Dictionary<int, string> ClauseVariables(HashSet<string> locals)
    {
        var variables = new Dictionary<int, string>();
        foreach (var clause in Policy.Clauses)
        {
            variables[clause.Index] = Unique(locals, "clause_" + CSharp.IdentifierPart(clause.Id));
        }

        return variables;
    }

    /// <summary>The name, or the name with the first free number after it, recorded as taken.</summary>
    private static string Unique(HashSet<string> taken, string name)
    {
        var candidate = name;
        for (var n = 2; !taken.Add(candidate); n++)
        {
            candidate = name + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }

    private EquatableArray<ClauseStepModel> Steps(Func<BoundClause, bool> phase, CSharpExpressionWriter writer, Dictionary<int, string> variables)
    {
        var byId = Policy.Clauses.ToDictionary(c => c.Id, c => c, StringComparer.Ordinal);
        var steps = new List<ClauseStepModel>();
        foreach (var index in Policy.EvaluationOrder)
        {
            var clause = Policy.Clauses[index];
            if (!phase(clause))
            {
                continue;
            }

            var overriders = Policy.Clauses
                .Where(c => c.ExceptionTo.Contains(clause.Id))
                .Select(c => variables[c.Index])
                .ToEquatableArray();

            // "a || b" followed by "&& !overrider" would read as "a || (b && !overrider)": keep the
            // condition's parentheses unless it is itself a conjunction, which chains safely.
            var condition = writer.WriteTopLevel(clause.Condition);
            var guarded = overriders.Count == 0 || clause.Condition is LogicalOperation { Operator: LogicalOperator.And }
                ? condition
                : writer.Write(clause.Condition);
            var inForce = guarded + string.Concat(overriders.Select(o => " && !" + o));

            var effects = new List<string>();
            effects.AddRange(clause.Remedies.Select(r => $"remedies.Add((int)global::{_namespace}.Remedy.{CSharp.Pascal(r)});"));
            effects.AddRange(clause.Requirements.Select(r => $"requirements.Add((int)global::{_namespace}.Requirement.{CSharp.Pascal(r)});"));
            effects.AddRange(clause.Notes.Select(n => $"notes.Add((int)global::{_namespace}.Note.{CSharp.Pascal(n)});"));

            steps.Add(new ClauseStepModel(
                variables[clause.Index],
                clause.Index,
                CSharp.Literal(clause.Id),
                CSharp.CommentText(clause.Id + " (" + clause.Section + ")" + (clause.ExceptionTo.Count > 0 ? ", exception to " + string.Join(", ", clause.ExceptionTo) : string.Empty)),
                condition,
                inForce,
                overriders,
                effects.ToEquatableArray()));
        }

        return steps.ToEquatableArray();
    }

    private static EnumModel Enum(EnumSymbol symbol) => new(
        CSharp.Pascal(symbol.Name),
        CSharp.DocText(symbol.Description),
        CSharp.Literal(string.Join(", ", symbol.Members)),
        symbol.Members.Select((m, i) => new EnumMemberModel(
            CSharp.Pascal(m), m, CSharp.Literal(m), CSharp.Utf8Literal(m), i == symbol.Members.Count - 1)).ToEquatableArray());

    private static FactModel Fact(FactSymbol fact, CSharpExpressionWriter writer)
    {
        var type = writer.TypeOf(fact.Type);
        var field = CSharp.Literal(fact.Name);
        var optional = fact.Type.IsOptional ? "Optional" : string.Empty;
        var (reader, codeWriter) = fact.Type.Kind switch
        {
            TypeKind.Bool => ($"global::Xinji.Policy.Runtime.ClaimJson.Read{optional}Bool(ref reader, {field})", "Boolean"),
            TypeKind.Int => ($"global::Xinji.Policy.Runtime.ClaimJson.Read{optional}Int(ref reader, {field})", "Number"),
            TypeKind.Date => ($"global::Xinji.Policy.Runtime.ClaimJson.Read{optional}Date(ref reader, {field})", "Date"),
            _ => ($"Read{optional}{CSharp.Pascal(fact.Type.EnumName!)}(ref reader, {field})", "Enum"),
        };

        var property = CSharp.Pascal(fact.Name);
        return new FactModel(
            fact.Name,
            field,
            CSharp.Utf8Literal(fact.Name),
            property,
            type,
            CSharp.DocText(fact.Description),
            fact.IsRequired,
            fact.Type.IsOptional,
            fact.Default is null ? null : writer.Literal(fact.Default),
            reader,
            codeWriter,
            "seen" + property,
            CSharp.Identifier(fact.Name));
    }

    private static OutcomeKindModel OutcomeKind(string kind, string property, string table, string doc, EquatableArray<OutcomeSymbol> outcomes) => new(
        kind,
        kind,
        property,
        table,
        doc,
        outcomes.Select(o => new OutcomeModel(CSharp.Pascal(o.Name), CSharp.Literal(o.Name), CSharp.Literal(o.Description), CSharp.DocText(o.Description))).ToEquatableArray());
}
