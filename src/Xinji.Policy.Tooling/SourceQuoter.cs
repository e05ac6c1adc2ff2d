using System;
using System.Collections.Generic;
using System.Linq;
using Xinji.Policy.Dsl.Text;

namespace Xinji.Policy.Tooling;

/// <summary>Quotes the source text of a span of a policy file, on one line and without comments.</summary>
internal sealed class SourceQuoter
{
    private readonly IReadOnlyDictionary<string, string> _sources;

    public SourceQuoter(IReadOnlyDictionary<string, string> sources) => _sources = sources;

    public string Quote(string file, SourceSpan span)
    {
        if (!_sources.TryGetValue(file, out var text) || span.Start < 0 || span.End > text.Length)
        {
            // Without the file's text, say where the expression is rather than guess at it.
            return $"{file}({span.Line},{span.Column})";
        }

        // A condition can continue over indented lines, with comments at their ends.
        var lines = text.Substring(span.Start, span.Length)
            .Split('\n')
            .Select(line => line.IndexOf('#', StringComparison.Ordinal) is var hash and >= 0 ? line[..hash] : line)
            .Select(line => line.Trim())
            .Where(line => line.Length > 0);
        return string.Join(" ", lines);
    }
}
