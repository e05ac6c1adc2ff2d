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
    EquatableArray<EnumModel> Enums,
    EquatableArray<FactModel> Facts,
    string KnownFieldsLiteral,
    EquatableArray<OutcomeKindModel> OutcomeKinds,
    EquatableArray<DefinitionModel> Definitions,
    EquatableArray<RejectionModel> Rejections,
    EquatableArray<ClauseModel> Clauses,
    EquatableArray<ClauseStepModel> DecidingSteps,
    EquatableArray<ClauseStepModel> ReadingSteps,
    EquatableArray<string> FreeClauses,
    EquatableArray<string> PaidClauses,
    string WarrantyStart,
    string WarrantyEnd,
    string WarrantyActive,
    string WarrantyNotEstablishedLiteral,
    bool IsShell);

internal sealed record EnumModel(string Name, string Doc, string ValuesLiteral, EquatableArray<EnumMemberModel> Members);

internal sealed record EnumMemberModel(string Name, string Code, string CodeLiteral, string Utf8Literal, bool IsLast);

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

internal sealed record OutcomeKindModel(string Kind, string EnumName, string Property, string TableName, string Doc, EquatableArray<OutcomeModel> Members);

internal sealed record OutcomeModel(string Name, string CodeLiteral, string DescriptionLiteral, string Doc);

/// <param name="TracedValue">The variable as a Runtime.TracedValue, for the traced evaluator.</param>
internal sealed record DefinitionModel(string Variable, string Type, string Expression, string Comment, string NameLiteral, string TracedValue);

internal sealed record RejectionModel(string Condition, string FieldLiteral, string ReasonLiteral);

internal sealed record ClauseModel(int Index, string IdLiteral, string SectionLiteral, string TextLiteral, string Decides);

/// <param name="Condition">The clause's condition: whether it applies.</param>
/// <param name="InForce">The condition and that no overrider is in force: whether it is in force.</param>
/// <param name="Overriders">Variables of the clauses that are exceptions to this one.</param>
/// <param name="Effects">Statements run when the clause is in force, such as adding a remedy.</param>
internal sealed record ClauseStepModel(
    string Variable,
    int Index,
    string IdLiteral,
    string Comment,
    string Condition,
    string InForce,
    EquatableArray<string> Overriders,
    EquatableArray<string> Effects);

internal sealed record DiagnosticInfo(string Id, string Message, string FilePath, SourceSpan Span);

internal sealed record EmitResult(PolicyEmitModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
