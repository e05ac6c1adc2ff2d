using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Xinji.Warranty;

namespace Xinji.Policy.Benchmarks;

/// <summary>
/// The first decision in a fresh process, per implementation: this program started again in the
/// <c>cold ENGINE</c> mode, which times its own setup and first call from the top of Main.
/// </summary>
internal static class ColdStart
{
    private static readonly string[] Engines = { "generated", "rulesengine", "nrules", "interpreter" };

    private const string FirstClaim = """{"product":"smartWatch","claimDate":"2025-03-10","invoiceDate":"2024-06-01","cause":"manufacturingDefect"}""";

    /// <summary>Runs each engine's cold start <paramref name="runs"/> times and prints the medians.</summary>
    public static int Run(int runs)
    {
        Console.WriteLine($"Cold start: the median of {runs} fresh processes per implementation; setup = building the engine, first = the first decision.");
        Console.WriteLine("| implementation | setup | first decision | process, start to exit |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var engine in Engines)
        {
            var setups = new List<double>();
            var firsts = new List<double>();
            var processes = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                var watch = Stopwatch.StartNew();
                var output = Child(engine);
                processes.Add(watch.Elapsed.TotalMilliseconds);
                var parts = output.Trim().Split(' ');
                setups.Add(double.Parse(parts[0], CultureInfo.InvariantCulture));
                firsts.Add(double.Parse(parts[1], CultureInfo.InvariantCulture));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {engine} | {Median(setups):0.0} ms | {Median(firsts):0.0} ms | {Median(processes):0} ms |"));
        }

        return 0;
    }

    /// <summary>In the child: builds one engine, decides one claim, prints "setup first" in milliseconds.</summary>
    public static int Measure(string engine, Stopwatch sinceMain)
    {
        var claimJson = Encoding.UTF8.GetBytes(FirstClaim);
        Func<object> first;
        switch (engine)
        {
            case "generated":
                first = () => WarrantyPolicy.Evaluate(WarrantyClaim.FromJson(claimJson)).Coverage;
                break;
            case "rulesengine":
                var rulesEngine = new RulesEngineWarranty();
                first = () => rulesEngine.Evaluate(WarrantyClaim.FromJson(claimJson)).Coverage;
                break;
            case "nrules":
                var nrules = new NRulesWarranty();
                first = () => nrules.Evaluate(WarrantyClaim.FromJson(claimJson)).Coverage;
                break;
            case "interpreter":
                var interpreter = Interpreter.Load();
                first = () => interpreter.Evaluate(claimJson).Coverage;
                break;
            default:
                Console.Error.WriteLine($"unknown engine '{engine}': one of {string.Join(", ", Engines)}");
                return 2;
        }

        var setup = sinceMain.Elapsed.TotalMilliseconds;
        first();
        var decided = sinceMain.Elapsed.TotalMilliseconds - setup;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{setup:0.000} {decided:0.000}"));
        return 0;
    }

    private static string Child(string engine)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ColdStart).Assembly.Location);
        }

        start.ArgumentList.Add("cold");
        start.ArgumentList.Add(engine);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start " + self);
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"cold {engine} exited with {process.ExitCode}");
        }

        return output;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
