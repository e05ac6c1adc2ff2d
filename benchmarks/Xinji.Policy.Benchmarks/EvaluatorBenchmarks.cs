using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using Xinji.Policy.Tooling;
using Xinji.Policy.Dsl.Evaluation;
using Xinji.Warranty;

namespace Xinji.Policy.Benchmarks;

/// <summary>
/// One claim decided from a typed claim, by each implementation of the XINJI policy, averaged over
/// 1,000 random claims. The caller reads what a service reads: the coverage, a remedy, a
/// requirement, a note and a cited clause, by its typed id as a caller who cares for speed would.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessConfig))]
public class EvaluatorBenchmarks
{
    private const int Claims = 1_000;

    private WarrantyClaim[] _claims = null!;
    private IReadOnlyDictionary<string, PolicyValue>[] _facts = null!;
    private RulesEngineWarranty _rulesEngine = null!;
    private NRulesWarranty _nrules = null!;
    private InterpretedEvaluator _interpreter = null!;

    [GlobalSetup]
    public void Setup()
    {
        _claims = RandomClaims.Make(Claims);
        _interpreter = Interpreter.Load();
        var json = RandomClaims.Json(_claims);
        _facts = new IReadOnlyDictionary<string, PolicyValue>[Claims];
        for (var i = 0; i < Claims; i++)
        {
            _facts[i] = _interpreter.ReadClaim(json[i]);
        }

        _rulesEngine = new RulesEngineWarranty();
        _nrules = new NRulesWarranty();
    }

    [Benchmark(Baseline = true, Description = "generated Evaluate (typed)", OperationsPerInvoke = Claims)]
    public int Generated()
    {
        var sum = 0;
        foreach (var claim in _claims)
        {
            var d = WarrantyPolicy.Evaluate(claim);
            sum += (int)d.Coverage + (d.Has(Remedy.Replacement) ? 1 : 0) + (d.Has(Requirement.PresentInvoice) ? 2 : 0)
                + (d.Has(Note.NationalLawsPrevail) ? 4 : 0) + (d.Cites(WarrantyPolicy.Clause.EX_2) ? 8 : 0);
        }

        return sum;
    }

    [Benchmark(Description = "hand-written if/else", OperationsPerInvoke = Claims)]
    public int HandWrittenIfElse()
    {
        var sum = 0;
        foreach (var claim in _claims)
        {
            var d = HandWritten.Evaluate(claim);
            sum += (int)d.Coverage + ((d.Remedies & 2) != 0 ? 1 : 0) + ((d.Requirements & 2) != 0 ? 2 : 0)
                + ((d.Notes & 4) != 0 ? 4 : 0) + ((d.Clauses & (1UL << 11)) != 0 ? 8 : 0);
        }

        return sum;
    }

    [Benchmark(Description = "Microsoft RulesEngine 6.0.1", OperationsPerInvoke = Claims)]
    public int RulesEngine()
    {
        var sum = 0;
        foreach (var claim in _claims)
        {
            sum += (int)_rulesEngine.Evaluate(claim).Coverage;
        }

        return sum;
    }

    [Benchmark(Description = "NRules 1.0.4", OperationsPerInvoke = Claims)]
    public int NRules()
    {
        var sum = 0;
        foreach (var claim in _claims)
        {
            sum += (int)_nrules.Evaluate(claim).Coverage;
        }

        return sum;
    }

    [Benchmark(Description = "reference interpreter (typed facts)", OperationsPerInvoke = Claims)]
    public int ReferenceInterpreter()
    {
        var sum = 0;
        foreach (var facts in _facts)
        {
            sum += (int)_interpreter.Decide(facts).Coverage;
        }

        return sum;
    }
}
