using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Xinji.Policy.Server;

/// <summary>
/// <c>xinji-policy serve</c>: the decision service on Kestrel. It refuses to start on an address other
/// than loopback without keys, and with a policy that has errors; otherwise it serves until stopped.
/// </summary>
public static class DecisionServer
{
    /// <summary>Exit code for a start refused for its input (a policy with errors, keys missing, a bad URL).</summary>
    public const int InvalidInput = 2;

    /// <summary>Exit code for a service that could not run (the address is taken).</summary>
    public const int Failure = 1;

    /// <summary>Why the service must not start with these URLs and no keys; null when it may.</summary>
    public static string? RefuseUnprotected(IReadOnlyList<string> urls, bool hasKeys)
    {
        foreach (var url in urls)
        {
            BindingAddress address;
            try
            {
                address = BindingAddress.Parse(url);
            }
            catch (FormatException)
            {
                return $"--urls: '{url}' is not a URL such as {ServerOptions.DefaultUrl}";
            }

            if (!hasKeys && !IsLoopback(address.Host))
            {
                return $"--urls: '{url}' is reachable from other machines; give --api-key-file so that callers must present a key, or listen on 127.0.0.1";
            }
        }

        return null;
    }

    /// <summary>Runs the service until <paramref name="stopping"/> fires or the process is told to stop.</summary>
    /// <returns>0 after a clean stop, <see cref="InvalidInput"/> when it refused to start, <see cref="Failure"/> when it could not listen.</returns>
    public static async Task<int> RunAsync(ServerOptions options, CancellationToken stopping = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (RefuseUnprotected(options.Urls, options.ApiKeys.Count > 0) is { } refusal)
        {
            options.Log.WriteLine("xinji-policy serve: " + refusal);
            return InvalidInput;
        }

        await using var host = new PolicyHost(options);
        if (!host.Start())
        {
            options.Log.WriteLine("xinji-policy serve: not started: the policy has errors");
            return InvalidInput;
        }

        await using var app = Build(options, host);
        try
        {
            await app.StartAsync(stopping).ConfigureAwait(false);
        }
        catch (IOException cannotListen)
        {
            options.Log.WriteLine("xinji-policy serve: cannot listen: " + cannotListen.Message);
            return Failure;
        }

        options.Out.WriteLine($"xinji-policy serve: {host.Live.Identity} ({options.PolicyOrigin}), decision log {options.DecisionLogName}, listening on {string.Join(" ", app.Urls)}");
        options.Out.Flush();
        await app.WaitForShutdownAsync(stopping).ConfigureAwait(false);
        return 0;
    }

    private static WebApplication Build(ServerOptions options, PolicyHost host)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = Array.Empty<string>(), ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new ServerLogProvider(options.Log));
        builder.WebHost.UseUrls(options.Urls.ToArray());
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;

            // The endpoints hold each body to its own limit (413), reading no more than that.
            kestrel.Limits.MaxRequestBodySize = Math.Max(options.MaxClaimBytes, options.MaxBatchBytes) + 1;
        });
        builder.Services.AddOpenApi();
        builder.Services.AddRouting();

        var app = builder.Build();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = context =>
            {
                var failure = context.Features.Get<IExceptionHandlerFeature>()?.Error;
                if (failure is BadHttpRequestException bad)
                {
                    return bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                        ? Problems.TooLarge(context, options.MaxBatchBytes)
                        : Problems.Write(context, bad.StatusCode, "bad-request", "Bad request", bad.Message);
                }

                options.Log.WriteLine("xinji-policy serve: " + context.Request.Method + " " + context.Request.Path + " failed: " + failure?.GetType().Name + ": " + failure?.Message);
                return Problems.Internal(context);
            },
        });
        app.UseStatusCodePages(new StatusCodePagesOptions { HandleAsync = pages => Problems.Status(pages.HttpContext, pages.HttpContext.Response.StatusCode) });
        app.UseRouting();
        app.Use(ApiKeyAuthentication.Middleware(options.ApiKeys));
        new DecisionEndpoints(host, options).Map(app);
        ServiceDeskPage.Map(app, host);
        app.MapOpenApi("/openapi/v1.json");
        return app;
    }

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
