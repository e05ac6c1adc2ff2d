using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Xinji.Policy.Server.Tests;

/// <summary>Edits of the served folder: a version with errors is refused and the old one serves on; one without replaces it at once.</summary>
public sealed class ReloadTests
{
    private const string Claim = "{\"fault\": \"bulb\", \"boughtOn\": \"2024-01-10\", \"claimedOn\": \"2024-06-01\", \"watts\": 150}";

    /// <summary>Binds, but L-1 and L-2 now both apply to a bulb of over 100 W in the guarantee: XP2001, found by the analysis.</summary>
    private static string Conflicting(string text) => text.Replace("when not guaranteeActive or fault is glass", "when not guaranteeActive or fault is glass or watts > 100", StringComparison.Ordinal);

    /// <summary>Does not bind: a remedy the policy does not declare.</summary>
    private static string Unbound(string text) => text.Replace("       remedy newLamp", "       remedy newBulb", StringComparison.Ordinal);

    /// <summary>A good new version: the default bulb is brighter.</summary>
    private static string Brighter(string text) => text.Replace("fact watts: int = 40", "fact watts: int = 60", StringComparison.Ordinal);

    [Fact]
    public async Task A_version_with_binding_or_analysis_errors_is_refused_and_logged_and_the_old_one_serves_on()
    {
        using var folder = new TempFolder();
        var policy = folder.CopyPolicy("lamp");
        var file = Path.Combine(policy, "lamp.policy");
        var original = await File.ReadAllTextAsync(file);
        await using var server = await ServeProcess.StartAsync(folder.Path);
        var live = await Hash(server);

        Replace(folder, file, Unbound(original));
        await server.WaitForLogAsync("refused");
        Assert.Matches(@"policy/lamp\.policy\(\d+,\d+\): error XP01\d\d: ", server.StdErr);
        var refused = await Policy(server);
        Assert.Equal(live, refused.GetProperty("hash").GetString());
        var errors = refused.GetProperty("lastRefused").GetProperty("errors");
        Assert.StartsWith("XP01", errors[0].GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(live, refused.GetProperty("lastRefused").GetProperty("hash").GetString());
        Assert.Equal(live, await DecisionHash(server));

        Replace(folder, file, Conflicting(original));
        await WaitUntil(async () => (await Policy(server)).GetProperty("lastRefused").GetProperty("errors")[0].GetProperty("id").GetString() == "XP2001");
        // The refusal is published before its log line is read from the process's stderr.
        await server.WaitForLogAsync("error XP2001: ");
        Assert.Matches(@"policy/lamp\.policy\(\d+,\d+\): error XP2001: ", server.StdErr);
        Assert.Equal(live, await DecisionHash(server));

        Replace(folder, file, Brighter(original));
        await WaitUntil(async () => await Hash(server) != live);
        var next = await Hash(server);
        Assert.Equal(next, await DecisionHash(server));
        Assert.Contains("serving Lamp " + next, server.StdErr, StringComparison.Ordinal);
    }

    /// <summary>
    /// Clients decide claims without pause while the folder is edited, badly and then well: every
    /// request succeeds, each decision carries the old hash or the new one, and a client that has
    /// seen the new one never sees the old one again.
    /// </summary>
    [Fact]
    public Task Under_load_with_SQLite_no_request_fails_and_every_decision_has_the_old_hash_or_the_new_one() => UnderLoad(LogStore.Sqlite);

    [PostgresFact]
    public Task Under_load_with_PostgreSQL_no_request_fails_and_every_decision_has_the_old_hash_or_the_new_one() => UnderLoad(LogStore.Postgres);

    private static async Task UnderLoad(LogStore store)
    {
        using var folder = new TempFolder();
        var policy = folder.CopyPolicy("lamp");
        var file = Path.Combine(policy, "lamp.policy");
        var original = await File.ReadAllTextAsync(file);
        await using var server = await ServeProcess.StartAsync(folder.Path, "--decision-log", await LogStores.NewAsync(store, folder));
        var old = await Hash(server);

        using var stop = new CancellationTokenSource();
        var failures = new ConcurrentBag<string>();
        const int Clients = 4;
        const int MaxRequestsPerClient = 5_000;
        var seen = new List<string>[Clients];
        var clients = Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
        {
            var hashes = seen[c] = new List<string>();
            for (var i = 0; i < MaxRequestsPerClient && !stop.IsCancellationRequested; i++)
            {
                using var response = await server.PostClaimAsync(Claim);
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add($"{(int)response.StatusCode}: {body}");
                    continue;
                }

                using var json = JsonDocument.Parse(body);
                hashes.Add(json.RootElement.GetProperty("policy").GetProperty("hash").GetString()!);
            }
        })).ToArray();

        await WaitUntil(() => Task.FromResult(seen.All(s => s is { Count: > 10 })));
        Replace(folder, file, Unbound(original));
        await server.WaitForLogAsync("refused");
        Replace(folder, file, Brighter(original));
        var next = string.Empty;
        await WaitUntil(async () => (next = await Hash(server)) != old);

        // Long enough for every client to decide under the new version too.
        var counts = seen.Select(s => s.Count).ToArray();
        await WaitUntil(() => Task.FromResult(seen.Select((s, i) => s.Count > counts[i] + 10).All(more => more)));
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        Assert.Empty(failures);
        var all = seen.SelectMany(s => s).ToList();
        Assert.All(all, hash => Assert.True(hash == old || hash == next, hash));
        Assert.Contains(old, all);
        Assert.Contains(next, all);
        foreach (var hashes in seen)
        {
            var first = hashes.IndexOf(next);
            Assert.True(first >= 0, "a client never saw the new version");
            Assert.DoesNotContain(old, hashes.Skip(first));
        }
    }

    /// <summary>Puts the new text in place in one step, as editors save: written beside the folder, then moved over the file.</summary>
    private static void Replace(TempFolder folder, string file, string text)
    {
        var staged = Path.Combine(folder.Path, "staged-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(staged, text);
        File.Move(staged, file, overwrite: true);
    }

    private static async Task<JsonElement> Policy(ServeProcess server)
    {
        using var response = await server.SendAsync(HttpMethod.Get, "v1/policy");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static async Task<string> Hash(ServeProcess server) => (await Policy(server)).GetProperty("hash").GetString()!;

    private static async Task<string> DecisionHash(ServeProcess server)
    {
        using var response = await server.PostClaimAsync(Claim);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("policy").GetProperty("hash").GetString()!;
    }

    /// <summary>Waits for a condition the service reaches by itself; fails the test after two minutes.</summary>
    private static async Task WaitUntil(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the service never got there");
            await Task.Delay(100);
        }
    }
}
