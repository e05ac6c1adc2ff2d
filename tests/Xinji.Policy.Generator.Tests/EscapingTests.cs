using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;

namespace Xinji.Policy.Generator.Tests;

/// <summary>No text in a policy can change the meaning of the generated C#.</summary>
public class EscapingTests
{
    // Quotes, backslashes, comment ends, template braces, C# line separators and a would-be injection.
    private const string Hostile = "He said \\\"free\\\" \\\\ C:\\\\path */ /* {{ Namespace }} \u2028 } class Evil { ";

    private static readonly string HostileValue = "He said \"free\" \\ C:\\path */ /* {{ Namespace }} \u2028 } class Evil { ";

    private static string PolicyWith(string text) => $$"""
        policy Hostile implements "{{text}}"
        enum Kind = a | b "{{text}}"
        fact kind: Kind "{{text}}"
        define always_ = kind is a or kind is b "{{text}}"
        warranty from 2024-01-01 through 2024-12-31 active when always_
        remedy fix "{{text}}"
        requirement bring "{{text}}"
        note told "{{text}}"
        reject kind when kind is b and not kind is a "{{text}}"
        section "{{text}}"
        clause A-1
          quote "{{text}}"
          always
          then free
               remedy fix
               require bring
               note told
        """;

    [Fact]
    public void Every_generated_string_survives_quotes_backslashes_comment_ends_and_line_separators()
    {
        var (output, result) = GeneratorHarness.Run(("/p/hostile.policy", PolicyWith(Hostile)));

        Assert.Empty(result.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.DoesNotContain(output.SyntaxTrees.SelectMany(t => t.GetRoot().DescendantNodes()), n => n.ToString().StartsWith("class Evil", System.StringComparison.Ordinal));

        var assembly = Load(output);
        var policy = assembly.GetType("Test.Policies.HostilePolicy")!;
        var clauses = (Xinji.Policy.Runtime.ClauseInfo[])policy.GetField("ClauseTable")!.GetValue(null)!;
        var clause = Assert.Single(clauses);
        Assert.Equal(HostileValue, clause.Text);
        Assert.Equal(HostileValue, clause.Section);

        var table = (Xinji.Policy.Runtime.Outcome[])policy.GetField("RemedyTable", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
        Assert.Equal(HostileValue, Assert.Single(table).Description);
    }

    [Fact]
    public void The_rejection_reason_reaches_the_exception_unchanged()
    {
        var (output, _) = GeneratorHarness.Run(("/p/hostile.policy", PolicyWith(Hostile).Replace("kind is b and not kind is a", "kind is b")));

        var policy = Load(output).GetType("Test.Policies.HostilePolicy")!;
        var claimType = policy.Assembly.GetType("Test.Policies.HostileClaim")!;
        var claim = claimType.GetMethod("FromJson", new[] { typeof(string) })!.Invoke(null, new object[] { "{\"kind\":\"b\"}" });
        var thrown = Assert.Throws<TargetInvocationException>(() => policy.GetMethod("Evaluate", new[] { claimType })!.Invoke(null, new[] { claim }));
        var invalid = Assert.IsType<Xinji.Policy.Runtime.ClaimInputException>(thrown.InnerException);
        Assert.Equal("kind", invalid.Field);
        Assert.Equal(HostileValue, invalid.Problem);
    }

    private static Assembly Load(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        stream.Position = 0;
        return new AssemblyLoadContext("generated", isCollectible: true).LoadFromStream(stream);
    }
}
