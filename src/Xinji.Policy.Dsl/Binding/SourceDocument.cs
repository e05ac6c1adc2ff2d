using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace Xinji.Policy.Dsl.Binding;

/// <summary>The document a policy implements, compared with quotes regardless of line breaks.</summary>
public static class SourceDocument
{
    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static readonly Regex SentenceEnd = new(@"(?<=[.;])\s+(?=\S)|\n\s*\n|(?<=[a-z,])\s*\n(?=[A-Z*])", RegexOptions.Compiled);

    /// <summary>
    /// The document's sentences: split at full stops and semicolons followed by space, and at
    /// line breaks that end a heading or paragraph. Used to check that every sentence is quoted.
    /// </summary>
    public static IReadOnlyList<string> Sentences(string text)
    {
        var result = new List<string>();
        foreach (var part in SentenceEnd.Split(text.Replace("\r\n", "\n")))
        {
            var sentence = Normalize(part);
            if (sentence.Length > 0)
            {
                result.Add(sentence);
            }
        }

        return result;
    }
}
