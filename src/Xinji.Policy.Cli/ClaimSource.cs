using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Xinji.Policy.Cli;

/// <summary>One claim read from the command line's inputs, with where it came from for messages.</summary>
/// <param name="Input">The file as given on the command line, or <c>&lt;stdin&gt;</c>.</param>
/// <param name="Line">The claim's line in JSON Lines input; null when the input is one claim.</param>
internal sealed record ClaimInput(string Input, int? Line, byte[] Json)
{
    public string Origin => Line is { } line ? Input + ":" + line.ToString(System.Globalization.CultureInfo.InvariantCulture) : Input;
}

/// <summary>
/// Reads claims from files or stdin (<c>-</c>). A <c>.jsonl</c> file holds one claim per line;
/// stdin is read as JSON Lines when every non-blank line is a whole object, else as one claim.
/// </summary>
internal static class ClaimSource
{
    public static IEnumerable<ClaimInput> Read(string path, CliContext context)
    {
        string text;
        string name;
        bool lines;
        if (path == "-")
        {
            text = context.In.ReadToEnd();
            name = "<stdin>";
            lines = LooksLikeJsonLines(text);
        }
        else
        {
            var full = context.FullPath(path);
            if (!File.Exists(full))
            {
                throw new InputFileException(path, Directory.Exists(full) ? "is a directory, not a claim file" : "no such file");
            }

            try
            {
                text = File.ReadAllText(full);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InputFileException(path, e.Message);
            }

            name = path;
            lines = path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase);
        }

        if (!lines)
        {
            yield return new ClaimInput(name, null, Encoding.UTF8.GetBytes(text));
            yield break;
        }

        var number = 0;
        foreach (var line in text.Split('\n'))
        {
            number++;
            if (line.Trim().Length > 0)
            {
                yield return new ClaimInput(name, number, Encoding.UTF8.GetBytes(line));
            }
        }
    }

    private static bool LooksLikeJsonLines(string text)
    {
        var objects = 0;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (!line.StartsWith('{') || !line.EndsWith('}'))
            {
                return false;
            }

            objects++;
        }

        return objects > 1;
    }
}

internal sealed class InputFileException : Exception
{
    public InputFileException(string path, string problem)
        : base(path + ": " + problem)
    {
    }
}
