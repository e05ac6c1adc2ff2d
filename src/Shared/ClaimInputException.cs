using System;

// Linked into the DSL (the interpreter throws it) and the runtime (claim readers and generated
// evaluators throw it), each in its own assembly's namespace.
#if XINJI_POLICY_RUNTIME
namespace Xinji.Policy.Runtime;
#else
namespace Xinji.Policy.Dsl.Evaluation;
#endif

/// <summary>A claim that is not valid input: the message names the field and what is wrong with it.</summary>
public sealed class ClaimInputException : Exception
{
    public ClaimInputException(string field, string problem)
        : base(ClaimRules.Shorten(field) + ": " + problem)
    {
        Field = field;
        Problem = problem;
    }

    /// <summary>The claim field at fault, as spelled in the JSON contract.</summary>
    public string Field { get; }

    public string Problem { get; }
}
