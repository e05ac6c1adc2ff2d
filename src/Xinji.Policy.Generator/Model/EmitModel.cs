using Xinji.Policy.Dsl.Text;

namespace Xinji.Policy.Generator.Model;

// What the templates render: strings and values only, so the pipeline can compare a new model
// with the cached one and skip rendering when nothing changed. Every string that came from a
// policy file is already escaped for the place it goes (C# literal, comment, XML doc).

internal sealed record PolicyEmitModel(
    string Namespace,
    string HintPrefix,
    string PolicyName,
    string PolicyNameLiteral,
    string DocumentDoc,
    string ClaimType,
    string DecisionType,
    string PolicyType,
    string ToolVersion,
    EquatableArray<TypeReferenceModel> Types,
    EquatableArray<EnumModel> Enums,
    EquatableArray<FactModel> Facts,
    string KnownFieldsLiteral,
    EquatableArray<OutcomeKindModel> OutcomeKinds,
    EquatableArray<DefinitionModel> Definitions,
    EquatableArray<RejectionModel> Rejections,
    EquatableArray<ClauseModel> Clauses,
    string ClauseSet,
    EquatableArray<ClauseStepModel> DecidingSteps,
    EquatableArray<ClauseStepModel> ReadingSteps,
    EquatableArray<ClauseGroupModel> DecidingGroups,
    EquatableArray<ClauseGroupModel> ReadingGroups,
    EquatableArray<string> FreeClauses,
    EquatableArray<string> PaidClauses,
    string WarrantyStart,
    string WarrantyEnd,
    string WarrantyActive,
    string WarrantyNotEstablishedLiteral,
    bool IsShell);

/// <summary>A type of another namespace, by its short name, as the generated code writes it (templates read it as <c>T.Name</c>).</summary>
internal sealed record TypeReferenceModel(string Name, string Code);

/// <param name="Name">The enum's name where it is declared.</param>
/// <param name="Reference">The enum as code inside the generated types refers to it.</param>
/// <param name="Reader">The claim's private method that reads the enum from JSON.</param>
/// <param name="OptionalReader">The same for an optional value.</param>
internal sealed record EnumModel(string Name, string Reference, string Reader, string OptionalReader, string Doc, string ValuesLiteral, EquatableArray<EnumMemberModel> Members);

/// <param name="CodeDoc">The member's JSON code, for a doc comment.</param>
internal sealed record EnumMemberModel(string Name, string CodeDoc, string CodeLiteral, string Utf8Literal);

/// <param name="Reader">The Runtime.ClaimJson method (or generated enum reader) that reads the value.</param>
internal sealed record FactModel(
    string JsonName,
    string JsonNameLiteral,
    string Utf8Literal,
    string Property,
    string Type,
    string Doc,
    bool Required,
    bool Optional,
    string? Default,
    string Reader,
    string Writer,
    string SeenVariable,
    string ValueVariable);

/// <param name="Set">The set type the decision holds this kind's outcomes in, as code.</param>
internal sealed record OutcomeKindModel(string Kind, string EnumName, string Property, string TableName, string Doc, string Set, EquatableArray<OutcomeModel> Members);

internal sealed record OutcomeModel(string Name, string CodeLiteral, string DescriptionLiteral, string Doc);

/// <param name="TracedValue">The variable as a Runtime.TracedValue, for the traced evaluator.</param>
/// <param name="Used">Whether a clause, the warranty or a used definition reads it; the untraced evaluator computes only those.</param>
/// <param name="IsStep">A month step several values read, held in a local of its own: computed when used, never traced.</param>
internal sealed record DefinitionModel(string Variable, string Type, string Expression, string Comment, string NameLiteral, string TracedValue, bool Used, bool IsStep);

/// <param name="ConstantVariable">A local for a condition that reads nothing of the claim; null for any other.</param>
internal sealed record RejectionModel(string Condition, string? ConstantVariable, string FieldLiteral, string ReasonLiteral);

/// <param name="IndexConstant">The name of the clause's constant in the policy's <c>ClauseIndex</c> class.</param>
/// <param name="IndexReference">The constant as code refers to it.</param>
/// <param name="Doc">The clause's id and section, for the doc comment of its member of the public <c>Clause</c> enum.</param>
internal sealed record ClauseModel(int Index, string IndexConstant, string IndexReference, string IdLiteral, string SectionLiteral, string TextLiteral, string Decides, string Doc);

/// <param name="Index">The clause's index constant, as code refers to it.</param>
/// <param name="Comment">The clause's id, section and exceptions, for a comment.</param>
/// <param name="WrittenCondition">The condition as the policy writes it, for a comment.</param>
/// <param name="Condition">The clause's condition: whether it applies.</param>
/// <param name="InForce">The condition and that no overrider is in force: whether it is in force.</param>
/// <param name="Overriders">Variables of the clauses that are exceptions to this one.</param>
/// <param name="Effects">Statements run when the clause is in force, such as adding a remedy.</param>
/// <param name="Rest">In a switch: what the condition asks beyond the case's value, or null for nothing more.</param>
/// <param name="VariableRead">Whether other code reads <paramref name="Variable"/> (the coverage, an exception); in a switch, a clause whose variable nothing reads gets none.</param>
internal sealed record ClauseStepModel(
    string Variable,
    string Index,
    string IdLiteral,
    string Comment,
    string WrittenCondition,
    string Condition,
    string InForce,
    EquatableArray<string> Overriders,
    EquatableArray<string> Effects,
    string? Rest = null,
    bool VariableRead = true);

/// <summary>
/// What the untraced evaluator writes for consecutive clauses: one clause on its own
/// (<paramref name="Subject"/> null, <paramref name="Cases"/> one case of one step), or a run of
/// clauses whose conditions each start by testing one enum value for disjoint members, as one
/// <c>switch</c> on that value, so the value is tested once rather than once per clause.
/// </summary>
/// <param name="Subject">The switched value as code, such as <c>claim.Cause</c>; null for a clause on its own.</param>
/// <param name="Comment">Why the clauses share a switch, for a comment.</param>
/// <param name="Locals">The variables of the switch's clauses that other code reads, declared false before it.</param>
internal sealed record ClauseGroupModel(string? Subject, string Comment, EquatableArray<string> Locals, EquatableArray<ClauseCaseModel> Cases);

/// <param name="Label">The case's pattern, such as <c>Cause.Fall or Cause.Water</c>.</param>
/// <param name="Steps">The clauses of this case, in evaluation order.</param>
internal sealed record ClauseCaseModel(string Label, EquatableArray<ClauseStepModel> Steps);

internal sealed record DiagnosticInfo(string Id, string Message, string FilePath, SourceSpan Span)
{
    /// <summary>The other places the diagnostic involves, reported as Roslyn's additional locations.</summary>
    public EquatableArray<Dsl.Diagnostics.RelatedLocation> Related { get; init; } = EquatableArray<Dsl.Diagnostics.RelatedLocation>.Empty;
}

internal sealed record EmitResult(PolicyEmitModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
