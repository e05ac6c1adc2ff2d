using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Xinji.Policy.Dsl.Syntax;
using Xinji.Policy.Dsl.Text;
using Xinji.Policy.LanguageServer.Protocol;

namespace Xinji.Policy.LanguageServer;

/// <summary>What a hover shows for each kind of name, in Markdown, from the declaration's own text.</summary>
internal static class Hovers
{
    public static Hover? At(PolicySnapshot snapshot, string path, Position position)
    {
        var lines = snapshot.Lines(path);
        var occurrence = snapshot.Index.At(path, lines.Offset(position));
        if (occurrence is null || snapshot.Index.Symbol(occurrence.Key) is not { } symbol)
        {
            return null;
        }

        var text = Describe(snapshot, symbol);
        return new Hover(new MarkupContent(MarkupKind.Markdown, text), lines.Range(occurrence.Start, occurrence.End));
    }

    public static string Describe(PolicySnapshot snapshot, PolicySymbol symbol)
    {
        var index = snapshot.Index;
        var source = snapshot.Text(symbol.FilePath) ?? string.Empty;
        var markdown = new StringBuilder();
        switch (symbol.Declaration)
        {
            case FactDeclaration fact:
                markdown.Append(CultureInfo.InvariantCulture, $"**fact** `{fact.Name.Text}`: `{Written(source, fact.Type.Span)}`");
                if (fact.Default is not null)
                {
                    markdown.Append(CultureInfo.InvariantCulture, $" = `{Written(source, fact.Default.Span)}`");
                }
                else if (!fact.Type.IsOptional)
                {
                    markdown.Append(" (required: a claim must state it)");
                }

                markdown.Append("\n\n").Append(fact.Description.Value);
                if (fact.ProvableMark is not null)
                {
                    markdown.Append("\n\n*Provable*: the customer can bring it about or prove it, so `explain` may offer a change to it.");
                }

                if (index.EnumTypeOf(fact.Name.Text) is { } enumName && index.Symbol(PolicyIndex.KeyOf(SymbolKind.Enum, enumName))?.Declaration is EnumDeclaration factEnum)
                {
                    markdown.Append("\n\nValues: ").Append(string.Join(" | ", factEnum.Members.Select(m => "`" + m.Text + "`")));
                }

                break;
            case DefineDeclaration define:
                var policy = snapshot.Result.Policy;
                var bound = policy?.Definitions.FirstOrDefault(d => d.Name == define.Name.Text);
                var type = bound?.Type.ToString();
                markdown.Append(CultureInfo.InvariantCulture, $"**define** `{define.Name.Text}`");
                if (type is not null)
                {
                    markdown.Append(CultureInfo.InvariantCulture, $": `{type}`");
                }

                markdown.Append("\n\n```xinji-policy\n").Append(Written(source, define.Value.Span)).Append("\n```\n\n").Append(define.Description.Value);
                if (type is not null && index.EnumTypeOf(define.Name.Text) is { } defined
                    && index.Symbol(PolicyIndex.KeyOf(SymbolKind.Enum, defined))?.Declaration is EnumDeclaration values)
                {
                    markdown.Append("\n\nValues: ").Append(string.Join(" | ", values.Members.Select(m => "`" + m.Text + "`")));
                }

                if (policy is not null && bound is not null)
                {
                    foreach (var range in DefinitionRanges.Describe(policy, bound, e => Written(source, e.Span)))
                    {
                        markdown.Append("\n\n").Append(range);
                    }
                }

                Quotes(markdown, define.Quotes);
                break;
            case EnumDeclaration e when symbol.Kind == SymbolKind.EnumMember:
                markdown.Append(CultureInfo.InvariantCulture, $"`{symbol.Name}`: a value of **enum** `{e.Name.Text}`\n\n")
                    .Append(string.Join(" | ", e.Members.Select(m => m.Text == symbol.Name ? "**" + m.Text + "**" : m.Text)))
                    .Append("\n\n").Append(e.Description.Value);
                break;
            case EnumDeclaration e:
                markdown.Append(CultureInfo.InvariantCulture, $"**enum** `{e.Name.Text}` = ")
                    .Append(string.Join(" | ", e.Members.Select(m => m.Text)))
                    .Append("\n\n").Append(e.Description.Value);
                break;
            case OutcomeDeclaration outcome:
                markdown.Append(CultureInfo.InvariantCulture, $"**{outcome.Kind.ToString().ToLowerInvariant()}** `{outcome.Name.Text}`\n\n").Append(outcome.Description.Value);
                break;
            case ClauseDeclaration clause:
                Clause(markdown, snapshot, symbol, clause, source);
                break;
            case RecitalDeclaration recital:
                markdown.Append(CultureInfo.InvariantCulture, $"**recital** `{recital.Id.Text}`");
                Section(markdown, index.SectionOf(symbol.FilePath, recital));
                Quotes(markdown, recital.Quotes);
                markdown.Append("\n\nDecides nothing: ").Append(recital.Reason.Value);
                break;
        }

        return markdown.ToString();
    }

    private static void Clause(StringBuilder markdown, PolicySnapshot snapshot, PolicySymbol symbol, ClauseDeclaration clause, string source)
    {
        markdown.Append(CultureInfo.InvariantCulture, $"**clause** `{clause.Id.Text}`");
        Section(markdown, snapshot.Index.SectionOf(symbol.FilePath, clause));
        Quotes(markdown, clause.Quotes);
        if (clause.Condition is not null)
        {
            markdown.Append("\n\n```xinji-policy\nwhen ").Append(Written(source, clause.Condition.Span));
            if (clause.Effects.Count > 0)
            {
                markdown.Append("\nthen ").Append(Written(source, SourceSpan.Between(clause.Effects[0].Span, clause.Effects[clause.Effects.Count - 1].Span)));
            }

            markdown.Append("\n```");
        }

        if (clause.ExceptionTo.Count > 0)
        {
            markdown.Append("\n\nAn exception to ").Append(string.Join(", ", clause.ExceptionTo.Select(e => "`" + e.Text + "`")));
        }

        var overriders = snapshot.Index.OverriddenBy(clause.Id.Text).ToList();
        markdown.Append(overriders.Count > 0
            ? "\n\nOverridden by " + string.Join(", ", overriders.Select(o => "`" + o + "`"))
            : "\n\nNo clause overrides it.");
    }

    private static void Section(StringBuilder markdown, string? section)
    {
        if (section is not null)
        {
            markdown.Append(CultureInfo.InvariantCulture, $" in section *{section}*");
        }
    }

    private static void Quotes(StringBuilder markdown, IEnumerable<StringLiteral> quotes)
    {
        foreach (var quote in quotes)
        {
            markdown.Append("\n\n> ").Append(quote.Value);
        }
    }

    /// <summary>The text at a span, as the author wrote it; empty when the span is not in the text.</summary>
    public static string Written(string text, SourceSpan span) =>
        span.Start >= 0 && span.End <= text.Length ? text.Substring(span.Start, span.Length) : string.Empty;
}
