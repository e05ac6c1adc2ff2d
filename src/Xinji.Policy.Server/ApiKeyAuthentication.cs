using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Xinji.Policy.Server;

/// <summary>Endpoint metadata: whether an endpoint needs a key whatever the service's keys (the log), or never (health).</summary>
internal sealed class NeedsKey
{
    public static readonly NeedsKey Always = new(true);
    public static readonly NeedsKey Never = new(false);

    private NeedsKey(bool value) => Value = value;

    public bool Value { get; }
}

/// <summary>
/// Who may call: with no keys (a service on loopback), anyone, except for the decision log, which
/// holds customers' claims and always needs a key; with keys, every request but the health check
/// needs <c>Authorization: Bearer KEY</c> with one of them.
/// </summary>
internal static class ApiKeyAuthentication
{
    /// <summary>Where the request's client name is kept for the decision log.</summary>
    public const string ClientItem = "xinji-policy.client";

    public static Func<HttpContext, Func<Task>, Task> Middleware(IReadOnlyList<ApiKey> keys) => async (context, next) =>
    {
        var needs = context.GetEndpoint()?.Metadata.GetMetadata<NeedsKey>()?.Value ?? keys.Count > 0;
        if (!needs)
        {
            await next().ConfigureAwait(false);
            return;
        }

        if (keys.Count == 0)
        {
            await Problems.Unauthorized(context, "this endpoint needs an API key, and the service has none: start it with --api-key-file").ConfigureAwait(false);
            return;
        }

        const string Scheme = "Bearer ";
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || header.Length == Scheme.Length)
        {
            await Problems.Unauthorized(context, "no API key: send Authorization: Bearer KEY").ConfigureAwait(false);
            return;
        }

        if (ApiKey.Match(keys, header[Scheme.Length..].Trim()) is not { } key)
        {
            await Problems.Unauthorized(context, "the API key is not one this service accepts").ConfigureAwait(false);
            return;
        }

        context.Items[ClientItem] = key.Client;
        await next().ConfigureAwait(false);
    };
}
