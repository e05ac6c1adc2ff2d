using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace Xinji.Policy.Server.Tests;

/// <summary>
/// Nothing acknowledged is lost: clients decide claims (single and in batches) against a real
/// service, it is killed with SIGKILL mid-load, started again on the same log, and every decision a
/// client got a 2xx for is in the log with the claim as sent and the decision as answered.
/// </summary>
public sealed class DurabilityTests
{
    private const string Key = "durability-key-0123456789";

    /// <summary>How many acknowledged decisions the load reaches before the kill: enough that the kill lands mid-load.</summary>
    private const int AcknowledgedBeforeKill = 300;

    [Fact]
    public Task Every_acknowledged_decision_survives_kill_9_with_SQLite() => Run(LogStore.Sqlite);

    [PostgresFact]
    public Task Every_acknowledged_decision_survives_kill_9_with_PostgreSQL() => Run(LogStore.Postgres);

    private static async Task Run(LogStore store)
    {
        using var folder = new TempFolder();
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "keys.txt"), "load " + Key + "\n");
        var args = new[] { "--decision-log", await LogStores.NewAsync(store, folder), "--api-key-file", "keys.txt" };
        var claims = Directory.GetFiles(Path.GetDirectoryName(ServeProcess.ClaimFile("x.json"))!, "*.json")
            .Where(f => !f.EndsWith("typo-in-field.json", StringComparison.Ordinal))
            .Select(f => JsonNode.Parse(File.ReadAllText(f))!.ToJsonString())
            .ToArray();
        var acknowledged = new ConcurrentDictionary<string, (string Claim, string Decision)>(StringComparer.Ordinal);

        await using (var server = await ServeProcess.StartAsync(folder.Path, args))
        {
            using var stop = new CancellationTokenSource();
            const int Clients = 6;
            const int MaxRequestsPerClient = 5_000;
            var load = Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
            {
                for (var i = 0; i < MaxRequestsPerClient && !stop.IsCancellationRequested; i++)
                {
                    var batch = client % 2 == 1;
                    var sent = batch ? Enumerable.Range(0, 5).Select(j => claims[(i + j) % claims.Length]).ToArray() : new[] { claims[i % claims.Length] };
                    try
                    {
                        using var response = await server.SendAsync(HttpMethod.Post, "v1/decisions",
                            ServeProcess.Body(string.Join("\n", sent) + "\n", batch ? "application/x-ndjson" : "application/json"), Key);
                        var body = await response.Content.ReadAsStringAsync();
                        if (!response.IsSuccessStatusCode)
                        {
                            continue;
                        }

                        var lines = body.TrimEnd('\n').Split('\n');
                        Assert.Equal(sent.Length, lines.Length);
                        for (var j = 0; j < lines.Length; j++)
                        {
                            using var decision = JsonDocument.Parse(lines[j]);
                            acknowledged[decision.RootElement.GetProperty("decisionId").GetString()!] = (sent[j], lines[j]);
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
                    {
                        // The server is gone: what was in flight was never acknowledged.
                        return;
                    }
                }
            })).ToArray();

            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (acknowledged.Count < AcknowledgedBeforeKill && !load.All(t => t.IsCompleted))
            {
                Assert.True(DateTime.UtcNow < deadline, $"only {acknowledged.Count} decisions in three minutes");
                await Task.Delay(20);
            }

            Assert.False(load.All(t => t.IsCompleted), "the load ended before the kill");
            server.Kill();
            await stop.CancelAsync();
            await Task.WhenAll(load);
        }

        await using var restarted = await ServeProcess.StartAsync(folder.Path, args);
        Assert.True(acknowledged.Count >= AcknowledgedBeforeKill);
        foreach (var (id, (claim, decision)) in acknowledged)
        {
            using var response = await restarted.SendAsync(HttpMethod.Get, "v1/decisions/" + id, key: Key);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"decision {id} was acknowledged and is not in the log: {(int)response.StatusCode}");
            var record = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(decision), record["decision"]), $"{id}: logged {record["decision"]}, answered {decision}");
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(claim), record["claim"]), $"{id}: logged {record["claim"]}, sent {claim}");
            Assert.Equal("load", record["client"]!.GetValue<string>());
        }
    }
}
