using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Xinji.Policy.Tooling.Compilation;

// What the generator reads when it runs outside a build: its additional files and build properties.
// Linked into the forms tests' compiler, so both run the generator the same way.

/// <summary>A policy or document text held in memory, given to the generator as an additional file.</summary>
internal sealed class InMemoryAdditionalText : AdditionalText
{
    private readonly SourceText _text;

    public InMemoryAdditionalText(string path, string text)
    {
        Path = path;
        _text = SourceText.From(text);
    }

    public override string Path { get; }

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}

/// <summary>MSBuild properties as the generator reads them (<c>build_property.NAME</c>); nothing per file.</summary>
internal sealed class BuildPropertyOptions : AnalyzerConfigOptionsProvider
{
    private static readonly AnalyzerConfigOptions None = new Options(ImmutableDictionary<string, string>.Empty);

    public BuildPropertyOptions(IEnumerable<KeyValuePair<string, string>> properties) =>
        GlobalOptions = new Options(properties.ToImmutableDictionary(p => "build_property." + p.Key, p => p.Value));

    public override AnalyzerConfigOptions GlobalOptions { get; }

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => None;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => None;

    private sealed class Options : AnalyzerConfigOptions
    {
        private readonly ImmutableDictionary<string, string> _values;

        public Options(ImmutableDictionary<string, string> values) => _values = values;

        public override bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value!);
    }
}
