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
/// string escaped. Names that would collide in C# are reported rather than silently renamed.
/// </summary>
internal sealed class PolicyLowering
{
    private static readonly string[] InternalLocals = { "claim", "coverage", "free", "paid", "cited", "remedies", "requirements", "notes", "trace", "applies" };

    private readonly BoundPolicy _policy;
    private readonly string _namespace;
    private readonly List<DiagnosticInfo> _diagnostics = new();
    private readonly Dictionary<string, SourceLocation> _typeNames = new(StringComparer.Ordinal);

    private PolicyLowering(BoundPolicy policy, string @namespace)
    {
        _policy = policy;
        _namespace = @namespace;
    }

    public static EmitResult Lower(BoundPolicy policy, string @namespace, string toolVersion)
    {
        var lowering = new PolicyLowering(policy, @namespace);
        var model = lowering.Build(toolVersion);
        return new EmitResult(lowering._diagnostics.Count == 0 ? model : null, lowering._diagnostics.ToEquatableArray());
    }

    private void ClaimTypeName(string name, SourceLocation location)
    {
        if (_typeNames.TryGetValue(name, out var first))
        {
            _diagnostics.Add(new DiagnosticInfo(DiagnosticCatalog.NameCollision.Id,
                DiagnosticCatalog.NameCollision.Format(name, first.Span.Line), location.FilePath, location.Span));
            return;
        }

        _typeNames[name] = location;
    }

    private PolicyEmitModel Build(string toolVersion)
    {
        var name = CSharp.Pascal(_policy.Name);
        var claimType = name + "Claim";
        var decisionType = name + "Decision";
        var policyType = name + "Policy";
        var header = _policy.Facts.Count > 0 ? _policy.Facts[0].Location : new SourceLocation(string.Empty, default);
        foreach (var generated in new[] { claimType, decisionType, policyType, "Remedy", "Requirement", "Note" })
        {
            ClaimTypeName(generated, header);
        }

        foreach (var e in _policy.Enums)
        {
            ClaimTypeName(CSharp.Pascal(e.Name), e.Location);
            CheckUnique(e.Members.Select(m => (CSharp.Pascal(m), e.Location)));
        }

        CheckUnique(_policy.Facts.Select(f => (CSharp.Pascal(f.Name), f.Location)));

        var definitionVariables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var definition in _policy.Definitions)
        {
            var variable = InternalLocals.Contains(definition.Name) || definition.Name.StartsWith("clause_", StringComparison.Ordinal)
                ? definition.Name + "Value"
                : CSharp.Identifier(definition.Name);
            definitionVariables[definition.Name] = variable;
        }

        var writer = new CSharpExpressionWriter(_namespace, definitionVariables);
        var clauseVariables = ClauseVariables();

        return new PolicyEmitModel(
            _namespace,
            name,
            name,
            CSharp.Literal(_policy.Name),
            CSharp.DocText(_policy.Document),
            claimType,
            decisionType,
            policyType,
            toolVersion,
            _policy.Enums.Select(Enum).ToEquatableArray(),
            _policy.Facts.Select(f => Fact(f, writer)).ToEquatableArray(),
            CSharp.Literal(string.Join(", ", _policy.Facts.Select(f => f.Name))),
            new[]
            {
                OutcomeKind("Remedy", "Remedies", "RemedyTable", "What the service centre does for the customer.", _policy.Remedies),
                OutcomeKind("Requirement", "Requirements", "RequirementTable", "What the customer (or the service centre) must bring or do.", _policy.Requirements),
                OutcomeKind("Note", "Notes", "NoteTable", "What the customer is told.", _policy.Notes),
            }.ToEquatableArray(),
            _policy.Definitions.Select(d => new DefinitionModel(
                definitionVariables[d.Name],
                writer.TypeOf(d.Type),
                writer.WriteTopLevel(d.Value),
                CSharp.CommentText(d.Name + ": " + d.Description),
                CSharp.Literal(d.Name),
                writer.TracedValue(definitionVariables[d.Name], d.Type, claimType))).ToEquatableArray(),
            _policy.Rejections.Select(r => new RejectionModel(writer.WriteTopLevel(r.Condition), CSharp.Literal(r.Field), CSharp.Literal(r.Reason))).ToEquatableArray(),
            _policy.Clauses.Select(c => new ClauseModel(
                c.Index, CSharp.Literal(c.Id), CSharp.Literal(c.Section), CSharp.Literal(string.Join(" ", c.Quotes)), c.Decides switch
                {
                    CoverageDecision.Free => "free",
                    CoverageDecision.Paid => "paid",
                    _ => string.Empty,
                })).ToEquatableArray(),
            Steps(c => !c.ReadsCoverage, writer, clauseVariables),
            Steps(c => c.ReadsCoverage, writer, clauseVariables),
            _policy.Clauses.Where(c => c.Decides == CoverageDecision.Free).Select(c => clauseVariables[c.Index]).ToEquatableArray(),
            _policy.Clauses.Where(c => c.Decides == CoverageDecision.Paid).Select(c => clauseVariables[c.Index]).ToEquatableArray(),
            writer.WriteTopLevel(_policy.Warranty.Start),
            writer.WriteTopLevel(_policy.Warranty.End),
            writer.WriteTopLevel(_policy.Warranty.Active));
    }

    private void CheckUnique(IEnumerable<(string Name, SourceLocation Location)> names)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, location) in names)
        {
            if (!seen.Add(name))
            {
                _diagnostics.Add(new DiagnosticInfo(DiagnosticCatalog.NameCollision.Id,
                    DiagnosticCatalog.NameCollision.Format(name, location.Span.Line), location.FilePath, location.Span));
            }
        }
    }

    private Dictionary<int, string> ClauseVariables()
    {
        var variables = new Dictionary<int, string>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var clause in _policy.Clauses)
        {
            var variable = "clause_" + CSharp.IdentifierPart(clause.Id);
            if (!used.Add(variable))
            {
                variable += "_" + clause.Index;
                used.Add(variable);
            }

            variables[clause.Index] = variable;
        }

        return variables;
    }

    private EquatableArray<ClauseStepModel> Steps(Func<BoundClause, bool> phase, CSharpExpressionWriter writer, Dictionary<int, string> variables)
    {
        var byId = _policy.Clauses.ToDictionary(c => c.Id, c => c, StringComparer.Ordinal);
        var steps = new List<ClauseStepModel>();
        foreach (var index in _policy.EvaluationOrder)
        {
            var clause = _policy.Clauses[index];
            if (!phase(clause))
            {
                continue;
            }

            var overriders = _policy.Clauses
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
