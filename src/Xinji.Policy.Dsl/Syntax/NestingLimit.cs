using System.Collections.Generic;

namespace Xinji.Policy.Dsl.Syntax;

/// <summary>
/// How deep an expression may nest. The grammar, the binder, the analysis, the interpreter and
/// the emitter all recurse on an expression's depth, and a stack overflow cannot be caught: it
/// takes down the compiler or the editor with it. So every declaration's text is measured here,
/// without recursion, before the grammar runs, and one that nests too deeply is refused (XP0002)
/// at the token that passes the limit. Nothing after the parser sees a deeper tree.
/// </summary>
/// <remarks>
/// The measure is an upper bound on the depth of the tree the grammar builds: each opening
/// bracket (<c>( [ {</c>), each <c>not</c>, <c>if</c>, <c>and</c>, <c>or</c>, <c>is</c>, <c>in</c>
/// and each <c>&lt; &gt; + -</c> counts one level. A chain such as <c>a and b and c</c> counts each
/// of its operators, because it builds a tree as deep as it is long. A part in brackets adds its own
/// depth to that of the chain it stands in. A comma outside any bracket ends a list item, so the
/// count starts again after it. In an example only the claim's brackets count.
/// </remarks>
public static class NestingLimit
{
    /// <summary>The deepest an expression, or an example's claim, may nest.</summary>
    public const int MaxDepth = 128;

    private static readonly HashSet<string> LevelWords = new(System.StringComparer.Ordinal) { "and", "or", "not", "is", "in", "if" };

    /// <summary>The token of <c>text[start..end)</c> at which the nesting first passes <see cref="MaxDepth"/>, if it does.</summary>
    /// <param name="bracketsOnly">For an example, which holds no expression: only its claim's brackets
    /// nest, and a <c>-</c> there is a number's sign.</param>
    internal static (int Start, int Length)? FindExcess(string text, int start, int end, bool bracketsOnly)
    {
        // One frame per open bracket. Own counts the levels the frame's tokens add; Deepest is the
        // deepest part in brackets closed inside it; Prefix is the depth the frame starts at.
        var frames = new List<(int Prefix, int Own, int Deepest)> { (0, 0, 0) };
        var i = start;
        while (i < end)
        {
            var c = text[i];
            var tokenStart = i;
            var levels = 0;
            if (c == '#')
            {
                while (i < end && text[i] != '\n')
                {
                    i++;
                }

                continue;
            }

            if (c == '"')
            {
                i++;
                while (i < end && text[i] != '"' && text[i] != '\n')
                {
                    i += text[i] == '\\' && i + 1 < end && text[i + 1] != '\n' ? 2 : 1;
                }

                i++;
                continue;
            }

            if (IsWordStart(c))
            {
                while (i < end && IsWordPart(text[i]))
                {
                    i++;
                }

                if (i - tokenStart <= 3 && LevelWords.Contains(text.Substring(tokenStart, i - tokenStart)))
                {
                    levels = 1;
                }
            }
            else if (c >= '0' && c <= '9')
            {
                i = SkipNumberOrDate(text, i, end);
            }
            else
            {
                i++;
                switch (c)
                {
                    case '(' or '[' or '{':
                        var top = frames[frames.Count - 1];
                        frames.Add((top.Prefix + top.Own + 1, 0, 0));
                        if (top.Prefix + top.Own + 1 > MaxDepth)
                        {
                            return (tokenStart, 1);
                        }

                        continue;
                    case ')' or ']' or '}' when frames.Count > 1:
                        var closed = frames[frames.Count - 1];
                        frames.RemoveAt(frames.Count - 1);
                        var parent = frames[frames.Count - 1];
                        var depth = closed.Own + closed.Deepest + 1;
                        frames[frames.Count - 1] = (parent.Prefix, parent.Own, depth > parent.Deepest ? depth : parent.Deepest);
                        continue;
                    case ',' when frames.Count == 1:
                        frames[0] = (0, 0, 0);
                        continue;
                    case '<' or '>' or '+' or '-':
                        levels = 1;
                        break;
                }
            }

            if (levels > 0 && !bracketsOnly)
            {
                var top = frames[frames.Count - 1];
                top.Own += levels;
                frames[frames.Count - 1] = top;
                if (top.Prefix + top.Own + top.Deepest > MaxDepth)
                {
                    return (tokenStart, i - tokenStart);
                }
            }
        }

        return null;
    }

    private static bool IsWordStart(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';

    private static bool IsWordPart(char c) => IsWordStart(c) || (c >= '0' && c <= '9');

    /// <summary>Past a number, or past a whole date (<c>2024-01-31</c>), whose dashes are not operators.</summary>
    private static int SkipNumberOrDate(string text, int i, int end)
    {
        var digitsEnd = i;
        while (digitsEnd < end && text[digitsEnd] >= '0' && text[digitsEnd] <= '9')
        {
            digitsEnd++;
        }

        if (digitsEnd - i == 4 && digitsEnd + 6 <= end && text[digitsEnd] == '-' && IsDigit(text, digitsEnd + 1) && IsDigit(text, digitsEnd + 2) &&
            text[digitsEnd + 3] == '-' && IsDigit(text, digitsEnd + 4) && IsDigit(text, digitsEnd + 5))
        {
            return digitsEnd + 6;
        }

        return digitsEnd;
    }

    private static bool IsDigit(string text, int i) => text[i] >= '0' && text[i] <= '9';
}
