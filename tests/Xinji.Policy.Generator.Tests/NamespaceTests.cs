using System.Linq;
using Microsoft.CodeAnalysis;

namespace Xinji.Policy.Generator.Tests;

/// <summary>
/// The generated code goes in the project's XinjiPolicyNamespace, else its RootNamespace; one that C#
/// cannot read is one XP0115 naming the property, not pages of C# errors.
/// </summary>
public class NamespaceTests
{
    [Theory]
    [InlineData("My-Project", "'My-Project' is not a C# name (letters, digits and underscores, not starting with a digit)", "My_Project")]
    [InlineData("1abc", "'1abc' is not a C# name (letters, digits and underscores, not starting with a digit)", "_1abc")]
    [InlineData("class", "'class' is a C# keyword", "Class")]
    [InlineData("A..B", "it has an empty name between, before or after its dots", "A.B")]
    [InlineData("Company.My Policies", "'My Policies' is not a C# name (letters, digits and underscores, not starting with a digit)", "Company.My_Policies")]
    public void A_root_namespace_csharp_cannot_read_is_one_error_on_the_policy_header(string rootNamespace, string problem, string suggestion)
    {
        var driver = GeneratorHarness.Driver(GeneratorHarness.PolicyFiles("/policies/repair.policy", TestPolicies.Small), rootNamespace);
        driver = GeneratorHarness.RunChecked(driver, GeneratorHarness.Compilation("class Program { }"), out var output);
        var run = driver.GetRunResult();

        var error = Assert.Single(run.Diagnostics);
        Assert.Equal("XP0115", error.Id);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal(
            $"The generated code goes in the project's RootNamespace, '{rootNamespace}', which is not a C# namespace: {problem}; set <RootNamespace> in the project file to dotted C# names, such as {suggestion}",
            error.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        var span = error.Location.GetLineSpan();
        Assert.Equal("/policies/repair.policy", span.Path);
        // "policy Repair implements …" on line 2: the policy's name.
        Assert.Equal((1, 7, 1, 13), (span.StartLinePosition.Line, span.StartLinePosition.Character, span.EndLinePosition.Line, span.EndLinePosition.Character));
        Assert.Empty(run.Results.Single().GeneratedSources);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Theory]
    [InlineData("Über.Policies")]
    [InlineData("_1abc.var")]
    public void Any_namespace_csharp_reads_is_accepted(string rootNamespace)
    {
        var driver = GeneratorHarness.Driver(GeneratorHarness.PolicyFiles("/policies/repair.policy", TestPolicies.Small), rootNamespace);
        driver = GeneratorHarness.RunChecked(driver, GeneratorHarness.Compilation("class Program { }"), out var output);

        Assert.Empty(driver.GetRunResult().Diagnostics);
        Assert.Equal(4, driver.GetRunResult().Results.Single().GeneratedSources.Length);
        var csharp = output.GetDiagnostics().Where(d => d.Severity != DiagnosticSeverity.Hidden).ToList();
        Assert.True(csharp.Count == 0, string.Join("\n", csharp));
    }

    [Fact]
    public void XinjiPolicyNamespace_overrides_the_root_namespace()
    {
        var properties = new System.Collections.Generic.Dictionary<string, string> { ["RootNamespace"] = "Shop.App", ["XinjiPolicyNamespace"] = "Shop.Rules" };
        var driver = GeneratorHarness.Driver(GeneratorHarness.PolicyFiles("/policies/repair.policy", TestPolicies.Small), properties);
        driver = GeneratorHarness.RunChecked(driver, GeneratorHarness.Compilation("class Program { }"), out var output);

        var sources = driver.GetRunResult().Results.Single().GeneratedSources;
        Assert.Equal(4, sources.Length);
        Assert.All(sources, s => Assert.Contains("\nnamespace Shop.Rules\n", s.SourceText.ToString(), System.StringComparison.Ordinal));
        Assert.NotNull(output.GetTypeByMetadataName("Shop.Rules.RepairPolicy"));
    }

    [Fact]
    public void An_empty_XinjiPolicyNamespace_leaves_the_root_namespace()
    {
        var properties = new System.Collections.Generic.Dictionary<string, string> { ["RootNamespace"] = "Shop.App", ["XinjiPolicyNamespace"] = " " };
        var driver = GeneratorHarness.Driver(GeneratorHarness.PolicyFiles("/policies/repair.policy", TestPolicies.Small), properties);
        driver = GeneratorHarness.RunChecked(driver, GeneratorHarness.Compilation("class Program { }"), out var output);

        Assert.NotNull(output.GetTypeByMetadataName("Shop.App.RepairPolicy"));
    }

    [Fact]
    public void A_namespace_csharp_cannot_read_from_XinjiPolicyNamespace_is_reported_as_that_property()
    {
        var properties = new System.Collections.Generic.Dictionary<string, string> { ["RootNamespace"] = "Shop.App", ["XinjiPolicyNamespace"] = "Shop-Rules" };
        var driver = GeneratorHarness.Driver(GeneratorHarness.PolicyFiles("/policies/repair.policy", TestPolicies.Small), properties);
        driver = GeneratorHarness.RunChecked(driver, GeneratorHarness.Compilation("class Program { }"), out _);

        var error = Assert.Single(driver.GetRunResult().Diagnostics);
        Assert.Equal("XP0115", error.Id);
        Assert.Equal(
            "The generated code goes in the project's XinjiPolicyNamespace, 'Shop-Rules', which is not a C# namespace: 'Shop-Rules' is not a C# name (letters, digits and underscores, not starting with a digit); set <XinjiPolicyNamespace> in the project file to dotted C# names, such as Shop_Rules",
            error.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
