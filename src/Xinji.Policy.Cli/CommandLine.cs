using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace Xinji.Policy.Cli;

internal static class CommandLine
{
    /// <summary>A file argument that looks like an option is an unknown option, not a file to read.</summary>
    public static void RejectOptionLikeFiles(ArgumentResult result)
    {
        foreach (var token in result.Tokens)
        {
            if (token.Value.Length > 1 && token.Value.StartsWith('-'))
            {
                result.AddError($"Unrecognized command or argument '{token.Value}'.");
            }
        }
    }

    /// <summary>Parser messages can span lines; stderr gets one line per problem.</summary>
    public static string OneLine(string message) => Regex.Replace(message.Trim(), @"\s*\n\s*", " ");
}
