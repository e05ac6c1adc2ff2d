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

    /// <summary>Text for a <c>//</c> comment: one line, whatever the input.</summary>
    public static string CommentText(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            builder.Append(c is '\r' or '\n' or '\u0085' or '\u2028' or '\u2029' || char.IsControl(c) ? ' ' : c);
        }

        return builder.ToString();
    }

    /// <summary>Text for an XML doc comment: one line, with markup characters escaped.</summary>
    public static string DocText(string value) =>
        CommentText(value).Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>A policy name as a C# identifier; DSL names are ASCII words, so only keywords need care.</summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None
            ? "@" + name
            : name;

    public static string Pascal(string name) =>
        name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name.Substring(1);

    /// <summary>A clause id such as <c>WD-3</c> as part of an identifier: <c>WD_3</c>.</summary>
    public static string IdentifierPart(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsLetterOrDigit(c) && c < 128 ? c : '_');
        }

        return builder.ToString();
    }
}
