using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace Xinji.Policy.Server.Tests;

/// <summary>
/// <c>dotnet xinji-policy.dll serve --urls http://127.0.0.1:0 …</c> as a real process: the port is the
/// one the service reports it listens on, so no two tests race for one. Killed when disposed.
/// </summary>
public sealed partial class ServeProcess : IAsyncDisposable
{
    /// <summary>How long a start may take on a busy machine before the test fails.</summary>
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(120);

    private readonly Process _process;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _err = new();

    private ServeProcess(Process process)
    {
        _process = process;
    }

    /// <summary>The tool, copied next to the tests by the project reference.</summary>
    public static string ToolPath => Path.Combine(AppContext.BaseDirectory, "xinji-policy.dll");

    /// <summary>The test policies copied to the output folder: <c>lamp</c> and <c>warranty</c> (the shipped policy).</summary>
    public static string PolicyFixture(string name) => Path.Combine(AppContext.BaseDirectory, "policies", name);

    public static string ClaimFile(string name) => Path.Combine(AppContext.BaseDirectory, "claims", name);

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public HttpClient Client { get; private set; } = new();

    public string StdOut
    {
        get
        {
            lock (_out)
            {
                return _out.ToString();
            }
        }
    }

    /// <summary>The server log: refused edits, reloads, failures.</summary>
    public string StdErr
    {
        get
        {
            lock (_err)
            {
                return _err.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the service in <paramref name="workingDirectory"/> and waits until it listens.</summary>
    public static async Task<ServeProcess> StartAsync(string workingDirectory, params string[] args)
    {
        var server = new ServeProcess(Launch(workingDirectory, new[] { "serve", "--urls", "http://127.0.0.1:0" }.Concat(args)));
        server._process.OutputDataReceived += (_, e) => Append(server._out, e.Data);
        server._process.ErrorDataReceived += (_, e) => Append(server._err, e.Data);
        server._process.Start();
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + StartLimit;
        Match match;
        while (!(match = ListeningOn().Match(server.StdOut)).Success)
        {
            if (server._process.HasExited || DateTime.UtcNow > deadline)
            {
                await server.DisposeAsync();
                Assert.Fail($"serve did not start (exited: {server._process.HasExited}).\n--- stdout ---\n{server.StdOut}\n--- stderr ---\n{server.StdErr}");
            }

            await Task.Delay(50);
        }

        server.BaseAddress = new Uri(match.Groups[1].Value + "/");
        server.Client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(120) };
        return server;
    }

    /// <summary>Runs <c>xinji-policy ARGS</c> to its end: for a start the service must refuse, and for the CLI's own output to compare with.</summary>
    public static async Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(string workingDirectory, params string[] args)
    {
        using var process = Launch(workingDirectory, args);
        process.Start();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new System.Threading.CancellationTokenSource(StartLimit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("xinji-policy " + string.Join(" ", args) + " did not exit");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>A request with a body of the given content type.</summary>
    public static HttpContent Body(string text, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    public Task<HttpResponseMessage> PostClaimAsync(string claimJson, string? key = null) => SendAsync(HttpMethod.Post, "v1/decisions", Body(claimJson, "application/json"), key);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null, string? key = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return await Client.SendAsync(request);
    }

    /// <summary>Waits until the server log holds <paramref name="text"/>; fails the test after <paramref name="seconds"/>.</summary>
    public async Task WaitForLogAsync(string text, int seconds = 120)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!StdErr.Contains(text, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the server log never said '{text}':\n{StdErr}");
            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL: the process gets no chance to flush or finish anything.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public ValueTask DisposeAsync()
    {
        Client.Dispose();
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static Process Launch(string workingDirectory, IEnumerable<string> args)
    {
        Assert.True(File.Exists(ToolPath), "the tool is not next to the tests: " + ToolPath);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(ToolPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        return new Process { StartInfo = start };
    }

    private static void Append(StringBuilder to, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (to)
        {
            to.AppendLine(line);
        }
    }

    [GeneratedRegex(@"listening on (http://\S+)")]
    private static partial Regex ListeningOn();
}

/// <summary>A folder of its own for a test, deleted after it.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = Directory.CreateTempSubdirectory("xinji-serve-").FullName;
    }

    public string Path { get; }

    /// <summary>A copy of a test policy in a folder of this one, to edit.</summary>
    public string CopyPolicy(string fixture, string folderName = "policy")
    {
        var target = System.IO.Path.Combine(Path, folderName);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(ServeProcess.PolicyFixture(fixture)))
        {
            File.Copy(file, System.IO.Path.Combine(target, System.IO.Path.GetFileName(file)));
        }

        return target;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A server still closing a file; the temp folder is cleaned by the system.
        }
    }
}
