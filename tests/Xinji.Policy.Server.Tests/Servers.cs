using System;
using System.IO;
using System.Threading.Tasks;

namespace Xinji.Policy.Server.Tests;

/// <summary>One service for a test class: the built-in policy, on loopback, without keys.</summary>
public sealed class OpenServer : IAsyncLifetime, IDisposable
{
    private readonly TempFolder _folder = new();

    public ServeProcess Server { get; private set; } = null!;

    /// <summary>The folder it runs in: no policy/ in it, so it serves the policy built into the tool.</summary>
    public string WorkingDirectory => _folder.Path;

    public async Task InitializeAsync() => Server = await ServeProcess.StartAsync(_folder.Path);

    public async Task DisposeAsync() => await Server.DisposeAsync();

    public void Dispose() => _folder.Dispose();
}

/// <summary>One service for a test class: the built-in policy on loopback with two keys, and small body limits.</summary>
public sealed class KeyedServer : IAsyncLifetime, IDisposable
{
    public const string TicketingKey = "ticketing-key-0123456789abcdef";
    public const string ShopKey = "shop-key-fedcba9876543210";
    public const long MaxClaimBytes = 2048;
    public const long MaxBatchBytes = 8192;

    private readonly TempFolder _folder = new();

    public ServeProcess Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var keys = Path.Combine(_folder.Path, "keys.txt");
        await File.WriteAllTextAsync(keys, "# who calls, and their key\nticketing " + TicketingKey + "\n\n" + ShopKey + "\n");
        Server = await ServeProcess.StartAsync(_folder.Path, "--api-key-file", "keys.txt",
            "--max-claim-bytes", MaxClaimBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--max-batch-bytes", MaxBatchBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();

    public void Dispose() => _folder.Dispose();
}
