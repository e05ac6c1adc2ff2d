using System;
using Xinji.Policy.Runtime;

namespace Xinji.Policy.Tooling.Compilation;

/// <summary>Which engine decides the claims of a policy read at run time.</summary>
public enum PolicyEngine
{
    /// <summary>The reference interpreter: nothing to prepare, slow per claim.</summary>
    Interpreter,

    /// <summary>The generator's evaluator compiled in memory: a compile first, then the build's speed.</summary>
    Compiled,
}

/// <summary>
/// The one place that chooses how a policy read at run time decides claims: compiled, when the
/// claims to decide are enough to pay for the compile, else interpreted. Both decide alike (the
/// engines are held to one meaning by the differential tests), so the choice is only about time.
/// </summary>
public static class PolicyEvaluatorFactory
{
    /// <summary>
    /// From how many claims compiling pays: the compile's cost in a fresh process divided by what the
    /// interpreter spends per claim beyond the compiled evaluator (measured: docs/performance.md, "Batch").
    /// </summary>
    public const long CompileThreshold = 80_000;

    /// <summary>The engine for this many claims (an estimate will do).</summary>
    public static PolicyEngine Choose(long expectedClaims) =>
        expectedClaims >= CompileThreshold ? PolicyEngine.Compiled : PolicyEngine.Interpreter;

    /// <summary>
    /// An evaluator for a policy that bound without errors, for about <paramref name="expectedClaims"/> claims:
    /// the compiled one when that many pay for compiling and the policy compiles, else the interpreter.
    /// </summary>
    public static IPolicyEvaluator For(LoadedPolicy loaded, long expectedClaims) =>
        For(loaded, Choose(expectedClaims));

    /// <summary>An evaluator on the engine asked for; the interpreter when the policy does not compile.</summary>
    public static IPolicyEvaluator For(LoadedPolicy loaded, PolicyEngine engine)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        var policy = loaded.Policy ?? throw new ArgumentException("The policy has errors: nothing decides its claims.", nameof(loaded));
        if (engine == PolicyEngine.Compiled && PolicyCompiler.TryCompile(loaded.Sources, loaded.Documents) is { } compiled)
        {
            return compiled.Evaluator;
        }

        return new InterpretedEvaluator(policy);
    }
}
