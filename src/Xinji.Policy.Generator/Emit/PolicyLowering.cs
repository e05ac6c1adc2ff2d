using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Syntax;
using Xinji.Policy.Dsl.Text;
using Xinji.Policy.Generator.Model;

namespace Xinji.Policy.Generator.Emit;

/// <summary>
/// Lowers a bound policy to the emit model: C# names chosen (all of them in
/// <see cref="GeneratedNames"/>), expressions written, every policy string escaped.
/// </summary>
internal sealed class PolicyLowering
{
    // Names the generated code itself uses in these scopes, reserved before any policy name is taken.
    // value__ is the field C# gives every enum: no member of the Clause enum may take it.
    private static readonly string[] ClauseIndexReserved = { "ClauseIndex", "value__" };
    private static readonly string[] ValidateReserved = { "claim", "_" };

    private readonly PolicyVocabulary _vocabulary;
    private readonly GeneratedNames _names;
    private readonly Dictionary<string, string> _texts;

    // Null for a shell: the policy's types, with an evaluator that refuses to decide.
    private readonly BoundPolicy? _full;

    private PolicyLowering(PolicyVocabulary vocabulary, BoundPolicy? policy, IReadOnlyList<PolicyFile> files, string @namespace)
    {
        _vocabulary = vocabulary;
        _full = policy;
        _names = new GeneratedNames(vocabulary, @namespace);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            texts[file.Path] = file.Text;
        }

