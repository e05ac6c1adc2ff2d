using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using Xinji.Policy.Runtime;
using Xinji.Policy.Tooling;
using Xinji.Policy.Tooling.Compilation;
using Xinji.Warranty;

// The measurements behind docs/performance.md, "Batch"; benchmarks/batch.sh runs them in order.
//   generate HISTORY OUT MEGABYTES  a JSON Lines file of that size, from the history's claims that decide
//   loop HISTORY CLAIMS [THREADS]   the in-process FromJson + Evaluate + WriteJson loop, reused writer;
//                                   on THREADS threads at once, each deciding its share (the machine's ceiling for --jobs)
//   loop-cold HISTORY CLAIMS        the same loop with no warm-up, timed as a whole process, as the command is timed
//   threshold POLICY HISTORY        compile cost against interpreter cost per claim, in a fresh process
return args switch
{
    ["generate", var history, var output, var megabytes] => Generate(history, output, long.Parse(megabytes, CultureInfo.InvariantCulture)),
    ["loop", var history, var claims] => Loop(history, long.Parse(claims, CultureInfo.InvariantCulture), 1),
    ["loop", var history, var claims, var threads] => Loop(history, long.Parse(claims, CultureInfo.InvariantCulture), int.Parse(threads, CultureInfo.InvariantCulture)),
    ["loop-cold", var history, var claims] => Loop(history, long.Parse(claims, CultureInfo.InvariantCulture), 1, warmedUp: false),
    ["threshold", var policy, var history] => Threshold(policy, history),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: generate HISTORY OUT MEGABYTES | loop HISTORY CLAIMS [THREADS] | threshold POLICY HISTORY");
    return 2;
}

// The history's claims that the compiled policy decides (invalid ones would time exceptions, not decisions).
static List<byte[]> Decidable(string history)
{
    var claims = new List<byte[]>();
    foreach (var line in File.ReadLines(history).Where(l => l.Trim().Length > 0))
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(line);
        try
        {
            WarrantyPolicy.Evaluate(WarrantyClaim.FromJson(bytes));
            claims.Add(bytes);
        }
        catch (ClaimInputException)
        {
        }
    }

    return claims;
}

static int Generate(string history, string output, long megabytes)
{
    var claims = Decidable(history);
    var target = megabytes * 1024 * 1024;
    long written = 0;
    long count = 0;
    using var file = new BufferedStream(File.Create(output), 1 << 20);
    while (written < target)
    {
        var claim = claims[(int)(count % claims.Count)];
        file.Write(claim);
        file.WriteByte((byte)'\n');
        written += claim.Length + 1;
        count++;
    }

    Console.WriteLine(count.ToString(CultureInfo.InvariantCulture));
    return 0;
}

static int Loop(string history, long total, int threads, bool warmedUp = true)
{
    var claims = Decidable(history);
    var options = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    // Each thread has its own writer over its own buffered null stream, as each --jobs worker has its own block output.
    void Run(long count)
    {
        using var sink = new BufferedStream(Stream.Null, 1 << 16);
        using var writer = new Utf8JsonWriter(sink, options);
        for (long i = 0; i < count; i++)
        {
            var decision = WarrantyPolicy.Evaluate(WarrantyClaim.FromJson(claims[(int)(i % claims.Count)]));
            decision.WriteJson(writer);
            writer.Flush();
            writer.Reset();
            sink.WriteByte((byte)'\n');
        }
    }

    void OnThreads(long count)
    {
        if (threads == 1)
        {
            Run(count);
            return;
        }

        var workers = Enumerable.Range(0, threads).Select(t => new System.Threading.Thread(() => Run(count / threads + (t < count % threads ? 1 : 0)))).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
    }

    if (!warmedUp)
    {
        // From the process's start, as /usr/bin/time times the command: the runtime's start, the JIT and
        // tiering up are in it, which the warmed-up loop leaves out.
        OnThreads(total);
        using var self = Process.GetCurrentProcess();
        var whole = DateTime.Now - self.StartTime;
        Console.WriteLine($"in-process loop, whole process (no warm-up): {total} claims in {whole.TotalSeconds:F2} s ({total / whole.TotalSeconds:F0} claims/s), "
            + $"{self.TotalProcessorTime.TotalSeconds:F1} CPU s ({total / self.TotalProcessorTime.TotalSeconds:F0} claims per CPU second)");
        return 0;
    }

    OnThreads(Math.Min(total, 200_000));
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    OnThreads(total);
    clock.Stop();
    cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;

    // CPU seconds as well as wall-clock: on a shared machine the wall clock also counts other processes' turns.
    var how = threads == 1 ? "in-process loop" : $"in-process loop on {threads} threads, each on 1/{threads} of the claims";
    Console.WriteLine($"{how}: {total} claims in {clock.Elapsed.TotalSeconds:F2} s ({total / clock.Elapsed.TotalSeconds:F0} claims/s), "
        + $"{cpu.TotalSeconds:F1} CPU s ({total / cpu.TotalSeconds:F0} claims per CPU second)");
    return 0;
}

static int Threshold(string policyPath, string history)
{
    var loaded = PolicyLoader.Load(new[] { policyPath });
    var claims = Decidable(history);

    var clock = Stopwatch.StartNew();
    var compiled = PolicyCompiler.TryCompile(loaded.Sources, loaded.Documents) ?? throw new InvalidOperationException("The policy does not compile.");
    var coldCompile = clock.Elapsed.TotalMilliseconds;

    var interpreter = new InterpretedEvaluator(loaded.Policy!);
    clock.Restart();
    interpreter.Evaluate(claims[0]);
    var firstInterpreted = clock.Elapsed.TotalMilliseconds;

    // A different content, so the compile is not a cache hit: what a second policy costs once Roslyn is warm.
    var edited = loaded.Sources.ToDictionary(s => s.Key, s => s.Value + "\n", StringComparer.Ordinal);
    clock.Restart();
    _ = PolicyCompiler.TryCompile(edited, loaded.Documents) ?? throw new InvalidOperationException("The edited policy does not compile.");
    var warmCompile = clock.Elapsed.TotalMilliseconds;

    double PerClaim(IPolicyEvaluator evaluator, int count)
    {
        for (var i = 0; i < Math.Min(count, 2_000); i++)
        {
            evaluator.Evaluate(claims[i % claims.Count]);
        }

        var timer = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            evaluator.Evaluate(claims[i % claims.Count]);
        }

        return timer.Elapsed.TotalMilliseconds * 1000 / count;
    }

    var interpreted = PerClaim(interpreter, 50_000);
    var fast = PerClaim(compiled.Evaluator, 500_000);
    Console.WriteLine($"compile, first in the process: {coldCompile:F0} ms; another policy after it: {warmCompile:F0} ms");
    Console.WriteLine($"interpreter: first claim {firstInterpreted:F1} ms, then {interpreted:F2} us per claim; compiled: {fast:F3} us per claim");
    Console.WriteLine($"threshold (cold compile / per-claim saving): {coldCompile * 1000 / (interpreted - fast):F0} claims; warm: {warmCompile * 1000 / (interpreted - fast):F0} claims");
    return 0;
}
