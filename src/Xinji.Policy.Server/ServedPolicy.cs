using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;
using Xinji.Policy.Dsl.Binding;
using Xinji.Policy.Dsl.Diagnostics;
using Xinji.Policy.Dsl.Driver;
using Xinji.Policy.Runtime;
using Xinji.Policy.Tooling;

namespace Xinji.Policy.Server;

/// <summary>
/// One version of the policy as the service serves it: everything a request needs, made once. A
/// request takes the live version once and uses only it, so its decision and the hash it reports agree.
/// </summary>
internal sealed class ServedPolicy
{
    private readonly Lazy<Explainer> _explainer;
    private volatile IPolicyEvaluator _evaluator;

    public ServedPolicy(LoadedPolicy loaded, IPolicyEvaluator evaluator, DateTimeOffset loadedAt)
    {
        Loaded = loaded;
        Policy = loaded.Policy ?? throw new ArgumentException("Only a policy that bound is served.", nameof(loaded));
        _evaluator = evaluator;
        LoadedAt = loadedAt;
        _explainer = new Lazy<Explainer>(() => Explainer.For(loaded));
        PolicyMember = JsonSerializer.SerializeToUtf8Bytes(new PolicyName(Identity.Name, Identity.Hash), ServerJson.Options);
        ClaimSchema = PolicyDocuments.ClaimSchema(Policy);
    }

    public LoadedPolicy Loaded { get; }

    public BoundPolicy Policy { get; }

    public PolicyIdentity Identity => Loaded.Identity;

    public DateTimeOffset LoadedAt { get; }

    /// <summary>Decides claims: quick to have at first, replaced by the compiled one of the same policy when that is ready.</summary>
    public IPolicyEvaluator Evaluator
    {
        get => _evaluator;
        set => _evaluator = value;
    }

    public Explainer Explainer => _explainer.Value;

    /// <summary><c>{"name":…,"hash":…}</c>, as UTF-8.</summary>
    public byte[] PolicyMember { get; }

    public byte[] ClaimSchema { get; }

    private sealed record PolicyName(string Name, string Hash);
}

/// <summary>A version of the policy the service read and would not serve, and why.</summary>
internal sealed record RefusedPolicy(PolicyIdentity? Identity, DateTimeOffset RefusedAt, IReadOnlyList<PolicyDiagnostic> Errors, string? Reason);

/// <summary>The JSON settings of every response: camelCase, with the relaxed escaping the CLI writes.</summary>
internal static class ServerJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, PolicyDocuments.Compact))
        {
            body(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
