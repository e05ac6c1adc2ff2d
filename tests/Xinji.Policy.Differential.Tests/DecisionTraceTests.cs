using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Evaluation;
using Xinji.Policy.Runtime;
using Xinji.Warranty;

namespace Xinji.Policy.Differential.Tests;

/// <summary>
/// The generated evaluator's trace (<see cref="IDecisionTrace"/>) on the real policy: per clause the
/// same applies and in force as the interpreter's <see cref="ClauseOutcome"/>s, per definition the
/// same value, and tracing changes neither the decision nor what the untraced evaluator allocates.
/// </summary>
public class DecisionTraceTests
{
    private static readonly WarrantyClaim InWarranty = new()
    {
        Product = Product.SmartWatch,
        ClaimDate = new DateOnly(2025, 3, 10),
        InvoiceDate = new DateOnly(2024, 6, 1),
        Cause = Cause.ManufacturingDefect,
    };

    [Fact]
    public void The_trace_reports_each_clause_as_the_interpreter_decides_it_on_random_claims()
    {
        Check.One(
            Config.QuickThrowOnFailure.WithMaxTest(20_000).WithQuietOnSuccess(true),
            Prop.ForAll(ClaimGenerator.Arbitrary, (ClaimCase c) => TraceAgrees(c.Claim)));
    }

    [Theory]
    [InlineData("""{"product":"smartWatch","claimDate":"2025-02-20","invoiceDate":"2024-08-08","cause":"manufacturingDefect","purchasedOverseas":true,"rooted":true}""")]
    [InlineData("""{"product":"accessory","claimDate":"2025-04-01","activationDate":"2024-12-24","cause":"manufacturingDefect","hasWarrantyCard":false,"hasProofOfPurchase":false,"accessoryWarrantyProven":true}""")]
    [InlineData("""{"product":"smartWatch","part":"watchBody","claimDate":"2025-05-31","invoiceDate":"2024-05-31","deliveryDate":"2024-06-03","cause":"manufacturingDefect"}""")]
    [InlineData("""{"product":"iotDevice","claimDate":"2025-06-01","cause":"water","warrantySticker":"altered"}""")]
    public void The_trace_reports_each_clause_as_the_interpreter_decides_it_on_chosen_claims(string json)
    {
        var claim = WarrantyClaim.FromJson(json);

        Assert.Null(Disagreement(claim));
    }

    [Fact]
    public void An_overridden_clause_is_reported_as_applying_but_not_in_force()
    {
        var trace = new RecordingTrace();

        WarrantyPolicy.Evaluate(InWarranty with { PurchasedOverseas = true }, trace);

        Assert.Equal((true, false), trace.Clauses["WP-2"]);
        Assert.Equal((true, true), trace.Clauses["EX-14"]);
        Assert.Equal((false, false), trace.Clauses["WD-4"]);
        Assert.Equal(WarrantyPolicy.ClauseTable.Length, trace.Order.Count);
        Assert.Equal("2024-06-01", trace.Values["warrantyStart"].ToString());
        Assert.Equal(new DateOnly(2025, 5, 31), trace.Values["warrantyEnd"].AsDate);
        Assert.True(trace.Values["warrantyActive"].AsBool);
    }

    [Fact]
    public void A_null_trace_decides_exactly_as_the_untraced_evaluator()
    {
        var untraced = DecisionOutcome.Of(() => WarrantyPolicy.Evaluate(InWarranty));

        Assert.Equal(untraced, DecisionOutcome.Of(() => WarrantyPolicy.Evaluate(InWarranty, null)));
        Assert.Equal(untraced, DecisionOutcome.Of(() => WarrantyPolicy.Evaluate(InWarranty, new RecordingTrace())));
    }

    [Fact]
    public void Evaluating_and_reading_the_decision_allocates_nothing_with_or_without_a_trace()
    {
        var trace = new CountingTrace();
        var untraced = AllocatedPerCall(() => Read(WarrantyPolicy.Evaluate(InWarranty)));
        var nullTrace = AllocatedPerCall(() => Read(WarrantyPolicy.Evaluate(InWarranty, null)));
        var traced = AllocatedPerCall(() => Read(WarrantyPolicy.Evaluate(InWarranty, trace)));

        // The decision is a value of bit sets and dates; Has and Cites are bit tests.
        Assert.Equal(0, untraced);
        Assert.Equal(0, nullTrace);
        Assert.Equal(0, traced);
        Assert.True(trace.Calls > 0);
        Assert.Equal(1 + 2 + 4 + 8 + 16, Read(WarrantyPolicy.Evaluate(InWarranty)));
    }

