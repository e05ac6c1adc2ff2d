using System;
using System.Collections.Generic;
using Xinji.Policy.Dsl.Syntax;
using Xinji.Policy.LanguageServer.Protocol;

namespace Xinji.Policy.LanguageServer;

/// <summary>
/// Formatting through the DSL's <see cref="PolicyFormatter"/>, the layout <c>xinji-policy fmt</c> writes:
/// one edit replacing the text, or none when it is formatted already or has syntax errors (which the
/// diagnostics show).
/// </summary>
internal static class Formatter
{
    public static IReadOnlyList<TextEdit> Edits(PolicySnapshot snapshot, string path)
    {
        var text = snapshot.Text(path) ?? string.Empty;
        var result = PolicyFormatter.Format(path, text);
        if (!result.Succeeded || string.Equals(result.Text, text, StringComparison.Ordinal))
        {
            return Array.Empty<TextEdit>();
        }

        return new[] { new TextEdit(snapshot.Lines(path).Range(0, text.Length), result.Text) };
    }
}
