using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Xinji.Policy.DecisionLog.Tests;

/// <summary>
/// Nothing acknowledged is lost: a child process appends from several loops at once and is killed
/// with SIGKILL mid-load; the log, reopened, holds every record whose append had returned, each
/// exactly as written, and nothing else but whole records of the same run.
/// </summary>
public sealed class CrashDurabilityTests
{
    /// <summary>Acknowledgements to wait for before the kill; the child could write many more.</summary>
    private const int AcknowledgedBeforeKill = 400;

    private const int ChildLimit = 1_000_000;

    [Theory, SqliteCase, PostgresCase]
    public async Task Every_acknowledged_append_survives_kill_9(Store store)
    {
        await using var scope = await LogScope.CreateAsync(store);
        var acknowledged = await RunChildAndKillAsync(scope.Location);

        Assert.True(acknowledged.Count >= AcknowledgedBeforeKill, $"only {acknowledged.Count} appends acknowledged");
        await using var log = await scope.OpenAsync();
        var found = new Dictionary<string, DecisionRecord>(StringComparer.Ordinal);
        await foreach (var record in log.ExportAsync(DateTimeOffset.MinValue, null, CancellationToken.None))
        {
            found.Add(record.Id, record);
        }

        var missing = acknowledged.Where(id => !found.ContainsKey(id)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {acknowledged.Count} acknowledged appends lost, e.g. {string.Join(", ", missing.Take(5))}");
        foreach (var (id, record) in found)
        {
            var sequence = int.Parse(id["crash-".Length..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(Records.Numbered("crash", sequence), record);
            Assert.Equal(Records.Numbered("crash", sequence).DecidedAt.Offset, record.DecidedAt.Offset);
            Assert.Equal(record, await log.FindAsync(id, CancellationToken.None));
        }
    }

    private static async Task<HashSet<string>> RunChildAndKillAsync(string location)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "exec", typeof(CrashChild).Assembly.Location, CrashChild.Command, location, "8", ChildLimit.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start)!;
        var errors = child.StandardError.ReadToEndAsync();
        var acknowledged = new HashSet<string>(StringComparer.Ordinal);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            while (acknowledged.Count < AcknowledgedBeforeKill)
            {
                var line = await child.StandardOutput.ReadLineAsync(deadline.Token)
                    ?? throw new InvalidOperationException("The child ended before the kill: " + await errors);
                if (line.StartsWith("acked ", StringComparison.Ordinal) && line.EndsWith(" .", StringComparison.Ordinal))
                {
                    acknowledged.Add(line["acked ".Length..^2]);
                }
            }
        }
        finally
        {
            // Process.Kill is SIGKILL on Unix: no finalizer, no dispose, no flush runs in the child.
            child.Kill(entireProcessTree: true);
        }

        // What the child printed before it died: acknowledgements it wrote after the count was reached.
        var rest = await child.StandardOutput.ReadToEndAsync(CancellationToken.None);
        foreach (var line in rest.Split('\n'))
        {
            if (line.StartsWith("acked ", StringComparison.Ordinal) && line.EndsWith(" .", StringComparison.Ordinal))
            {
                acknowledged.Add(line["acked ".Length..^2]);
            }
        }

        await child.WaitForExitAsync(CancellationToken.None);
        Assert.NotEqual(0, child.ExitCode);
        return acknowledged;
    }
}
