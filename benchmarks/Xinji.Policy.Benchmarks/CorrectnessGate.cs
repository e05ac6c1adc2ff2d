using System;
using System.IO;
using System.Text;
using Xinji.Policy.Runtime;
using Xinji.Warranty;

namespace Xinji.Policy.Benchmarks;

/// <summary>
/// Before anything is timed: every implementation gives the generated decision, field by field,
/// on 20,000 random claims, and both JSON pipelines write the same bytes. A disagreement stops the run.
/// </summary>
internal static class CorrectnessGate
{
    public static bool Passes(TextWriter log)
    {
        var claims = RandomClaims.Make(RandomClaims.GateCount);
        var json = RandomClaims.Json(claims);
        var rulesEngine = new RulesEngineWarranty();
        var nrules = new NRulesWarranty();
        var interpreter = Interpreter.Load();
        var generatedWriter = new ReusedWriter();
        var stjWriter = new ReusedWriter();
        int free = 0, failures = 0;
        for (var i = 0; i < claims.Length && failures < 5; i++)
        {
            var claim = claims[i];
            var expected = Fingerprint.Of(WarrantyPolicy.Evaluate(claim));
            free += expected.Coverage == Coverage.Free ? 1 : 0;
            Compare("hand-written", expected, HandWritten.Evaluate(claim).Fingerprint);
            Compare("RulesEngine", expected, rulesEngine.Evaluate(claim));
            Compare("NRules", expected, nrules.Evaluate(claim));
            Compare("interpreter", expected, Fingerprint.Of(interpreter.Decide(interpreter.ReadClaim(json[i]))));
            Compare("generated JSON (boxed)", expected, Fingerprint.Of((IPolicyDecision)WarrantyPolicy.Evaluate(WarrantyClaim.FromJson(json[i]))));

            WarrantyPolicy.Evaluate(WarrantyClaim.FromJson(json[i])).WriteJson(generatedWriter.Start());
            var generatedBytes = generatedWriter.Finish();
            StjPipeline.Write(stjWriter.Start(), HandWritten.Evaluate(StjPipeline.Read(json[i])));
            if (!generatedBytes.SequenceEqual(stjWriter.Finish()))
            {
                Fail("the System.Text.Json pipeline", Encoding.UTF8.GetString(generatedBytes), Encoding.UTF8.GetString(stjWriter.Finish()));
            }

            var interpreted = DecisionWriter.ToJson(interpreter.Evaluate(json[i]));
            if (interpreted != Encoding.UTF8.GetString(generatedBytes) || WarrantyPolicy.Evaluate(claim).ToJson() != interpreted)
            {
                Fail("the interpreter's or ToJson()'s decision JSON", Encoding.UTF8.GetString(generatedBytes), interpreted);
            }

            void Compare(string name, Fingerprint want, Fingerprint got)
            {
                if (want != got)
                {
                    Fail(name, want.ToString(), got.ToString());
                }
            }

            void Fail(string name, string want, string got)
            {
                failures++;
                log.WriteLine($"GATE FAILED: {name} differs from the generated evaluator on {Encoding.UTF8.GetString(json[i])}\n  generated: {want}\n  {name}: {got}");
            }
        }

        if (failures == 0)
        {
            log.WriteLine($"Correctness gate: {claims.Length:N0} random claims ({free:N0} free), every implementation gives the generated decision on every field; both JSON pipelines write the same bytes.");
        }

        return failures == 0;
    }
}
