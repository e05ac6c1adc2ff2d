using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Xinji.Policy.LanguageServer.Protocol;

// The part of LSP 3.17 this server speaks, as the specification names it
// (https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/).
// Property names are camelCased by the serializer; nulls are left out.

public sealed record Position(int Line, int Character);

public sealed record Range(Position Start, Position End);

public sealed record Location(string Uri, Range Range);

public sealed record TextDocumentIdentifier(string Uri);

public sealed record VersionedTextDocumentIdentifier(string Uri, int Version);

public sealed record TextDocumentItem(string Uri, string LanguageId, int Version, string Text);

public sealed record DidOpenTextDocumentParams(TextDocumentItem TextDocument);

/// <summary>A change: <see cref="Range"/> replaced by <see cref="Text"/>, or the whole text when there is no range (full sync).</summary>
public sealed record TextDocumentContentChangeEvent(Range? Range, string Text);

public sealed record DidChangeTextDocumentParams(VersionedTextDocumentIdentifier TextDocument, IReadOnlyList<TextDocumentContentChangeEvent> ContentChanges);

public sealed record DidCloseTextDocumentParams(TextDocumentIdentifier TextDocument);

public sealed record DidSaveTextDocumentParams(TextDocumentIdentifier TextDocument, string? Text);

public sealed record TextDocumentPositionParams(TextDocumentIdentifier TextDocument, Position Position);

public sealed record ReferenceContext(bool IncludeDeclaration);

public sealed record ReferenceParams(TextDocumentIdentifier TextDocument, Position Position, ReferenceContext? Context);

public sealed record RenameParams(TextDocumentIdentifier TextDocument, Position Position, string NewName);

public sealed record DocumentFormattingParams(TextDocumentIdentifier TextDocument, JsonElement? Options);

public sealed record DocumentSymbolParams(TextDocumentIdentifier TextDocument);

public sealed record CodeActionContext(IReadOnlyList<Diagnostic>? Diagnostics);

public sealed record CodeActionParams(TextDocumentIdentifier TextDocument, Range Range, CodeActionContext? Context);

public static class MarkupKind
{
    public const string Markdown = "markdown";
}

public sealed record MarkupContent(string Kind, string Value);

public sealed record Hover(MarkupContent Contents, Range? Range);

public sealed record TextEdit(Range Range, string NewText);

/// <summary>Edits by document URI; <see cref="DocumentChanges"/> when a file must be created first.</summary>
public sealed record WorkspaceEdit(IReadOnlyDictionary<string, IReadOnlyList<TextEdit>>? Changes, IReadOnlyList<object>? DocumentChanges = null);

public sealed record CreateFile(string Uri)
{
    public string Kind { get; } = "create";
}

public sealed record OptionalVersionedTextDocumentIdentifier(string Uri, int? Version);

public sealed record TextDocumentEdit(OptionalVersionedTextDocumentIdentifier TextDocument, IReadOnlyList<TextEdit> Edits);

/// <summary>CompletionItemKind values of the specification.</summary>
public static class CompletionItemKind
{
    public const int Text = 1;
    public const int Field = 5;
    public const int Variable = 6;
    public const int Reference = 18;
    public const int Keyword = 14;
    public const int EnumMember = 20;
    public const int Constant = 21;
    public const int Event = 23;
}

public sealed record CompletionItem(string Label, int Kind)
{
    public string? Detail { get; init; }

    public MarkupContent? Documentation { get; init; }

    public string? SortText { get; init; }

    public string? FilterText { get; init; }

    public TextEdit? TextEdit { get; init; }
}

public sealed record CompletionList(bool IsIncomplete, IReadOnlyList<CompletionItem> Items);

/// <summary>SymbolKind values of the specification.</summary>
public static class SymbolKind
{
    public const int Namespace = 3;
    public const int Field = 8;
    public const int Enum = 10;
    public const int Function = 12;
    public const int Variable = 13;
    public const int Constant = 14;
    public const int String = 15;
    public const int Boolean = 17;
    public const int Object = 19;
    public const int EnumMember = 22;
    public const int Event = 24;
}

public sealed record DocumentSymbol(string Name, string? Detail, int Kind, Range Range, Range SelectionRange, IReadOnlyList<DocumentSymbol>? Children);

public static class DiagnosticSeverity
{
    public const int Error = 1;
    public const int Warning = 2;
    public const int Information = 3;
    public const int Hint = 4;
}

public sealed record CodeDescription(string Href);

public sealed record DiagnosticRelatedInformation(Location Location, string Message);

public sealed record Diagnostic(Range Range, int Severity, string Code, string Source, string Message)
{
    public CodeDescription? CodeDescription { get; init; }

    public IReadOnlyList<DiagnosticRelatedInformation>? RelatedInformation { get; init; }
}

public sealed record PublishDiagnosticsParams(string Uri, int? Version, IReadOnlyList<Diagnostic> Diagnostics);

public sealed record CodeAction(string Title, string Kind, WorkspaceEdit Edit)
{
    public IReadOnlyList<Diagnostic>? Diagnostics { get; init; }

    public bool? IsPreferred { get; init; }
}

public sealed record WorkspaceFolder(string Uri, string Name);

public sealed record InitializeParams(int? ProcessId, string? RootUri, string? RootPath, IReadOnlyList<WorkspaceFolder>? WorkspaceFolders);

public sealed record ServerInfo(string Name, string Version);

public sealed record InitializeResult(object Capabilities, ServerInfo ServerInfo);

/// <summary>The error codes of the specification that this server answers with.</summary>
public static class ErrorCodes
{
    public const int InvalidParams = -32602;
    public const int InvalidRequest = -32600;
    public const int ServerNotInitialized = -32002;
    public const int RequestFailed = -32803;
}

/// <summary>The serializer settings the protocol needs: camelCase names, nulls left out.</summary>
public static class ProtocolJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
