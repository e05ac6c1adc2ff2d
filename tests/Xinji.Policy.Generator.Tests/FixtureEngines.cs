using System;
using System.IO;
using System.Linq;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Syntax;
using Xinji.Policy.Runtime;
using Xinji.Policy.Testing;
using Xinji.Policy.Tooling;

namespace Xinji.Policy.Generator.Tests;

/// <summary>
/// A fixture policy run by either engine behind the runtime's <see cref="IPolicyEvaluator"/>:
/// compiled in memory by the generator, or bound and run by the interpreter.
/// </summary>
internal static class FixtureEngines
{
    /// <summary>tests/fixtures/policies/kettle: a small policy of another product than the shipped one.</summary>
    public static readonly string Kettle = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "policies", "kettle", "kettle.policy"));

    /// <summary>The kettle's document, beside every fixture policy: the kettle names it, the others name none or their own.</summary>
    private static readonly (string Path, string Text) KettleDocument =
        ("/p/kettle.txt", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "policies", "kettle", "kettle.txt")));

    public static TheoryData<string> Names => new() { "generated", "interpreted" };

    public static IPolicyEvaluator Evaluator(string engine, string policyText) => engine switch
    {
        "generated" => Generated(policyText),
        _ => Interpreted(policyText),
    };

    private static IPolicyEvaluator Interpreted(string policyText)
    {
        var (text, document) = QuotedSentences.Attach("/p/fixture.policy", policyText);
        var documents = QuotedSentences.Documents(document);
        documents[Path.GetFullPath(KettleDocument.Path)] = KettleDocument.Text;
        var bound = PolicyBinder.Bind(new[] { PolicyParser.Parse("/p/fixture.policy", text) }, documents);
        Assert.False(bound.HasErrors, string.Join("\n", bound.Diagnostics));
        return new InterpretedEvaluator(bound.Policy!);
    }

    private static IPolicyEvaluator Generated(string policyText)
    {
        var (output, result) = GeneratorHarness.Run(("/p/fixture.policy", policyText), KettleDocument);
        Assert.Empty(result.Diagnostics);
        using var stream = new MemoryStream();
        var emit = output.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        stream.Position = 0;
        var assembly = new AssemblyLoadContext("fixture", isCollectible: true).LoadFromStream(stream);
        var policyType = assembly.GetTypes().Single(t => typeof(IPolicyEvaluator).IsAssignableFrom(t));
        var instance = policyType.GetField("Instance")!.GetValue(null);
        return Assert.IsAssignableFrom<IPolicyEvaluator>(instance);
    }
}
