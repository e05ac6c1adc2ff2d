using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using Xinji.Warranty;
using Xunit.Abstractions;

namespace Xinji.Policy.Differential.Tests;

/// <summary>
/// The generated evaluator (<see cref="WarrantyPolicy.Evaluate(WarrantyClaim)"/>) against the
/// reference interpreter running the policy/ files, on random claims: every field of every
/// decision, and the same field and problem for every claim the policy rejects. A disagreement
/// fails with the claim shrunk to a minimal one, printed as claim JSON.
/// </summary>
public class DifferentialTests
{
    /// <summary>How many claims to check: 100,000 by default (CI); set it to 10000000 for the long run.</summary>
    public const string ClaimsVariable = "XINJI_DIFFERENTIAL_CLAIMS";

    /// <summary>Replays a failing run: the "(seed,gamma)" FsCheck prints after "Falsifiable", or the "(seed,gamma,size)" it says to replay at.</summary>
    public const string ReplayVariable = "XINJI_DIFFERENTIAL_REPLAY";

    private const int DefaultClaims = 100_000;

    private const int ClaimsPerRun = 250_000;

    private readonly ITestOutputHelper _output;

    public DifferentialTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void The_generated_evaluator_and_the_interpreter_agree_on_random_claims()
    {
        var claims = Setting(ClaimsVariable, DefaultClaims);
        var tally = new Tally();
        var watch = Stopwatch.StartNew();

        var property = Prop.ForAll(ClaimGenerator.Arbitrary, (ClaimCase c) => Agree(c, tally));

        // FsCheck keeps something of every test of a run until the run ends; runs of a bounded
        // size keep ten million claims in a few hundred megabytes.
        for (var checkedClaims = 0; checkedClaims < claims; checkedClaims += ClaimsPerRun)
        {
            Check.One(Configuration(Math.Min(ClaimsPerRun, claims - checkedClaims)), property);
        }

        _output.WriteLine($"{claims:N0} claims in {watch.Elapsed.TotalSeconds:0.0} s on {Environment.ProcessorCount} cores: {tally}");
    }

    /// <summary>One claim: both evaluators decide it alike, and the claim survives its own JSON.</summary>
    public static Property Agree(ClaimCase claimCase, Tally? tally = null)
    {
        var claim = claimCase.Claim;
        var json = Encoding.UTF8.GetBytes(claim.ToJson());
        var generated = DecisionOutcome.Of(() => WarrantyPolicy.Evaluate(claim));
        var interpreted = DecisionOutcome.Of(() => ReferencePolicy.Interpreter.Evaluate(json));
        tally?.Add(generated);

        var difference = DecisionOutcome.Difference("generated  ", generated, "interpreter", interpreted);
        if (WarrantyClaim.FromJson(json) != claim)
        {
            difference += "\n  WarrantyClaim.FromJson(claim.ToJson()) reads back a different claim";
        }

        return difference is null
            ? Prop.ToProperty(true)
            : Prop.Label(false, "The generated evaluator and the reference interpreter disagree on the claim below (\"Shrunk\"):" + difference);
    }

    private static Config Configuration(int claims)
    {
        var configuration = Config.QuickThrowOnFailure
            .WithMaxTest(claims)
            .WithQuietOnSuccess(true)
            .WithParallelRunConfig(FSharpOption<ParallelRunConfig>.Some(new ParallelRunConfig(Environment.ProcessorCount)));
        var replay = Environment.GetEnvironmentVariable(ReplayVariable);
        if (string.IsNullOrWhiteSpace(replay))
        {
            return configuration;
        }

        var parts = replay.Trim('(', ')', ' ').Split(',').Select(p => ulong.Parse(p.Trim(), CultureInfo.InvariantCulture)).ToArray();
        var size = parts.Length > 2 ? FSharpOption<int>.Some((int)parts[2]) : FSharpOption<int>.None;
        return configuration.WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(parts[0], parts[1]), size)));
    }

    private static int Setting(string variable, int fallback)
    {
        var text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{variable} must be a positive number of claims, not \"{text}\"");
    }

    /// <summary>How the claims came out, counted across FsCheck's threads, to show the run tested something.</summary>
    public sealed class Tally
    {
        private readonly ConcurrentDictionary<string, int> _rejections = new(StringComparer.Ordinal);
        private int _free;
        private int _paid;

        public void Add(DecisionOutcome outcome)
        {
            if (outcome.IsRejected)
            {
                _rejections.AddOrUpdate(outcome.Text.Split(':')[1].Trim(), 1, (_, n) => n + 1);
            }
            else if (outcome.IsFree)
            {
                Interlocked.Increment(ref _free);
            }
            else
            {
                Interlocked.Increment(ref _paid);
            }
        }

        public override string ToString() =>
            $"{_free:N0} free, {_paid:N0} paid, rejected on " + string.Join(", ", _rejections.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key} {r.Value:N0}"));
    }
}
