namespace Xinji.Policy.Runtime;

/// <summary>
/// Receives what a generated evaluator computes for one claim: every derived value and every
/// clause's outcome. Pass one to the generated <c>Evaluate(claim, trace)</c> to explain a decision
/// or to check the evaluator against the reference interpreter; <c>Evaluate(claim)</c> never traces.
/// </summary>
/// <remarks>
/// Nothing is reported for a claim the policy rejects (validation comes first). For a claim the
/// policy decides both ways or not at all, the clauses that decide coverage have been reported
/// when <see cref="PolicyDefectException"/> is thrown, so a trace can show the conflict.
/// </remarks>
public interface IDecisionTrace
{
    /// <summary>A derived value (a <c>define</c>) was computed. Called once for each definition, in
    /// evaluation order (each after the values it reads), before any clause.</summary>
    /// <param name="name">The definition's name as the policy spells it.</param>
    /// <param name="value">Its value for this claim.</param>
    void ValueComputed(string name, TracedValue value);

    /// <summary>A clause was decided. Called once for each clause, in evaluation order: the clauses
    /// that decide coverage first (every exception before the clauses it overrides), then those that read it.</summary>
    /// <param name="clauseId">The clause's id, such as <c>G-1</c>.</param>
    /// <param name="applies">Its condition held.</param>
    /// <param name="inForce">It applied and no clause in force is an exception to it.</param>
    void ClauseEvaluated(string clauseId, bool applies, bool inForce);
}
