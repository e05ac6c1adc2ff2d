using System;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Xinji.Policy.Dsl.Syntax;

namespace Xinji.Policy.Generator.Tests;

/// <summary>
/// A policy nested as deeply as the language allows (XP0002) generates C# that compiles, with the
/// generator on a thread with a 1 MB stack; one nested deeper gives a compiling shell.
/// </summary>
public class NestingLimitTests
{
    private static string Repeat(string text, int times) => string.Concat(Enumerable.Repeat(text, times));

    private static string Policy(string define, string condition) => $"""
        policy Deep implements "Deep document"
        fact n: int "n"
        fact c: bool "c"
        fact d: date "d"
        define big = {define} "x"
        warranty from d through d + 12 months active when c
        section "S"
        clause A
          quote "a"
          when {condition}
          then free
        clause B
          quote "b"
          when not ({condition})
          then paid
        """;

    public static TheoryData<string, string, string> AtTheLimit() => new()
    {
        { "parentheses", Repeat("(", NestingLimit.MaxDepth - 1) + "n" + Repeat(")", NestingLimit.MaxDepth - 1) + " < 3", "big" },
        { "'not's", Repeat("not ", NestingLimit.MaxDepth) + "c", "big" },
        { "'if's", Repeat("if c then 1 else ", NestingLimit.MaxDepth) + "2", "big > 1" },
        { "an 'and' chain", "c" + Repeat(" and c", NestingLimit.MaxDepth), "big" },
        { "an 'or' chain", "c" + Repeat(" or c", NestingLimit.MaxDepth), "big" },
        { "a sum", "n" + Repeat(" + n", NestingLimit.MaxDepth - 1) + " < 3", "big" },
        { "a month-step chain", "d" + Repeat(" + 1 month", NestingLimit.MaxDepth), "d < big" },
        { "calls", Repeat("earliest(d, ", NestingLimit.MaxDepth) + "d" + Repeat(")", NestingLimit.MaxDepth), "d < big" },
        { "'not's and parentheses", Repeat("not (", NestingLimit.MaxDepth / 2) + "c" + Repeat(")", NestingLimit.MaxDepth / 2), "big" },
    };

    private static (Compilation Output, GeneratorDriverRunResult Result) OnSmallStack(string text)
    {
        (Compilation, GeneratorDriverRunResult) result = default;
        ExceptionDispatchInfo? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = GeneratorHarness.Run(("/p/deep.policy", text));
            }
            catch (Exception e)
            {
                error = ExceptionDispatchInfo.Capture(e);
            }
        }, 1024 * 1024);
        thread.Start();
        thread.Join();
        error?.Throw();
        return result;
    }

    [Theory]
    [MemberData(nameof(AtTheLimit))]
    public void A_policy_at_the_nesting_limit_generates_compiling_code(string shape, string define, string condition)
    {
        var (output, result) = OnSmallStack(Policy(define, condition));

        Assert.True(result.Diagnostics.IsEmpty, shape + ": " + string.Join("\n", result.Diagnostics));
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, shape + ": " + string.Join("\n", errors.Take(5)));
    }

    [Fact]
    public void A_policy_past_the_nesting_limit_generates_a_compiling_shell()
    {
        // The analyzer reports the XP0002 (the DSL tests check where); the generator emits the shell.
        var (output, result) = OnSmallStack(Policy(Repeat("(", 3000) + "n" + Repeat(")", 3000) + " < 3", "big"));

        Assert.NotEmpty(result.GeneratedTrees);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }
}
