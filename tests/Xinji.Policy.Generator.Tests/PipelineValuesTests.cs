using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit.Sdk;

namespace Xinji.Policy.Generator.Tests;

/// <summary>The harness's object-graph check finds a compiler object however deep it sits.</summary>
public class PipelineValuesTests
{
    private sealed record Holder(string Name, object?[] Items);

    [Fact]
    public void Plain_data_passes()
    {
        PipelineValues.AssertHoldsNoCompilerObjects(new Holder("a", new object?[] { 1, "b", new Holder("c", System.Array.Empty<object?>()), null }), "step");
    }

    [Fact]
    public void A_location_or_a_syntax_node_deep_in_an_array_fails()
    {
        var tree = CSharpSyntaxTree.ParseText("class C { }");

        Assert.Throws<FailException>(() => PipelineValues.AssertHoldsNoCompilerObjects(
            new Holder("a", new object?[] { new Holder("b", new object?[] { Location.None }) }), "step"));
        Assert.Throws<FailException>(() => PipelineValues.AssertHoldsNoCompilerObjects(
            new Holder("a", new object?[] { (1, tree.GetRoot()) }), "step"));
    }
}
