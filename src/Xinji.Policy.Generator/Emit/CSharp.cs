using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace Xinji.Policy.Generator.Emit;

/// <summary>
/// The one place policy text is made safe for generated C#. Strings become literals, text in
/// comments loses every character C# reads as a line break, so a policy cannot inject code.
/// </summary>
internal static class CSharp
{
    public static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    public static string Utf8Literal(string value) => Literal(value) + "u8";

    /// <summary>
    /// Text for a <c>//</c> comment: one line, whatever the input. Line breaks and control
    /// characters become spaces, invisible format characters (such as bidirectional overrides,
    /// which could make the code read differently from how it compiles) are dropped, and runs of
    /// spaces collapse, so policy text laid out over several lines reads as one.
    /// </summary>
    public static string CommentText(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)
            {
                continue;
            }

            var blank = c is '\r' or '\n' or '\t' or '\u0085' or '\u2028' or '\u2029' || char.IsControl(c);
            if (blank || c == ' ')
            {
                if (builder.Length > 0 && builder[builder.Length - 1] != ' ')
                {
                    builder.Append(' ');
                }

                continue;
            }

            builder.Append(c);
        }

        return builder.ToString().TrimEnd(' ');
    }

    /// <summary>Text for an XML doc comment: one line, with markup characters escaped.</summary>
    public static string DocText(string value) =>
        CommentText(value).Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>
    /// A policy name as a C# identifier. DSL names are ASCII words (letters, digits, underscores),
    /// so only keywords need care: reserved ones (including the undocumented <c>__arglist</c>,
    /// <c>__makeref</c>, <c>__reftype</c> and <c>__refvalue</c>) and contextual ones take an <c>@</c>.
    /// </summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None
        || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None
        || name is "__arglist" or "__makeref" or "__reftype" or "__refvalue"
            ? "@" + name
            : name;

    /// <summary>The C# name of a policy name that becomes a public member or type: PascalCase, escaped if a keyword.</summary>
    public static string PascalIdentifier(string name) => Identifier(Pascal(name));

    public static string Pascal(string name) =>
        name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name.Substring(1);

    /// <summary>A clause id such as <c>WD-3</c> as an identifier: <c>WD_3</c> (<c>_3</c> for <c>3</c>).</summary>
    public static string IdentifierPart(string text)
    {
        var builder = new StringBuilder(text.Length + 1);
        if (text.Length == 0 || char.IsDigit(text[0]))
        {
            builder.Append('_');
        }

        foreach (var c in text)
        {
            builder.Append(char.IsLetterOrDigit(c) && c < 128 ? c : '_');
        }

        return builder.ToString();
    }
}
