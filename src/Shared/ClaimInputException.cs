using System;
using System.Collections.Generic;
using System.Linq;

// Linked into the DSL (the interpreter throws it) and the runtime (claim readers and generated
// evaluators throw it), each in its own assembly's namespace.
#if XINJI_POLICY_RUNTIME
namespace Xinji.Policy.Runtime;
#else
namespace Xinji.Policy.Dsl.Evaluation;
#endif

/// <summary>
/// A claim that is not valid input. A claim reader reports every field error it finds, as a
/// compiler does: <see cref="Errors"/> holds them in the order found, and the message is one line
/// per error, each naming the field and what is wrong with it.
/// </summary>
public sealed class ClaimInputException : Exception
{
    public ClaimInputException(string field, string problem)
        : this(new[] { new ClaimFieldError(field, problem) })
    {
    }

    /// <param name="errors">At least one error.</param>
    public ClaimInputException(IEnumerable<ClaimFieldError> errors)
        : this(errors.ToArray())
    {
    }

    private ClaimInputException(ClaimFieldError[] errors)
        : base(errors.Length == 0 ? throw new ArgumentException("A claim input error needs at least one field error.", nameof(errors)) : string.Join("\n", errors.Select(e => e.ToString())))
    {
        Errors = errors;
    }

    /// <summary>Every field error of the claim, in the order the reader found them.</summary>
    public IReadOnlyList<ClaimFieldError> Errors { get; }

    /// <summary>The first error's field, as spelled in the JSON contract.</summary>
    public string Field => Errors[0].Field;

    /// <summary>What is wrong with the first error's field.</summary>
    public string Problem => Errors[0].Problem;
}

/// <summary>One thing wrong with a claim: the field at fault and the problem.</summary>
public sealed class ClaimFieldError : IEquatable<ClaimFieldError>
{
    public ClaimFieldError(string field, string problem)
    {
        Field = field;
        Problem = problem;
    }

    /// <summary>The claim field at fault, as spelled in the JSON contract; <c>(claim)</c> when the claim as a whole is.</summary>
    public string Field { get; }

    public string Problem { get; }

    public bool Equals(ClaimFieldError? other) =>
        other is not null && string.Equals(Field, other.Field, StringComparison.Ordinal) && string.Equals(Problem, other.Problem, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as ClaimFieldError);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Field) ^ StringComparer.Ordinal.GetHashCode(Problem);

    /// <summary>The error as a message line: <c>field: problem</c>, the field shortened if it is long.</summary>
    public override string ToString() => ClaimRules.Shorten(Field) + ": " + Problem;
}
