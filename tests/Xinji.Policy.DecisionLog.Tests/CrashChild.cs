using System;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Xinji.Policy.DecisionLog.Tests;

/// <summary>
/// The crash test's child process: <c>append LOCATION WORKERS LIMIT</c> opens the log and has
/// WORKERS loops append <see cref="Records.Numbered"/> records (one loop in batches), printing <c>acked ID .</c> on a
/// line of its own each time an append has returned, until LIMIT appends or until it is killed.
/// A line cut short by the kill lacks its final dot and acknowledges nothing.
/// </summary>
public static class CrashChild
{
    public const string Command = "append";

    public static int Run(string[] args)
    {
        if (args.Length != 4 || !string.Equals(args[0], Command, StringComparison.Ordinal))
        {
            Console.Error.WriteLine($"usage: {Command} LOCATION WORKERS LIMIT");
            return 2;
        }

        var workers = int.Parse(args[2], CultureInfo.InvariantCulture);
        var limit = int.Parse(args[3], CultureInfo.InvariantCulture);
        RunAsync(args[1], workers, limit).GetAwaiter().GetResult();
        return 0;
    }

    private static async Task RunAsync(string location, int workers, int limit)
    {
        await using var log = await DecisionLogFactory.OpenAsync(location);
        var output = Console.Out;
        var next = -1;
        // Worker 0 appends batches of 25 (AppendAllAsync), the others one record at a time.
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            var size = worker == 0 ? 25 : 1;
            int last;
            while ((last = Interlocked.Add(ref next, size)) < limit)
            {
                var records = Enumerable.Range(last - size + 1, size).Select(i => Records.Numbered("crash", i)).ToList();
                await log.AppendAllAsync(records, CancellationToken.None);
                lock (output)
                {
                    foreach (var record in records)
                    {
                        output.WriteLine("acked " + record.Id + " .");
                    }

                    output.Flush();
                }
            }
        })));
    }
}
