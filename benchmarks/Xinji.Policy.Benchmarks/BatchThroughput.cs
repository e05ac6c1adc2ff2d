using System;
using System.Diagnostics;
using System.Globalization;
using Xinji.Warranty;

namespace Xinji.Policy.Benchmarks;

/// <summary>
/// Claims per second over a batch held in memory, one thread, each pipeline from JSON bytes to
/// decision JSON bytes; each pipeline is run twice and the second run counts (the first warms it).
/// </summary>
internal static class BatchThroughput
{
    public static int Run(int count)
    {
        var json = RandomClaims.Json(RandomClaims.Make(count, seed: 7));
        var output = new ReusedWriter();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Batch: {count:N0} claims in memory, one thread, claims per second."));
        Console.WriteLine("| pipeline | claims/s |");
        Console.WriteLine("|---|---|");
        Report("generated FromJson + Evaluate + WriteJson, reused writer", () =>
        {
            long bytes = 0;
            foreach (var claim in json)
            {
                WarrantyPolicy.Evaluate(WarrantyClaim.FromJson(claim)).WriteJson(output.Start());
                bytes += output.Finish().Length;
            }

            return bytes;
        });
        Report("generated FromJson + Evaluate + ToJson()", () =>
        {
            long chars = 0;
            foreach (var claim in json)
            {
                chars += WarrantyPolicy.Evaluate(WarrantyClaim.FromJson(claim)).ToJson().Length;
            }

            return chars;
        });
        Report("hand-written (System.Text.Json source-gen + Utf8JsonWriter), reused writer", () =>
        {
            long bytes = 0;
            foreach (var claim in json)
            {
                StjPipeline.Write(output.Start(), HandWritten.Evaluate(StjPipeline.Read(claim)));
                bytes += output.Finish().Length;
            }

            return bytes;
        });
        return 0;

        void Report(string name, Func<long> pipeline)
        {
            pipeline();
            var watch = Stopwatch.StartNew();
            pipeline();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {count / watch.Elapsed.TotalSeconds:N0} |"));
        }
    }
}