        _texts = texts;
        Namespace = @namespace;
    }

    private string Namespace { get; }

    private BoundPolicy Policy => _full ?? throw new InvalidOperationException("A shell has no clauses.");

    /// <param name="files">The policy's parsed files, whose text each clause's comment quotes.</param>
    public static PolicyEmitModel Lower(BoundPolicy policy, IReadOnlyList<PolicyFile> files, string @namespace, string toolVersion) =>
        new PolicyLowering(
            new PolicyVocabulary(policy.Name, policy.Document, policy.Enums, policy.Facts, policy.Remedies, policy.Requirements, policy.Notes),
            policy,
            files,
            @namespace).Build(toolVersion);

    /// <summary>
    /// The policy's types from what bound of it, when something else is in error: code that uses
    /// the claim and decision still compiles, so the build reports the policy's XP errors rather
    /// than missing C# types, and <c>Evaluate</c> refuses to decide.
    /// </summary>
    public static PolicyEmitModel LowerShell(PolicyVocabulary vocabulary, string @namespace, string toolVersion) =>
        new PolicyLowering(vocabulary, null, Array.Empty<PolicyFile>(), @namespace).Build(toolVersion);

    private PolicyEmitModel Build(string toolVersion)
    {
        var claimType = _names.ClaimType;
        var definitions = _full?.Definitions ?? EquatableArray<DefinitionSymbol>.Empty;
        var definitionVariables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var definition in definitions)
        {
            definitionVariables[definition.Name] = _names.EvaluateScope.Take(definition.Name);
        }

        var writer = new CSharpExpressionWriter(_names, definitionVariables);
        var clauses = _full?.Clauses ?? EquatableArray<BoundClause>.Empty;
        var clauseVariables = new Dictionary<int, string>();
        var indexConstants = new Dictionary<int, string>();
        var indexNames = new NameScope(ClauseIndexReserved);
        foreach (var clause in clauses)
        {
            clauseVariables[clause.Index] = _names.EvaluateScope.Take("clause_" + CSharp.IdentifierPart(clause.Id));
            indexConstants[clause.Index] = indexNames.Take(CSharp.IdentifierPart(clause.Id));
        }

        var clauseIndexes = indexConstants.ToDictionary(c => c.Key, c => "ClauseIndex." + c.Value);

        // Rejections, clauses and the warranty first: the definitions they read, and those the
        // definitions read in turn (each is ordered after what it reads), are the ones Evaluate needs.
        var validateLocals = new NameScope(ValidateReserved);
        var rejections = (_full?.Rejections ?? EquatableArray<BoundRejection>.Empty).Select(r => Rejection(r, writer, validateLocals)).ToEquatableArray();
        var hoisted = HoistSteps(writer);
        var deciding = _full is null ? new List<(BoundClause Clause, ClauseStepModel Step)>() : Steps(c => !c.ReadsCoverage, writer, clauseVariables, clauseIndexes);
        var reading = _full is null ? new List<(BoundClause Clause, ClauseStepModel Step)>() : Steps(c => c.ReadsCoverage, writer, clauseVariables, clauseIndexes);
        var freeClauses = clauses.Where(c => c.Decides == CoverageDecision.Free).Select(c => clauseVariables[c.Index]).ToEquatableArray();
        var paidClauses = clauses.Where(c => c.Decides == CoverageDecision.Paid).Select(c => clauseVariables[c.Index]).ToEquatableArray();
        var readVariables = new HashSet<string>(freeClauses.Concat(paidClauses).Concat(deciding.Concat(reading).SelectMany(p => p.Step.Overriders)), StringComparer.Ordinal);
        var warrantyStart = _full is null ? "null" : writer.WriteTopLevel(_full.Warranty.Start);
        var warrantyEnd = _full is null ? "null" : writer.WriteTopLevel(_full.Warranty.End);
        var warrantyActive = _full is null ? "false" : writer.WriteTopLevel(_full.Warranty.Active);
        // Backwards, so that what a used value reads is known to be used by the time it is reached;
        // a hoisted step comes right after the value it steps from (or first, for a fact's).
        var definitionModels = new List<DefinitionModel>();
        for (var i = definitions.Count - 1; i >= -1; i--)
        {
            var from = i >= 0 ? definitions[i].Name : null;
            foreach (var (key, shift, variable) in hoisted.Where(h => (h.Shift.Date as DefinitionReference)?.Name == from).Reverse())
            {
                var stepUsed = writer.ReadSteps.Contains(key);
                definitionModels.Add(new DefinitionModel(
                    variable,
                    writer.TypeOf(shift.Type),
                    stepUsed ? writer.WriteStep(shift) : "default",
                    CSharp.CommentText(StepText(shift) + ", computed once for every value that reads it"),
                    "null",
                    "null",
                    stepUsed,
                    IsStep: true));
            }

            if (i < 0)
            {
                break;
            }

            var d = definitions[i];
            var used = writer.ReadDefinitions.Contains(d.Name);
            definitionModels.Add(new DefinitionModel(
                definitionVariables[d.Name],
                writer.TypeOf(d.Type),
                used ? writer.WriteTopLevel(d.Value) : new CSharpExpressionWriter(_names, definitionVariables).WriteTopLevel(d.Value),
                CSharp.CommentText(d.Name + ": " + d.Description),
                CSharp.Literal(d.Name),
                writer.TracedValue(definitionVariables[d.Name], d.Type, claimType),
                used,
                IsStep: false));
        }

        definitionModels.Reverse();

        return new PolicyEmitModel(
            Namespace,
            CSharp.Pascal(_vocabulary.Name),
            CSharp.Pascal(_vocabulary.Name),
            CSharp.Literal(_vocabulary.Name),
            CSharp.DocText(_vocabulary.Document),
            claimType,
            _names.DecisionType,
            _names.PolicyType,
            toolVersion,
            _names.ExternalTypes.Select(t => new TypeReferenceModel(t.Name, t.Code)).ToEquatableArray(),
            _vocabulary.Enums.Select(Enum).ToEquatableArray(),
            _vocabulary.Facts.Select(f => Fact(f, writer)).ToEquatableArray(),
            CSharp.Literal(string.Join(", ", _vocabulary.Facts.Select(f => f.Name))),
            new[]
            {
                OutcomeKind(Dsl.Syntax.OutcomeKind.Remedy, "Remedies", "RemedyTable", "What the decision offers for the claim.", _vocabulary.Remedies),
                OutcomeKind(Dsl.Syntax.OutcomeKind.Requirement, "Requirements", "RequirementTable", "What must be brought or done for the claim.", _vocabulary.Requirements),
                OutcomeKind(Dsl.Syntax.OutcomeKind.Note, "Notes", "NoteTable", "What the claimant is told.", _vocabulary.Notes),
            }.ToEquatableArray(),
            definitionModels.ToEquatableArray(),
            rejections,
            clauses.Select(c => new ClauseModel(
                c.Index,
                indexConstants[c.Index],
                clauseIndexes[c.Index],
                CSharp.Literal(c.Id), CSharp.Literal(c.Section), CSharp.Literal(string.Join(" ", c.Quotes)), c.Decides switch
                {
                    CoverageDecision.Free => "free",
                    CoverageDecision.Paid => "paid",
                    _ => string.Empty,
                },
                CSharp.DocText(c.Id + " (" + c.Section + ")"))).ToEquatableArray(),
            SetType(clauses.Count),
            deciding.Select(p => p.Step).ToEquatableArray(),
            reading.Select(p => p.Step).ToEquatableArray(),
            Groups(deciding, writer, readVariables),
            Groups(reading, writer, readVariables),
            freeClauses,
            paidClauses,
            warrantyStart,
            warrantyEnd,
            warrantyActive,
            _full?.Warranty.NotEstablished is { } notEstablished ? CSharp.Literal(notEstablished) : "null",
            _full is null);
    }

    /// <summary>
    /// The month steps of a fact or definition (<c>warrantyStart + 12 months</c>) that the clauses,
    /// the definitions and the warranty write more than once: each gets a local, computed once per
    /// evaluation, since a calendar step costs far more than reading a variable. The locals are
    /// named from the policy's words and listed by their keys, in the order first written.
    /// </summary>
    private List<(string Key, DateShift Shift, string Variable)> HoistSteps(CSharpExpressionWriter writer)
    {
        var hoisted = new List<(string Key, DateShift Shift, string Variable)>();
        if (_full is null)
        {
            return hoisted;
        }

        var roots = _full.Definitions.Select(d => d.Value)
            .Concat(_full.Clauses.Select(c => c.Condition))
            .Concat(new[] { _full.Warranty.Start, _full.Warranty.End, _full.Warranty.Active });
        var seen = new Dictionary<string, (DateShift Shift, int Count)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var expression in roots.SelectMany(r => r.DescendantsAndSelf()))
        {
            if (expression is DateShift shift && CSharpExpressionWriter.StepKey(shift) is { } key)
            {
                if (seen.TryGetValue(key, out var entry))
                {
                    seen[key] = (entry.Shift, entry.Count + 1);
                }
                else
                {
                    seen[key] = (shift, 1);
                    order.Add(key);
                }
            }
        }

        foreach (var key in order.Where(k => seen[k].Count > 1))
        {
            var shift = seen[key].Shift;
            var operand = shift.Date is FactReference f ? f.Name : ((DefinitionReference)shift.Date).Name;
            var variable = _names.EvaluateScope.Take(
                operand + (shift.Amount < 0 ? "Minus" : "Plus") + Math.Abs((long)shift.Amount).ToString(CultureInfo.InvariantCulture) + "Months");
            writer.Hoist(shift, variable);
            hoisted.Add((key, shift, variable));
        }

        return hoisted;
    }

    private static string StepText(DateShift shift)
    {
        var operand = shift.Date is FactReference f ? f.Name : ((DefinitionReference)shift.Date).Name;
        var amount = Math.Abs((long)shift.Amount).ToString(CultureInfo.InvariantCulture);
        return operand + (shift.Amount < 0 ? " - " : " + ") + amount + (amount == "1" ? " month" : " months");
    }

    /// <summary>
    /// A rejection. One whose condition reads nothing of the claim holds for every claim or for
    /// none; written straight into an <c>if</c>, C# would call the code after it (or in it)
    /// unreachable (CS0162), so its value goes through a local first.
    /// </summary>
    private static RejectionModel Rejection(BoundRejection rejection, CSharpExpressionWriter writer, NameScope locals)
    {
        var reads = writer.Reads;
        var condition = writer.WriteTopLevel(rejection.Condition);
        var constant = writer.Reads == reads ? locals.Take("rejectsAll") : null;
        return new RejectionModel(condition, constant, CSharp.Literal(rejection.Field), CSharp.Literal(rejection.Reason));
    }

    private List<(BoundClause Clause, ClauseStepModel Step)> Steps(Func<BoundClause, bool> phase, CSharpExpressionWriter writer, Dictionary<int, string> variables, Dictionary<int, string> indexes)
    {
        var exceptionsTo = Policy.ExceptionsByTarget();

        var steps = new List<(BoundClause Clause, ClauseStepModel Step)>();
        foreach (var index in Policy.EvaluationOrder)
        {
            var clause = Policy.Clauses[index];
            if (!phase(clause))
            {
                continue;
            }

            var overriders = exceptionsTo[clause.Id].Select(e => variables[e.Index]).ToEquatableArray();

            // "a || b" followed by "&& !overrider" would read as "a || (b && !overrider)": keep the
            // condition's parentheses unless it is itself a conjunction, which chains safely.
            var condition = writer.WriteTopLevel(clause.Condition);
            var guarded = overriders.Count == 0 || clause.Condition is LogicalOperation { Operator: LogicalOperator.And }
                ? condition
                : writer.Write(clause.Condition);
            var inForce = guarded + string.Concat(overriders.Select(o => " && !" + o));

            var remedy = _names.OwnType("Remedy");
            var requirement = _names.OwnType("Requirement");
            var note = _names.OwnType("Note");
            var effects = new List<string>();
            effects.AddRange(clause.Remedies.Select(r => $"remedies.Add((int){remedy}.{_names.Outcome(Dsl.Syntax.OutcomeKind.Remedy, r)});"));
            effects.AddRange(clause.Requirements.Select(r => $"requirements.Add((int){requirement}.{_names.Outcome(Dsl.Syntax.OutcomeKind.Requirement, r)});"));
            effects.AddRange(clause.Notes.Select(n => $"notes.Add((int){note}.{_names.Outcome(Dsl.Syntax.OutcomeKind.Note, n)});"));

            steps.Add((clause, new ClauseStepModel(
                variables[clause.Index],
                indexes[clause.Index],
                CSharp.Literal(clause.Id),
                CSharp.CommentText(clause.Id + " (" + clause.Section + ")" + (clause.ExceptionTo.Count > 0 ? ", exception to " + string.Join(", ", clause.ExceptionTo) : string.Empty)),
                CSharp.CommentText(WrittenCondition(clause)),
                condition,
                inForce,
                overriders,
                effects.ToEquatableArray())));
        }

        return steps;
    }

    /// <summary>
    /// The clauses of a phase as the untraced evaluator writes them. A run of two or more
    /// consecutive clauses that no exception overrides, whose conditions each start by testing the
    /// same enum fact (or the coverage) for members no other case of the run has, becomes one
    /// <c>switch</c>: the value is tested once, with one jump, instead of once per clause, which
    /// costs a mispredicted branch per clause on varied claims. Moving the test into a case keeps
    /// the meaning: the clauses' effects only add to sets, and no clause of the run reads another.
    /// </summary>
    private static EquatableArray<ClauseGroupModel> Groups(List<(BoundClause Clause, ClauseStepModel Step)> steps, CSharpExpressionWriter writer, HashSet<string> readVariables)
    {
        var tests = steps.Select(s => s.Step.Overriders.Count == 0 ? EnumTest.Of(s.Clause.Condition) : null).ToList();
        var groups = new List<ClauseGroupModel>();
        var i = 0;
        while (i < steps.Count)
        {
            var cases = new List<(EnumTest Test, List<int> Steps)>();
            // Each case by its members, and every member a case has: a run of thousands of
            // clauses over an enum of thousands of members is grouped in linear time.
            var caseOf = new Dictionary<string, int>(StringComparer.Ordinal);
            var taken = new HashSet<string>(StringComparer.Ordinal);
            var end = i;
            for (; end < steps.Count && tests[end] is { } test && test.SubjectKey == tests[i]!.SubjectKey; end++)
            {
                if (caseOf.TryGetValue(test.MembersKey, out var same))
                {
                    cases[same].Steps.Add(end);
                }
                else if (test.Members.Overlaps(taken))
                {
                    break;
                }
                else
                {
                    taken.UnionWith(test.Members);
                    caseOf[test.MembersKey] = cases.Count;
                    cases.Add((test, new List<int> { end }));
                }
            }

            if (cases.Count < 2)
            {
                // One case or none: no clause up to the run's end starts a switch of its own either
                // (its run would have the same one case and stop at the same place).
                for (var single = i; single < Math.Max(end, i + 1); single++)
                {
                    groups.Add(new ClauseGroupModel(null, string.Empty, EquatableArray<string>.Empty, new[] { new ClauseCaseModel(string.Empty, new[] { steps[single].Step }.ToEquatableArray()) }.ToEquatableArray()));
                }

                i = Math.Max(end, i + 1);
                continue;
            }

            var first = tests[i]!;
            var ids = Enumerable.Range(i, end - i).Select(k => steps[k].Clause.Id).ToList();
            var named = ids.Count <= 6
                ? string.Join(", ", ids.Take(ids.Count - 1)) + " and " + ids[ids.Count - 1]
                : ids.Count.ToString(CultureInfo.InvariantCulture) + " clauses, " + ids[0] + " to " + ids[ids.Count - 1] + ",";
            var comment = named
                + " each apply to their own values of " + first.SubjectName + ": one switch on it";
            groups.Add(new ClauseGroupModel(
                writer.Write(first.Subject),
                CSharp.CommentText(comment),
                Enumerable.Range(i, end - i).Select(k => steps[k].Step.Variable).Where(readVariables.Contains).ToEquatableArray(),
                cases.Select(c => new ClauseCaseModel(
                    string.Join(" or ", c.Test.MemberOrder.Select(m => writer.EnumValue(c.Test.EnumName, m))),
                    c.Steps.Select(k => steps[k].Step with
                    {
                        Rest = tests[k]!.Rest.Count == 0 ? null : tests[k]!.Rest.Count == 1 ? writer.WriteTopLevel(tests[k]!.Rest[0]) : string.Join(" && ", tests[k]!.Rest.Select(writer.Write)),
                        VariableRead = readVariables.Contains(steps[k].Step.Variable),
                    }).ToEquatableArray())).ToEquatableArray()));
            i = end;
        }

        return groups.ToEquatableArray();
    }

    /// <summary>A condition that starts by testing an enum fact or the coverage for some members, and what it asks besides.</summary>
    private sealed class EnumTest
    {
        private EnumTest(BoundExpression subject, string subjectKey, string subjectName, string enumName, IReadOnlyList<string> members, IReadOnlyList<BoundExpression> rest)
        {
            Subject = subject;
            SubjectKey = subjectKey;
            SubjectName = subjectName;
            EnumName = enumName;
            MemberOrder = members;
            Members = new HashSet<string>(members, StringComparer.Ordinal);
            MembersKey = string.Join(" ", members.OrderBy(m => m, StringComparer.Ordinal));
            Rest = rest;
        }

        public BoundExpression Subject { get; }

        public string SubjectKey { get; }

        public string SubjectName { get; }

        public string EnumName { get; }

        public IReadOnlyList<string> MemberOrder { get; }

        public HashSet<string> Members { get; }

        /// <summary>The members in one order, space-separated (a member is a name): equal for two tests of the same members.</summary>
        public string MembersKey { get; }

        public IReadOnlyList<BoundExpression> Rest { get; }

        public static EnumTest? Of(BoundExpression condition)
        {
            var conjuncts = condition.Conjuncts();
            var (subject, enumName, members) = conjuncts[0] switch
            {
                Equality { Right: EnumLiteral literal } e => (e.Left, literal.EnumName, new[] { literal.Member }),
                Equality { Left: EnumLiteral literal } e => (e.Right, literal.EnumName, new[] { literal.Member }),
                Membership m => (m.Operand, m.EnumName, m.Members.Distinct(StringComparer.Ordinal).ToArray()),
                _ => (null!, string.Empty, Array.Empty<string>()),
            };
            var (key, name) = subject switch
            {
                FactReference { Type.Kind: TypeKind.Enum } f => ("fact " + f.Name, f.Name),
                CoverageReference => ("coverage", "coverage"),
                _ => (string.Empty, string.Empty),
            };
            return key.Length == 0 || members.Length == 0
                ? null
                : new EnumTest(subject, key, name, enumName, members, conjuncts.Skip(1).ToList());
        }
    }

    /// <summary>
    /// The clause's condition as its author wrote it: text, not a position, so the model (and
    /// the incremental cache) stays the same when an edit elsewhere moves the clause.
    /// </summary>
    private string WrittenCondition(BoundClause clause)
    {
        if (clause.Condition is BoolLiteral { Value: true } literal && literal.Span == clause.Location.Span)
        {
            // The binder stands "always" in for a condition, at the clause's id.
            return "always";
        }

        var span = clause.Condition.Span;
        return _texts.TryGetValue(clause.Location.FilePath, out var text) && span.Start >= 0 && span.Length > 0 && span.End <= text.Length
            ? "when " + text.Substring(span.Start, span.Length)
            : "when …";
    }

    private EnumModel Enum(EnumSymbol symbol) => new(
        _names.EnumName(symbol.Name),
        _names.EnumType(symbol.Name),
        _names.EnumReader(symbol.Name, optional: false),
        _names.EnumReader(symbol.Name, optional: true),
        CSharp.DocText(symbol.Description),
        CSharp.Literal(string.Join(", ", symbol.Members)),
        symbol.Members.Distinct().Select(m => new EnumMemberModel(
            _names.EnumMember(symbol.Name, m), CSharp.DocText(m), CSharp.Literal(m), CSharp.Utf8Literal(m))).ToEquatableArray());

    private FactModel Fact(FactSymbol fact, CSharpExpressionWriter writer)
    {
        var type = writer.TypeOf(fact.Type);
        var field = CSharp.Literal(fact.Name);
        var optional = fact.Type.IsOptional ? "Optional" : string.Empty;
        var claimJson = _names.Type("ClaimJson");
        var (reader, codeWriter) = fact.Type.Kind switch
        {
            TypeKind.Bool => ($"{claimJson}.Read{optional}Bool(ref reader, {field}, ref errors)", "Boolean"),
            TypeKind.Int => ($"{claimJson}.Read{optional}Int(ref reader, {field}, ref errors)", "Number"),
            TypeKind.Date => ($"{claimJson}.Read{optional}Date(ref reader, {field}, ref errors)", "Date"),
            _ => ($"{_names.EnumReader(fact.Type.EnumName!, fact.Type.IsOptional)}(ref reader, {field}, ref errors)", "Enum"),
        };

        var property = _names.FactProperty(fact.Name);
        var value = _names.ClaimScope.Take(fact.Name);
        var seen = _names.ClaimScope.Take("seen" + CSharp.Pascal(fact.Name));
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
            seen,
            value);
    }

    private OutcomeKindModel OutcomeKind(Dsl.Syntax.OutcomeKind kind, string property, string table, string doc, EquatableArray<OutcomeSymbol> outcomes)
    {
        var members = outcomes.GroupBy(o => o.Name, StringComparer.Ordinal).Select(g => g.First())
            .Select(o => new OutcomeModel(_names.Outcome(kind, o.Name), CSharp.Literal(o.Name), CSharp.Literal(o.Description), CSharp.DocText(o.Description))).ToEquatableArray();
        return new(kind.ToString(), _names.OwnType(kind.ToString()), property, table, doc, SetType(members.Count), members);
    }

    /// <summary>
    /// The set a decision holds members of one kind in: one word, with no reference in it, when the
    /// policy has at most 64 of them (the decision is then a few plain words, as cheap to return as
    /// hand-written masks); a growable set beyond.
    /// </summary>
    private string SetType(int members) => _names.Type(members <= 64 ? "SmallBitSet" : "BitSet");
}