    /// <summary>What a caller that does not list anything reads: coverage, a remedy, a requirement, a note, a clause.</summary>
    private static int Read(WarrantyDecision decision) =>
        (decision.Coverage == Coverage.Free ? 1 : 0) + (decision.Has(Remedy.Replacement) ? 2 : 0) + (decision.Has(Requirement.PresentInvoice) ? 4 : 0)
        + (decision.Has(Note.NationalLawsPrevail) ? 8 : 0) + (decision.Cites("WP-2") ? 16 : 0);

    private static long AllocatedPerCall(Func<int> evaluate)
    {
        var sum = 0;
        for (var i = 0; i < 1_000; i++)
        {
            sum += evaluate();
        }

        const int Calls = 10_000;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Calls; i++)
        {
            sum += evaluate();
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(sum > 0);
        return allocated / Calls;
    }

    private static Property TraceAgrees(WarrantyClaim claim) =>
        Disagreement(claim) is { } difference ? Prop.Label(false, difference) : Prop.ToProperty(true);

    /// <summary>Where the generated trace and the interpreter differ on a claim; null when they agree.</summary>
    private static string? Disagreement(WarrantyClaim claim)
    {
        var trace = new RecordingTrace();
        var generated = DecisionOutcome.Of(() => WarrantyPolicy.Evaluate(claim, trace));
        if (generated != DecisionOutcome.Of(() => WarrantyPolicy.Evaluate(claim)))
        {
            return "the traced evaluator decides differently from the untraced one";
        }

        var interpreter = ReferencePolicy.Interpreter;
        var values = new DefinitionValues();
        InterpretedDecision interpreted;
        try
        {
            interpreted = interpreter.Decide(interpreter.ReadClaim(Encoding.UTF8.GetBytes(claim.ToJson())), values).Decision;
        }
        catch (Runtime.ClaimInputException)
        {
            // Rejected before any clause: nothing may have been traced (the differential test compares the rejections).
            return generated.IsRejected && trace.Order.Count == 0 && trace.Values.Count == 0 ? null : "a rejected claim was traced";
        }

        var problems = new List<string>();
        if (!trace.Order.OrderBy(id => id, StringComparer.Ordinal).SequenceEqual(interpreted.Outcomes.Select(o => o.Clause.Id).OrderBy(id => id, StringComparer.Ordinal)))
        {
            problems.Add("clauses traced: " + string.Join(", ", trace.Order));
        }

        foreach (var outcome in interpreted.Outcomes)
        {
            if (trace.Clauses.TryGetValue(outcome.Clause.Id, out var reported) && reported != (outcome.Applies, outcome.InForce))
            {
                problems.Add($"{outcome.Clause.Id}: traced applies {reported.Applies}, in force {reported.InForce}; interpreter applies {outcome.Applies}, in force {outcome.InForce}");
            }
        }

        if (!trace.Values.Keys.Order(StringComparer.Ordinal).SequenceEqual(values.ByName.Keys.Order(StringComparer.Ordinal)))
        {
            problems.Add("definitions traced: " + string.Join(", ", trace.Values.Keys) + "; interpreted: " + string.Join(", ", values.ByName.Keys));
        }

        foreach (var (name, value) in values.ByName)
        {
            if (trace.Values.TryGetValue(name, out var reported) && reported.ToString() != value.ToString())
            {
                problems.Add($"{name}: traced {reported}, interpreter {value}");
            }
        }

        return problems.Count == 0 ? null : "The generated trace and the interpreter disagree:\n  " + string.Join("\n  ", problems);
    }

    /// <summary>The value of each definition the interpreter computed.</summary>
    private sealed class DefinitionValues : IEvaluationTrace
    {
        public Dictionary<string, PolicyValue> ByName { get; } = new(StringComparer.Ordinal);

        public void Value(BoundExpression expression, PolicyValue value)
        {
            if (expression is DefinitionReference reference)
            {
                ByName[reference.Name] = value;
            }
        }
    }

    private sealed class RecordingTrace : IDecisionTrace
    {
        public Dictionary<string, (bool Applies, bool InForce)> Clauses { get; } = new(StringComparer.Ordinal);

        public List<string> Order { get; } = new();

        public Dictionary<string, TracedValue> Values { get; } = new(StringComparer.Ordinal);

        public void ValueComputed(string name, TracedValue value) => Values.Add(name, value);

        public void ClauseEvaluated(string clauseId, bool applies, bool inForce)
        {
            Clauses.Add(clauseId, (applies, inForce));
            Order.Add(clauseId);
        }
    }

    /// <summary>A trace that keeps nothing, so that what evaluation allocates can be measured.</summary>
    private sealed class CountingTrace : IDecisionTrace
    {
        public int Calls { get; private set; }

        public void ValueComputed(string name, TracedValue value) => Calls++;

        public void ClauseEvaluated(string clauseId, bool applies, bool inForce) => Calls++;
    }
}
